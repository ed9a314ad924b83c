/**
 * The open documents and what the server computed of them: each document's state (text and line
 * index of its version), its findings (cached per open, version and knowledge-base generation),
 * debounced checks, the diagnostics pushed (publishDiagnostics) or pulled (textDocument/diagnostic),
 * the offload of large drafts to the check worker (findings, semantic tokens, outline), and the
 * semantic tokens last sent (for deltas). Workspace-wide requests: workspaceRequests.ts.
 */
import type { CodeAction, CodeActionKind, Connection, Diagnostic, DocumentSymbol, Range, TextDocuments } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../core/messages';
import type { Finding } from '../core/types';
import { LineIndex, MAX_OUTLINE_PARAGRAPHS, encodeSemanticTokens, toCodeAction, toDiagnostic, toOutline, toSpan, tooManyProblems, tokensDelta } from '../convert';
import { CHECK_WORKER_MIN_CHARS, CheckWorker, Stopped, Superseded, limited, type CheckResult } from '../workers/checkWorker';
import type { KnowledgeHost } from './knowledgeHost';
import { diagnoseOptions, type ScopedSettings } from './settings';

const DIAGNOSTIC_DELAY_MS = 60;

export interface DocState {
  uri: string;
  /**
   * Which opening of the uri this is (a counter bumped by every didOpen): a document closed and
   * opened again with another text may come back under the same uri and version, and what was
   * computed for the first must never be taken for the second's.
   */
  instance: number;
  version: number;
  text: string;
  lines: LineIndex;
}

export interface Cached {
  instance: number;
  version: number;
  generation: number;
  /** The findings published (the first maxProblems). */
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** How many findings the check gave, and of them errors and warnings. */
  total: number;
  errors: number;
  warnings: number;
}

export interface DocumentsOptions {
  connection: Pick<Connection, 'console' | 'sendDiagnostics' | 'languages'>;
  documents: TextDocuments<TextDocument>;
  knowledge: KnowledgeHost;
  /** The settings of each document (its own scope, else its folder's: host/settings.ts). */
  settings: Pick<ScopedSettings, 'now'>;
  locale: () => Locale;
  /** What the client does: pull diagnostics (then none are pushed), refresh semantic tokens. */
  caps: () => { pull: boolean; tokensRefresh: boolean };
}

export class Documents {
  private readonly states = new Map<string, DocState>();
  private readonly cache = new Map<string, Cached>();
  /** Checks in flight in the check worker, per document. */
  private readonly pending = new Map<string, { instance: number; version: number; generation: number; result: Promise<Cached> }>();
  /** The instance (DocState.instance) of each open uri, and the last one given. */
  private readonly instances = new Map<string, number>();
  private lastInstance = 0;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents whose outline was cut at MAX_OUTLINE_PARAGRAPHS (logged once each). */
  private readonly outlineCut = new Set<string>();
  /** The encoded tokens last sent per document, for `semanticTokens/full/delta`. */
  private readonly sentTokens = new Map<string, { resultId: string; data: Uint32Array }>();
  private tokensResult = 0;
  private readonly checker?: CheckWorker;
  /** Set at shutdown: nothing is checked or published any more. */
  private stopped = false;

  constructor(private readonly o: DocumentsOptions) {
    const k = o.knowledge;
    if (CheckWorker.available()) this.checker = new CheckWorker(() => k.checkKnowledge(), (m) => this.log(m));
  }

  private log(m: string): void {
    this.o.connection.console.log(m);
  }

  /** A document was opened (didOpen, also over one that was not closed): a new instance. */
  opened(uri: string): void {
    this.instances.set(uri, ++this.lastInstance);
    this.cache.delete(uri);
    this.states.delete(uri);
    this.sentTokens.delete(uri);
  }

  /** The state of an open document's current version (undefined when it is not open). */
  doc(uri: string): DocState | undefined {
    const d = this.o.documents.get(uri);
    if (!d) return undefined;
    const instance = this.instances.get(uri) ?? 0;
    let st = this.states.get(uri);
    if (!st || st.version !== d.version || st.instance !== instance) {
      const text = d.getText();
      st = { uri, instance, version: d.version, text, lines: new LineIndex(text) };
      this.states.set(uri, st);
    }
    return st;
  }

  /** `st` is the open document's current instance and version (what was computed for it may be shown). */
  private current(st: { uri: string; instance: number; version: number }): boolean {
    return this.o.documents.get(st.uri)?.version === st.version && this.instances.get(st.uri) === st.instance;
  }

