/**
 * Checking large drafts off the main thread (and computing their semantic tokens and outline). A
 * check takes time in proportion to the draft; on the main thread the check of a very large draft
 * would hold up every other request (a hover in another document). Drafts of at least
 * `CHECK_WORKER_MIN_CHARS` are checked in one worker thread that keeps the current knowledge base;
 * smaller ones stay on the main thread, where a check costs less than a message. The semantic
 * tokens and the outline of such drafts are computed there too, converted to LSP data in the worker
 * (bench/README.md has the figures).
 *
 * The worker runs the same bundle (dist/server.js; main.ts dispatches on isCheckWorker) and the
 * same core `diagnose`, so its findings are those the main thread would give. It receives the
 * knowledge base as serialised bytes (those the build worker sent, buildWorker.ts) and parses them
 * once per knowledge base. It has its own heap (WORKER_YOUNG_MB) and is stopped after a while
 * without work. Jobs run one at a time; a queued job for a document is replaced by a newer one for
 * the same document, so a burst of edits in a huge draft costs at most the check running now and
 * the latest one.
 *
 * Workspace-wide requests (Find References, check all drafts) send it their files one at a time:
 * files on disk by path — the worker reads them itself (bounded, like the corpus) so that their
 * text never comes to the main thread — and converts the results to LSP ranges and diagnostics.
 */
import * as v8 from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createLanguageService, type ChanceryService } from '../core/languageService';
import type { Diagnostic, DocumentSymbol, Range } from 'vscode-languageserver';
import type { DiagnoseOptions } from '../core/service';
import type { Finding, KnowledgeBase, Span } from '../core/types';
import { LineIndex } from '../core/text/positions';
import type { Locale } from '../core/messages';
import { CORPUS_LIMITS, TooLarge, decodeBytes, nodeCorpusReader } from '../core/corpus/load';
import { encodeSemanticTokens, toDiagnostic, toOutline, toRange, tooManyProblems } from '../convert';

/** Drafts of at least this many UTF-16 code units are checked in the worker (env override for tests). */
export const CHECK_WORKER_MIN_CHARS = Number(process.env.CHANCERY_CHECK_WORKER_MIN_CHARS) || 200_000;
/** The worker is stopped after this long without work (its heap is given back). */
const IDLE_MS = 20_000;
/**
 * Young generation of the worker's heap, in MB: big checks allocate much that lives until the end.
 * A node flag wins over it: under server/launch.json's --max-semi-space-size the worker's young
 * generation is that small too (V8 flags are per process), and a large draft checks somewhat
 * slower — off the main thread, so nothing else waits for it.
 */
const WORKER_YOUNG_MB = 48;

export interface CheckResult {
  /** The first `limit` findings (all when limit is 0). */
  findings: Finding[];
  /** How many findings the check gave, and of them errors and warnings. */
  total: number;
  errors: number;
  warnings: number;
  /** Where the first finding left out is (for the note saying how many there are). */
  firstOmitted?: Span;
}

/** The worker was stopped (the server is shutting down): no result will come. */
export class Stopped extends Error {
  constructor() {
    super('the check worker was stopped');
  }
}

/** A queued check replaced by a newer one of the same document. */
export class Superseded extends Error {
  constructor() {
    super('superseded by a newer version of the document');
  }
}

/** A check of a workspace file: its findings and, converted, the diagnostics to publish (without related information). */
export interface FileCheck extends CheckResult {
  diagnostics: Diagnostic[];
}

/** Where a text mentions an instrument: the first `limit` places, and how many there are. */
export interface Mentions {
  ranges: Range[];
  total: number;
}

/** A workspace file that was not read, and why (too large, not a regular file, not text…). */
export interface Skipped {
  skipped: string;
}

/**
 * What a job computes: a check (findings), the encoded semantic tokens, the outline, the mentions
 * of an instrument, or the check of a workspace file with its diagnostics.
 */
export type Task =
  | { kind: 'check'; options: DiagnoseOptions; limit: number }
  | { kind: 'tokens' }
  | { kind: 'outline'; limit: number }
  | { kind: 'mentions'; id: string; limit: number }
  | { kind: 'checkFile'; options: DiagnoseOptions; limit: number };
/** What each kind of job resolves with. */
export interface TaskResults {
  check: CheckResult;
  tokens: number[];
  outline: { symbols: DocumentSymbol[]; total: number };
  mentions: Mentions | Skipped;
  checkFile: FileCheck | Skipped;
}

/** A job's text: given, or read by the worker from a file (workspace files). */
export type JobSource = { text: string } | { path: string };

type ToWorker =
  | { type: 'kb'; generation: number; kbBytes: Uint8Array; locale: Locale; formulas: readonly string[] }
  | { type: 'job'; id: number; source: JobSource; task: Task };
type FromWorker = { type: 'result'; id: number; result: TaskResults[Task['kind']] } | { type: 'error'; id: number; message: string };

