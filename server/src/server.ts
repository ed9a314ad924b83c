/**
 * The LSP adapter: the capabilities, and one short handler per request that asks the host modules
 * (host/) and the core (core/languageService.ts) and converts with convert.ts.
 * Nothing here knows about communiqués: all of that is in the core.
 *
 * host/settings.ts      settings, read per scope (document, workspace folder)
 * host/corpusPaths.ts   which corpus paths are read (settings + folders + trust)
 * host/knowledgeHost.ts the language service over the current knowledge base: rebuilds, watching, status
 * host/documents.ts     open documents, their findings, diagnostics (push and pull), the check worker
 * host/workspace.ts     workspace folders and draft files; host/views.ts the knowledge base's views
 */
import * as path from 'node:path';
import {
  CancellationToken,
  CodeActionKind,
  CompletionItemKind,
  Connection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  DocumentSymbol,
  InitializeError,
  InitializeParams,
  InitializeResult,
  InlineCompletionItem,
  Location,
  MarkupKind,
  SemanticTokens,
  SemanticTokensDelta,
  TextDocumentSyncKind,
  TextDocuments,
  ResponseError,
} from 'vscode-languageserver';
import { builtinCorpusDir, WATCH_GLOB } from './core/corpus/files';
import { TRIGGER_CHARACTERS } from './core/features/completion';
import {
  Locale,
  SEMANTIC_LEGEND,
  encodeSemanticTokens,
  localeOf,
  pick,
  toCompletionItem,
  toCompletionTrigger,
  toFoldingRanges,
  toHover,
  toInlineCompletionItem,
  toOffset,
  toSpan,
} from './convert';
import {
  CheckWorkspaceRequest,
  CheckWorkspaceResult,
  DETECT_DRAFT_CHARS,
  DetectDraftParams,
  DetectDraftRequest,
  KnowledgeBaseParams,
  KnowledgeBaseRequest,
  KnowledgeStatus,
  KnowledgeViewItem,
  KnowledgeViewParams,
  KnowledgeViewRequest,
  TrustParams,
  RebuildRequest,
  ReferenceItem,
  ReferencesRequest,
  SourceParams,
  SourceRequest,
  WorkspaceTrustNotification,
} from './protocol';
import { isTextOfLanguage } from './core/lang/detect';
import { corpusPaths, typedPaths } from './host/corpusPaths';
import { Documents } from './host/documents';
import { KnowledgeHost } from './host/knowledgeHost';
import { logLines, shortList } from './host/report';
import { Lifecycle } from './host/lifecycle';
import { createRunSafe } from './host/runSafe';
import { textDocumentSync } from './host/textSync';
import { ScopedSettings, corpusSettings } from './host/settings';
import { sourceText } from './host/sources';
import { kbMarkdown, knowledgeView, referenceItems } from './host/views';
import { WorkspaceFolders, uriToPath } from './host/workspace';
import { WorkspaceRequests } from './host/workspaceRequests';

export { DEFAULT_SETTINGS, readSettings } from './host/settings';
export { kbMarkdown, referenceItems } from './host/views';

