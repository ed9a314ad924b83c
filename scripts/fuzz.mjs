#!/usr/bin/env node
// Differential fuzzing of the Chancery language server through the protocol (issue 6).
//
//   node scripts/fuzz.mjs [--seed N] [--edits N] [--docs N] [--burst N] [--server dist/server.js] [--verbose]
//
// Spawns `node dist/server.js --stdio`, opens several documents and applies random incremental
// edits (didChange with ranges: inserts, deletes, pastes of corpus fragments, stray brackets,
// CRLF/LF/CR mixes, Chinese-numeral and invalid dates, half-width punctuation, surrogates). The
// client keeps its own copy of each text with the reference implementation of incremental sync
// (vscode-languageserver-textdocument's TextDocument.update). After each burst it waits for the
// diagnostics the server publishes for the document's latest version and asserts that they equal
//   (a) the diagnostics of a FRESH document opened with the same text (full sync, no history), and
//   (b) when dist/core.js exposes the core, a from-scratch `diagnose` of the same text with the
//       same embedded corpus, converted to LSP ranges with the reference TextDocument.
// It also asserts that the server process stays alive and answers requests (hover, completion)
// and that a stale result never overwrites a newer one. Exit code 0 = no divergence, no crash.
//
// This file also exports the small JSON-RPC harness (LspServer) and the seeded PRNG used by the
// robustness tests in test/robust/ and by bench/robust.mjs.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as rpc from 'vscode-jsonrpc/node';

// CHANCERY_DIST points the harness at another build (default: dist/ of this checkout).
import { ROOT, DIST, SERVER } from './lsp-shared.mjs';
import { LspProcess } from './lsp-process.mjs';
export { ROOT, DIST, SERVER };
export const CORE = path.join(DIST, 'core.js');
export const CLI = path.join(DIST, 'cli.js');
export const EMBEDDED_CORPUS = path.join(ROOT, 'server', 'corpus', 'sco-2021-heads-of-government-communique.zh.txt');

// ---------------------------------------------------------------------------------------------
// Seeded PRNG

import { mulberry32 } from './prng.mjs';
export { mulberry32 };

/** Helpers over a PRNG. */
export function rand(rng) {
  return {
    rng,
    int: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(rng() * arr.length)],
    chance: (p) => rng() < p,
  };
}

/** Picks one key of `weights` ({key: weight}) at random. */
function weighted(r, weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r.rng() * total;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1][0];
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC harness

/**
 * A language server process driven over stdio by a real JSON-RPC client (LspProcess, shared with
 * test/lsp/client.mjs): every wait is bounded. Records the diagnostics per uri with versions and a
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

// ---------------------------------------------------------------------------------------------
// Edit generator

const BRACKETS = ['《', '》', '〈', '〉', '“', '”', '（', '）', '《》', '〈〉', '《〈', '〉》'];
const HALF_WIDTH = [',', '(', ')', ':', ';', '"', '<', '>', ' ', '?', '!', '-', '~', '(2021,', ')，', '<<', '>>', '«', '»'];
const NEWLINES = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '　　', '\n　　', '\r\n　　'];
const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ODD = ['\u0000', '\ufeff', '\ufffd', '\u200b', '😀', '𠀀', '\ud800', '\udc00', '\t', '\u2028', 'ﾟ', '①', '\u3000'];
const VERBS = ['通过', '批准', '签署', '举行'];
// Active content that must stay inert in hovers and completion documentation.
const EVIL = [
  '[点我](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '![](http://evil.example/p.png)',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '<a href="http://evil.example">链接</a>',
  '`code`',
  '**粗**_斜_',
  '\\',
  '](',
  '[ref]: http://evil.example',
  '&lt;img&gt;',
];
const PLACES = ['杜尚别', '撒马尔罕', '塔什干', '比什凯克', '莫斯科', '北京', '努尔苏丹', '以视频方式'];

function cnNumber(n) {
  const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return n === 0 ? '〇' : d[n];
  if (n < 20) return '十' + d[n % 10];
  return d[Math.floor(n / 10)] + '十' + d[n % 10];
}

function arabicDate(r) {
  const y = r.int(1990, 2030);
  const m = r.chance(0.1) ? r.int(0, 14) : r.int(1, 12);
  const d = r.chance(0.15) ? r.int(28, 32) : r.int(1, 28);
  const form = r.int(0, 6);
  if (form === 0) return `${y}年${m}月${d}日`;
  if (form === 1) return `${y}年${m}月${d}日至${r.int(d, 31)}日`;
  if (form === 2) return `${y}年${m}月${d}日、${r.int(1, 12)}月${r.int(1, 31)}日和${r.int(1, 12)}月${r.int(1, 31)}日`;
  if (form === 3) return `${m}月${d}日`;
  if (form === 4) return `${y}年`;
  if (form === 5) return `${y}至${y + 1}年`;
  return `（${y}年${m}月${d}日，${r.pick(PLACES)}）`;
}

function chineseDate(r) {
  const y = String(r.int(1990, 2030))
    .split('')
    .map((c) => CN_DIGITS[+c])
    .join('');
  const m = r.int(1, 13);
  const d = r.int(1, 32);
  return r.chance(0.3) ? `${y}年${cnNumber(m)}月` : `${y}年${cnNumber(m)}月${cnNumber(d)}日`;
}

/** Corpus material used to build pastes: the text, its titles and its sentences. */
export function corpusMaterial(text = readFileSync(EMBEDDED_CORPUS, 'utf8')) {
  const titles = [...new Set(text.match(/《[^《》]{1,200}》/g) ?? [])];
  const sentences = text.split(/(?<=[。；])/).filter((s) => s.length > 0);
  return { text, titles, sentences };
}