interface Job {
  id: number;
  key: string;
  source: JobSource;
  task: Task;
  resolve: (r: TaskResults[Task['kind']]) => void;
  reject: (e: Error) => void;
}

/** What the worker checks against: the current knowledge base, given as serialised bytes (v8) when it changes. */
export interface CheckKnowledge {
  /** The knowledge base serialised with v8.serialize (asked for only when the worker does not hold this generation). */
  kbBytes(): Uint8Array;
  generation: number;
  locale: Locale;
  formulas: readonly string[];
}

/** The first `limit` findings (all when limit is 0), their total, and how many are errors and warnings. */
export function limited(all: Finding[], limit: number): CheckResult {
  let errors = 0;
  let warnings = 0;
  for (const f of all) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  if (limit <= 0 || all.length <= limit) return { findings: all, total: all.length, errors, warnings };
  return { findings: all.slice(0, limit), total: all.length, errors, warnings, firstOmitted: { start: all[limit].start, end: all[limit].end } };
}

/** The most a workspace file is read to by workspace-wide requests (the corpus's limit). */
export const WORKSPACE_FILE_BYTES = CORPUS_LIMITS.maxFileBytes;

/** A workspace file's text, read as a corpus file is (bounded, without blocking), or why it was not. */
export async function readWorkspaceFile(path: string): Promise<string | Skipped> {
  let bytes: Uint8Array;
  try {
    bytes = await nodeCorpusReader.readFile(path, WORKSPACE_FILE_BYTES);
  } catch (e) {
    if (e instanceof TooLarge) return { skipped: `larger than ${WORKSPACE_FILE_BYTES / (1024 * 1024)} MB` };
    const code = (e as NodeJS.ErrnoException)?.code;
    return { skipped: code === 'ENOTFILE' ? 'not a regular file' : code === 'ENOENT' ? 'removed' : String((e as Error)?.message ?? e) };
  }
  const d = decodeBytes(bytes);
  return 'error' in d ? { skipped: d.error } : d.text;
}

/** Where `text` mentions the instrument `id`: the first `limit` places as LSP ranges, and how many. */
export function mentionsIn(service: ChanceryService, text: string, id: string, limit: number): Mentions {
  const spans = service.mentionsOf(text, id);
  if (!spans.length) return { ranges: [], total: 0 };
  const lines = new LineIndex(text);
  return { ranges: spans.slice(0, Math.max(0, limit)).map((s) => toRange(lines, s)), total: spans.length };
}

/** A check of a workspace file's text with its diagnostics (the first `limit`, then the note on the rest). */
export function checkFile(service: ChanceryService, text: string, options: DiagnoseOptions, limit: number, locale: Locale): FileCheck {
  const r = limited(service.diagnose(text, options), limit);
  const lines = new LineIndex(text);
  const diagnostics = r.findings.map((f) => toDiagnostic(f, lines, locale));
  if (r.firstOmitted) diagnostics.push(tooManyProblems(r.firstOmitted, r.total, r.findings.length, lines, locale));
  return { ...r, diagnostics };
}

/**
 * One worker thread that checks large drafts against the knowledge base it was last given.
 * `check` resolves with the findings, or rejects when the worker fails (the caller then checks on
 * the main thread) or when a newer job for the same key replaced it while it waited.
 */
export class CheckWorker {
  private worker?: Worker;
  /** The generation of the knowledge base the worker holds. */
  private sent = -1;
  private running?: Job;
  private queue: Job[] = [];
  private nextId = 1;
  private idle?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly knowledge: () => CheckKnowledge | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** True when checks can run in a worker here (not inside a worker; CHANCERY_NO_WORKER unset). */
  static available(): boolean {
    return isMainThread && process.env.CHANCERY_NO_WORKER !== '1' && typeof __filename === 'string';
  }

  check(key: string, text: string, options: DiagnoseOptions, limit: number): Promise<CheckResult> {
    return this.run(key, { text }, { kind: 'check', options, limit });
  }

  /** The semantic tokens of `text`, encoded for LSP (convert.ts encodeSemanticTokens). */
  tokens(key: string, text: string): Promise<number[]> {
    return this.run(key, { text }, { kind: 'tokens' });
  }

  /** The outline of `text`: its first `limit` paragraphs as LSP document symbols, and how many there are. */
  outline(key: string, text: string, limit: number): Promise<TaskResults['outline']> {
    return this.run(key, { text }, { kind: 'outline', limit });
  }

  /** Where a text (or a file, read by the worker) mentions the instrument `id` (`key`: one per request and file). */
  mentions(key: string, source: JobSource, id: string, limit: number): Promise<Mentions | Skipped> {
    return this.run(key, source, { kind: 'mentions', id, limit });
  }

  /** The check of a workspace file, read by the worker, with its diagnostics (`key`: one per request and file). */
  checkFile(key: string, path: string, options: DiagnoseOptions, limit: number): Promise<FileCheck | Skipped> {
    return this.run(key, { path }, { kind: 'checkFile', options, limit });
  }

