// Long-lived caches must not keep drafts alive. V8 makes `text.slice(i, j)` (13+ code units) a
// view on `text`, so a memo keyed by a title cut from a draft would pin that whole version of
// the draft: after a long session, hundreds of versions of every document (found in a heap
// snapshot of the server after 10,000 fuzzed edits). Here: checks, hovers, definitions and
// completions over 16 distinct 1 MB drafts, each dropped afterwards; the live heap after a full
// GC must not hold them (16 × 2 MB of UTF-16 if it did).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { core } from './helpers.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

function liveHeap() {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

test('detach copies a slice without keeping its text alive, and keeps short strings as they are', () => {
  const big = '各代表团团长强调，'.repeat(1000);
  const s = big.slice(3, 40);
  const d = core.detach(s);
  assert.equal(d, s);
  assert.equal(core.detach('上合组织'), '上合组织');
  const held = [];
  const before = liveHeap();
  for (let i = 0; i < 16; i++) held.push(core.detach((String(i) + '《上合组织成员国政府间国际道路运输便利化协定》').repeat(40000).slice(5, 60)));
  const grown = liveHeap() - before;
  assert.ok(grown < 4e6, `16 detached 55-character strings hold ${(grown / 1e6).toFixed(1)} MB`);
  assert.equal(held.length, 16);
});

test('checking, hovering and completing many drafts does not keep the drafts alive', () => {
  const kb = core.buildKnowledgeBase([{ uri: 'builtin:/c.txt', text: readCorpus(), encoding: 'utf-8' }], []);
  const index = new core.KnowledgeIndex(kb);
  const service = core.createLanguageService({ kb });
  const titles = kb.instruments.map((i) => i.title);
  const run = (n) => {
    // A distinct draft of 500,000 characters (1 MB in memory): n in every other title (new
    // misquotes: new cache keys) and in the event names.
    let draft = '';
    for (let k = 0; draft.length < 500_000; k++)
      draft += `　　2014年9月12日在杜尚别通过的《${titles[k % titles.length]}${n}》和《${titles[(k + 1) % titles.length]}》。2021年9月1日在${n}杜尚别举行第${(n % 9) + 1}次上合组织${n}会议。\n`;
    core.diagnose(draft, index);
    service.diagnose(draft);
    const at = draft.indexOf('《') + 3;
    service.hover(draft, at);
    service.complete(draft, at);
    service.definition(draft, at);
    return draft.length;
  };
  // Warm up (JIT code, the caches' fixed parts) before measuring.
  run(0);
  const before = liveHeap();
  let chars = 0;
  for (let n = 1; n <= 16; n++) chars += run(n);
  const grown = liveHeap() - before;
  assert.ok(chars >= 16 * 500_000);
  console.log(`live heap growth after 16 drafts: ${(grown / 1e6).toFixed(2)} MB`);
  assert.ok(grown < 8e6, `after 16 drafts of 1 MB each, the live heap grew by ${(grown / 1e6).toFixed(1)} MB`);
});

function readCorpus() {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'corpus');
  return readFileSync(path.join(dir, 'sco-2021-heads-of-government-communique.zh.txt'), 'utf8');
}
