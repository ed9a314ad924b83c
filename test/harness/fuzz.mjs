// Differential fuzzing of the Chancery language server through the protocol (issue 6).
//
//   node scripts/fuzz.mjs (the command line; this module is its library) [--seed N] [--edits N] [--docs N] [--burst N] [--server dist/server.js] [--verbose]
//
// Spawns `node dist/server.js --stdio`, opens several documents and applies random incremental
// edits (didChange with ranges: inserts, deletes, pastes of corpus fragments, stray brackets,
// CRLF/LF/CR mixes, Chinese-numeral and invalid dates, half-width punctuation, surrogates). The
// client keeps its own copy of each text with the reference implementation of incremental sync
// (vscode-languageserver-textdocument's TextDocument.update). After each burst it waits for the
// diagnostics the server publishes for the document's latest version and asserts that they equal
//   (a) the diagnostics of a FRESH document opened with the same text (full sync, no history), and
//   (b) a from-scratch `diagnose` of the same text by the core itself (its sources), with the
//       same embedded corpus, converted to LSP ranges with the reference TextDocument.
// It also asserts that the server process stays alive and answers requests (hover, completion)
// and that a stale result never overwrites a newer one. Exit code 0 = no divergence, no crash.
//
// The library of scripts/fuzz.mjs and of the robustness tests (test/robust/fuzz.test.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as rpc from 'vscode-jsonrpc/node';
import { mulberry32 } from './prng.mjs';
import { LspServer, canonical, errorLogs, EMBEDDED_CORPUS } from './lspServer.mjs';
import { markdownProblems, validateResponse } from './responses.mjs';
import { core } from './core.mjs';

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
 * A from-scratch oracle that runs the core directly (from its sources, test/harness/core.mjs) with
 * the embedded corpus. Returns text → [{range, code, severity}].
 */
export async function coreOracle(chancery = {}) {
  const { docs, problems } = await core.loadCorpus([core.builtinCorpusDir()], core.nodeCorpusReader);
  const kb = core.buildKnowledgeBase(docs, problems);
  const service = core.createLanguageService({ kb });
  // The same diagnose options the server derives from the chancery settings.
  const options = {
    disabled: chancery.diagnostics?.disabled ?? [],
    severity: chancery.diagnostics?.severity ?? {},
    acceptedTitles: chancery.acceptedTitles ?? [],
  };
  return (text) => {
    const findings = service.diagnose(text, options);
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

