#!/usr/bin/env node
// Robustness benchmarks (issue 6). Prints figures; asserts nothing.
//
//   node bench/robust.mjs [scanners] [bombs] [hostile] [memory] [--size BYTES] [--large CHARS] [--edits N] [--seed N | --seeds N,N,…]
//
//   scanners  every scanner/pattern of the core (dates, references/frames, events, brackets,
//             abbreviations, title matching, phrasing completion, normalisation, and the whole
//             diagnose/hover/complete pipeline) on 1 MB adversarial inputs, each in a worker with a
//             time limit; prints the time at ½ MB and 1 MB and their ratio (≈2 = linear).
//   bombs     corpus files made to explode (#12 item 5): htmlText on 100,000 and 1,000,000 nested
//             <div>s and 3 MB of unclosed <b>, docxText on a 300 KB .docx whose central directory
//             names one 60 MB word/document.xml 2,000 times; each in a worker, limit 60 s.
//   blocking  how long a hover in a small document waits while the server does something big
//             (#12 items 7, 8): a change of 1,000 single-character edits on a 1 MB draft (multi-
//             cursor typing), a rebuild of a 100,000-file corpus, Find References and "Check all
//             drafts" over a workspace holding a 60 M-character archive.md. Hovers are sent every
//             20 ms while it runs; prints the longest and median wait, and the operation's time.
//             --only edits|build|references|checkall runs one of them.
//   hostile   hostile documents through `node dist/server.js --stdio`: a 50 MB draft, 100,000
//             nested 《, a single 100,000-character line, binary bytes, lone surrogates, empty.
//   memory    server RSS after 100 and after 10,000 fuzzed edits (scripts/fuzz.mjs): the server
//             started as the VS Code client starts it (server/launch.json), then bare with the
//             live heap after a full GC at each mark.
// With no section named, runs all of them. Needs `npm run build` first (npm run bench does it).
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { deflateRawSync, crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../test/harness/prng.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const DIST = process.env.CHANCERY_DIST ? path.resolve(process.env.CHANCERY_DIST) : path.join(ROOT, 'dist');
const CORPUS_FILE = path.join(ROOT, 'server', 'corpus', 'sco-2021-heads-of-government-communique.zh.txt');

// ---------------------------------------------------------------------------------------------
// Inputs

/** `unit` repeated to exactly `n` UTF-16 units. */
export function fill(unit, n) {
  if (!unit) return '';
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}


/**
 * Hostile documents keyed by name. `largeChars` sets the size of the large draft
 * (50 MB in the bench, smaller in the test).
 */
export function hostileDocuments({ largeChars = 50 * 1024 * 1024, corpus = readFileSync(CORPUS_FILE, 'utf8') } = {}) {
  const rng = mulberry32(42);
  const bytes = new Uint8Array(65536).map(() => Math.floor(rng() * 256));
  const units = Array.from({ length: 65536 }, () => String.fromCharCode(Math.floor(rng() * 65536))).join('');
  const oneLine = corpus.replace(/[\r\n]/g, '');
  const sentences = corpus.split(/(?<=。)/);
  const breaks = ['\n', '\r\n', '\r'];
  return {
    empty: '',
    'binary bytes (as UTF-8, 64 KB)': new TextDecoder('utf-8').decode(bytes),
    'binary bytes (as Latin-1, 64 KB)': Buffer.from(bytes).toString('latin1'),
    'random UTF-16 units (64 K, NULs and lone surrogates)': units,
    'lone surrogates in a draft': sentences.join('\ud800').replace(/组织/g, '组\udc00织') + '\udbff',
    '100,000 nested 《': fill('《', 100000),
    '100,000 nested 《 then closed': fill('《', 100000) + '上合组织' + fill('》', 100000),
    '50,000 《〈 alternating': fill('《〈', 100000),
    'single 100,000-character line': fill(oneLine, 100000),
    'CR/LF/CRLF mix': sentences.map((s, i) => s + breaks[i % 3]).join(''),
    '200,000 lines (CR only)': fill('各方\r', 600000),
    'NUL-separated title fragments': fill('《上合组织\u0000成员国》\u0000', 100000),
    [`large draft (${(largeChars / 1e6).toFixed(1)} M chars)`]: fill(corpus + '\n', largeChars),
  };
}

/**
 * Adversarial inputs for each scanner, `n` UTF-16 units long. Each case names the core export it
 * exercises and how it is called. Patterns aim at the usual traps: long runs that almost match
 * (digits + 年, 《 without 》, frames without titles, lists without end), nesting, alternation.
 */
export function scannerCases() {
  const title = '《上合组织成员国政府间教育合作协定》';
  return [
    // dates
    { name: 'dates: digits run + 年', fn: 'findDates', input: (n) => fill('1', n - 1) + '年' },
    { name: 'dates: 2021年 repeated', fn: 'findDates', input: (n) => fill('2021年', n) },
    { name: 'dates: 9月 repeated (no day)', fn: 'findDates', input: (n) => fill('2021年9月', n) },
    { name: 'dates: open range 日至 repeated', fn: 'findDates', input: (n) => fill('2021年9月15日至', n) },
    { name: 'dates: endless list 日、', fn: 'findDates', input: (n) => fill('3月30日、', n) },
    { name: 'dates: Chinese numerals run', fn: 'findDates', input: (n) => fill('二〇二一年十一月二十五', n) },
    { name: 'dates: 〇 run + 年', fn: 'findDates', input: (n) => fill('〇', n - 1) + '年' },
    { name: 'dates: full-width digits', fn: 'findDates', input: (n) => fill('２０２１年９月１７', n) },
    // references and frames
    { name: 'refs: 《 without 》', fn: 'scanReferences', input: (n) => fill('《', n) },
    { name: 'refs: 《 + long title without 》', fn: 'scanReferences', input: (n) => '《' + fill('上合组织', n - 1) },
    { name: 'refs: 》 without 《', fn: 'scanReferences', input: (n) => fill('》', n) },
    { name: 'refs: 《〈 nested without close', fn: 'scanReferences', input: (n) => fill('《〈', n) },
    { name: 'refs: frames without titles', fn: 'scanReferences', input: (n) => fill('2021年9月17日在杜尚别通过的', n) },
    { name: 'refs: 在…通过 without 的', fn: 'scanReferences', input: (n) => fill('在杜尚别通过', n) },
    { name: 'refs: titles, parentheticals unclosed', fn: 'scanReferences', input: (n) => fill(`${title}（2022年9月16日，`, n) },
    { name: 'refs: 会议上通过的…和 chains', fn: 'scanReferences', input: (n) => fill('会议上通过的' + title + '和', n) },
    { name: 'refs: dense valid frames', fn: 'scanReferences', input: (n) => fill(`2021年9月17日在杜尚别通过的${title}、`, n) },
    // events
    { name: 'events: 会议 repeated', fn: 'scanEvents', input: (n) => fill('上合组织成员国第二十次会议', n) },
    { name: 'events: 以视频方式举行的 repeated', fn: 'scanEvents', input: (n) => fill('2021年11月25日以视频方式举行的', n) },
    { name: 'events: 第…次 without noun', fn: 'scanEvents', input: (n) => fill('第二十次', n) },
    // brackets
    { name: 'brackets: 《 without 》', fn: 'brackets', input: (n) => fill('《', n) },
    { name: 'brackets: mixed openers', fn: 'brackets', input: (n) => fill('《〈“（', n) },
    { name: 'brackets: mismatched pairs', fn: 'brackets', input: (n) => fill('《〉〈》（”“）', n) },
    // abbreviations
    { name: 'abbrev: （以下简称“ unclosed', fn: 'abbreviations', input: (n) => fill('上海合作组织（以下简称“', n) },
    { name: 'abbrev: 或“ chains', fn: 'abbreviations', input: (n) => '上海合作组织（以下简称“上合组织”' + fill('或“本组织”', n) },
    // normalisation and title matching
    { name: 'normalize: normalizeTitle 1 MB', fn: 'normalizeTitle', input: (n) => fill('上海合作组織 (2021-2025年) ', n) },
    { name: 'titleMatch: 1 MB title', fn: 'matchTitle', input: (n) => fill('上合组织成员国政府间合作', n) },
    // splitting
    { name: 'split: sentences without 。', fn: 'split', input: (n) => fill('上合组织，', n) },
    // phrasing
    { name: 'phrasing: complete at end of 1 MB without breaks', fn: 'completePhrasing', input: (n) => fill('各代表团团长', n) },
    { name: 'phrasing: complete after 《 at end', fn: 'completePhrasing', input: (n) => fill('各代表团团长表示，', n - 1) + '《' },
    { name: 'phrasing: learn from 1 MB of date lists', fn: 'learnPhrasing', input: (n) => fill('2021年3月30日、7月23日和9月2日在杜尚别通过', n) },
    { name: 'phrasing: learn from 1 MB of 在…通过 frames', fn: 'learnPhrasing', input: (n) => fill('在上合组织成员国通过', n) },
    // one sentence of dates and no 在: the frame-place search once ran from every date to the end
    { name: 'phrasing: learn from 1 MB of dates, no 在', fn: 'learnPhrasing', input: (n) => fill('2021年3月30日，', n) },
    // extraction (knowledge base from an adversarial corpus document)
    { name: 'kb: extract from 1 MB of frames without titles', fn: 'buildKnowledgeBase', input: (n) => fill('2021年9月17日在杜尚别通过的', n) },
    { name: 'kb: extract from 1 MB of 《 without 》', fn: 'buildKnowledgeBase', input: (n) => fill('会议上通过的《', n) },
    { name: 'kb: extract from 1 MB of nested titles', fn: 'buildKnowledgeBase', input: (n) => fill('《上合组织〈上合组织〈纲要〉计划〉》（2022年9月16日，撒马尔罕）', n) },
    { name: 'kb: officials, role nouns without names', fn: 'buildKnowledgeBase', input: (n) => fill('外交部长总理秘书长主席', n) },
    { name: 'kb: signature-like paragraph, long space runs', fn: 'buildKnowledgeBase', input: (n) => '上合组织' + fill(' ', n - 8) + '上合组织' },
    { name: 'kb: 以下简称 declarations without close', fn: 'buildKnowledgeBase', input: (n) => fill('上海合作组织（以下简称“上合组织', n) },
    // the whole pipeline
    { name: 'pipeline: diagnose, 《 without 》', fn: 'diagnose', input: (n) => fill('《', n) },
    { name: 'pipeline: diagnose, frames without titles', fn: 'diagnose', input: (n) => fill('2021年9月17日在杜尚别通过的', n) },
    { name: 'pipeline: diagnose, dense misquoted titles', fn: 'diagnose', input: (n) => fill('2021年9月17日在杜尚别通过的《上合组织成员国政府间教育合作的协定》，', n) },
    { name: 'pipeline: diagnose, corpus repeated', fn: 'diagnose', input: (n) => fill(readFileSync(CORPUS_FILE, 'utf8'), n) },
    { name: 'pipeline: hover+complete+symbols+tokens+folding', fn: 'service', input: (n) => fill(readFileSync(CORPUS_FILE, 'utf8'), n) },
    // semantic tokens once checked every place found against every one taken before: quadratic
    { name: 'tokens: one place named over and over', fn: 'semanticTokens', input: (n) => fill('杜尚别', n) },
    { name: 'tokens: places and officials, densely', fn: 'semanticTokens', input: (n) => fill('在杜尚别和塔什干，总理马明、', n) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Running one scanner case (in a worker)

let knowledge;
async function kbOf(core) {
  if (knowledge) return knowledge;
  const dir = existsSync(path.join(DIST, 'corpus')) ? path.join(DIST, 'corpus') : core.builtinCorpusDir();
  const { docs, problems } = await core.loadCorpus([dir], core.nodeCorpusReader);
  const kb = core.buildKnowledgeBase(docs, problems);
  const index = new core.KnowledgeIndex(kb);
  knowledge = { docs, kb, index };
  return knowledge;
}

/** Returns a function text → unknown for the case, or a string saying why it cannot run. */
async function prepare(core, fn) {
  const has = (...names) => names.every((k) => typeof core[k] === 'function');
  switch (fn) {
    case 'findDates':
      return has('findDates') ? (t) => core.findDates(t) : 'findDates not exported';
    case 'scanReferences':
      return has('scanReferences') ? (t) => core.scanReferences(t) : 'scanReferences not exported';
    case 'scanEvents':
      return has('scanEvents') ? (t) => core.scanEvents(t) : 'scanEvents not exported';
    case 'brackets': {
      const name = ['scanBrackets', 'checkBrackets', 'findBracketProblems', 'bracketProblems', 'matchBrackets'].find((k) => has(k));
      return name ? (t) => core[name](t) : 'no bracket scanner exported';
    }
    case 'abbreviations': {
      const name = ['extractAbbreviations', 'findAbbreviations', 'scanAbbreviations'].find((k) => has(k));
      if (name) return (t) => core[name](t);
      if (has('buildKnowledgeBase')) return (t) => core.buildKnowledgeBase([{ uri: 'bench:/a', text: t, encoding: 'utf-8' }]);
      return 'no abbreviation extractor exported';
    }
    case 'normalizeTitle':
      return (t) => core.normalizeTitle(t, []);
    case 'matchTitle': {
      if (!has('matchTitle', 'loadCorpus')) return 'matchTitle not exported';
      const { index } = await kbOf(core);
      return (t) => core.matchTitle(t, index);
    }
    case 'split':
      return has('splitSentences', 'splitParagraphs') ? (t) => (core.splitParagraphs(t), core.splitSentences(t)) : 'splitSentences not exported';
    case 'completePhrasing': {
      if (!has('learnPhrasing', 'completePhrasing', 'loadCorpus')) return 'phrasing not exported';
      const { docs, kb, index } = await kbOf(core);
      const model = core.learnPhrasing(docs, kb);
      return (t) => core.completePhrasing(model, t, t.length, index);
    }
    case 'learnPhrasing':
      return has('learnPhrasing') ? (t) => core.learnPhrasing([{ uri: 'bench:/p', text: t, encoding: 'utf-8' }]) : 'learnPhrasing not exported';
    case 'buildKnowledgeBase':
      return has('buildKnowledgeBase') ? (t) => core.buildKnowledgeBase([{ uri: 'bench:/k', text: t, encoding: 'utf-8' }]) : 'buildKnowledgeBase not exported';
    case 'diagnose': {
      if (!has('createLanguageService', 'loadCorpus')) return 'createLanguageService not exported';
      const { docs, kb } = await kbOf(core);
      const phrasing = has('learnPhrasing') ? core.learnPhrasing(docs, kb) : undefined;
      const service = core.createLanguageService({ kb, phrasing });
      return (t) => service.diagnose(t);
    }
    case 'service': {
      if (!has('createLanguageService', 'loadCorpus')) return 'createLanguageService not exported';
      const { docs, kb } = await kbOf(core);
      const phrasing = has('learnPhrasing') ? core.learnPhrasing(docs, kb) : undefined;
      const s = core.createLanguageService({ kb, phrasing });
      return (t) => {
        for (const off of [0, t.length >> 2, t.length >> 1, t.length - 1]) s.hover(t, off);
        s.complete(t, t.length >> 1);
        s.symbols(t);
        s.semanticTokens(t);
        s.folding(t);
      };
    }
    case 'semanticTokens': {
      if (!has('createLanguageService', 'loadCorpus')) return 'createLanguageService not exported';
      const { docs, kb } = await kbOf(core);
      const s = core.createLanguageService({ kb, phrasing: has('learnPhrasing') ? core.learnPhrasing(docs, kb) : undefined });
      return (t) => s.semanticTokens(t);
    }
    default:
      return `unknown case ${fn}`;
  }
}

async function runCaseInWorker() {
  const { index, sizes } = workerData.robustCase;
  const require = createRequire(import.meta.url);
  const { core } = await import('../test/harness/core.mjs');
  const c = scannerCases()[index];
  const f = await prepare(core, c.fn);
  if (typeof f === 'string') {
    parentPort.postMessage({ skipped: f });
    return;
  }
  const times = [];
  for (const n of sizes) {
    const text = c.input(n);
    // One warm-up on a small slice so JIT compilation is not billed to the first size.
    f(text.slice(0, 2000));
    const t0 = performance.now();
    f(text);
    times.push(performance.now() - t0);
    parentPort.postMessage({ partial: times });
  }
  parentPort.postMessage({ times });
}

/** Runs case `index` in a worker; resolves {times} | {skipped} | {timeout, times} | {error}. */
export function runCase(index, sizes, limitMs) {
  return new Promise((resolve) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { robustCase: { index, sizes } }, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    let partial = [];
    const timer = setTimeout(() => {
      w.terminate();
      resolve({ timeout: limitMs, times: partial });
    }, limitMs);
    w.on('message', (m) => {
      if (m.partial) partial = m.partial;
      else {
        clearTimeout(timer);
        w.terminate();
        resolve(m);
      }
    });
    w.on('error', (e) => {
      clearTimeout(timer);
      resolve({ error: String(e?.stack ?? e).split('\n').slice(0, 3).join(' | '), times: partial });
    });
  });
}

export async function benchScanners({ size = 1 << 20, limitMs = 30000, out = console.log } = {}) {
  const sizes = [size >> 1, size];
  out(`\n## Scanners on adversarial inputs (${(size / 1024).toFixed(0)} K UTF-16 units; ½ size, full size, ratio; limit ${limitMs / 1000} s each)`);
  const rows = [];
  const cases = scannerCases();
  for (let i = 0; i < cases.length; i++) {
    const r = await runCase(i, sizes, limitMs);
    let line;
    if (r.skipped) line = `skipped (${r.skipped})`;
    else if (r.error) line = `ERROR ${r.error}`;
    else if (r.timeout) line = `TIMEOUT > ${r.timeout} ms (done: ${r.times.map((t) => t.toFixed(0)).join(', ') || 'none'})`;
    else line = `${r.times[0].toFixed(1)} ms, ${r.times[1].toFixed(1)} ms, ×${(r.times[1] / Math.max(r.times[0], 0.01)).toFixed(2)}`;
    rows.push({ name: cases[i].name, ...r });
    out(`  ${cases[i].name.padEnd(52)} ${line}`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Zip and markup bombs (corpus files)

/**
 * A .docx whose central directory names the same deflated `entrySize`-byte word/document.xml
 * `copies` times (one local entry, a few hundred KB on disk): an unpacker that inflates every entry
 * the directory names inflates `copies` × `entrySize` bytes.
 */
export function overlappingDocx(entrySize = 60 * 1024 * 1024, copies = 2000) {
  const name = Buffer.from('word/document.xml');
  const unit = '<w:p><w:r><w:t>a</w:t></w:r></w:p>';
  const body = Buffer.from('<w:document><w:body>' + unit.repeat(Math.floor((entrySize - 40) / unit.length)) + '</w:body></w:document>');
  const data = deflateRawSync(body, { level: 9 });
  const crc = crc32(body) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(body.length, 22);
  local.writeUInt16LE(name.length, 26);
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE(20, 4);
  entry.writeUInt16LE(20, 6);
  entry.writeUInt16LE(8, 10);
  entry.writeUInt32LE(crc, 16);
  entry.writeUInt32LE(data.length, 20);
  entry.writeUInt32LE(body.length, 24);
  entry.writeUInt16LE(name.length, 28); // local header offset (42) stays 0: every copy points at the one entry
  const directory = Buffer.concat(Array.from({ length: copies }, () => [entry, name]).flat());
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(copies, 8);
  end.writeUInt16LE(copies, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, directory, end]);
}

/** The bombs: each makes its input (outside the timing) and names the core function it is given to. */
export function bombCases() {
  const page = (body) => `<html><body>${body}</body></html>`;
  return [
    { name: 'htmlText: 100,000 nested <div>s', fn: 'htmlText', input: () => page('<div>'.repeat(100_000) + '文本' + '</div>'.repeat(100_000)) },
    { name: 'htmlText: 1,000,000 nested <div>s', fn: 'htmlText', input: () => page('<div>'.repeat(1_000_000) + '文本' + '</div>'.repeat(1_000_000)) },
    { name: 'htmlText: 3 MB of unclosed <b>', fn: 'htmlText', input: () => page('<b>文'.repeat(750_000)) },
    { name: 'docxText: one 60 MB document.xml named 2,000 times', fn: 'docxText', input: () => overlappingDocx() },
  ];
}

async function runBombInWorker() {
  const { index } = workerData.bombCase;
  const { core } = await import('../test/harness/core.mjs');
  const c = bombCases()[index];
  if (typeof core[c.fn] !== 'function') return parentPort.postMessage({ skipped: `${c.fn} not exported` });
  const input = c.input();
  const t0 = performance.now();
  const r = core[c.fn](input);
  const ms = performance.now() - t0;
  const size = input.length;
  const what = typeof r === 'string' ? `${r.length} chars of text` : r && 'error' in r ? `refused: ${r.error}` : `${r?.text?.length ?? 0} chars of text`;
  parentPort.postMessage({ ms, size, what });
}

export async function benchBombs({ limitMs = 60000, out = console.log } = {}) {
  out(`\n## Zip and markup bombs (time of the core function on the input; limit ${limitMs / 1000} s each)`);
  const rows = [];
  const cases = bombCases();
  for (let i = 0; i < cases.length; i++) {
    const r = await new Promise((resolve) => {
      const w = new Worker(fileURLToPath(import.meta.url), { workerData: { bombCase: { index: i } }, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
      const timer = setTimeout(() => {
        void w.terminate();
        resolve({ timeout: limitMs });
      }, limitMs);
      w.on('message', (m) => {
        clearTimeout(timer);
        void w.terminate();
        resolve(m);
      });
      w.on('error', (e) => {
        clearTimeout(timer);
        resolve({ error: String(e?.message ?? e).split('\n')[0] });
      });
    });
    const line = r.skipped
      ? `skipped (${r.skipped})`
      : r.error
        ? `ERROR ${r.error}`
        : r.timeout
          ? `TIMEOUT > ${r.timeout / 1000} s`
          : `${r.ms >= 1000 ? (r.ms / 1000).toFixed(1) + ' s' : r.ms.toFixed(0) + ' ms'} (input ${(r.size / 1e6).toFixed(1)} M; ${r.what})`;
    rows.push({ name: cases[i].name, ...r });
    out(`  ${cases[i].name.padEnd(52)} ${line}`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// What holds the main thread: hovers elsewhere while the server does something big

const SMALL = '　　各代表团团长认为，切实落实2014年9月12日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》。';

/**
 * Sends a hover at `position` of `uri` every 20 ms until `work` settles; resolves with the longest
 * and the median wait, how many hovers were answered, and the work's time and result.
 */
async function hoversDuring(server, uri, position, work) {
  let done = false;
  const t0 = performance.now();
  const w = work().then(
    (r) => ((done = true), { ms: performance.now() - t0, result: r }),
    (e) => ((done = true), { ms: performance.now() - t0, error: String(e?.message ?? e).split('\n')[0] }),
  );
  const waits = [];
  while (!done) {
    const h0 = performance.now();
    await server.hover(uri, position, 600000);
    waits.push(performance.now() - h0);
    if (!done) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const sorted = [...waits].sort((a, b) => a - b);
  return { ...(await w), hovers: waits.length, maxWait: sorted[sorted.length - 1] ?? 0, medianWait: sorted[sorted.length >> 1] ?? 0 };
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const waitLine = (r) => `hover elsewhere waited at most ${fmtMs(r.maxWait)} (median ${fmtMs(r.medianWait)}, ${r.hovers} hovers)`;

export async function benchBlocking({ only, out = console.log } = {}) {
  const { LspServer } = await import('../test/harness/lspServer.mjs');
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const corpus = readFileSync(CORPUS_FILE, 'utf8');
  const root = mkdtempSync(path.join(tmpdir(), 'chancery-blocking-'));
  const run = (name) => !only || only === name;
  out(`\n## What holds the main thread: a hover in a small document while the server does something big`);
  try {
    if (run('edits')) {
      const server = await LspServer.start();
      try {
        const small = 'file:///tmp/chancery-blocking/small.communique';
        await server.openAndWait(small, SMALL);
        // ≈ 1 MB: the corpus's paragraphs, one per line
        const paragraphs = corpus.split(/(?=\u3000\u3000)/);
        const lines = [];
        for (let n = 0, k = 0; n < 1_000_000; k++) {
          const p = paragraphs[k % paragraphs.length].replace(/\n/g, '');
          lines.push(p);
          n += p.length + 1;
        }
        const big = 'file:///tmp/chancery-blocking/big.communique';
        await server.openAndWait(big, lines.join('\n'), 'communique', 600000);
        // 1,000 cursors at the start of 1,000 lines, typing one character: the last cursor first.
        const step = Math.floor(lines.length / 1000);
        const changes = Array.from({ length: 1000 }, (_, i) => {
          const line = (999 - i) * step;
          return { range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: '各' };
        });
        const r = await hoversDuring(server, small, { line: 0, character: 40 }, async () => {
          const before = server.seq;
          server.change(big, 2, changes);
          await server.waitDiagnostics(big, 2, 600000, before);
        });
        out(`  1,000 single-character edits in one change, ${(lines.join('\n').length / 1e6).toFixed(2)} M-character draft: change → diagnostics ${fmtMs(r.ms)}; ${waitLine(r)}`);
      } finally {
        await server.stop();
      }
    }
    if (run('build')) {
      const dir = path.join(root, 'corpus100k');
      mkdirSync(dir);
      const paragraphs = corpus.split(/(?=\u3000\u3000)/).filter((p) => p.length > 20);
      for (let i = 0; i < 100_000; i++) {
        const sub = path.join(dir, `d${Math.floor(i / 1000)}`);
        if (i % 1000 === 0) mkdirSync(sub);
        writeFileSync(path.join(sub, `f${i}.txt`), paragraphs[i % paragraphs.length]);
      }
      const chancery = { corpus: { paths: [dir], includeBuiltin: true } };
      const server = await LspServer.start({ settings: { chancery }, initializationOptions: chancery });
      try {
        await server.waitFor(() => server.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 600000, 'first build');
        const small = 'file:///tmp/chancery-blocking/small.communique';
        await server.openAndWait(small, SMALL, 'communique', 600000);
        const r = await hoversDuring(server, small, { line: 0, character: 40 }, () => server.request('chancery/rebuild', {}, 600000));
        out(`  rebuild of a 100,000-file corpus: ${fmtMs(r.ms)} (${r.result?.sources ?? '?'} sources${r.error ? `; ERROR ${r.error}` : ''}); ${waitLine(r)}`);
      } finally {
        await server.stop();
      }
    }
    if (run('references') || run('checkall')) {
      // archive.md of 60 M characters (≈ 180 MB of UTF-8: over the 64 MB limit), then of 20 M (≈ 60 MB: read)
      for (const chars of [60_000_000, 20_000_000]) {
        const ws = path.join(root, `ws${chars}`);
        mkdirSync(ws);
        // a paragraph citing the instrument, then corpus text, line after line
        const title = '《上合组织成员国政府间国际道路运输便利化协定》';
        const unit = `　　各方欢迎2014年9月12日在杜尚别签署的${title}。${corpus.slice(0, 520).replace(/\n/g, '')}\n`;
        const copies = Math.ceil(chars / unit.length);
        writeFileSync(path.join(ws, 'archive.md'), unit.repeat(copies));
        writeFileSync(path.join(ws, 'notes.communique'), SMALL);
        const mb = (Buffer.byteLength(unit) * copies / 1024 / 1024).toFixed(0);
        const server = await LspServer.start({ workspaceFolders: [ws] });
        try {
          await server.waitFor(() => server.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 600000, 'first build');
          const small = pathToFileURL(path.join(ws, 'notes.communique')).href;
          await server.openAndWait(small, SMALL);
          const at = { line: 0, character: SMALL.indexOf('国际道路') };
          if (run('references')) {
            const r = await hoversDuring(server, small, { line: 0, character: 40 }, () =>
              server.request('textDocument/references', { textDocument: { uri: small }, position: at, context: { includeDeclaration: true } }, 600000),
            );
            out(`  Find References, ${(unit.length * copies / 1e6).toFixed(0)} M-character archive.md (${mb} MB) in the workspace: ${fmtMs(r.ms)} (${r.result?.length ?? 0} locations${r.error ? `; ERROR ${r.error}` : ''}), RSS ${server.rssKb()} kB; ${waitLine(r)}`);
          }
          if (run('checkall')) {
            const r = await hoversDuring(server, small, { line: 0, character: 40 }, () => server.request('chancery/checkWorkspace', {}, 600000));
            const files = r.result?.files ?? [];
            out(`  Check all drafts, ${(unit.length * copies / 1e6).toFixed(0)} M-character archive.md (${mb} MB): ${fmtMs(r.ms)} (${files.length} files, ${r.result?.total ?? 0} findings${r.result?.skipped?.length ? `, ${r.result.skipped.length} skipped` : ''}${r.error ? `; ERROR ${r.error}` : ''}), RSS ${server.rssKb()} kB; ${waitLine(r)}`);
          }
        } finally {
          await server.stop();
        }
        rmSync(ws, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile documents through the server, and memory over a long session

export async function benchHostile({ largeChars = 50 * 1024 * 1024, out = console.log } = {}) {
  const { LspServer, errorLogs } = await import('../test/harness/lspServer.mjs');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  out(`\n## Hostile documents through node dist/server.js --stdio`);
  const server = await LspServer.start();
  out(`  RSS after initialize: ${server.rssKb()} kB`);
  const rows = [];
  const smallUri = 'file:///tmp/chancery-bench/small.communique';
  await server.openAndWait(smallUri, '　　各方欢迎《上海合作组织成员国政府间教育合作协定》。');
  try {
    for (const [name, text] of Object.entries(hostileDocuments({ largeChars }))) {
      const uri = `file:///tmp/chancery-bench/${rows.length}.communique`;
      const row = { name, chars: text.length };
      try {
        const r = await server.openAndWait(uri, text, 'communique', 600000);
        row.firstMs = r.ms;
        row.count = r.diagnostics.length;
        const doc = TextDocument.create(uri, 'communique', 1, text);
        const mid = doc.positionAt(text.length >> 1);
        const t1 = performance.now();
        const before = server.seq;
        server.change(uri, 2, [{ range: { start: mid, end: mid }, text: '《上合组织' }]);
        await server.waitDiagnostics(uri, 2, 600000, before);
        row.editMs = performance.now() - t1;
        const t2 = performance.now();
        await server.hover(uri, mid, 600000);
        row.hoverMs = performance.now() - t2;
        row.rssKb = server.rssKb();
        // Responsiveness elsewhere while this document is re-checked: edit it, and 150 ms later
        // (after the server's debounce) time a hover in a small document.
        const before3 = server.seq;
        server.change(uri, 3, [{ range: { start: mid, end: mid }, text: '》' }]);
        await new Promise((resolve) => setTimeout(resolve, 150));
        const t3 = performance.now();
        await server.hover(smallUri, { line: 0, character: 4 }, 600000);
        row.otherHoverMs = performance.now() - t3;
        await server.waitDiagnostics(uri, 3, 600000, before3);
        // Semantic tokens and the outline of this document, and a hover elsewhere meanwhile.
        const t4 = performance.now();
        const tokens = server.request('textDocument/semanticTokens/full', { textDocument: { uri } }, 600000).then((r) => ((row.tokensMs = performance.now() - t4), r));
        const t5 = performance.now();
        await server.hover(smallUri, { line: 0, character: 4 }, 600000);
        row.hoverDuringTokensMs = performance.now() - t5;
        const full = await tokens;
        // What an editor asks first for a large document: the tokens of the visible lines.
        const t8 = performance.now();
        await server.request('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } } }, 600000);
        row.rangeMs = performance.now() - t8;
        // After an edit the client asks for the delta: what changed since the tokens it holds.
        server.change(uri, 4, [{ range: { start: mid, end: mid }, text: '2021年9月17日' }]);
        const t7 = performance.now();
        const delta = await server.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: full?.resultId }, 600000);
        row.deltaMs = performance.now() - t7;
        row.deltaInts = delta?.edits ? delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) : -1;
        row.fullInts = full?.data?.length ?? 0;
        const t6 = performance.now();
        const outline = await server.request('textDocument/documentSymbol', { textDocument: { uri } }, 600000);
        row.outlineMs = performance.now() - t6;
        row.outlineSymbols = outline?.length ?? 0;
        server.close(uri);
      } catch (e) {
        row.error = String(e.message ?? e).split('\n')[0];
      }
      rows.push(row);
      out(
        `  ${name.padEnd(52)} ${row.error ? `ERROR ${row.error}` : `first diagnostics ${row.firstMs.toFixed(0)} ms (${row.count}), edit→diagnostics ${row.editMs.toFixed(0)} ms, hover ${row.hoverMs.toFixed(0)} ms, RSS ${row.rssKb} kB; hover elsewhere during its re-check ${row.otherHoverMs.toFixed(0)} ms; semantic tokens ${row.tokensMs.toFixed(0)} ms (hover elsewhere meanwhile ${row.hoverDuringTokensMs.toFixed(0)} ms; after an edit the delta ${row.deltaMs.toFixed(0)} ms, ${row.deltaInts} of ${row.fullInts} integers; the first 50 lines ${row.rangeMs.toFixed(0)} ms), outline ${row.outlineMs.toFixed(0)} ms (${row.outlineSymbols} paragraphs)`}`,
      );
      if (server.exited) {
        out(`  server exited (${server.exitCode}): ${server.stderr.slice(-500)}`);
        break;
      }
    }
    await server.ping(60000);
    out(`  server alive: ${!server.exited}; error logs: ${errorLogs(server).length}`);
  } finally {
    await server.stop();
  }
  return rows;
}

export async function benchMemory({ edits = 10000, seed = 1, nodeArgs, env, gcProbe = false, out = console.log } = {}) {
  const { runFuzz } = await import('../test/harness/fuzz.mjs');
  const how = [
    nodeArgs || env ? `server started as the VS Code client starts it: node ${[...(nodeArgs ?? [])].join(' ')}${env ? `, ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}` : 'server started as node dist/server.js --stdio, no options',
    gcProbe ? 'live heap measured after a full GC in the server (--expose-gc probe on SIGUSR2)' : '',
  ]
    .filter(Boolean)
    .join('; ');
  out(`\n## Memory over a long session (scripts/fuzz.mjs --seed ${seed} --edits ${edits}, 4 documents${how ? `; ${how}` : ''})`);
  const marks = [100, 1000, 2500, 5000, 7500, 10000].map((k) => Math.round((k * edits) / 10000));
  const res = await runFuzz({ seed, edits, nodeArgs, env, gcProbe, rssAt: marks });
  const first = marks[0];
  const at100 = res.rss[first];
  const atEnd = res.rss[edits];
  const at2500 = res.rss[marks[2]];
  out(`  RSS (VmRSS of the server): ${Object.entries(res.rss).map(([k, v]) => `after ${k} edits ${v} kB`).join(', ')}`);
  if (at100 && atEnd) out(`  RSS after ${edits} / after ${first} edits: ${(atEnd / at100).toFixed(3)}${nodeArgs || env ? ' (target ≤ 1.20)' : ''}; after ${edits} / after ${marks[2]} edits: ${(atEnd / at2500).toFixed(3)}`);
  if (res.heap) {
    out(`  live heap after full GC: ${Object.entries(res.heap).map(([k, v]) => `after ${k} edits ${v.heapUsedKb} kB`).join(', ')}`);
    const h0 = res.heap[first]?.heapUsedKb;
    const h1 = res.heap[edits]?.heapUsedKb;
    if (h0 && h1) out(`  live heap after ${edits} / after ${first} edits: ${(h1 / h0).toFixed(3)}`);
  }
  out(`  ${res.edits} edits, ${res.rounds} rounds, ${(res.ms / 1000).toFixed(1)} s; mismatches ${res.mismatches.length}; request errors ${res.requestErrors.length}; alive ${res.alive}${res.error ? `; ERROR ${res.error.split('\n')[0]}` : ''}`);
  return res;
}

// ---------------------------------------------------------------------------------------------

if (!isMainThread && workerData?.robustCase) {
  await runCaseInWorker();
} else if (!isMainThread && workerData?.bombCase) {
  await runBombInWorker();
} else if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (k, d) => {
    const i = args.indexOf(k);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  // Arguments meant for the other benchmarks of `npm run bench` are ignored.
  const sections = args.filter((a) => ['scanners', 'bombs', 'blocking', 'hostile', 'memory'].includes(a));
  const all = sections.length === 0;
  console.log(`# bench/robust.mjs — node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
  if (all || sections.includes('scanners')) await benchScanners({ size: opt('--size', 1 << 20) });
  if (all || sections.includes('bombs')) await benchBombs();
  if (all || sections.includes('blocking')) await benchBlocking({ only: args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined });
  if (all || sections.includes('hostile')) await benchHostile({ largeChars: opt('--large', 50 * 1024 * 1024) });
  if (all || sections.includes('memory')) {
    // The server as the VS Code client starts it (server/launch.json): the figure for the target.
    // --seeds 1,2,3 repeats it for several fuzzer seeds and prints the spread (RSS is sampled once
    // per mark, so single figures vary by a few hundredths).
    const { LAUNCH } = await import('../test/harness/lspShared.mjs');
    const si = args.indexOf('--seeds');
    const seeds = si >= 0 ? args[si + 1].split(',').map(Number) : [opt('--seed', 1)];
    const ratios = [];
    for (const seed of seeds) {
      const res = await benchMemory({ edits: opt('--edits', 10000), seed, nodeArgs: LAUNCH.execArgv, env: LAUNCH.env });
      const marks = Object.keys(res.rss).map(Number).sort((a, b) => a - b);
      if (marks.length > 1) ratios.push(`seed ${seed}: ${(res.rss[marks[marks.length - 1]] / res.rss[marks[0]]).toFixed(3)}`);
    }
    if (seeds.length > 1) console.log(`\n  RSS after the last / after the first mark, as launched: ${ratios.join(', ')}`);
    // The same session with a bare `node dist/server.js` and the live heap measured after a full
    // GC at each mark: RSS includes what V8 and malloc reserve as they grow (the launch options
    // bound that); the live heap shows whether anything is retained.
    await benchMemory({ edits: opt('--edits', 10000), seed: opt('--seed', 1), gcProbe: true });
  }
}
