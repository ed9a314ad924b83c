// A language server process driven by a real JSON-RPC client, for the fuzzer, the robustness tests
// and the benchmarks (every wait bounded), and the comparisons they share.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, SERVER } from './lspShared.mjs';
import { LspProcess } from './lspProcess.mjs';

export { ROOT, DIST, SERVER };
export const CLI = path.join(DIST, 'cli.js');
export const EMBEDDED_CORPUS = path.join(ROOT, 'server', 'corpus', 'sco-2021-heads-of-government-communique.zh.txt');

/**
 * A language server process driven over stdio by a real JSON-RPC client (LspProcess, shared with
 * testClient.mjs): every wait is bounded. Records the diagnostics per uri with versions and a
 * sequence number, and drops the clearing a server sends after didClose.
 */
export class LspServer extends LspProcess {
  /**
   * @param {object} [o] LspProcess's options, and:
   * @param {boolean} [o.gcProbe] preload a probe that runs a full GC on SIGUSR2 (heapAfterGcKb)
   * @param {number} [o.initializeTimeoutMs]
   */
  constructor(o = {}) {
    const probeArgs = o.gcProbe ? ['--expose-gc', '--require', gcProbeFile()] : [];
    super({ ...o, nodeArgs: [...probeArgs, ...(o.nodeArgs ?? [])] }, 65536);
    this.diagnostics = new Map(); // uri -> [{version, diagnostics, seq}]
    this.pendingClears = new Map(); // uri -> clearings expected after didClose
    this.seq = 0;
  }

  onPublish(p) {
    // The clearing a server sends after didClose (no version, no diagnostics) belongs to the
    // closed document, not to a document reopened under the same uri: drop it.
    if ((p.version === undefined || p.version === null) && p.diagnostics.length === 0 && this.pendingClears.get(p.uri)) {
      this.pendingClears.set(p.uri, this.pendingClears.get(p.uri) - 1);
      return;
    }
    const list = this.diagnostics.get(p.uri) ?? [];
    if (typeof p.version === 'number') this.sawVersion = true;
    list.push({ version: p.version, diagnostics: p.diagnostics, seq: ++this.seq });
    if (list.length > 8) list.splice(0, list.length - 8);
    this.diagnostics.set(p.uri, list);
  }

  /** Resolves when `predicate()` returns a truthy value; rejects on timeout or server exit. */
  waitFor(predicate, timeoutMs = 30000, what = 'condition') {
    return this.waitUntil(predicate, what, timeoutMs);
  }

  async initialize() {
    this.initializeResult = await this.request('initialize', this.initializeParams('chancery-robust'), this.options.initializeTimeoutMs ?? 60000);
    this.notify('initialized', {});
    return this.initializeResult;
  }

  notify(method, params) {
    if (this.exited) throw new Error(`server exited (${this.exitCode}); cannot send ${method}\n${this.stderr.slice(-2000)}`);
    return this.connection.sendNotification(method, params);
  }

