/**
 * The knowledge host: owns the language service (core/languageService.ts) over the current
 * knowledge base and its generation. It rebuilds it (in the build worker, with progress and
 * chancery/status notifications; a newer build supersedes a running one), watches the corpus
 * folders the client does not watch, reports the knowledge base's status and locates the corpus
 * facts its answers point to.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { Connection, Location, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { builtinCorpusDir } from '../core/corpus/files';
import { createLanguageService, type ChanceryService } from '../core/languageService';
import { pick, type Locale } from '../core/messages';
import type { KnowledgeBase, Provenance } from '../core/types';
import { StatusNotification, type CorpusProblemView, type KnowledgeStatus } from '../protocol';
import { startBuild, type BuildResult } from '../workers/buildWorker';
import type { CheckKnowledge } from '../workers/checkWorker';
import type { CorpusPaths } from './corpusPaths';
import { CorpusWatch } from './corpusWatch';
import { clip, logLines, messageText, shortList } from './report';
import { locateProvenance, type WrappedEnds } from './locate';

/** How long a request waits for the first knowledge-base build before it is answered without it. */
const FIRST_BUILD_WAIT_MS = waitSetting(process.env.CHANCERY_FIRST_BUILD_WAIT_MS, 5000); // env: tests
/** The corpus problems a status lists (then a count). */
const MAX_STATUS_PROBLEMS = 100;
/** Corpus changes and settings changes are gathered this long before a rebuild starts. */
const REBUILD_DELAY_MS = 150;

function waitSetting(v: string | undefined, dflt: number): number {
  const n = Number(v);
  return v && Number.isFinite(n) && n >= 0 ? n : dflt;
}

export interface KnowledgeHostOptions {
  connection: Pick<Connection, 'console' | 'window' | 'sendNotification'>;
  /** The client's language (messages to the user, the service's texts). */
  locale: () => Locale;
  /** What the client does: progress reports, watching files for the server. */
  caps: () => { workDoneProgress: boolean; watchedFiles: boolean };
  /**
   * The corpus paths to read now, what was refused (host/corpusPaths.ts), and each path's
   * resolutions → the path as typed in the settings (`typedPaths`), for messages.
   */
  corpusPaths: () => Promise<CorpusPaths & { typed?: ReadonlyMap<string, string> }>;
  /** The client shows corpus problems itself (chancery/status `corpusProblems`): no warning of the server's. */
  clientShowsProblems?: () => boolean;
  /** `p` is inside a workspace folder (the client watches those). */
  insideWorkspace: (p: string) => boolean;
  /** Called after each new knowledge base: documents are checked again. */
  onChange: () => void;
}

export class KnowledgeHost {
  /** The service over the current knowledge base (undefined until the first build is done). */
  service?: ChanceryService;
  /** Bumped by every finished knowledge-base build. */
  generation = 0;
  /** Settles when the first build is done (what diagnostics wait for). */
  ready: Promise<void> = Promise.resolve();
  /** Id of the latest requested build. */
  private building = 0;
  /** The answer of the latest requested build (what a superseded build answers with). */
  private latest?: Promise<KnowledgeStatus>;
  private disposed = false;
  private currentBuild?: { cancel: () => void };
  private wrapped: WrappedEnds = {};
  private kbBytes?: Uint8Array;
  private roots: string[] = [];
  private readonly watcher: CorpusWatch;
  private rebuildTimer?: NodeJS.Timeout;
  /** The corpus problems of the last build, as the user reads them (status `corpusProblems`). */
  private corpusProblems: CorpusProblemView[] = [];

  constructor(private readonly o: KnowledgeHostOptions) {
    this.watcher = new CorpusWatch({
      changed: (p) => this.rebuildSoon(`corpus changed: ${p}`),
      log: (m) => o.connection.console.log(m),
    });
  }

  private say(en: string, zh: string): string {
    return pick({ en, zh }, this.o.locale());
  }

  /** The first build (startup): requests wait for it (at most FIRST_BUILD_WAIT_MS, `readyOrLater`). */
  start(before: () => Promise<unknown>): Promise<void> {
    this.ready = (async () => {
      await before();
      await this.rebuild('startup');
    })();
    return this.ready;
  }