function mutateTitle(r, title) {
  const inner = [...title.slice(1, -1)];
  const k = r.int(0, 4);
  if (k === 0 && inner.length > 2) inner.splice(r.int(0, inner.length - 1), 1); // drop a char
  else if (k === 1) inner.splice(r.int(0, inner.length), 0, r.pick(['的', '和', '合作', '国', ' ', '-', '（', '）']));
  else if (k === 2) return title.replace(/上合组织/g, '上海合作组织').replace(/—/g, '-').replace(/（/g, '(').replace(/）/g, ')');
  else if (k === 3) return title.replace(/组织/g, '組織').replace(/发展/g, '發展').replace(/合作/g, '合作');
  return '《' + inner.join('') + '》';
}

/** A random piece of text to insert. */
function randomInsert(r, m) {
  const kind = weighted(r, {
    fragment: 22,
    sentence: 8,
    bracket: 14,
    halfWidth: 8,
    newline: 10,
    arabicDate: 8,
    chineseDate: 6,
    title: 8,
    frame: 8,
    abbreviation: 2,
    marker: 2,
    evil: 3,
    odd: 4,
    typed: 10,
  });
  switch (kind) {
    case 'fragment': {
      const len = r.chance(0.1) ? r.int(200, 1500) : r.int(1, 80);
      const at = r.int(0, Math.max(0, m.text.length - len));
      return m.text.slice(at, at + len);
    }
    case 'sentence':
      return r.pick(m.sentences);
    case 'bracket':
      return r.pick(BRACKETS);
    case 'halfWidth':
      return r.pick(HALF_WIDTH);
    case 'newline':
      return r.pick(NEWLINES);
    case 'arabicDate':
      return arabicDate(r);
    case 'chineseDate':
      return chineseDate(r);
    case 'title':
      return r.chance(0.5) ? r.pick(m.titles) : mutateTitle(r, r.pick(m.titles));
    case 'frame': {
      const title = r.chance(0.7) ? r.pick(m.titles) : mutateTitle(r, r.pick(m.titles));
      const f = r.int(0, 3);
      if (f === 0) return `${arabicDate(r)}在${r.pick(PLACES)}${r.pick(VERBS)}的${title}`;
      if (f === 1) return `${chineseDate(r)}${r.pick(VERBS)}的${title}`;
      if (f === 2) return `${title}${arabicDate(r)}`;
      return `在${r.pick(PLACES)}${r.pick(VERBS)}的`;
    }
    case 'abbreviation':
      return r.pick(['（以下简称“上合组织”或“本组织”）', '（以下简称“', '以下简称', '（以下简称“X”）']);
    case 'marker': {
      // Inline markers (they change the findings of the whole document).
      const t = r.pick(m.titles);
      return r.pick([
        `<!-- chancery-accept: ${r.chance(0.5) ? t : mutateTitle(r, t)} -->`,
        `chancery-accept: ${mutateTitle(r, t)}`,
        'chancery-disable: bracket-unclosed, title-unknown',
        '<!-- chancery-disable: date-invalid -->',
        'chancery-',
        '-->',
      ]);
    }
    case 'evil': {
      // Inside a title half the time: hovers and completion documentation repeat titles.
      const e = r.pick(EVIL);
      return r.chance(0.5) ? `《上合组织${e}合作纲要》` : e;
    }
    case 'odd':
      return r.pick(ODD);
    default: {
      // "Typing": one to three characters of the corpus, as a drafter types them.
      const at = r.int(0, m.text.length - 3);
      return m.text.slice(at, at + r.int(1, 3));
    }
  }
}

/**
 * One random edit on `text`: {start, end, newText} in UTF-16 offsets.
 * `maxLength` bounds the document (beyond it, deletes dominate).
 */
export function randomEdit(r, text, m, maxLength = 12000) {
  const n = text.length;
  const big = n > maxLength;
  const op = weighted(r, big ? { delete: 6, replace: 1, insert: 1 } : { insert: 6, delete: 3, replace: 2 });
  const at = r.int(0, n);
  if (op === 'insert' || n === 0) return { start: at, end: at, newText: randomInsert(r, m) };
  let len = r.chance(0.85) ? r.int(1, 20) : r.int(20, big ? Math.max(40, n >> 1) : 600);
  const start = Math.min(at, n);
  const end = Math.min(n, start + len);
  return { start, end, newText: op === 'delete' ? '' : randomInsert(r, m) };
}

