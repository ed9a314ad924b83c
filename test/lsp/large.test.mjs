// Large drafts through the server: they are checked in the check worker (server/src/workers/checkWorker.ts),
// so a request about another document is answered while a large draft is being checked, and the
// large draft's diagnostics are those of the core. The same scenario with the worker disabled
// (CHANCERY_NO_WORKER=1) shows the other order: the test tells the two apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../harness/core.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TestClient, ROOT } from '../harness/testClient.mjs';

const require = createRequire(import.meta.url);
const corpus = readFileSync(path.join(ROOT, 'server', 'corpus', 'sco-2021-heads-of-government-communique.zh.txt'), 'utf8');

// ≈ 3.4 M characters: the corpus 400 times, a wrong date of adoption in every copy.
const BIG = Array.from({ length: 400 }, () => corpus.replace('2014年9月12日在杜尚别', '2014年9月13日在杜尚别')).join('\n');
const SMALL = '　　各代表团团长认为，切实落实2014年9月12日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》。';

const BIG_URI = 'file:///tmp/chancery-large/big.communique';

/**
 * Opens both drafts, sends `method` about the big one, then a hover in the small one; returns the
 * big request's result (`label`) and the order of the answers.
 */
async function race(c, method = 'textDocument/diagnostic', label = 'big diagnostics') {
  const small = 'file:///tmp/chancery-large/small.communique';
  c.open(small, SMALL);
  c.open(BIG_URI, BIG);
  const order = [];
  const big = c.request(method, { textDocument: { uri: BIG_URI } }).then((r) => (order.push(label), r));
  const hover = c.hover(small, c.positionOf(small, '杜尚别', 1)).then((h) => (order.push('hover elsewhere'), h));
  const [report, h] = await Promise.all([big, hover]);
  assert.match(JSON.stringify(h.contents), /Adopted, approved or signed there/); // what the corpus records at the place
  return { order, report };
}

test('a large draft is checked in the worker: a hover elsewhere is answered first; the findings are the core\'s', { timeout: 180000 }, async () => {
  const c = await TestClient.start({ settings: { chancery: {} } });
  try {
    await c.ready();
    const { order, report } = await race(c);
    assert.deepEqual(order, ['hover elsewhere', 'big diagnostics']);
    assert.ok(c.logs.some((l) => /in a worker thread/.test(l.message)), 'the worker was started');
    // The same findings as the core's, limited to maxProblems (1,000) and the note.
    const kb = core.buildKnowledgeBase([{ uri: 'builtin:/c.txt', text: corpus, encoding: 'utf-8' }], []);
    const expected = core.diagnose(BIG, new core.KnowledgeIndex(kb));
    assert.ok(expected.length >= 400, `${expected.length} findings`);
    const shown = Math.min(expected.length, 1000);
    assert.equal(report.items.length, shown + (expected.length > 1000 ? 1 : 0));
    assert.deepEqual(
      report.items.slice(0, shown).map((d) => d.code),
      expected.slice(0, shown).map((f) => f.code),
    );
  } finally {
    await c.stop();
  }
});

test('control: with CHANCERY_NO_WORKER=1 the large draft is checked on the main thread, and the hover waits', { timeout: 180000 }, async () => {
  const c = await TestClient.start({ settings: { chancery: {} }, env: { CHANCERY_NO_WORKER: '1' } });
  try {
    await c.ready();
    const { order } = await race(c);
    assert.deepEqual(order, ['big diagnostics', 'hover elsewhere']);
  } finally {
    await c.stop();
  }
});

// A large corpus: the first knowledge-base build takes seconds. Requests wait for it at most
// CHANCERY_FIRST_BUILD_WAIT_MS (5 s by default), then are answered without it.
test('during a long first build, a request is answered after the bounded wait, not after the build', { timeout: 180000 }, async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'chancery-bigcorpus-'));
  try {
    // ≈ 6 M characters in 60 files.
    for (let i = 0; i < 60; i++) writeFileSync(path.join(dir, `c${i}.txt`), corpus.repeat(12).replaceAll('2021年', `${1990 + (i % 30)}年`));
    const order = async (env) => {
      const c = await TestClient.start({ settings: { chancery: { corpus: { paths: [dir] } } }, env });
      try {
        const small = 'file:///tmp/chancery-large/first.communique';
        c.open(small, SMALL);
        const seen = [];
        const ready = c.ready(1, 120000).then(() => seen.push('knowledge base ready'));
        const hover = c.hover(small, c.positionOf(small, '杜尚别', 1)).then((h) => seen.push(h ? 'hover with content' : 'hover without content'));
        await Promise.all([ready, hover]);
        // After the build the same hover has its content.
        const again = await c.hover(small, c.positionOf(small, '杜尚别', 1));
        assert.match(JSON.stringify(again?.contents), /Adopted, approved or signed there/);
        return seen;
      } finally {
        await c.stop();
      }
    };
    assert.deepEqual(await order({ CHANCERY_FIRST_BUILD_WAIT_MS: '50' }), ['hover without content', 'knowledge base ready']);
    // Control: waiting longer than the build, the hover comes after it, with its content.
    assert.deepEqual(await order({ CHANCERY_FIRST_BUILD_WAIT_MS: '120000' }), ['knowledge base ready', 'hover with content']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The big draft's semantic tokens (raced against a hover elsewhere) and outline. */
async function wholeDocument(c) {
  const { order, report } = await race(c, 'textDocument/semanticTokens/full', 'big tokens');
  const outline = await c.request('textDocument/documentSymbol', { textDocument: { uri: BIG_URI } });
  return { order, tokens: report.data, outline };
}

test('semantic tokens and the outline of a large draft are computed in the worker: a hover elsewhere first, the same data as on the main thread', { timeout: 180000 }, async () => {
  const inWorker = await TestClient.start({ settings: { chancery: {} } });
  const onMain = await TestClient.start({ settings: { chancery: {} }, env: { CHANCERY_NO_WORKER: '1' } });
  try {
    await Promise.all([inWorker.ready(), onMain.ready()]);
    const w = await wholeDocument(inWorker);
    const m = await wholeDocument(onMain);
    assert.deepEqual(w.order, ['hover elsewhere', 'big tokens']);
    assert.deepEqual(m.order, ['big tokens', 'hover elsewhere']);
    // every copy of the corpus has its titles, dates, places and formulas highlighted
    assert.ok(w.tokens.length / 5 > 400 * 100, `${w.tokens.length / 5} tokens`);
    assert.deepEqual(w.tokens, m.tokens);
    // the outline: the first 5,000 of the 39,200 paragraphs, the same either way, and a log line saying so
    assert.equal(w.outline.length, 5000);
    assert.deepEqual(w.outline, m.outline);
    assert.match(w.outline[0].name, /^上海合作组织成员国政府首脑/);
    assert.ok(w.outline.some((p) => p.children?.some((r) => r.name === '《上合组织成员国政府间国际道路运输便利化协定》')));
    for (const c of [inWorker, onMain])
      assert.ok(c.logs.some((l) => /outline of .*big\.communique shows its first 5000 of \d{5} paragraphs/.test(l.message)), 'the cut is logged');
  } finally {
    await Promise.all([inWorker.stop(), onMain.stop()]);
  }
});