  /**
   * The diagnostics to publish for a check: its findings (the first maxProblems: `limited`), then
   * one note on the rest. Only the findings shown are converted and kept (code actions need no others).
   */
  publishable(r: CheckResult, lines: LineIndex, version?: number): Diagnostic[] {
    const locale = this.o.locale();
    const locate = this.o.knowledge.locate;
    const diagnostics = r.findings.map((f, index) => toDiagnostic(f, lines, locale, locate, version === undefined ? undefined : { index, version }));
    if (r.firstOmitted) diagnostics.push(tooManyProblems(r.firstOmitted, r.total, r.findings.length, lines, locale));
    return diagnostics;
  }

  /**
   * The findings of a document's current version: cached, or checked — on the main thread, or in
   * the check worker for large drafts (workers/checkWorker.ts) so that other requests are not held up.
   */
  async findingsFor(st: DocState): Promise<Cached> {
    const k = this.o.knowledge;
    const c = this.cache.get(st.uri);
    if (c && c.instance === st.instance && c.version === st.version && c.generation === k.generation) return c;
    const service = k.service;
    const generation = k.generation;
    const settings = this.o.settings.now(st.uri);
    const max = settings.diagnostics.maxProblems;
    const options = diagnoseOptions(settings);
    const onMainThread = () => limited(service ? service.diagnose(st.text, options) : [], max);
    if (!this.checker || !service || st.text.length < CHECK_WORKER_MIN_CHARS) return this.store(st, generation, onMainThread());
    const p = this.pending.get(st.uri);
    if (p && p.instance === st.instance && p.version === st.version && p.generation === generation) return p.result;
    const result = this.checker.check(st.uri, st.text, options, max).then(
      (r) => this.store(st, generation, r),
      (e) => {
        const none: Cached = { instance: st.instance, version: st.version, generation, findings: [], diagnostics: [], total: 0, errors: 0, warnings: 0 };
        if (e instanceof Stopped) return none; // shutting down
        // Replaced by a newer version while queued: answer with the newest (or nothing if closed).
        if (e instanceof Superseded) {
          const now = this.doc(st.uri);
          return now ? this.findingsFor(now) : none;
        }
        this.log(`chancery: ${e?.message ?? e}; checking ${st.uri} on the main thread`);
        return this.store(st, generation, onMainThread());
      },
    );
    this.pending.set(st.uri, { instance: st.instance, version: st.version, generation, result });
    void result.finally(() => {
      if (this.pending.get(st.uri)?.result === result) this.pending.delete(st.uri);
    });
    return result;
  }

  /** Converts and caches a check of `st` (unless it is no longer the open document, or a newer version is cached already). */
  private store(st: DocState, generation: number, r: CheckResult): Cached {
    const fresh: Cached = {
      instance: st.instance,
      version: st.version,
      generation,
      findings: r.findings,
      diagnostics: this.publishable(r, st.lines, st.version),
      total: r.total,
      errors: r.errors,
      warnings: r.warnings,
    };
    const now = this.o.knowledge.generation;
    const cur = this.cache.get(st.uri);
    const open = this.o.documents.get(st.uri) && this.instances.get(st.uri) === st.instance;
    if (generation === now && open && (!cur || cur.instance !== st.instance || cur.generation !== now || cur.version <= st.version)) this.cache.set(st.uri, fresh);
    return fresh;
  }

  /**
   * A whole-document result (semantic tokens, outline) of a large draft from the check worker, so
   * that other requests are answered meanwhile; on the main thread for smaller drafts or when the
   * worker fails. A job replaced by a newer version of the document answers ContentModified (the
   * client asks again).
   */
  private async inWorker<T>(st: DocState, job: (w: CheckWorker) => Promise<T>, onMainThread: () => T): Promise<T | ResponseError<void>> {
    if (!this.checker || st.text.length < CHECK_WORKER_MIN_CHARS) return onMainThread();
    try {
      return await job(this.checker);
    } catch (e) {
      if (e instanceof Superseded) return new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
      if (e instanceof Stopped) return new ResponseError(LSPErrorCodes.RequestCancelled, 'the server is shutting down');
      this.log(`chancery: ${(e as Error)?.message ?? e}; computing on the main thread`);
      return onMainThread();
    }
  }