// ---------------------------------------------------------------------------------------------
// Comparison

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

/** A short description of the first difference between two canonical lists. */
function firstDifference(a, b) {
  if (a.length !== b.length) return `count ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = JSON.stringify(a[i]);
    const y = JSON.stringify(b[i]);
    if (x !== y) return `#${i}: ${x.slice(0, 400)}\n   vs ${y.slice(0, 400)}`;
  }
  return undefined;
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 };

/**
 * A from-scratch oracle that runs the core directly (dist/core.js) with the embedded corpus,
 * if the core exposes what it needs; otherwise undefined. Returns text → [{range, code, severity}].
 */
export async function coreOracle(chancery = {}) {
  if (!existsSync(CORE)) return undefined;
  const require = createRequire(import.meta.url);
  let core;
  try {
    core = require(CORE);
  } catch {
    return undefined;
  }
  const need = ['loadCorpus', 'nodeCorpusReader', 'builtinCorpusDir', 'buildKnowledgeBase', 'KnowledgeIndex', 'diagnose'];
  if (!need.every((k) => k in core)) return undefined;
  let dir = core.builtinCorpusDir();
  if (!existsSync(dir)) dir = path.join(DIST, 'corpus');
  const { docs, problems } = await core.loadCorpus([dir], core.nodeCorpusReader);
  const kb = core.buildKnowledgeBase(docs, problems);
  const index = new core.KnowledgeIndex(kb);
  const service = typeof core.createLanguageService === 'function' ? core.createLanguageService({ kb }) : undefined;
  // The same diagnose options the server derives from the chancery settings.
  const options = {
    disabled: chancery.diagnostics?.disabled ?? [],
    severity: chancery.diagnostics?.severity ?? {},
    acceptedTitles: chancery.acceptedTitles ?? [],
  };
  return (text) => {
    const findings = service ? service.diagnose(text, options) : core.diagnose(text, index, options);
    // Invariants of the core's findings: spans and fix edits inside the text, edits of one fix disjoint.
    for (const f of findings) {
      const inside = (a, b) => Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a <= b && b <= text.length;
      if (!inside(f.start, f.end)) throw new Error(`finding ${f.code} span ${f.start}-${f.end} outside the text (${text.length})`);
      for (const fix of f.fixes ?? []) {
        const edits = [...fix.edits].sort((x, y) => x.start - y.start);
        edits.forEach((e, i) => {
          if (!inside(e.start, e.end)) throw new Error(`fix of ${f.code}: edit ${e.start}-${e.end} outside the text (${text.length})`);
          if (i > 0 && e.start < edits[i - 1].end) throw new Error(`fix of ${f.code}: overlapping edits`);
        });
      }
    }
    const doc = TextDocument.create('oracle:', 'communique', 1, text);
    const entry = (f, code = f.code, severity = SEVERITY[f.severity]) => ({
      range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
      code,
      severity,
    });
    // The server publishes the first maxProblems, then a note at the first one left out.
    const max = chancery.diagnostics?.maxProblems ?? 1000;
    if (max > 0 && findings.length > max) return [...findings.slice(0, max).map((f) => entry(f)), entry(findings[max], 'too-many-problems', 3)];
    return findings.map((f) => entry(f));
  };
}

/** The parts of LSP diagnostics the core oracle can predict, canonical order. */
function skeleton(diags) {
  return canonical(
    diags.map((d) => ({ range: d.range, code: d.code, severity: d.severity })),
    undefined,
  ).map((d) => JSON.stringify(d));
}

// ---------------------------------------------------------------------------------------------
// Response validation: what a strict client (VS Code) rejects

let markdownIt;
/**
 * Problems with markdown that should hold no active content from corpus or draft text: rendered
 * by markdown-it with HTML on, it must produce no image, script, event handler, or link to
 * anything but a file/corpus location, and no command:/javascript: link even with autolinks.
 */