  private run<K extends Task['kind']>(key: string, source: JobSource, task: Task & { kind: K }): Promise<TaskResults[K]> {
    const jobKey = `${task.kind} ${key}`;
    return new Promise<TaskResults[K]>((resolve, reject) => {
      if (this.stopped) return reject(new Stopped());
      // A newer job of the same kind for the same document replaces one that has not started.
      this.queue = this.queue.filter((j) => {
        if (j.key !== jobKey) return true;
        j.reject(new Superseded());
        return false;
      });
      this.queue.push({ id: this.nextId++, key: jobKey, source, task, resolve: resolve as Job['resolve'], reject });
      this.pump();
    });
  }

  /** Stops the worker now (shutdown); queued and running checks are rejected. */
  dispose(): void {
    this.stopped = true;
    clearTimeout(this.idle);
    this.fail(new Stopped());
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const k = this.knowledge();
    if (!k) {
      this.fail(new Error('no knowledge base yet'));
      return;
    }
    clearTimeout(this.idle);
    const job = this.queue.shift()!;
    try {
      const w = this.ensureWorker();
      if (this.sent !== k.generation) {
        w.postMessage({ type: 'kb', generation: k.generation, kbBytes: k.kbBytes(), locale: k.locale, formulas: k.formulas } satisfies ToWorker);
        this.sent = k.generation;
      }
      this.running = job;
      w.postMessage({ type: 'job', id: job.id, source: job.source, task: job.task } satisfies ToWorker);
    } catch (e) {
      this.running = undefined;
      job.reject(e as Error);
      this.pump();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(__filename, {
      workerData: { chanceryCheck: true },
      stdout: false,
      stderr: false,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.log(`chancery: starting the check worker: drafts of ${CHECK_WORKER_MIN_CHARS} characters or more are checked in a worker thread`);
    w.on('message', (m: FromWorker) => {
      const job = this.running;
      if (!job || job.id !== m.id) return;
      this.running = undefined;
      if (m.type === 'result') job.resolve(m.result);
      else job.reject(new Error(m.message));
      this.afterJob();
    });
    const gone = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.sent = -1;
      const job = this.running;
      this.running = undefined;
      if (job) {
        this.log(`chancery: the check worker stopped (${why}); checking on the main thread`);
        job.reject(new Error(`check worker: ${why}`));
      }
      this.afterJob();
    };
    w.on('error', (e) => gone(String(e?.message ?? e)));
    w.on('exit', (code) => gone(`exit ${code}`));
    this.worker = w;
    return w;
  }

  private afterJob(): void {
    if (this.queue.length) this.pump();
    else {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => {
        if (this.running || this.queue.length || !this.worker) return;
        const w = this.worker;
        this.worker = undefined;
        this.sent = -1;
        void w.terminate();
      }, IDLE_MS);
      this.idle.unref?.();
    }
  }

  private fail(e: Error): void {
    const jobs = [...(this.running ? [this.running] : []), ...this.queue];
    this.running = undefined;
    this.queue = [];
    for (const j of jobs) j.reject(e);
  }
}

/** True when this thread is the check worker (main.ts then calls runCheckWorker). */
export function isCheckWorker(): boolean {
  return !isMainThread && !!(workerData as { chanceryCheck?: unknown } | null)?.chanceryCheck;
}

/** Worker entry: keep the latest knowledge base, do the jobs that come. */
export function runCheckWorker(): void {
  let service: ChanceryService | undefined;
  let locale: Locale = 'en';
  // Jobs come one at a time (the main thread waits for each result), so an async job (a file to
  // read) never overlaps another.
  parentPort?.on('message', async (m: ToWorker) => {
    if (m.type === 'kb') {
      service = createLanguageService({ kb: v8.deserialize(m.kbBytes) as KnowledgeBase, locale: m.locale, formulas: m.formulas });
      locale = m.locale;
      return;
    }
    try {
      if (!service) throw new Error('no knowledge base');
      const text = 'text' in m.source ? m.source.text : await readWorkspaceFile(m.source.path);
      const result = typeof text === 'string' ? runTask(service, text, m.task, locale) : text;
      parentPort?.postMessage({ type: 'result', id: m.id, result } satisfies FromWorker);
    } catch (e) {
      parentPort?.postMessage({ type: 'error', id: m.id, message: String((e as Error)?.stack ?? e) } satisfies FromWorker);
    }
  });
}

function runTask(service: ChanceryService, text: string, task: Task, locale: Locale): TaskResults[Task['kind']] {
  switch (task.kind) {
    case 'check':
      return limited(service.diagnose(text, task.options), task.limit);
    case 'tokens':
      return encodeSemanticTokens(service.semanticTokens(text), new LineIndex(text));
    case 'outline':
      return toOutline(service.symbols(text), new LineIndex(text), task.limit);
    case 'mentions':
      return mentionsIn(service, text, task.id, task.limit);
    case 'checkFile':
      return checkFile(service, text, task.options, task.limit, locale);
  }
}
