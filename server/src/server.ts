/**
 * The LSP adapter: capabilities, open documents, settings, knowledge-base (re)builds, and one
 * short handler per request that calls the core (core/index.ts) and converts with convert.ts.
 * Nothing here knows about communiqués: all of that is in the core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  Connection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  DocumentSymbol,
  InitializeParams,
  InitializeResult,
  InlineCompletionItem,
  LSPErrorCodes,
  Location,

  ResponseError,
  SemanticTokens,
  SemanticTokensDelta,
  TextDocumentSyncKind,
  TextDocuments,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinCorpusDir, openableUri, WATCH_GLOB } from './core/corpus/files';
import { documentFormat } from './core/corpus/formats';
import { createLanguageService, type ChanceryService } from './core/languageService';
import { buildKnowledge, type BuildResult } from './buildWorker';
import { CHECK_WORKER_MIN_CHARS, CheckWorker, Stopped, Superseded, limited, type CheckResult } from './checkWorker';
import type { Finding, Provenance } from './core/types';
import {
  LineIndex,
  Locale,
  SEMANTIC_LEGEND,
  encodeSemanticTokens,
  localeOf,
  pick,
  toCodeAction,
  toCompletionItem,
  toDiagnostic,
  MAX_OUTLINE_PARAGRAPHS,
  toOutline,
  toFoldingRanges,
  toHover,
  toInlineCompletionItem,
  toOffset,
  toRange,
  toSpan,
  tooManyProblems,
  tokensDelta,
} from './convert';
import {
  ChancerySettings,
  CheckWorkspaceRequest,
  CheckWorkspaceResult,
  KnowledgeBaseParams,
  KnowledgeBaseRequest,
  KnowledgeStatus,
  TrustParams,
  RebuildRequest,
  ReferenceItem,
  ReferencesRequest,
  StatusNotification,
  WorkspaceTrustNotification,
} from './protocol';
import { DEFAULT_SETTINGS, diagnoseOptions, readSettings } from './settings';
import { kbMarkdown, listDrafts, referenceItems, uriToPath } from './workspace';

export { DEFAULT_SETTINGS, readSettings } from './settings';
export { kbMarkdown, referenceItems } from './workspace';

// ------------------------------------------------------------------------------------------

const DIAGNOSTIC_DELAY_MS = 60;
/** How long a request waits for the first knowledge-base build before it is answered without it. */
const FIRST_BUILD_WAIT_MS = waitSetting(process.env.CHANCERY_FIRST_BUILD_WAIT_MS, 5000); // env: tests

function waitSetting(v: string | undefined, dflt: number): number {
  const n = Number(v);
  return v && Number.isFinite(n) && n >= 0 ? n : dflt;
}

interface DocState {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
}

interface Cached {
  version: number;
  generation: number;
  /** The findings published (the first maxProblems). */
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** How many findings the check gave. */
  total: number;
}