  /**
   * Waits for the first knowledge-base build, at most FIRST_BUILD_WAIT_MS: a request during the
   * build of a very large corpus is then answered without it (empty results) instead of waiting
   * for the whole build. Diagnostics still wait for it and come when it is done.
   */
  async readyOrLater(): Promise<void> {
    if (this.service) return; // built: no wait, and no timer per request
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_BUILD_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /** chancery/rebuild: now, answered with the status after it. */
  rebuildNow(): Promise<KnowledgeStatus> {
    clearTimeout(this.rebuildTimer);
    const p = this.rebuild('requested');
    if (!this.service) this.ready = p.then(() => undefined);
    return p;
  }

  /** A rebuild shortly (changes that come together make one). */
  rebuildSoon(reason: string): void {
    clearTimeout(this.rebuildTimer);
    if (this.disposed) return;
    this.rebuildTimer = setTimeout(() => {
      // Requests keep being served by the current knowledge base while a new one is built;
      // only the first build (startup) makes them wait.
      const p = this.rebuild(reason).then(() => undefined);
      if (!this.service) this.ready = p;
    }, REBUILD_DELAY_MS);
  }

  /**
   * Builds the knowledge base now. Every call is answered: with the status after this build, or —
   * when a newer build superseded it — with the newer one's (each build's progress report ends
   * either way).
   */
  rebuild(reason: string): Promise<KnowledgeStatus> {
    if (this.disposed) return Promise.resolve(this.status(this.service ? 'ready' : 'building', 'the server is shutting down'));
    const id = ++this.building;
    // `latest` is set before the build can find it was superseded: a superseded build answers with
    // the answer of the build that replaced it, which is set by then.
    const answer: Promise<KnowledgeStatus> = this.buildOnce(id, reason).then((st) =>
      st ?? (this.latest !== answer ? this.latest! : this.status(this.service ? 'ready' : 'building', 'the server is shutting down')),
    );
    this.latest = answer;
    return answer;
  }

  /** One build; undefined when a newer build superseded it. */
  private async buildOnce(id: number, reason: string): Promise<KnowledgeStatus | undefined> {
    const { connection } = this.o;
    // Stopped at shutdown: answered as superseded by nothing (rebuild() answers a stopped server itself).
    const superseded = () => id !== this.building || this.disposed;
    const { paths, problems, allowedRoots, typed } = await this.o.corpusPaths();
    if (superseded()) return undefined;
    if (problems.length && !this.o.clientShowsProblems?.()) {
      for (const line of logLines(problems)) connection.console.warn(line);
      connection.window.showWarningMessage(
        this.say(
          `Chancery: ${shortList(problems, '; ', (n) => `and ${n} more (see the output)`)}`,
          `Chancery：部分语料路径未读取——${shortList(problems, '；', (n) => `另有 ${n} 项（详见输出面板）`)}`,
        ),
      );
    }
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      if (this.o.caps().workDoneProgress) {
        try {
          progress = await connection.window.createWorkDoneProgress();
          progress.begin('Chancery', 0, `Building the knowledge base (${reason})`, false);
        } catch {
          progress = undefined;
        }
      }
      if (superseded()) return undefined;
      connection.sendNotification(StatusNotification.method, this.status('building', reason)).catch(() => undefined);
      const started = Date.now();
      // Only the newest build runs: the one it replaces is stopped (its result rejects).
      this.currentBuild?.cancel();
      const job = startBuild({ paths, allowedRoots }, (files, stage) => {
        if (stage === 'reading') progress?.report(Math.min(60, files), `${files} file(s) read`);
        else progress?.report(70, `${files} document(s) read, extracting…`);
      }, { inProcess: paths.length === 1 && paths[0] === builtinCorpusDir() });
      this.currentBuild = job;
      let built: BuildResult;
      try {
        built = await job.result;
      } catch (e) {
        if (superseded()) return undefined;
        throw e;
      } finally {
        if (this.currentBuild === job) this.currentBuild = undefined;
      }
      if (superseded()) return undefined;
      this.adopt(built, paths);
      this.corpusProblems = [...problems.map((message) => ({ message })), ...this.problemViews(built.kb, typed)];
      const sum = this.service!.summary();
      connection.console.log(
        `chancery: knowledge base built in ${Date.now() - started} ms (${reason}, ${built.where} thread): ${sum.instruments} instruments, ${sum.events} events, ` +
          `${sum.officials} officials, ${sum.abbreviations} abbreviations from ${sum.sources} source(s)`,
      );
      this.reportProblems(built);
      this.watch(paths);
      const st = this.status('ready');
      connection.sendNotification(StatusNotification.method, st).catch(() => undefined);
      this.o.onChange();
      return st;
    } catch (e) {
      connection.console.error(`chancery: knowledge base build failed: ${(e as Error)?.stack ?? e}`);
      connection.window.showErrorMessage(this.say(`Chancery: the knowledge base could not be built: ${(e as Error)?.message ?? e}`, `Chancery：无法构建知识库：${(e as Error)?.message ?? e}`));
      const st = this.status('error', String((e as Error)?.message ?? e));
      connection.sendNotification(StatusNotification.method, st).catch(() => undefined);
      return st;
    } finally {
      progress?.done();
    }
  }