export function markdownProblems(markdown) {
  if (!markdown) return [];
  if (!markdownIt) {
    const MarkdownIt = createRequire(import.meta.url)('markdown-it');
    markdownIt = { plain: new MarkdownIt({ html: true, linkify: false }), linkify: new MarkdownIt({ html: true, linkify: true }) };
  }
  const html = markdownIt.plain.render(markdown);
  const problems = [];
  if (/<img\b/i.test(html)) problems.push('renders an image');
  if (/<script\b/i.test(html)) problems.push('renders a script');
  if (/<[^>]*\bon[a-z]+\s*=/i.test(html)) problems.push('renders an event handler attribute');
  for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"/gi)) if (!/^(file:|builtin:|#)/.test(m[1])) problems.push(`renders a link to ${m[1]}`);
  if (/href="(command:|javascript:)/i.test(markdownIt.linkify.render(markdown))) problems.push('renders a command/javascript link with autolinks');
  return problems.map((p) => `${p}: ${JSON.stringify(markdown.slice(0, 300))}`);
}

/** Problems with an LSP response for `doc` (the client's copy of the text the request saw). */
export function validateResponse(kind, res, doc, position) {
  const problems = [];
  if (res == null) return problems;
  const lines = doc.getText().split(/\r\n|\r|\n/);
  // LSP: "if the character value is greater than the line length it defaults back to the line
  // length" — so a character past the end of its line is tolerated (clamped), a line past the end
  // of the text or a negative value is not.
  const posOk = (p) => p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.length;
  const clamp = (p) => ({ line: p.line, character: Math.min(p.character, lines[p.line]?.length ?? 0) });
  const before = (a0, b0) => {
    const a = clamp(a0);
    const b = clamp(b0);
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
  };
  const rangeOk = (r) => r && posOk(r.start) && posOk(r.end) && before(r.start, r.end);
  const why = (r) =>
    !r ? 'missing' : !posOk(r.start) ? `start ${show(r.start)} outside the text (line length ${lines[r.start.line]?.length})` : !posOk(r.end) ? `end ${show(r.end)} outside the text (line length ${lines[r.end.line]?.length})` : 'end before start';
  const contains = (outer, inner) => before(outer.start, inner.start) && before(inner.end, outer.end);
  const show = (x) => JSON.stringify(x).slice(0, 300);
  const markdownOf = (c) => (!c ? '' : typeof c === 'string' ? c : Array.isArray(c) ? c.map(markdownOf).join('\n') : c.kind === 'plaintext' ? '' : (c.value ?? ''));
  if (kind === 'hover') {
    if (res.range && !rangeOk(res.range)) problems.push(`invalid hover range ${show(res.range)}: ${why(res.range)}`);
    problems.push(...markdownProblems(markdownOf(res.contents)).map((p) => `hover ${p}`));
  } else if (kind === 'completion') {
    const items = Array.isArray(res) ? res : res.items ?? [];
    for (const it of items) {
      problems.push(...markdownProblems(markdownOf(it.documentation)).map((p) => `completion ${it.label} documentation ${p}`));
      const te = it.textEdit;
      if (!te) continue;
      const ranges = te.range ? [te.range] : [te.insert, te.replace];
      for (const r of ranges) {
        if (!rangeOk(r)) problems.push(`completion ${it.label}: invalid textEdit range ${show(r)}: ${why(r)}`);
        else if (r.start.line !== r.end.line) problems.push(`completion ${it.label}: textEdit range spans lines ${show(r)}`);
        else if (!contains(r, { start: position, end: position })) problems.push(`completion ${it.label}: textEdit range ${show(r)} does not contain the position ${show(position)}`);
      }
    }
  } else if (kind === 'symbols') {
    const walk = (list, parent) => {
      for (const sym of list ?? []) {
        if (!sym.range) continue; // SymbolInformation
        if (!rangeOk(sym.range) || !rangeOk(sym.selectionRange)) problems.push(`symbol ${sym.name}: invalid range ${show(sym.range)} / ${show(sym.selectionRange)}: ${rangeOk(sym.range) ? why(sym.selectionRange) : why(sym.range)}`);
        else if (!contains(sym.range, sym.selectionRange)) problems.push(`symbol ${sym.name}: selectionRange outside range`);
        else if (parent && !contains(parent, sym.range)) problems.push(`symbol ${sym.name}: outside its parent`);
        if (typeof sym.name !== 'string' || sym.name.trim() === '') problems.push(`symbol with an empty name ${show(sym)}`);
        walk(sym.children, sym.range);
      }
    };
    walk(res);
  } else if (kind === 'tokens') {
    const data = res.data ?? [];
    if (data.length % 5) problems.push(`semantic tokens: ${data.length} integers, not a multiple of 5`);
    let line = 0;
    let char = 0;
    let prevEnd = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
      const [dl, ds, len] = data.slice(i, i + 3);
      if (dl < 0 || (dl === 0 && ds < 0) || len <= 0) problems.push(`semantic token #${i / 5}: deltaLine ${dl}, deltaStart ${ds}, length ${len}`);
      line += dl;
      char = dl === 0 ? char + ds : ds;
      if (dl === 0 && char < prevEnd) problems.push(`semantic token #${i / 5} overlaps the previous one (line ${line})`);
      if (line >= lines.length || char + len > lines[line].length) problems.push(`semantic token #${i / 5} runs past its line (${line}:${char}+${len}, line length ${lines[line]?.length})`);
      prevEnd = char + len;
      if (problems.length > 5) break;
    }
  } else if (kind === 'diagnostics') {
    for (const dg of res) {
      if (!rangeOk(dg.range)) problems.push(`diagnostic ${dg.code}: invalid range ${show(dg.range)}: ${why(dg.range)}`);
      if (![1, 2, 3, 4].includes(dg.severity)) problems.push(`diagnostic ${dg.code}: severity ${dg.severity}`);
      if (typeof dg.message !== 'string' || !dg.message.trim()) problems.push(`diagnostic ${dg.code}: empty message`);
    }
  } else if (kind === 'folding') {
    for (const f of res) {
      if (!(Number.isInteger(f.startLine) && Number.isInteger(f.endLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.length)) problems.push(`folding range ${show(f)} (lines ${lines.length})`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The fuzzer

/**
 * Runs the differential fuzzer. Returns a result object; never throws for a divergence
 * (they are collected), throws only when the harness itself cannot go on (server dead).
 * @param {object} o
 * @param {number} [o.seed]
 * @param {number} [o.edits] total edits over all documents
 * @param {number} [o.docs] documents edited concurrently
 * @param {number} [o.burst] maximum edits per document per round
 * @param {number[]} [o.rssAt] edit counts at which to sample the server's RSS
 * @param {boolean} [o.useCore] also compare with the core oracle (default: when available)
 * @param {(s: string) => void} [o.log]
 */
export async function runFuzz(o = {}) {
  const seed = o.seed ?? 1;
  const totalEdits = o.edits ?? 10000;
  const nDocs = o.docs ?? 4;
  const maxBurst = o.burst ?? 12;
  const log = o.log ?? (() => {});
  const waitMs = o.waitMs ?? 60000;
  const r = rand(mulberry32(seed));
  const m = corpusMaterial();
  const oracle = o.useCore === false ? undefined : await coreOracle(o.settings?.chancery ?? {});
  const server = o.server ?? (await LspServer.start({ serverPath: o.serverPath, settings: o.settings ?? {}, nodeArgs: o.nodeArgs, env: o.env, gcProbe: o.gcProbe, pull: o.pull, initializationOptions: o.pull ? { ...(o.settings?.chancery ?? {}), pullDiagnostics: true } : undefined }));
  // Pull mode: the diagnostics of a document are what textDocument/diagnostic answers (asked once
  // the edits are sent); push mode: what the server publishes for the latest version.
  const diagnosticsOf = async (uri, version, afterSeq) => {
    if (!o.pull) return server.waitDiagnostics(uri, version, waitMs, afterSeq);
    const report = await server.request('textDocument/diagnostic', { textDocument: { uri } }, waitMs);
    if (report?.kind !== 'full') throw new Error(`${uri}: pull diagnostics answered ${JSON.stringify(report)?.slice(0, 200)}`);
    return { version, diagnostics: report.items };
  };
  const result = {
    seed,
    edits: 0,
    rounds: 0,
    comparisons: 0,
    oracleComparisons: 0,
    mismatches: [],
    requestErrors: [],
    invalidResponses: [],
    staleOverwrites: 0,
    rss: {},
    crashed: false,
    ms: 0,
    maxDocLength: 0,
    usedCoreOracle: !!oracle,
    waitMs: [],
  };
  const t0 = performance.now();
  const rssAt = [...(o.rssAt ?? [])].sort((a, b) => a - b);

  // Initial documents: corpus paragraphs, an empty one, a CRLF one, a small draft with problems.
  const initial = [
    m.sentences.slice(0, 6).join(''),
    '',
    m.sentences.slice(10, 16).join('\r\n'),
    `　　2021年9月17日在杜尚别通过的${m.titles[0] ?? '《》'}和《上合组织不存在的纲要》。\n　　二〇二一年二月三十日，（以下简称“上合组织”）`,
    m.sentences.slice(20, 24).join('\n'),
    '《《〈〉》',
  ];
  const languages = ['communique', 'plaintext', 'markdown', 'communique'];
  const docs = [];
  for (let i = 0; i < nDocs; i++) {
    const uri = `file:///tmp/chancery-fuzz/s${seed}/doc-${i}.communique`;
    const text = initial[i % initial.length];
    const languageId = languages[i % languages.length];
    docs.push({ uri, languageId, doc: TextDocument.create(uri, languageId, 1, text) });
    server.open(uri, text, languageId, 1);
  }

  try {
    if (o.warmup) {
      // Touch every feature once on every document (lazy indexes, JIT) before counting edits.
      await Promise.all(docs.map((d) => diagnosticsOf(d.uri, 1)));
      for (let k = 0; k < (o.warmup === true ? 1 : o.warmup); k++) {
        for (const d of docs) {
          const td = { uri: d.uri };
          const text = d.doc.getText();
          for (const off of [0, text.length >> 1, text.length]) {
            const position = d.doc.positionAt(off);
            await server.hover(d.uri, position, waitMs);
            await server.completion(d.uri, position, waitMs);
            await server.request('textDocument/definition', { textDocument: td, position }, waitMs);
            await server.request('textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } }, waitMs);
          }
          const range = { start: d.doc.positionAt(0), end: d.doc.positionAt(text.length) };
          await server.request('textDocument/codeAction', { textDocument: td, range, context: { diagnostics: server.latest(d.uri)?.diagnostics ?? [] } }, waitMs);
          await server.request('textDocument/documentSymbol', { textDocument: td }, waitMs);
          await server.request('textDocument/semanticTokens/full', { textDocument: td }, waitMs);
          await server.request('textDocument/foldingRange', { textDocument: td }, waitMs);
        }
      }
      result.rssAfterWarmup = server.rssKb();
    }
    while (result.edits < totalEdits) {
      result.rounds++;
      const round = result.rounds;
      // 1. A burst of edits on every document.
      for (const d of docs) {
        if (d.pendingFix && d.pendingFix.version === d.doc.version && result.edits < totalEdits) {
          // A server-proposed quick fix, applied as the client would: one didChange, edits in
          // reverse document order (LSP TextEdits of one change refer to the original text).
          const sorted = [...d.pendingFix.edits].sort((a, b) => d.doc.offsetAt(b.range.start) - d.doc.offsetAt(a.range.start));
          const changes = sorted.map((e) => ({ range: e.range, text: e.newText }));
          const version = d.doc.version + 1;
          d.doc = TextDocument.update(d.doc, changes, version);
          server.change(d.uri, version, changes);
          result.edits++;
          result.fixesApplied = (result.fixesApplied ?? 0) + 1;
        }
        d.pendingFix = undefined;
        const n = Math.min(r.int(1, maxBurst), totalEdits - result.edits);
        let i = 0;
        while (i < n) {
          // Sometimes several content changes in one didChange (applied in order).
          const group = r.chance(0.2) ? Math.min(r.int(2, 4), n - i) : 1;
          const changes = [];
          for (let g = 0; g < group; g++) {
            const text = d.doc.getText();
            const e = randomEdit(r, text, m);
            const range = { start: d.doc.positionAt(e.start), end: d.doc.positionAt(e.end) };
            const change = { range, text: e.newText };
            changes.push(change);
            d.doc = TextDocument.update(d.doc, [change], d.doc.version);
          }
          // Occasionally a full-text replacement (clients may send one).
          if (r.chance(0.01)) {
            changes.length = 0;
            changes.push({ text: d.doc.getText() });
          }
          const version = d.doc.version + 1;
          d.doc = TextDocument.update(d.doc, [], version);
          server.change(d.uri, version, changes);
          i += group;
          result.edits += group;
        }
        result.maxDocLength = Math.max(result.maxDocLength, d.doc.getText().length);
        if (result.edits >= totalEdits) break;
      }
      // Sometimes a document is closed and reopened (same text, next version), and sometimes the
      // knowledge base is rebuilt while edits are in flight: results of either must not go stale.
      for (const d of docs) {
        if (r.chance(0.02)) {
          server.close(d.uri);
          const version = d.doc.version + 1;
          d.doc = TextDocument.update(d.doc, [], version);
          server.open(d.uri, d.doc.getText(), d.languageId, version);
          result.reopens = (result.reopens ?? 0) + 1;
        }
      }
      if (r.chance(o.rebuildChance ?? 0.02)) {
        result.rebuilds = (result.rebuilds ?? 0) + 1;
        server.request('chancery/rebuild', null, waitMs).catch((e) => {
          if (!(e instanceof rpc.ResponseError && e.code === rpc.ErrorCodes.MethodNotFound)) result.requestErrors.push(`chancery/rebuild: ${e.message}`);
        });
      }
      // Requests in flight while edits happen, at random positions: hover, completion, code actions
      // (with the last published, possibly stale, diagnostics), symbols, semantic tokens, folding,
      // definition, references. A quick fix returned for the current version is applied as the
      // first edit of the document's next burst.
      const probes = docs.map((d) => {
        const text = d.doc.getText();
        const off = r.int(0, text.length);
        const pos = d.doc.positionAt(off);
        const td = { uri: d.uri };
        const version = d.doc.version;
        const kind = weighted(r, { hover: 4, completion: 3, codeAction: 4, symbols: 1, tokens: 1, folding: 1, definition: 1, references: 1 });
        let req;
        const check = (res) => {
          for (const problem of validateResponse(kind, res, d.doc, pos)) {
            result.invalidResponses.push(`${kind} ${d.uri} v${version} @${off}: ${problem}`);
            if ((result.invalidSamples ??= []).length < 3) result.invalidSamples.push({ kind, problem, offset: off, text: d.doc.getText(), response: res });
          }
          return res;
        };
        if (kind === 'hover') req = server.hover(d.uri, pos, waitMs).then(check);
        else if (kind === 'completion') req = server.completion(d.uri, pos, waitMs).then(check);
        else if (kind === 'codeAction') {
          const end = d.doc.positionAt(Math.min(text.length, off + r.int(0, 200)));
          const diagnostics = (server.latest(d.uri)?.diagnostics ?? []).slice(0, 50);
          req = server.request('textDocument/codeAction', { textDocument: td, range: { start: pos, end }, context: { diagnostics } }, waitMs).then((actions) => {
            const edits = (actions ?? []).map((a) => a.edit?.changes?.[d.uri] ?? a.edit?.documentChanges?.find((c) => c.textDocument?.uri === d.uri)?.edits).filter((e) => e?.length);
            if (edits.length && d.doc.version === version) d.pendingFix = { version, edits: r.pick(edits) };
          });
        } else if (kind === 'symbols') req = server.request('textDocument/documentSymbol', { textDocument: td }, waitMs).then(check);
        else if (kind === 'tokens') req = server.request('textDocument/semanticTokens/full', { textDocument: td }, waitMs).then(check);
        else if (kind === 'folding') req = server.request('textDocument/foldingRange', { textDocument: td }, waitMs).then(check);
        else if (kind === 'definition') req = server.request('textDocument/definition', { textDocument: td, position: pos }, waitMs);
        else req = server.request('textDocument/references', { textDocument: td, position: pos, context: { includeDeclaration: true } }, waitMs);
        result.probes = (result.probes ?? 0) + 1;
        return req.catch((e) => {
          if (e instanceof rpc.ResponseError && (e.code === -32800 || e.code === -32801)) return; // cancelled / content modified
          result.requestErrors.push(`${kind} ${d.uri} @${off}: ${e.message}`);
          if (!(e instanceof rpc.ResponseError)) throw e;
        });
      });
      // 2. Wait for every document's latest version to be published.
      const tw = performance.now();
      const pubs = await Promise.all(docs.map((d) => diagnosticsOf(d.uri, d.doc.version)));
      result.waitMs.push(performance.now() - tw);
      await Promise.all(probes);
      // 3. From scratch: the same texts as fresh documents.
      const fresh = docs.map((d, i) => ({ uri: `file:///tmp/chancery-fuzz/s${seed}/fresh-${round}-${i}.communique`, d }));
      const before = server.seq;
      for (const f of fresh) server.open(f.uri, f.d.doc.getText(), f.d.languageId, 1);
      const freshPubs = await Promise.all(fresh.map((f) => diagnosticsOf(f.uri, 1, before)));
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        for (const problem of validateResponse('diagnostics', pubs[i].diagnostics, d.doc)) result.invalidResponses.push(`diagnostics ${d.uri} v${d.doc.version}: ${problem}`);
        const a = canonical(pubs[i].diagnostics, d.uri);
        const b = canonical(freshPubs[i].diagnostics, fresh[i].uri);
        result.comparisons++;
        const diff = firstDifference(a, b);
        if (diff) {
          result.mismatches.push({ round, uri: d.uri, version: d.doc.version, kind: 'incremental-vs-fresh', diff, text: d.doc.getText() });
          log(`round ${round} ${d.uri} v${d.doc.version}: incremental ≠ fresh: ${diff}`);
        }
        if (oracle) {
          result.oracleComparisons++;
          let expected;
          try {
            expected = skeleton(oracle(d.doc.getText()));
          } catch (e) {
            expected = [`core threw: ${e.stack ?? e}`];
          }
          const got = skeleton(pubs[i].diagnostics);
          const diff2 = firstDifference(got, expected);
          if (diff2) {
            result.mismatches.push({ round, uri: d.uri, version: d.doc.version, kind: 'server-vs-core', diff: diff2, text: d.doc.getText() });
            log(`round ${round} ${d.uri} v${d.doc.version}: server ≠ core: ${diff2}`);
          }
        }
      }
      for (const f of fresh) server.close(f.uri);
      // 4. Stale results never overwrite newer ones: nothing older arrived after the wait.
      for (const d of docs) {
        const l = server.latest(d.uri);
        if (l && typeof l.version === 'number' && l.version !== d.doc.version) result.staleOverwrites++;
        if (o.pull && l) result.staleOverwrites++; // a server must not push to a client that pulls
      }
      // RSS samples, taken when the server has caught up with every edit of the round.
      while (rssAt.length && result.edits >= rssAt[0]) {
        const mark = rssAt.shift();
        if (o.gcProbe) (result.heap ??= {})[mark] = await server.heapAfterGcKb(waitMs);
        result.rss[mark] = server.rssKb();
        (result.rssEdits ??= []).push(result.edits);
      }
      if (result.mismatches.length >= (o.maxMismatches ?? 20)) break;
      if (round % 50 === 0) log(`round ${round}: ${result.edits} edits, rss ${server.rssKb()} kB`);
    }
    await server.ping(waitMs);
  } catch (e) {
    result.crashed = server.exited;
    result.error = `${e.stack ?? e}`;
  } finally {
    result.ms = performance.now() - t0;
    result.alive = !server.exited;
    result.errorLogs = errorLogs(server);
    result.logs = server.logs.map((l) => l.message);
    result.stderr = server.stderr.slice(-4000);
    result.finalRssKb = server.rssKb();
    if (!o.server) result.exitCode = await server.stop();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// CLI

/** Non-default settings for `--custom-settings`: severity overrides, disabled codes, accepted titles. */
export const CUSTOM_SETTINGS = {
  chancery: {
    corpus: { paths: [], includeBuiltin: true },
    diagnostics: {
      disabled: ['date-inconsistent'],
      severity: { 'title-unknown': 'hint', 'bracket-unopened': 'off', 'date-invalid': 'information', 'title-misquoted': 'error' },
      // Small enough that fuzzed documents often exceed it: the cap and its note are compared too.
      maxProblems: 5,
    },
    acceptedTitles: ['《上合组织不存在的纲要》', '上合组织不存在纲要'],
  },
};

function parseArgs(argv) {
  const a = { seed: 1, edits: 10000, docs: 4, burst: 12, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--seed') (a.seed = Number(v)), i++;
    else if (k === '--edits') (a.edits = Number(v)), i++;
    else if (k === '--docs') (a.docs = Number(v)), i++;
    else if (k === '--burst') (a.burst = Number(v)), i++;
    else if (k === '--server') (a.serverPath = path.resolve(v)), i++;
    else if (k === '--no-core') a.useCore = false;
    else if (k === '--custom-settings') a.settings = CUSTOM_SETTINGS;
    else if (k === '--pull') a.pull = true;
    else if (k === '--server-node-args') (a.nodeArgs = v.split(/\s+/).filter(Boolean)), i++;
    else if (k === '--verbose' || k === '-v') a.verbose = true;
    else if (k === '--help' || k === '-h') {
      console.log('usage: node scripts/fuzz.mjs [--seed N] [--edits N] [--docs N] [--burst N] [--custom-settings] [--pull] [--server path] [--server-node-args "--max-old-space-size=128"] [--no-core] [--verbose]');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const a = parseArgs(process.argv.slice(2));
  const res = await runFuzz({ ...a, rssAt: [100, a.edits], log: a.verbose ? (s) => console.error(s) : (s) => console.error(s.split('\n')[0]) });
  const waits = res.waitMs.slice().sort((x, y) => x - y);
  const q = (p) => (waits.length ? waits[Math.min(waits.length - 1, Math.floor(p * waits.length))].toFixed(0) : '-');
  console.log(
    [
      `seed ${res.seed}: ${res.edits} edits in ${res.rounds} rounds on ${a.docs} documents, ${(res.ms / 1000).toFixed(1)} s`,
      `  reopened documents: ${res.reopens ?? 0}; knowledge-base rebuilds during edits: ${res.rebuilds ?? 0}; requests probed: ${res.probes ?? 0}; quick fixes applied: ${res.fixesApplied ?? 0}`,
      `  comparisons incremental=fresh: ${res.comparisons}; server=core: ${res.oracleComparisons}${res.usedCoreOracle ? '' : ' (core oracle unavailable)'}`,
      `  mismatches: ${res.mismatches.length}; stale overwrites: ${res.staleOverwrites}; request errors: ${res.requestErrors.length}; invalid responses: ${res.invalidResponses.length}; error logs: ${res.errorLogs.length}`,
      `  diagnostics wait per round p50 ${q(0.5)} ms, p95 ${q(0.95)} ms; largest document ${res.maxDocLength} chars`,
      `  server RSS: ${Object.entries(res.rss).map(([k, v]) => `after ${k} edits ${v} kB`).join(', ')}`,
      `  server alive at end: ${res.alive}; exit code ${res.exitCode}`,
      res.error ? `  ERROR: ${res.error}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  for (const mm of res.mismatches.slice(0, 3)) console.log(`\n--- ${mm.kind} round ${mm.round} ${mm.uri} v${mm.version}\n${mm.diff}\ntext (${mm.text.length}): ${JSON.stringify(mm.text.slice(0, 600))}`);
  for (const e of res.requestErrors.slice(0, 5)) console.log(`request error: ${e}`);
  for (const e of res.invalidResponses.slice(0, 8)) console.log(`invalid response: ${e}`);
  if (res.invalidSamples?.length) {
    const file = path.join(tmpdir(), `chancery-fuzz-invalid-${res.seed}.json`);
    writeFileSync(file, JSON.stringify(res.invalidSamples, null, 1));
    console.log(`texts of the first invalid responses: ${file}`);
  }
  for (const e of res.errorLogs.slice(0, 5)) console.log(`error log: ${e.slice(0, 500)}`);
  const ok = !res.error && res.mismatches.length === 0 && res.requestErrors.length === 0 && res.invalidResponses.length === 0 && res.staleOverwrites === 0 && res.alive;
  process.exit(ok ? 0 : 1);
}
