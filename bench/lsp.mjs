#!/usr/bin/env node
// Language-server benchmark (standalone script; bench/run.mjs runs it after bench/core.mjs).
//   node bench/lsp.mjs [--edits N] [--completions N] [--corpus-mb N] [--draft-mb N]
// Drives `node dist/server.js --stdio` through the protocol test client and prints:
//   - initialize → first diagnostics of a small draft, with the embedded corpus;
//   - edit → diagnostics (didChange → publishDiagnostics of that version) p50/p95 on a 1 MB draft;
//   - completion p50/p95 with a 10 MB corpus (after 《 and at a sentence start), and the rebuild time;
//   - the server's resident memory (RSS) after each phase.
// Prints figures; asserts nothing. Requires `npm run build` first.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestClient, fileUri } from '../test/harness/testClient.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const EDITS = arg('--edits', 40);
const COMPLETIONS = arg('--completions', 60);
const CORPUS_MB = arg('--corpus-mb', 10);
const DRAFT_MB = arg('--draft-mb', 1);

const corpus = readFileSync(path.join(root, 'server/corpus/sco-2021-heads-of-government-communique.zh.txt'), 'utf8');
const paragraphs = corpus.split(/\u3000\u3000/).filter((p) => p.trim().length > 10);
const tmp = mkdtempSync(path.join(tmpdir(), 'chancery-bench-'));
const ws = path.join(tmp, 'ws');
mkdirSync(ws);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const rss = (c) => {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'));
    return m ? `${(Number(m[1]) / 1024).toFixed(0)} MB` : 'n/a';
  } catch {
    return 'n/a';
  }
};
const bytes = (s) => Buffer.byteLength(s, 'utf8');

/** A draft of about `mb` MB: corpus paragraphs, one per line, some titles misquoted, dates shifted. */
function draft(mb) {
  const lines = [];
  let size = 0;
  let k = 0;
  while (size < mb * 1024 * 1024) {
    let p = paragraphs[k % paragraphs.length];
    if (k % 7 === 3) p = p.replace('构想》', '的构想》');
    if (k % 11 === 5) p = p.replace(/(\d+)日/, (m, d) => `${(Number(d) % 28) + 1}日`);
    lines.push('\u3000\u3000' + p);
    size += bytes(p) + 7;
    k++;
  }
  return lines.join('\n');
}

/** A synthetic corpus of about `mb` MB: corpus paragraphs with varied years, numbers and titles. */
function syntheticCorpus(dir, mb) {
  mkdirSync(dir, { recursive: true });
  let size = 0;
  let file = 0;
  let k = 0;
  while (size < mb * 1024 * 1024) {
    const parts = [];
    let fsize = 0;
    while (fsize < 256 * 1024) {
      const year = 2001 + (k % 22);
      let p = paragraphs[k % paragraphs.length].replace(/20\d\d年/g, `${year}年`);
      // Vary some titles so the knowledge base grows with the corpus.
      p = p.replace(/《上合组织/g, () => `《上合组织第${(k % 400) + 1}号`);
      parts.push('\u3000\u3000' + p);
      fsize += bytes(p) + 6;
      k++;
    }
    const text = parts.join('\n');
    writeFileSync(path.join(dir, `doc${String(file++).padStart(3, '0')}.txt`), text);
    size += bytes(text);
  }
  return { files: file, size };
}