  /** Makes a finished build the current knowledge base. */
  private adopt(built: BuildResult, paths: string[]): void {
    this.service = createLanguageService({ kb: built.kb, phrasing: built.phrasing, locale: this.o.locale() });
    this.kbBytes = built.kbBytes;
    this.wrapped = built.wrapped;
    this.roots = paths;
    this.generation++;
  }

  private reportProblems({ kb }: BuildResult): void {
    const { connection } = this.o;
    const locale = this.o.locale();
    for (const line of logLines(kb.problems.map((p) => `${p.uri}: ${pick(p.message, locale)}`), 'chancery: corpus problem: ')) connection.console.warn(line);
    const views = this.corpusProblems.filter((p) => p.path !== undefined);
    if (views.length && !this.o.clientShowsProblems?.()) {
      const first = views[0];
      const en = messageText(clip(`"${first.path}": ${first.message}`));
      const zh = messageText(clip(`“${first.path}”：${first.message}`));
      connection.window.showWarningMessage(
        this.say(
          `Chancery: ${views.length} corpus problem(s); first: ${en} (see the output channel)`,
          `Chancery：语料中有 ${views.length} 个问题；第一个：${zh}（详见输出面板）`,
        ),
      );
    }
  }

  /**
   * The knowledge base's corpus problems as the user reads them: a configured path by the words
   * it was typed in, a file inside a corpus folder by its path (decoded, never a percent-encoded uri).
   */
  private problemViews(kb: KnowledgeBase, typed: ReadonlyMap<string, string> | undefined): CorpusProblemView[] {
    const locale = this.o.locale();
    return kb.problems.map((p) => {
      let file = p.uri;
      try {
        if (p.uri.startsWith('file:')) file = fileURLToPath(p.uri);
      } catch {
        /* keep the uri */
      }
      return { path: typed?.get(file) ?? file, message: pick(p.message, locale) };
    });
  }

  /**
   * The corpus problems a status carries: the first MAX_STATUS_PROBLEMS, then one saying how many
   * more there are (a status goes out with every build; 50,000 missing paths are not 50,000 rows).
   */
  private shownProblems(): CorpusProblemView[] {
    const all = this.corpusProblems;
    if (all.length <= MAX_STATUS_PROBLEMS) return all;
    const more = all.length - MAX_STATUS_PROBLEMS;
    return [...all.slice(0, MAX_STATUS_PROBLEMS), { message: this.say(`… and ${more} more (${all.length} in all: see the output channel)`, `……另有 ${more} 个（共 ${all.length} 个，详见输出面板）`) }];
  }

  /** The size of the current knowledge base, in the state given. */
  status(state: KnowledgeStatus['state'], message?: string): KnowledgeStatus {
    const kb = this.service?.kb;
    const s = this.service?.summary();
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
      corpusProblems: state === 'building' ? undefined : this.shownProblems(),
    };
  }

  /** Where a corpus fact is (relatedInformation of diagnostics, definitions). */
  locate = (p: Provenance): Location | undefined => locateProvenance(p, this.wrapped);

  /** What the check worker checks against (checkWorker.ts), or undefined before the first build. */
  checkKnowledge(): CheckKnowledge | undefined {
    const service = this.service;
    if (!service) return undefined;
    return {
      kbBytes: () => (this.kbBytes ??= v8.serialize(service.kb)),
      generation: this.generation,
      locale: this.o.locale(),
      formulas: service.formulas,
    };
  }

  /** `file` is in a corpus folder (or is a corpus file) read by the current knowledge base. */
  underCorpus(file: string): boolean {
    return this.roots.some((r) => file === r || file.startsWith(r + path.sep));
  }

  /** Watches the corpus folders the client does not watch (outside the workspace, or no client watching). */
  private watch(paths: string[]): void {
    const builtin = builtinCorpusDir();
    void this.watcher.update(paths.filter((p) => p !== builtin && !(this.o.caps().watchedFiles && this.o.insideWorkspace(p))));
  }

  /** Stops the running build and the watchers (shutdown). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.rebuildTimer);
    this.currentBuild?.cancel();
    this.watcher.dispose();
  }
}