/** Wires every handler on `connection`. Returns nothing: the connection owns the lifetime. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let locale: Locale = 'en';
  let workspaceFolders: string[] = [];
  let initOptions: unknown;
  let settings: ChancerySettings = structuredClone(DEFAULT_SETTINGS);
  let caps = { configuration: false, workDoneProgress: false, watchedFiles: false, pull: false, dynamicConfig: false, workspaceFolders: false, tokensRefresh: false };
  let service: ChanceryService | undefined;
  let generation = 0; // bumped by every finished knowledge-base build
  let building = 0; // id of the latest requested build
  let corpusDocs = new Map<string, { text: string; lines?: LineIndex; file?: string }>();
  let corpusRoots: string[] = [];
  let fsWatchers: fs.FSWatcher[] = [];
  let ready: Promise<void> = Promise.resolve();
  let currentBuild: { cancel: () => void } | undefined;
  let trusted = true;
  let pathProblems: string[] = [];
  const cache = new Map<string, Cached>();
  const timers = new Map<string, NodeJS.Timeout>();
  const log = (m: string) => connection.console.log(m);
  /** A user-facing message in the client's language (English or Simplified Chinese). */
  const say = (en: string, zh: string) => pick({ en, zh }, locale);

  // ---------- helpers

  const docState = new Map<string, DocState>();
  function doc(uri: string): DocState | undefined {
    const d = documents.get(uri);
    if (!d) return undefined;
    let st = docState.get(uri);
    if (!st || st.version !== d.version) {
      const text = d.getText();
      st = { uri, version: d.version, text, lines: new LineIndex(text) };
      docState.set(uri, st);
    }
    return st;
  }

  /**
   * Waits for the first knowledge-base build, at most FIRST_BUILD_WAIT_MS: a request during the
   * build of a very large corpus is then answered without it (empty results) instead of waiting
   * for the whole build (40 s for a whole disk). Diagnostics still wait for it and come when it is done.
   */
  async function readyOrLater(): Promise<void> {
    if (service) return; // built: no wait, and no timer per request
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_BUILD_WAIT_MS)))]);
    clearTimeout(timer);
  }

  function runSafe<T>(token: CancellationToken | undefined, name: string, fn: () => T | Promise<T>, fallback: T) {
    return new Promise<T | ResponseError<void>>((resolve) => {
      setImmediate(async () => {
        if (token?.isCancellationRequested) return resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
        try {
          await readyOrLater();
          const r = await fn();
          if (token?.isCancellationRequested) resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
          else resolve(r);
        } catch (e) {
          connection.console.error(`chancery: ${name} failed: ${(e as Error)?.stack ?? e}`);
          resolve(fallback);
        }
      });
    });
  }

  function locate(p: Provenance): Location | undefined {
    const c = corpusDocs.get(p.uri);
    const uri = openableUri(p.uri);
    // a Word document or a web page: the file itself (its lines are not those of the text read from it)
    if (documentFormat(p.uri)) return Location.create(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    if (!c) return Location.create(uri, { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } });
    c.lines ??= new LineIndex(c.text);
    return Location.create(uri, toRange(c.lines, { start: p.offset, end: p.offset + p.length }));
  }

  /**
   * The diagnostics to publish for a check: its findings (the first maxProblems: `limited`), then
   * one note on the rest. Only the findings shown are converted and kept (code actions need no others).
   */
  function publishable(r: CheckResult, lines: LineIndex, version?: number): Diagnostic[] {
    const diagnostics = r.findings.map((f, index) => toDiagnostic(f, lines, locale, locate, version === undefined ? undefined : { index, version }));
    if (r.firstOmitted) diagnostics.push(tooManyProblems(r.firstOmitted, r.total, r.findings.length, lines, locale));
    return diagnostics;
  }

  /** Checks in flight in the check worker, per document. */
  const pending = new Map<string, { version: number; generation: number; result: Promise<Cached> }>();
  const checker = CheckWorker.available()
    ? new CheckWorker(() => (service ? { kb: service.kb, generation, locale, formulas: service.formulas } : undefined), log)
    : undefined;

  /**
   * The findings of a document's current version: cached, or checked — on the main thread, or in
   * the check worker for large drafts (checkWorker.ts) so that other requests are not held up.
   */
  async function findingsFor(st: DocState): Promise<Cached> {
    const c = cache.get(st.uri);
    if (c && c.version === st.version && c.generation === generation) return c;
    const max = settings.diagnostics.maxProblems;
    const options = diagnoseOptions(settings);
    const onMainThread = () => limited(service ? service.diagnose(st.text, options) : [], max);
    if (!checker || !service || st.text.length < CHECK_WORKER_MIN_CHARS) return store(st, generation, onMainThread());
    const p = pending.get(st.uri);
    if (p && p.version === st.version && p.generation === generation) return p.result;
    const gen = generation;
    const result = checker.check(st.uri, st.text, options, max).then(
      (r) => store(st, gen, r),
      (e) => {
        const none: Cached = { version: st.version, generation: gen, findings: [], diagnostics: [], total: 0 };
        if (e instanceof Stopped) return none; // shutting down
        // Replaced by a newer version while queued: answer with the newest (or nothing if closed).
        if (e instanceof Superseded) {
          const now = doc(st.uri);
          return now ? findingsFor(now) : none;
        }
        log(`chancery: ${e?.message ?? e}; checking ${st.uri} on the main thread`);
        return store(st, gen, onMainThread());
      },
    );
    pending.set(st.uri, { version: st.version, generation: gen, result });
    void result.finally(() => {
      if (pending.get(st.uri)?.result === result) pending.delete(st.uri);
    });
    return result;
  }

  /**
   * A whole-document result (semantic tokens, outline) of a large draft from the check worker, so
   * that other requests are answered meanwhile; on the main thread for smaller drafts or when the
   * worker fails. A job replaced by a newer version of the document answers ContentModified (the
   * client asks again).
   */
  async function inWorker<T>(st: DocState, job: (w: CheckWorker) => Promise<T>, onMainThread: () => T): Promise<T | ResponseError<void>> {
    if (!checker || st.text.length < CHECK_WORKER_MIN_CHARS) return onMainThread();
    try {
      return await job(checker);
    } catch (e) {
      if (e instanceof Superseded) return new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
      if (e instanceof Stopped) return new ResponseError(LSPErrorCodes.RequestCancelled, 'the server is shutting down');
      log(`chancery: ${(e as Error)?.message ?? e}; computing on the main thread`);
      return onMainThread();
    }
  }

  /** Documents whose outline was cut at MAX_OUTLINE_PARAGRAPHS (logged once each). */
  const outlineCut = new Set<string>();

  /** Converts and caches a check of `st` (unless a newer version is cached already). */
  function store(st: DocState, gen: number, r: CheckResult): Cached {
    const fresh: Cached = { version: st.version, generation: gen, findings: r.findings, diagnostics: publishable(r, st.lines, st.version), total: r.total };
    const cur = cache.get(st.uri);
    if (gen === generation && documents.get(st.uri) && (!cur || cur.generation !== generation || cur.version <= st.version)) cache.set(st.uri, fresh);
    return fresh;
  }

  function schedule(uri: string, delay = DIAGNOSTIC_DELAY_MS) {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void publish(uri);
      }, delay),
    );
  }

  async function publish(uri: string) {
    if (caps.pull) return; // the client pulls (opted in); pushing too would show every diagnostic twice
    await ready;
    const st = doc(uri);
    if (!st) return;
    try {
      const r = await findingsFor(st);
      // Stale results never overwrite newer ones: publish only for the version still open.
      if (documents.get(uri)?.version !== r.version) return;
      await connection.sendDiagnostics({ uri, version: r.version, diagnostics: r.diagnostics });
    } catch (e) {
      connection.console.error(`chancery: diagnostics for ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  function revalidateAll() {
    cache.clear();
    for (const d of documents.all()) schedule(d.uri, 0);
    if (caps.pull) connection.languages.diagnostics.refresh().catch(() => undefined);
    // Places, officials and formulas come from the knowledge base: ask for fresh tokens.
    if (caps.tokensRefresh) connection.languages.semanticTokens.refresh().catch(() => undefined);
  }

  function status(state: KnowledgeStatus['state'], message?: string): KnowledgeStatus {
    const kb = service?.kb;
    const s = service?.summary();
    return {
      state,
      instruments: s?.instruments ?? 0,
      events: s?.events ?? 0,
      abbreviations: s?.abbreviations ?? 0,
      officials: s?.officials ?? 0,
      sources: s?.sources ?? 0,
      problems: s?.problems ?? 0,
      chars: kb ? kb.sources.reduce((n, x) => n + x.chars, 0) : 0,
      message,
    };
  }

  // ---------- corpus + knowledge base

  /**
   * Corpus paths to read: the embedded corpus, then each configured path (workspace-relative ones
   * against each folder). A relative path that climbs out of the workspace is refused; in an
   * untrusted workspace nothing outside the workspace folders is read (symlinks resolved).
   * Refusals are collected in `pathProblems` and shown to the user.
   */
  function resolveCorpusPaths(s: ChancerySettings): string[] {
    pathProblems = [];
    const out: string[] = [];
    if (s.corpus.includeBuiltin) out.push(builtinCorpusDir());
    const real = (p: string) => {
      try {
        return fs.realpathSync(p);
      } catch {
        return path.resolve(p);
      }
    };
    const roots = workspaceFolders.map(real);
    const inside = (p: string) => {
      const r = real(p);
      return roots.some((w) => r === w || r.startsWith(w + path.sep));
    };
    for (const p0 of s.corpus.paths) {
      let p = p0.trim();
      if (!p) continue;
      if (p.startsWith('file://')) {
        try {
          p = fileURLToPath(p);
        } catch {
          pathProblems.push(`chancery.corpus.paths: "${p0}" is not a valid file uri; ignored`);
          continue;
        }
      }
      if (p.startsWith('~/')) p = path.join(process.env.HOME ?? '', p.slice(2));
      let candidates: string[];
      if (path.isAbsolute(p)) candidates = [path.normalize(p)];
      else {
        const bases = workspaceFolders.length ? workspaceFolders : [process.cwd()];
        candidates = bases.map((w) => path.resolve(w, p));
        if (workspaceFolders.length && !candidates.some((c) => workspaceFolders.some((w) => c === w || c.startsWith(w + path.sep)))) {
          pathProblems.push(`chancery.corpus.paths: "${p0}" is a relative path that leads outside the workspace folders; ignored (use an absolute path)`);
          continue;
        }
      }
      if (!trusted) {
        const ok = candidates.filter((c) => inside(c));
        if (ok.length < candidates.length) {
          pathProblems.push(`chancery.corpus.paths: "${p0}" is outside the workspace folders and the workspace is not trusted; ignored (trust the workspace to read it)`);
        }
        candidates = ok;
        if (!candidates.length) continue;
      }
      const existing = candidates.filter((c) => fs.existsSync(c));
      out.push(...(existing.length ? existing : [candidates[0]]));
    }
    return [...new Set(out)];
  }

  async function rebuild(reason: string): Promise<KnowledgeStatus> {
    const id = ++building;
    const paths = resolveCorpusPaths(settings);
    if (pathProblems.length) {
      for (const p of pathProblems) connection.console.warn(`chancery: ${p}`);
      connection.window.showWarningMessage(say(`Chancery: ${pathProblems.join('; ')}`, `Chancery：部分语料路径未读取——${pathProblems.join('；')}`));
    }
    let progress: WorkDoneProgressServerReporter | undefined;
    if (caps.workDoneProgress) {
      try {
        progress = await connection.window.createWorkDoneProgress();
        progress.begin('Chancery', 0, `Building the knowledge base (${reason})`, false);
      } catch {
        progress = undefined;
      }
    }
    connection.sendNotification(StatusNotification.method, status('building', reason)).catch(() => undefined);
    const started = Date.now();
    try {
      currentBuild?.cancel();
      const job = buildKnowledge(paths, (files, stage) => {
        if (stage === 'reading') progress?.report(Math.min(60, files), `${files} file(s) read`);
        else progress?.report(70, `${files} document(s) read, extracting…`);
      }, { inProcess: paths.length === 1 && paths[0] === builtinCorpusDir() });
      currentBuild = job;
      let built: BuildResult;
      try {
        built = await job.result;
      } catch (e) {
        if (id !== building) return status('building', 'superseded');
        throw e;
      }
      if (id !== building) return status('building', 'superseded');
      const { kb, phrasing, docs } = built;
      service = createLanguageService({ kb, phrasing, locale });
      corpusDocs = new Map(docs.map((d) => [d.uri, { text: d.text }]));
      corpusRoots = paths;
      generation++;
      const sum = service.summary();
      log(
        `chancery: knowledge base built in ${Date.now() - started} ms (${reason}, ${built.where} thread): ${sum.instruments} instruments, ${sum.events} events, ` +
          `${sum.officials} officials, ${sum.abbreviations} abbreviations from ${sum.sources} source(s)`,
      );
      for (const p of kb.problems) connection.console.warn(`chancery: corpus problem: ${p.uri}: ${pick(p.message, locale)}`);
      if (kb.problems.length) {
        const first = kb.problems[0];
        connection.window.showWarningMessage(
          say(
            `Chancery: ${kb.problems.length} corpus problem(s); first: ${first.uri}: ${pick(first.message, locale)} (see the output channel)`,
            `Chancery：语料中有 ${kb.problems.length} 个问题；第一个：${first.uri}：${pick(first.message, locale)}（详见输出面板）`,
          ),
        );
      }
      watchCorpus(paths);
      const st = status('ready');
      connection.sendNotification(StatusNotification.method, st).catch(() => undefined);
      revalidateAll();
      return st;
    } catch (e) {
      connection.console.error(`chancery: knowledge base build failed: ${(e as Error)?.stack ?? e}`);
      connection.window.showErrorMessage(say(`Chancery: the knowledge base could not be built: ${(e as Error)?.message ?? e}`, `Chancery：无法构建知识库：${(e as Error)?.message ?? e}`));
      const st = status('error', String((e as Error)?.message ?? e));
      connection.sendNotification(StatusNotification.method, st).catch(() => undefined);
      return st;
    } finally {
      progress?.done();
    }
  }

  let rebuildTimer: NodeJS.Timeout | undefined;
  function rebuildSoon(reason: string) {
    clearTimeout(rebuildTimer);
    rebuildTimer = setTimeout(() => {
      // Requests keep being served by the current knowledge base while a new one is built;
      // only the first build (startup) makes them wait.
      const p = rebuild(reason).then(() => undefined);
      if (!service) ready = p;
    }, 150);
  }

  function insideWorkspace(p: string): boolean {
    return workspaceFolders.some((w) => p === w || p.startsWith(w + path.sep));
  }

  /** fs watchers for corpus folders the client does not watch (outside the workspace, or no client watching). */
  function watchCorpus(paths: string[]) {
    for (const w of fsWatchers) w.close();
    fsWatchers = [];
    const builtin = builtinCorpusDir();
    for (const p of paths) {
      if (p === builtin) continue;
      if (caps.watchedFiles && insideWorkspace(p)) continue;
      try {
        if (!fs.existsSync(p)) continue;
        const w = fs.watch(p, { recursive: fs.statSync(p).isDirectory(), persistent: false }, () => rebuildSoon(`corpus changed: ${p}`));
        w.on('error', () => undefined);
        fsWatchers.push(w);
      } catch (e) {
        log(`chancery: cannot watch ${p}: ${(e as Error).message}`);
      }
    }
  }

  function underCorpus(file: string): boolean {
    return corpusRoots.some((r) => file === r || file.startsWith(r + path.sep));
  }

  async function loadSettings(): Promise<void> {
    let raw: unknown = initOptions;
    if (caps.configuration) {
      try {
        const [fromClient] = await connection.workspace.getConfiguration([{ section: 'chancery' }]);
        if (fromClient !== null && fromClient !== undefined) raw = { chancery: fromClient };
      } catch (e) {
        log(`chancery: workspace/configuration failed: ${(e as Error).message}`);
      }
    }
    const { settings: s, problems } = readSettings(raw);
    settings = s;
    if (problems.length) {
      for (const p of problems) connection.console.warn(`chancery: ${p}`);
      connection.window.showWarningMessage(
        say(`Chancery: invalid settings — ${problems.join('; ')}. Defaults are used for these.`, `Chancery：设置无效——${problems.join('；')}。这些设置将使用默认值。`),
      );
    }
  }

  // ---------- lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    locale = localeOf(params.locale);
    initOptions = params.initializationOptions;
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
    trusted = (params.initializationOptions as { workspaceTrusted?: boolean } | null)?.workspaceTrusted !== false;
    workspaceFolders = (params.workspaceFolders ?? [])
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => !!p);
    if (!workspaceFolders.length && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) workspaceFolders = [p];
    }
    settings = readSettings(initOptions).settings;
    const result: InitializeResult = {
      serverInfo: { name: 'chancery', version: '0.1.0' },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['《', '〈', '》', '在', '（', '(', '。'], resolveProvider: false },
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
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
        workspaceFolders = workspaceFolders.filter((w) => !removed.has(w)).concat(added);
        if (settings.corpus.paths.some((p) => !path.isAbsolute(p))) rebuildSoon('workspace folders changed');
      });
    }
    if (caps.dynamicConfig) connection.client.register(DidChangeConfigurationNotification.type, { section: 'chancery' }).catch(() => undefined);
    if (caps.watchedFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] })
        .catch(() => undefined);
    }
    ready = (async () => {
      await loadSettings();
      await rebuild('startup');
    })();
    await ready;
  });

  connection.onShutdown(() => {
    checker?.dispose();
    currentBuild?.cancel();
    for (const w of fsWatchers) w.close();
    for (const t of timers.values()) clearTimeout(t);
  });

  connection.onDidChangeConfiguration(async (change) => {
    const before = JSON.stringify(settings.corpus);
    if (!caps.configuration && change.settings) initOptions = change.settings;
    await loadSettings();
    if (JSON.stringify(settings.corpus) !== before) rebuildSoon('settings changed');
    else revalidateAll();
  });

  connection.onDidChangeWatchedFiles((p) => {
    const hits = p.changes.map((c) => uriToPath(c.uri)).filter((f): f is string => !!f && underCorpus(f));
    if (hits.length) rebuildSoon(`corpus changed: ${hits[0]}`);
  });


  connection.onNotification(WorkspaceTrustNotification.method, (p: TrustParams) => {
    if (trusted === !!p?.trusted) return;
    trusted = !!p?.trusted;
    rebuildSoon(trusted ? 'workspace trusted' : 'workspace no longer trusted');
  });

  // ---------- documents + diagnostics

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    cache.delete(e.document.uri);
    docState.delete(e.document.uri);
    outlineCut.delete(e.document.uri);
    sentTokens.delete(e.document.uri);
    if (!caps.pull) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.languages.diagnostics.on((p, token) =>
    runSafe(token, 'diagnostic', async () => {
      const st = doc(p.textDocument.uri);
      const items = st ? (await findingsFor(st)).diagnostics : [];
      return { kind: DocumentDiagnosticReportKind.Full, items };
    }, { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }) as Promise<DocumentDiagnosticReport>,
  );

  // ---------- features

  connection.onHover((p, token) =>
    runSafe(token, 'hover', () => {
      const st = doc(p.textDocument.uri);
      const h = st && service?.hover(st.text, toOffset(st.lines, p.position));
      return st && h ? toHover(h, st.lines) : null;
    }, null),
  );

  connection.onCompletion((p, token) =>
    runSafe(token, 'completion', () => {
      const st = doc(p.textDocument.uri);
      if (!st || !service) return [];
      const items = service.complete(st.text, toOffset(st.lines, p.position), token).map((e) => toCompletionItem(e, st.lines));
      // Instruments are capped and filtered by the typed prefix: ask again as the prefix grows.
      return { isIncomplete: items.some((i) => i.kind === CompletionItemKind.Reference), items };
    }, null),
  );

  // Ghost text: the top of the completion list where it only adds text after the cursor.
  connection.languages.inlineCompletion.on((p, token) =>
    runSafe(token, 'inlineCompletion', () => {
      const st = doc(p.textDocument.uri);
      if (!st || !service) return { items: [] };
      const items = service.inlineComplete(st.text, toOffset(st.lines, p.position), token).map((e) => toInlineCompletionItem(e, st.lines));
      return { items: items.filter((i): i is InlineCompletionItem => !!i) };
    }, { items: [] as InlineCompletionItem[] }),
  );

  connection.onCodeAction((p, token) =>
    runSafe(token, 'codeAction', async () => {
      const st = doc(p.textDocument.uri);
      if (!st || !service) return [];
      const { findings, diagnostics } = await findingsFor(st);
      if (!service) return [];
      const entries = service.codeActions(st.text, toSpan(st.lines, p.range), findings);
      const wanted = p.context.only;
      return entries
        .map((e) => toCodeAction(e, st.uri, st.version, st.lines, diagnostics))
        .filter((a: CodeAction) => !wanted || wanted.some((k) => a.kind === k || a.kind?.startsWith(k + '.')));
    }, []),
  );

  connection.onDocumentSymbol((p, token) =>
    runSafe(token, 'documentSymbol', async () => {
      const st = doc(p.textDocument.uri);
      const svc = service;
      if (!st || !svc) return [];
      const r = await inWorker(st, (w) => w.outline(st.uri, st.text, MAX_OUTLINE_PARAGRAPHS), () => toOutline(svc.symbols(st.text), st.lines));
      if (r instanceof ResponseError) return r;
      if (r.total > r.symbols.length && !outlineCut.has(st.uri)) {
        outlineCut.add(st.uri);
        log(`chancery: the outline of ${st.uri} shows its first ${r.symbols.length} of ${r.total} paragraphs`);
      }
      return r.symbols;
    }, [] as DocumentSymbol[]),
  );

  connection.onDefinition((p, token) =>
    runSafe(token, 'definition', () => {
      const st = doc(p.textDocument.uri);
      if (!st || !service) return [];
      return service.definition(st.text, toOffset(st.lines, p.position)).map(locate).filter((l): l is Location => !!l);
    }, []),
  );

  connection.onReferences((p, token) =>
    runSafe(token, 'references', async () => {
      const st = doc(p.textDocument.uri);
      const id = st && service?.instrumentAt(st.text, toOffset(st.lines, p.position));
      if (!st || !service || !id) return [];
      const out: Location[] = [];
      for (const { uri, text, lines } of await workspaceTexts(token)) {
        for (const span of service.mentionsOf(text, id)) out.push(Location.create(uri, toRange(lines(), span)));
      }
      return out;
    }, []),
  );

  /** The encoded tokens last sent per document, for `semanticTokens/full/delta`. */
  const sentTokens = new Map<string, { resultId: string; data: Uint32Array }>();
  let tokensResult = 0;

  /** The current tokens of a document, remembered under a new result id. */
  async function currentTokens(uri: string): Promise<{ resultId: string; data: number[] } | ResponseError<void>> {
    const st = doc(uri);
    const svc = service;
    if (!st || !svc) return { resultId: '', data: [] };
    const data = await inWorker(st, (w) => w.tokens(st.uri, st.text), () => encodeSemanticTokens(svc.semanticTokens(st.text), st.lines));
    if (data instanceof ResponseError) return data;
    const resultId = String(++tokensResult);
    if (documents.get(uri)) sentTokens.set(uri, { resultId, data: Uint32Array.from(data) });
    return { resultId, data };
  }

  connection.languages.semanticTokens.on((p, token) =>
    runSafe(token, 'semanticTokens', () => currentTokens(p.textDocument.uri), { resultId: '', data: [] as number[] }),
  );

  // The visible range (an editor asks for it first in a large document): from the lines that hold it.
  connection.languages.semanticTokens.onRange((p, token) =>
    runSafe(token, 'semanticTokens/range', () => {
      const st = doc(p.textDocument.uri);
      return { data: st && service ? encodeSemanticTokens(service.semanticTokens(st.text, toSpan(st.lines, p.range)), st.lines) : [] };
    }, { data: [] as number[] }),
  );

  // After an edit: only what changed since the tokens the client holds (the whole set when the
  // server no longer has them).
  connection.languages.semanticTokens.onDelta((p, token) =>
    runSafe<SemanticTokens | SemanticTokensDelta | ResponseError<void>>(token, 'semanticTokens/delta', async () => {
      const before = sentTokens.get(p.textDocument.uri);
      const now = await currentTokens(p.textDocument.uri);
      if (now instanceof ResponseError || !before || before.resultId !== p.previousResultId) return now;
      return { resultId: now.resultId, edits: tokensDelta(before.data, now.data) };
    }, { data: [] }),
  );

  connection.onFoldingRanges((p, token) =>
    runSafe(token, 'foldingRange', () => {
      const st = doc(p.textDocument.uri);
      return st && service ? toFoldingRanges(service.folding(st.text), st.lines) : [];
    }, []),
  );

  // ---------- custom requests (protocol.ts)

  connection.onRequest(KnowledgeBaseRequest.method, (p: KnowledgeBaseParams | undefined, token: CancellationToken) =>
    runSafe(token, 'knowledgeBase', () => {
      const kb = service?.kb;
      if (p?.format === 'json') return { format: 'json' as const, content: JSON.stringify(kb ?? null, null, 2) };
      return { format: 'markdown' as const, content: kb ? kbMarkdown(kb) : '(no knowledge base yet)' };
    }, { format: 'markdown' as const, content: '' }),
  );

  connection.onRequest(RebuildRequest.method, async (): Promise<KnowledgeStatus> => {
    clearTimeout(rebuildTimer);
    const p = rebuild('requested');
    if (!service) ready = p.then(() => undefined);
    return p;
  });

  connection.onRequest(ReferencesRequest.method, (token: CancellationToken) =>
    runSafe(token, 'references list', () => (service ? referenceItems(service) : []), [] as ReferenceItem[]),
  );

  connection.onRequest(CheckWorkspaceRequest.method, (token: CancellationToken) =>
    runSafe(token, 'checkWorkspace', async () => {
      const result: CheckWorkspaceResult = { files: [], total: 0 };
      if (!service) return result;
      for (const { uri, text, lines, open } of await workspaceTexts(token)) {
        if (token.isCancellationRequested) break;
        // An open document's published findings, unless the limit cut them (then count them all).
        const cached = open ? await findingsFor(doc(uri)!) : undefined;
        const findings = cached && cached.total === cached.findings.length ? cached.findings : service.diagnose(text, diagnoseOptions(settings), token);
        if (!open) connection.sendDiagnostics({ uri, diagnostics: publishable(limited(findings, settings.diagnostics.maxProblems), lines()) }).catch(() => undefined);
        const errors = findings.filter((f) => f.severity === 'error').length;
        const warnings = findings.filter((f) => f.severity === 'warning').length;
        result.files.push({ uri, findings: findings.length, errors, warnings });
        result.total += findings.length;
      }
      return result;
    }, { files: [], total: 0 } as CheckWorkspaceResult),
  );

  /** Open documents, then draft files under the workspace folders that are not open. */
  async function workspaceTexts(token: CancellationToken) {
    const out: { uri: string; text: string; lines: () => LineIndex; open: boolean }[] = [];
    const seen = new Set<string>();
    for (const d of documents.all()) {
      const st = doc(d.uri)!;
      out.push({ uri: d.uri, text: st.text, lines: () => st.lines, open: true });
      const p = uriToPath(d.uri);
      if (p) seen.add(p);
    }
    for (const file of await listDrafts(workspaceFolders, token)) {
      if (seen.has(file)) continue;
      try {
        const text = await fs.promises.readFile(file, 'utf8');
        let li: LineIndex | undefined;
        out.push({ uri: pathToFileURL(file).toString(), text, lines: () => (li ??= new LineIndex(text)), open: false });
      } catch {
        /* unreadable file: skip */
      }
    }
    return out;
  }

  documents.listen(connection);
  connection.listen();
}
