#!/usr/bin/env node
// Phrasing benchmark: learnPhrasing and completePhrasing on the embedded corpus and on a
// synthetic ~10 MB corpus (clauses of the embedded corpus recombined, with varied dates and
// numbers, so contexts are frequent and varied like a large user corpus). Prints figures; asserts nothing.
// Usage: npm run build && node bench/phrasing.mjs [--mb 10]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { core } = await import('../test/harness/core.mjs');
const mbArg = process.argv.indexOf('--mb');
const targetMB = mbArg >= 0 ? Number(process.argv[mbArg + 1]) : 10;

const text = readFileSync(path.join(root, 'server/corpus/sco-2021-heads-of-government-communique.zh.txt'), 'utf8');

// Deterministic PRNG (mulberry32).
let seed = 42;
const rnd = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];

function synthetic(bytesTarget) {
  const clauses = [];
  const openers = [];
  for (const p of core.splitParagraphs(text))
    for (const s of core.splitSentences(text, p)) {
      const parts = text.slice(s.start, s.end).split(/(?<=[，；])/);
      openers.push(parts[0]);
      clauses.push(...parts.slice(1));
    }
  const docs = [];
  let size = 0;
  let d = 0;
  while (size < bytesTarget) {
    const paras = [];
    for (let i = 0; i < 200; i++) {
      let s = pick(openers);
      const n = Math.floor(rnd() * 3);
      for (let j = 0; j < n; j++) s = s.replace(/[。；]$/, '，') + pick(clauses);
      if (!/[。；]$/.test(s)) s += '。';
      s = s.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, () => `${2000 + Math.floor(rnd() * 25)}年${1 + Math.floor(rnd() * 12)}月${1 + Math.floor(rnd() * 28)}日`);
      paras.push('\u3000\u3000' + s);
    }
    const t = paras.join('\n');
    docs.push({ uri: `synthetic:/doc${d++}.txt`, text: t, encoding: 'utf-8' });
    size += Buffer.byteLength(t);
  }
  return docs;
}

function timeIt(fn, reps = 1) {
  const t0 = performance.now();
  let r;
  for (let i = 0; i < reps; i++) r = fn();
  return { ms: (performance.now() - t0) / reps, r };
}

function completions(model, probeText, label, draft = '') {
  // every position of a probe paragraph, typed from its start (after `draft`: the document cache)
  const times = [];
  for (let i = 1; i <= probeText.length; i++) {
    const typed = draft + probeText.slice(0, i);
    const t0 = performance.now();
    core.completePhrasing(model, typed, typed.length);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (x) => times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(2);
  console.log(`${label}: completePhrasing over ${times.length} positions — median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
}

const probe = text.slice(core.splitParagraphs(text)[20].start, core.splitParagraphs(text)[20].end);
const small = [{ uri: 'builtin:/sco.txt', text, encoding: 'utf-8' }];
const s1 = timeIt(() => core.learnPhrasing(small), 3);
console.log(`embedded corpus (${text.length} chars): learnPhrasing ${s1.ms.toFixed(1)} ms; ${s1.r.formulas.length} formulas, ${s1.r.templates.length} templates; model JSON ${(core.serializePhrasing(s1.r).length / 1024).toFixed(0)} KiB`);
completions(s1.r, probe, 'embedded corpus');
// a long draft before the probe: the document cache (the last 4000 characters) is re-indexed as it grows
const longDraft = text.slice(0, 6000) + '\n\u3000\u3000';
completions(s1.r, probe, 'embedded corpus, after a 6000-character draft', longDraft);

const big = synthetic(targetMB * 1024 * 1024);
const bytes = big.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
const chars = big.reduce((a, d) => a + d.text.length, 0);
const rss0 = process.memoryUsage().rss;
const s2 = timeIt(() => core.learnPhrasing(big));
console.log(`synthetic corpus (${(bytes / 1048576).toFixed(1)} MB UTF-8, ${chars} chars, ${big.length} documents): learnPhrasing ${s2.ms.toFixed(0)} ms; ${s2.r.formulas.length} formulas, ${s2.r.templates.length} templates; RSS +${((process.memoryUsage().rss - rss0) / 1048576).toFixed(0)} MB`);
completions(s2.r, probe, 'synthetic corpus');
completions(s2.r, probe, 'synthetic corpus, after a 6000-character draft', longDraft);

// With the knowledge base (titles inside 《, places after 在, dates after a year are scored by the model too).
{
  const t0 = performance.now();
  const kb = core.buildKnowledgeBase(big);
  const kbMs = performance.now() - t0;
  const model = core.learnPhrasing(big, kb);
  const index = { kb };
  const probes = ['各代表团团长欢迎2021年9月17日在杜尚别通过的《', '各代表团团长欢迎2021年9月17日在杜尚别通过的《上合组织', '各代表团团长欢迎2021年9月17日在', '各代表团团长注意到2021年'];
  const per = [];
  for (const p of probes) {
    const times = [];
    for (let r = 0; r < 7; r++) {
      const d = longDraft + p;
      const c0 = performance.now();
      core.completePhrasing(model, d, d.length, index);
      times.push(performance.now() - c0);
    }
    times.sort((a, b) => a - b);
    per.push(`…${p.slice(-6)} ${times[times.length >> 1].toFixed(2)} ms`);
  }
  console.log(
    `synthetic corpus with its knowledge base (${kb.instruments.length} instruments, ${kb.events.length} events; built in ${kbMs.toFixed(0)} ms), median of 7 after a long draft: ${per.join('; ')}`,
  );
}