async function main() {
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  // 1. initialize → first diagnostics (embedded corpus)
  const t0 = performance.now();
  const c = await TestClient.start({ workspaceFolders: [ws], settings: { chancery: {} } });
  const tInit = performance.now() - t0;
  const small = fileUri(path.join(ws, 'small.communique'));
  c.open(small, '　　各代表团团长欢迎2021年9月17日在杜尚别批准的《上合组织经济论坛的构想》。');
  const first = await c.diagnostics(small, 1, 60000);
  const tFirst = performance.now() - t0;
  console.log(`initialize: ${fmt(tInit)}; spawn → first diagnostics (embedded corpus, ${first.length} finding(s)): ${fmt(tFirst)}; RSS ${rss(c)}`);

  // 2. edit → diagnostics on a 1 MB draft
  const big = fileUri(path.join(ws, 'big.communique'));
  const text = draft(DRAFT_MB);
  let t = performance.now();
  c.open(big, text);
  const d1 = await c.diagnostics(big, 1, 120000);
  console.log(`${(bytes(text) / 1048576).toFixed(2)} MB draft (${text.split('\n').length} lines): open → diagnostics ${fmt(performance.now() - t)}, ${d1.length} finding(s)`);
  const times = [];
  const lines = text.split('\n').length;
  for (let i = 0; i < EDITS; i++) {
    const line = (i * 7919) % lines;
    t = performance.now();
    const v = c.change(big, [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: i % 2 ? '各方' : '' }]);
    await c.diagnostics(big, v, 60000);
    times.push(performance.now() - t);
  }
  console.log(`edit → diagnostics (1 MB draft, ${EDITS} edits, includes the ${60} ms debounce): p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}; RSS ${rss(c)}`);
  c.close(big);

  // 3. completion with a 10 MB corpus
  const corpusDir = path.join(tmp, 'corpus');
  const made = syntheticCorpus(corpusDir, CORPUS_MB);
  const readyBefore = c.statuses().filter((s) => s.state === 'ready').length;
  t = performance.now();
  c.settings = { chancery: { corpus: { paths: [corpusDir] } } };
  c.notify('workspace/didChangeConfiguration', { settings: null });
  // Requests during the rebuild are answered by the current knowledge base (the build runs in a worker).
  const during = [];
  const pos = c.positionOf(small, '经济论坛');
  while (c.statuses().filter((s) => s.state === 'ready').length <= readyBefore) {
    const h0 = performance.now();
    await c.hover(small, pos);
    during.push(performance.now() - h0);
    await new Promise((r) => setTimeout(r, 20));
  }
  const st = await c.ready(readyBefore + 1, 600000);
  console.log(
    `${(made.size / 1048576).toFixed(1)} MB corpus (${made.files} files): rebuild ${fmt(performance.now() - t)} → ${st.instruments} instruments, ${st.events} events; RSS ${rss(c)}`,
  );
  if (during.length) console.log(`hover while the 10 MB corpus was being rebuilt (${during.length} requests): p50 ${fmt(pct(during, 50))}, max ${fmt(Math.max(...during))}`);
  const doc = fileUri(path.join(ws, 'complete.communique'));
  const body = '　　各代表团团长指出，2021年9月17日在杜尚别通过的《';
  c.open(doc, body + '\n　　会议取得成功。');
  await c.diagnostics(doc, 1, 60000);
  const afterBracket = [];
  const atStart = [];
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < COMPLETIONS; i++) {
    t = performance.now();
    const r1 = await c.completion(doc, { line: 0, character: body.length });
    afterBracket.push(performance.now() - t);
    n1 = (Array.isArray(r1) ? r1 : r1.items).length;
    t = performance.now();
    const r2 = await c.completion(doc, { line: 1, character: 10 });
    atStart.push(performance.now() - t);
    n2 = (Array.isArray(r2) ? r2 : r2.items).length;
  }
  console.log(`completion after 《 (${n1} items): p50 ${fmt(pct(afterBracket, 50))}, p95 ${fmt(pct(afterBracket, 95))}`);
  console.log(`completion at a sentence start (${n2} items): p50 ${fmt(pct(atStart, 50))}, p95 ${fmt(pct(atStart, 95))}`);
  console.log(`RSS after the 10 MB corpus and completions: ${rss(c)}`);
  await c.stop();
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  rmSync(tmp, { recursive: true, force: true });
  process.exitCode = 1;
});