  /** Sends a request; rejects on timeout or server exit. */
  async request(method, params, timeoutMs = 30000) {
    if (this.exited) throw new Error(`server exited (${this.exitCode}); cannot send ${method}\n${this.stderr.slice(-2000)}`);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`request ${method} timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const exit = this.exitPromise.then((code) => {
      throw new Error(`server exited (${code}) during ${method}\n${this.stderr.slice(-2000)}`);
    });
    try {
      return await Promise.race([this.connection.sendRequest(method, params), timeout, exit]);
    } finally {
      clearTimeout(timer);
    }
  }

  open(uri, text, languageId = 'communique', version = 1) {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri) {
    this.notify('textDocument/didClose', { textDocument: { uri } });
    this.diagnostics.delete(uri);
    this.pendingClears.set(uri, (this.pendingClears.get(uri) ?? 0) + 1);
  }

  /** The latest publication for `uri` (undefined if none yet). */
  latest(uri) {
    const list = this.diagnostics.get(uri);
    return list && list[list.length - 1];
  }

  /**
   * Waits until the latest diagnostics published for `uri` are for `version`
   * (or, when the server publishes no version, until any publication arrives after `afterSeq`).
   */
  async waitDiagnostics(uri, version, timeoutMs = 30000, afterSeq = 0) {
    const pub = await this.waitFor(
      () => {
        const l = this.latest(uri);
        if (!l || l.seq <= afterSeq) return undefined;
        // A publication without a version: the only kind from a server that never sends versions;
        // from one that does, the clearing sent after didClose (skip it).
        if (l.version === undefined || l.version === null) return this.sawVersion ? undefined : l;
        if (typeof version === 'number' && l.version > version) throw new Error(`${uri}: diagnostics published for version ${l.version} > ${version}`);
        return l.version === version ? l : undefined;
      },
      timeoutMs,
      `diagnostics of ${uri} v${version} (last seen: v${this.latest(uri)?.version})`,
    );
    return pub;
  }

  /** Opens a document and waits for its first diagnostics. Returns {diagnostics, ms}. */
  async openAndWait(uri, text, languageId = 'communique', timeoutMs = 30000) {
    const t0 = performance.now();
    const before = this.seq;
    this.open(uri, text, languageId, 1);
    const pub = await this.waitDiagnostics(uri, 1, timeoutMs, before);
    return { diagnostics: pub.diagnostics, ms: performance.now() - t0 };
  }

  hover(uri, position, timeoutMs) {
    return this.request('textDocument/hover', { textDocument: { uri }, position }, timeoutMs);
  }

  completion(uri, position, timeoutMs) {
    return this.request('textDocument/completion', { textDocument: { uri }, position }, timeoutMs);
  }

  /** Proves the server is alive and answering: a cheap request with a bounded wait. */
  async ping(timeoutMs = 30000) {
    await this.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nonexistent/ping.communique' } }, timeoutMs).catch((e) => {
      // A ResponseError (e.g. unknown document) is an answer; only a timeout or exit is not.
      if (!(e instanceof rpc.ResponseError)) throw e;
    });
    return true;
  }

  /** Resident set size of the server process in kB (Linux /proc). */
  rssKb() {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Live heap of the server after a full garbage collection, in kB (needs `gcProbe: true`):
   * the preloaded probe runs gc() on SIGUSR2 and writes memoryUsage() to stderr.
   */
  async heapAfterGcKb(timeoutMs = 30000) {
    if (!this.options.gcProbe) return undefined;
    const marker = '\u0000chancery-gc-probe ';
    const before = this.stderr.lastIndexOf(marker);
    this.proc.kill('SIGUSR2');
    const line = await this.waitFor(
      () => {
        const i = this.stderr.lastIndexOf(marker);
        if (i <= before) return undefined;
        const end = this.stderr.indexOf('\n', i);
        return end > 0 ? this.stderr.slice(i + marker.length, end) : undefined;
      },
      timeoutMs,
      'gc probe answer',
    );
    const m = JSON.parse(line);
    return { heapUsedKb: Math.round(m.heapUsed / 1024), rssKb: Math.round(m.rss / 1024), externalKb: Math.round(m.external / 1024) };
  }

  /** Kill without ceremony (for hung servers). */
  kill() {
    if (!this.exited) this.proc.kill('SIGKILL');
    return this.exitPromise;
  }
}

/** A preload script for the server process: on SIGUSR2, full GC then memoryUsage() on stderr. */
function gcProbeFile() {
  const file = path.join(tmpdir(), `chancery-gc-probe-${process.pid}.cjs`);
  if (!existsSync(file)) {
    writeFileSync(
      file,
      "process.on('SIGUSR2', () => { global.gc && global.gc(); global.gc && global.gc(); " +
        "process.stderr.write('\\u0000chancery-gc-probe ' + JSON.stringify(process.memoryUsage()) + '\\n'); });\n",
    );
  }
  return file;
}

/** Error log messages (MessageType.Error = 1) the server sent. */
export function errorLogs(server) {
  return server.logs.filter((l) => l.type === 1).map((l) => l.message);
}


/** Diagnostics in a canonical, uri-independent form (sorted; uri replaced by a placeholder). */
export function canonical(diagnostics, uri) {
  const json = JSON.stringify(diagnostics ?? []);
  const replaced = uri ? json.split(JSON.stringify(uri).slice(1, -1)).join('<doc>') : json;
  // `data` may carry the document version (it differs between an edited and a fresh document).
  const list = JSON.parse(replaced).map((d) => {
    if (d && d.data && typeof d.data === 'object' && !Array.isArray(d.data) && 'version' in d.data) {
      const { version, ...rest } = d.data;
      return { ...d, data: rest };
    }
    return d;
  });
  const key = (d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, String(d.code), d.message].join('\u0001');
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