/** Wires every handler on `connection`. Returns nothing: the connection owns the lifetime. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(textDocumentSync);
  let locale: Locale = 'en';
  let caps = { configuration: false, workDoneProgress: false, watchedFiles: false, pull: false, dynamicConfig: false, workspaceFolders: false, tokensRefresh: false };
  let trusted = true;
  /** The client shows corpus problems itself (initializationOptions.clientShowsCorpusProblems). */
  let clientShowsProblems = false;
  const folders = new WorkspaceFolders();
  /** A user-facing message in the client's language (English or Simplified Chinese). */
  const say = (en: string, zh: string) => pick({ en, zh }, locale);
  const settings = new ScopedSettings({
    report: (problems) => {
      for (const line of logLines(problems)) connection.console.warn(line);
      const en = shortList(problems, '; ', (n) => `and ${n} more (see the output)`);
      const zh = shortList(problems, '；', (n) => `另有 ${n} 项（详见输出面板）`);
      connection.window.showWarningMessage(say(`Chancery: invalid settings — ${en}. Defaults are used for these.`, `Chancery：设置无效——${zh}。这些设置将使用默认值。`));
    },
    log: (m) => connection.console.log(m),
    parent: (uri) => folders.of(uri)?.uri,
    changed: (uri) => docs.recheck(uri),
  });
  /** The corpus settings of the window and of each workspace folder, now. */
  const corpus = () => corpusSettings(settings, folders.list);
  const knowledge = new KnowledgeHost({
    connection,
    locale: () => locale,
    caps: () => caps,
    corpusPaths: async () => {
      const c = await corpus();
      const input = { builtin: c.includeBuiltin ? builtinCorpusDir() : undefined, paths: c.paths, folders: c.folders, trusted };
      return { ...corpusPaths(input), typed: typedPaths(input) };
    },
    clientShowsProblems: () => clientShowsProblems,
    insideWorkspace: (p) => folders.inside(p),
    onChange: () => docs.revalidateAll(),
  });
  const docs = new Documents({ connection, documents, knowledge, settings, locale: () => locale, caps: () => caps });
  const workspace = new WorkspaceRequests({ connection, documents: docs, knowledge, settings, folders: () => folders.paths, locale: () => locale });
  const life = new Lifecycle();
  const runSafe = createRunSafe(
    () => knowledge.readyOrLater(),
    (m) => connection.console.error(m),
    () => life.refusal(),
  );

  // ---------- lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    const again = life.initialize();
    if (again) return again as ResponseError<InitializeError>;
    locale = localeOf(params.locale);
    const c = params.capabilities;
    caps = {
      configuration: !!c.workspace?.configuration,
      dynamicConfig: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
      workDoneProgress: !!c.window?.workDoneProgress,
      workspaceFolders: !!c.workspace?.workspaceFolders,
      tokensRefresh: !!c.workspace?.semanticTokens?.refreshSupport,
      watchedFiles: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      // Diagnostics are pushed (publishDiagnostics, every version). A client that wants the pull
      // model instead opts in with initializationOptions.pullDiagnostics = true; any client may
      // still send textDocument/diagnostic and get an answer.
      pull: !!c.textDocument?.diagnostic && !!(params.initializationOptions as { pullDiagnostics?: boolean } | null)?.pullDiagnostics,
    };
    const init = params.initializationOptions as { workspaceTrusted?: boolean; clientShowsCorpusProblems?: boolean } | null;
    trusted = init?.workspaceTrusted !== false;
    clientShowsProblems = init?.clientShowsCorpusProblems === true;
    folders.init(params.workspaceFolders, params.rootUri);
    const ask = (scopes: readonly (string | undefined)[]) =>
      connection.workspace.getConfiguration(scopes.map((scopeUri) => (scopeUri === undefined ? { section: 'chancery' } : { scopeUri, section: 'chancery' })));
    settings.init(caps.configuration ? ask : undefined, params.initializationOptions);
    const result: InitializeResult = {
      serverInfo: { name: 'chancery', version: '0.1.0' },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // The list opens by itself only where it owns the position (core/features/completion.ts).
        completionProvider: { triggerCharacters: [...TRIGGER_CHARACTERS], resolveProvider: true },
        inlineCompletionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: { delta: true }, range: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
    if (caps.pull) {
      result.capabilities.diagnosticProvider = { identifier: 'chancery', interFileDependencies: false, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onInitialized(async () => {
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        const before = corpus();
        folders.change(e.added, e.removed);
        // Relative corpus paths are read in each folder: a folder more or less changes the corpus.
        const lists = [await before, await corpus()].flatMap((c) => (c.folders.length ? c.folders.map((f) => f.paths) : [c.paths]));
        if (lists.some((l) => l.some((p) => !path.isAbsolute(p)))) knowledge.rebuildSoon('workspace folders changed');
      });
    }
    if (caps.dynamicConfig) connection.client.register(DidChangeConfigurationNotification.type, { section: 'chancery' }).catch(() => undefined);
    if (caps.watchedFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] })
        .catch(() => undefined);
    }
    await knowledge.start(() => settings.load(folders.list.map((f) => f.uri)));
  });

  connection.onShutdown(() => {
    life.shutdown();
    docs.dispose();
    knowledge.dispose();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const before = JSON.stringify(await corpus());
    if (!caps.configuration && change.settings) settings.setFallback(change.settings);
    settings.invalidate();
    await settings.load([...folders.list.map((f) => f.uri), ...documents.keys()]);
    if (JSON.stringify(await corpus()) !== before) knowledge.rebuildSoon('settings changed');
    else docs.revalidateAll();
  });

  connection.onDidChangeWatchedFiles((p) => {
    const hits = p.changes.map((c) => uriToPath(c.uri)).filter((f): f is string => !!f && knowledge.underCorpus(f));
    if (hits.length) knowledge.rebuildSoon(`corpus changed: ${hits[0]}`);
  });

  connection.onNotification(WorkspaceTrustNotification.method, (p: TrustParams) => {
    if (trusted === !!p?.trusted) return;
    trusted = !!p?.trusted;
    knowledge.rebuildSoon(trusted ? 'workspace trusted' : 'workspace no longer trusted');
  });

  // ---------- documents + diagnostics

  documents.onDidOpen((e) => {
    docs.opened(e.document.uri);
    settings.ask(e.document.uri);
  });
  documents.onDidChangeContent((e) => docs.schedule(e.document.uri));
  documents.onDidClose((e) => {
    docs.closed(e.document.uri);
    settings.forget(e.document.uri);
  });

  connection.languages.diagnostics.on((p, token) =>
    runSafe(token, 'diagnostic', async () => ({ kind: DocumentDiagnosticReportKind.Full, items: await docs.diagnostics(p.textDocument.uri) }), {
      kind: DocumentDiagnosticReportKind.Full,
      items: [] as Diagnostic[],
    }) as Promise<DocumentDiagnosticReport>,
  );

  // ---------- features

  connection.onHover((p, token) =>
    runSafe(token, 'hover', () => {
      const st = docs.doc(p.textDocument.uri);
      const h = st && knowledge.service?.hover(st.text, toOffset(st.lines, p.position));
      return st && h ? toHover(h, st.lines) : null;
    }, null),
  );

  connection.onCompletion((p, token) =>
    runSafe(token, 'completion', () => {
      const st = docs.doc(p.textDocument.uri);
      const service = knowledge.service;
      if (!st || !service) return [];
      const items = service.complete(st.text, toOffset(st.lines, p.position), token, toCompletionTrigger(p.context)).map((e) => toCompletionItem(e, st.lines));
      // Instruments are capped and filtered by what is typed, and an empty answer may fill as the
      // typing goes on (jj → jjlt): ask again as the prefix grows.
      return { isIncomplete: items.length === 0 || items.some((i) => i.kind === CompletionItemKind.Reference), items };
    }, null),
  );

  // The full description of an instrument the editor shows in the list (the list carries a line).
  connection.onCompletionResolve((item, token) =>
    runSafe(token, 'completionItem/resolve', () => {
      const id = (item.data as { instrument?: unknown } | undefined)?.instrument;
      const md = typeof id === 'string' ? knowledge.service?.resolveCompletion(id) : undefined;
      return md ? { ...item, documentation: { kind: MarkupKind.Markdown, value: md } } : item;
    }, item),
  );

  // Ghost text: the top of the completion list where it only adds text after the cursor.
  connection.languages.inlineCompletion.on((p, token) =>
    runSafe(token, 'inlineCompletion', () => {
      const st = docs.doc(p.textDocument.uri);
      const service = knowledge.service;
      if (!st || !service) return { items: [] };
      const items = service.inlineComplete(st.text, toOffset(st.lines, p.position), token).map((e) => toInlineCompletionItem(e, st.lines));
      return { items: items.filter((i): i is InlineCompletionItem => !!i) };
    }, { items: [] as InlineCompletionItem[] }),
  );

  connection.onCodeAction((p, token) => runSafe(token, 'codeAction', () => docs.codeActions(p.textDocument.uri, p.range, p.context.only), []));

  connection.onDocumentSymbol((p, token) => runSafe(token, 'documentSymbol', () => docs.outline(p.textDocument.uri), [] as DocumentSymbol[]));

  connection.onDefinition((p, token) =>
    runSafe(token, 'definition', () => {
      const st = docs.doc(p.textDocument.uri);
      if (!st || !knowledge.service) return [];
      return knowledge.service.definition(st.text, toOffset(st.lines, p.position)).map(knowledge.locate).filter((l): l is Location => !!l);
    }, []),
  );

  connection.onReferences((p, token) =>
    runSafe(token, 'references', async () => {
      const st = docs.doc(p.textDocument.uri);
      const service = knowledge.service;
      const id = st && service?.instrumentAt(st.text, toOffset(st.lines, p.position));
      return id ? workspace.references(id, token) : [];
    }, []),
  );

  connection.languages.semanticTokens.on((p, token) => runSafe(token, 'semanticTokens', () => docs.tokens(p.textDocument.uri), { resultId: '', data: [] as number[] }));

  // The visible range (an editor asks for it first in a large document): from the lines that hold it.
  connection.languages.semanticTokens.onRange((p, token) =>
    runSafe(token, 'semanticTokens/range', () => {
      const st = docs.doc(p.textDocument.uri);
      const service = knowledge.service;
      return { data: st && service ? encodeSemanticTokens(service.semanticTokens(st.text, toSpan(st.lines, p.range)), st.lines) : [] };
    }, { data: [] as number[] }),
  );

  // After an edit: only what changed since the tokens the client holds (the whole set when the
  // server no longer has them).
  connection.languages.semanticTokens.onDelta((p, token) =>
    runSafe<SemanticTokens | SemanticTokensDelta | ResponseError<void>>(token, 'semanticTokens/delta', () => docs.tokensSince(p.textDocument.uri, p.previousResultId), { data: [] }),
  );

  connection.onFoldingRanges((p, token) =>
    runSafe(token, 'foldingRange', () => {
      const st = docs.doc(p.textDocument.uri);
      return st && knowledge.service ? toFoldingRanges(knowledge.service.folding(st.text), st.lines) : [];
    }, []),
  );

  // ---------- custom requests (protocol.ts)

  connection.onRequest(KnowledgeBaseRequest.method, (p: KnowledgeBaseParams | undefined, token: CancellationToken) =>
    runSafe(token, 'knowledgeBase', () => {
      const kb = knowledge.service?.kb;
      if (p?.format === 'json') return { format: 'json' as const, content: JSON.stringify(kb ?? null, null, 2) };
      return { format: 'markdown' as const, content: kb ? kbMarkdown(kb, locale) : say('(no knowledge base yet)', '（知识库尚未建成）') };
    }, { format: 'markdown' as const, content: '' }),
  );

  connection.onRequest(KnowledgeViewRequest.method, (p: KnowledgeViewParams | undefined, token: CancellationToken) =>
    runSafe(token, 'knowledgeView', () => (knowledge.service ? knowledgeView(knowledge.service.kb, locale, typeof p?.parent === 'string' ? p.parent : undefined) : []), [] as KnowledgeViewItem[]),
  );

  connection.onRequest(SourceRequest.method, (p: SourceParams | undefined, token: CancellationToken) =>
    runSafe(token, 'source', () => (knowledge.service && typeof p?.uri === 'string' ? sourceText(knowledge.service.kb, p.uri) : null), null),
  );

  connection.onRequest(DetectDraftRequest.method, (p: DetectDraftParams | undefined, token: CancellationToken) =>
    runSafe(token, 'detectDraft', () => ({ draft: typeof p?.text === 'string' && isTextOfLanguage(p.text.slice(0, DETECT_DRAFT_CHARS)) }), { draft: false }),
  );

  connection.onRequest(RebuildRequest.method, (): Promise<KnowledgeStatus> | ResponseError<void> => life.refusal() ?? knowledge.rebuildNow());

  connection.onRequest(ReferencesRequest.method, (token: CancellationToken) =>
    runSafe(token, 'references list', () => (knowledge.service ? referenceItems(knowledge.service) : []), [] as ReferenceItem[]),
  );

  connection.onRequest(CheckWorkspaceRequest.method, (token: CancellationToken) =>
    runSafe(token, 'checkWorkspace', () => workspace.checkAll(token), {
      files: [],
      total: 0,
    } as CheckWorkspaceResult),
  );

  documents.listen(connection);
  connection.listen();
}