  /** Checks a document after the typing pause (or `delay`) and pushes its diagnostics. */
  schedule(uri: string, delay = DIAGNOSTIC_DELAY_MS): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, delay),
    );
  }

  private async publish(uri: string): Promise<void> {
    if (this.o.caps().pull) return; // the client pulls (opted in); pushing too would show every diagnostic twice
    await this.o.knowledge.ready;
    const st = this.doc(uri);
    if (!st) return;
    try {
      const r = await this.findingsFor(st);
      // Stale results never overwrite newer ones: publish only for the instance and version still open.
      if (this.stopped || !this.current({ uri, instance: r.instance, version: r.version })) return;
      await this.o.connection.sendDiagnostics({ uri, version: r.version, diagnostics: r.diagnostics });
    } catch (e) {
      this.o.connection.console.error(`chancery: diagnostics for ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  /** The diagnostics of a document (textDocument/diagnostic). */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const st = this.doc(uri);
    return st ? (await this.findingsFor(st)).diagnostics : [];
  }

  /** The quick fixes and rewrites for `range` (of the kinds `only` asks for), from the document's findings. */
  async codeActions(uri: string, range: Range, only: CodeActionKind[] | undefined): Promise<CodeAction[]> {
    const st = this.doc(uri);
    if (!st || !this.o.knowledge.service) return [];
    const { findings, diagnostics } = await this.findingsFor(st);
    const service = this.o.knowledge.service;
    if (!service) return [];
    return service
      .codeActions(st.text, toSpan(st.lines, range), findings)
      .map((e) => toCodeAction(e, st.uri, st.version, st.lines, diagnostics))
      .filter((a) => !only || only.some((k) => a.kind === k || a.kind?.startsWith(k + '.')));
  }

  /** Checks every open document again (a new knowledge base or new settings). */
  revalidateAll(): void {
    const { connection } = this.o;
    this.cache.clear();
    for (const d of this.o.documents.all()) this.schedule(d.uri, 0);
    if (this.o.caps().pull) connection.languages.diagnostics.refresh().catch(() => undefined);
    // Places, officials and formulas come from the knowledge base: ask for fresh tokens.
    if (this.o.caps().tokensRefresh) connection.languages.semanticTokens.refresh().catch(() => undefined);
  }

  /** Checks a document again (its settings changed). */
  recheck(uri: string): void {
    this.cache.delete(uri);
    this.schedule(uri, 0);
    if (this.o.caps().pull) this.o.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** Forgets a closed document and clears its diagnostics. */
  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.cache.delete(uri);
    this.states.delete(uri);
    this.instances.delete(uri);
    this.outlineCut.delete(uri);
    this.sentTokens.delete(uri);
    if (!this.o.caps().pull && !this.stopped) this.o.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  /** The outline of a document: its first MAX_OUTLINE_PARAGRAPHS paragraphs (a cut is logged once). */
  async outline(uri: string): Promise<DocumentSymbol[] | ResponseError<void>> {
    const st = this.doc(uri);
    const svc = this.o.knowledge.service;
    if (!st || !svc) return [];
    const r = await this.inWorker(st, (w) => w.outline(st.uri, st.text, MAX_OUTLINE_PARAGRAPHS), () => toOutline(svc.symbols(st.text), st.lines));
    if (r instanceof ResponseError) return r;
    if (r.total > r.symbols.length && !this.outlineCut.has(st.uri)) {
      this.outlineCut.add(st.uri);
      this.log(`chancery: the outline of ${st.uri} shows its first ${r.symbols.length} of ${r.total} paragraphs`);
    }
    return r.symbols;
  }

  /** The current tokens of a document, remembered under a new result id. */
  async tokens(uri: string): Promise<{ resultId: string; data: number[] } | ResponseError<void>> {
    const st = this.doc(uri);
    const svc = this.o.knowledge.service;
    if (!st || !svc) return { resultId: '', data: [] };
    const data = await this.inWorker(st, (w) => w.tokens(st.uri, st.text), () => encodeSemanticTokens(svc.semanticTokens(st.text), st.lines));
    if (data instanceof ResponseError) return data;
    const resultId = String(++this.tokensResult);
    if (this.current(st)) this.sentTokens.set(uri, { resultId, data: Uint32Array.from(data) });
    return { resultId, data };
  }

  /**
   * After an edit: only what changed since the tokens the client holds (`previousResultId`), or
   * the whole set when the server no longer has them.
   */
  async tokensSince(uri: string, previousResultId: string) {
    const before = this.sentTokens.get(uri);
    const now = await this.tokens(uri);
    if (now instanceof ResponseError || !before || before.resultId !== previousResultId) return now;
    return { resultId: now.resultId, edits: tokensDelta(before.data, now.data) };
  }

  /** The check worker (undefined when checks run on the main thread only). */
  get worker(): CheckWorker | undefined {
    return this.checker;
  }

  /** The open documents' current states. */
  openStates(): DocState[] {
    return this.o.documents.all().map((d) => this.doc(d.uri)!);
  }

  /** True after shutdown: nothing is to be published. */
  get disposed(): boolean {
    return this.stopped;
  }

  /** Stops the check worker and the pending checks (shutdown). */
  dispose(): void {
    this.stopped = true;
    this.checker?.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
  }
}
