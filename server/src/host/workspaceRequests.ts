/**
 * Workspace-wide requests — Find References and "check all drafts" — without holding the main
 * thread: they go over the open documents and the draft files under the workspace folders one file
 * at a time. Files on disk are read, checked and searched in the check worker (workers/checkWorker.ts),
 * bounded like corpus files (a file over the limit is skipped with a note); open documents are
 * searched where their checks run (the worker for large ones). Without a worker, each file is done
 * on the main thread and other requests are served between files. Results are capped: at most
 * MAX_REFERENCES locations (with a log line saying how many there were); check-all publishes each
 * file's diagnostics as it is done.
 */
import { Location, type CancellationToken, type Connection, type Diagnostic } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../core/messages';
import { relatedInformation } from '../convert';
import type { CheckWorkspaceResult } from '../protocol';
import { CHECK_WORKER_MIN_CHARS, Stopped, checkFile, mentionsIn, readWorkspaceFile, type FileCheck, type Mentions, type Skipped } from '../workers/checkWorker';
import type { DocState, Documents } from './documents';
import type { KnowledgeHost } from './knowledgeHost';
import { diagnoseOptions, type ScopedSettings } from './settings';
import { listDrafts, uriToPath } from './workspace';

/** The most locations Find References answers with. */
export const MAX_REFERENCES = 10_000;

export interface WorkspaceRequestsOptions {
  connection: Pick<Connection, 'console' | 'sendDiagnostics'>;
  documents: Documents;
  knowledge: KnowledgeHost;
  settings: Pick<ScopedSettings, 'now'>;
  /** The workspace folders' paths. */
  folders: () => string[];
  locale: () => Locale;
}

/** A file of the workspace to go over: an open document (its state) or a draft file on disk (its path). */
type WorkspaceFile = { uri: string; open: DocState } | { uri: string; path: string };

export class WorkspaceRequests {
  /** Makes each request's worker jobs its own (a newer request does not replace an older one's). */
  private request = 0;

  constructor(private readonly o: WorkspaceRequestsOptions) {}

  /** Open documents, then the draft files under the workspace folders that are not open. */
  private async files(token: CancellationToken): Promise<WorkspaceFile[]> {
    const out: WorkspaceFile[] = [];
    const seen = new Set<string>();
    for (const st of this.o.documents.openStates()) {
      out.push({ uri: st.uri, open: st });
      const p = uriToPath(st.uri);
      if (p) seen.add(p);
    }
    for (const path of await listDrafts(this.o.folders(), token)) if (!seen.has(path)) out.push({ uri: pathToFileURL(path).toString(), path });
    return out;
  }

  /** Where the workspace's drafts mention the instrument `id` (Find References): at most MAX_REFERENCES places. */
  async references(id: string, token: CancellationToken): Promise<Location[]> {
    const service = this.o.knowledge.service;
    if (!service) return [];
    const req = ++this.request;
    const out: Location[] = [];
    const skipped: string[] = [];
    let total = 0;
    for (const f of await this.files(token)) {
      if (token.isCancellationRequested) break;
      const limit = MAX_REFERENCES - out.length;
      const r = await this.job<Mentions>(
        f,
        (w, key) => w.mentions(key, 'open' in f ? { text: f.open.text } : { path: f.path }, id, limit),
        (text) => mentionsIn(service, text, id, limit),
        req,
      );
      if (!r) continue;
      if ('skipped' in r) skipped.push(`${f.uri} (${r.skipped})`);
      else {
        total += r.total;
        for (const range of r.ranges) out.push(Location.create(f.uri, range));
      }
    }
    if (total > out.length) this.log(`chancery: Find References: ${total} mentions; the first ${out.length} are listed`);
    if (skipped.length) this.log(`chancery: Find References did not read ${skipped.length} file(s): ${sample(skipped)}`);
    return out;
  }

  /**
   * Checks the workspace's drafts: an open document's findings as published (its counts), and the
   * diagnostics of each file on disk published as it is done. Returns each file's counts and the
   * files that were not read.
   */
  async checkAll(token: CancellationToken): Promise<CheckWorkspaceResult> {
    const result: CheckWorkspaceResult = { files: [], total: 0, skipped: [] };
    const service = this.o.knowledge.service;
    if (!service) return result;
    const req = ++this.request;
    for (const f of await this.files(token)) {
      if (token.isCancellationRequested) break;
      let counts: { total: number; errors: number; warnings: number };
      if ('open' in f) counts = await this.o.documents.findingsFor(f.open);
      else {
        const settings = this.o.settings.now(f.uri);
        const options = diagnoseOptions(settings);
        const max = settings.diagnostics.maxProblems;
        const r = await this.job<FileCheck>(
          f,
          (w, key) => w.checkFile(key, f.path, options, max),
          (text) => checkFile(service, text, options, max, this.o.locale()),
          req,
        );
        if (!r) continue;
        if ('skipped' in r) {
          result.skipped!.push({ uri: f.uri, reason: r.skipped });
          continue;
        }
        if (this.o.documents.disposed) break;
        this.o.connection.sendDiagnostics({ uri: f.uri, diagnostics: this.withRelated(r) }).catch(() => undefined);
        counts = r;
      }
      result.files.push({ uri: f.uri, findings: counts.total, errors: counts.errors, warnings: counts.warnings });
      result.total += counts.total;
    }
    if (result.skipped!.length) this.log(`chancery: check all drafts did not read ${result.skipped!.length} file(s): ${sample(result.skipped!.map((s) => `${s.uri} (${s.reason})`))}`);
    return result;
  }

  /**
   * One file's part of a request: in the check worker (files on disk, large open documents), else
   * on the main thread after a turn of the event loop (so that other requests are served between
   * files). Undefined when the server is stopping.
   */
  private async job<T>(
    f: WorkspaceFile,
    inWorker: (w: NonNullable<Documents['worker']>, key: string) => Promise<T | Skipped>,
    here: (text: string) => T,
    req: number,
  ): Promise<T | Skipped | undefined> {
    const w = this.o.documents.worker;
    if (w && ('path' in f || f.open.text.length >= CHECK_WORKER_MIN_CHARS)) {
      try {
        return await inWorker(w, `${f.uri} #${req}`);
      } catch (e) {
        if (e instanceof Stopped) return undefined;
        this.log(`chancery: ${(e as Error)?.message ?? e}; ${f.uri} on the main thread`);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    const text = 'open' in f ? f.open.text : await readWorkspaceFile(f.path);
    return typeof text === 'string' ? here(text) : text;
  }

  /** A file's diagnostics with where the corpus says what they cite. */
  private withRelated(r: FileCheck): Diagnostic[] {
    const locate = this.o.knowledge.locate;
    r.findings.forEach((f, i) => {
      const related = relatedInformation(f, locate, this.o.locale());
      if (related && r.diagnostics[i]) r.diagnostics[i].relatedInformation = related;
    });
    return r.diagnostics;
  }

  private log(m: string): void {
    this.o.connection.console.log(m);
  }
}

/** The first few of a list, and how many more. */
function sample(items: string[], n = 5): string {
  return items.slice(0, n).join(', ') + (items.length > n ? ` and ${items.length - n} more` : '');
}
