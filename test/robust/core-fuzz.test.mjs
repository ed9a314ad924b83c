// Random corpora and random drafts through every feature of the core (issue 6): the knowledge
// base is built from fuzzed corpus texts (pasted fragments, stray brackets, broken frames, odd
// characters), then fuzzed drafts go through diagnose, hover, complete, definition, mentions,
// code actions, symbols, semantic tokens and folding. Nothing throws, the knowledge base is
// JSON, every span the core returns lies inside the text it was computed from, and the markdown
// of hovers and completion documentation stays inert although corpus and drafts are full of
// links, command: URIs, HTML and images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mulberry32 } from '../harness/prng.mjs';
import { rand, corpusMaterial, randomEdit } from '../harness/fuzz.mjs';
import { markdownProblems } from '../harness/responses.mjs';
import { core } from '../harness/core.mjs';

const require = createRequire(import.meta.url);
const ROUNDS = Number(process.env.CHANCERY_CORE_FUZZ_ROUNDS ?? 40);

function inside(text, start, end, what) {
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length) return;
  assert.fail(`${what}: span ${start}-${end} outside the text (${text.length}): ${JSON.stringify(text.slice(0, 400))}`);
}

test(`${ROUNDS} fuzzed corpora × 60 fuzzed drafts through every core feature`, { timeout: 180000 }, () => {
  const m = corpusMaterial();
  const r = rand(mulberry32(Number(process.env.CHANCERY_CORE_FUZZ_SEED ?? 20211125)));
  let calls = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const docs = [];
    for (let k = 0; k < r.int(1, 4); k++) {
      let text = r.chance(0.5) ? m.text.slice(0, r.int(0, m.text.length)) : '';
      for (let i = 0; i < r.int(10, 300); i++) {
        const e = randomEdit(r, text, m, 30000);
        text = text.slice(0, e.start) + e.newText + text.slice(e.end);
      }
      docs.push({ uri: `file:///fuzz/${round}-${k}.txt`, text, encoding: 'utf-8' });
    }
    const where = `round ${round}`;
    const kb = core.buildKnowledgeBase(docs, []);
    assert.deepEqual(JSON.parse(JSON.stringify(kb)).instruments.length, kb.instruments.length, `${where}: the knowledge base is JSON`);
    const phrasing = core.learnPhrasing(docs, kb);
    const s = core.createLanguageService({ kb, phrasing });
    let draft = '';
    for (let i = 0; i < 60; i++) {
      const e = randomEdit(r, draft, m, 5000);
      draft = draft.slice(0, e.start) + e.newText + draft.slice(e.end);
      const off = r.int(0, draft.length);
      const at = `${where} draft ${i} @${off}`;
      const findings = s.diagnose(draft);
      for (const f of findings) {
        inside(draft, f.start, f.end, `${at} finding ${f.code}`);
        for (const fix of f.fixes) for (const ed of fix.edits) inside(draft, ed.start, ed.end, `${at} fix of ${f.code}`);
      }
      const h = s.hover(draft, off);
      if (h) {
        inside(draft, h.span.start, h.span.end, `${at} hover`);
        assert.equal(typeof h.markdown, 'string');
        assert.deepEqual(markdownProblems(h.markdown), [], `${at}: hover markdown is inert`);
      }
      for (const c of s.complete(draft, off)) {
        inside(draft, c.replace.start, c.replace.end, `${at} completion ${c.label}`);
        assert.deepEqual(markdownProblems(c.documentation), [], `${at}: completion documentation is inert`);
      }
      s.definition(draft, off);
      const id = s.instrumentAt(draft, off);
      if (id) for (const sp of s.mentionsOf(draft, id)) inside(draft, sp.start, sp.end, `${at} mention`);
      for (const a of s.codeActions(draft, { start: off, end: Math.min(draft.length, off + 10) }, findings)) {
        for (const ed of a.edits) inside(draft, ed.start, ed.end, `${at} code action ${a.title}`);
      }
      if (i % 10 === 9) {
        const walk = (list, parent) => {
          for (const sym of list) {
            inside(draft, sym.span.start, sym.span.end, `${at} symbol`);
            inside(draft, sym.selectionSpan.start, sym.selectionSpan.end, `${at} symbol selection`);
            assert.ok(sym.span.start <= sym.selectionSpan.start && sym.selectionSpan.end <= sym.span.end, `${at}: selection inside the symbol ${sym.name}`);
            if (parent) assert.ok(parent.start <= sym.span.start && sym.span.end <= parent.end, `${at}: symbol ${sym.name} inside its parent`);
            walk(sym.children, sym.span);
          }
        };
        walk(s.symbols(draft));
        for (const tk of s.semanticTokens(draft)) inside(draft, tk.start, tk.start + tk.length, `${at} token ${tk.type}`);
        for (const fo of s.folding(draft)) inside(draft, fo.span.start, fo.span.end, `${at} folding`);
      }
      calls += 9;
    }
  }
  assert.ok(calls > ROUNDS * 500);
});

// Found by this fuzzer (400 rounds): at offset 0 of a draft starting with 在, place completions
// replaced the span {start: 1, end: 0} — reversed, so the LSP textEdit range was invalid.
// (String.prototype.lastIndexOf with fromIndex -1 searches from 0.)
test('completion at the very start of a draft that begins with 在 replaces a valid span', async () => {
  const { docs, problems } = await core.loadCorpus([core.builtinCorpusDir()], core.nodeCorpusReader);
  const kb = core.buildKnowledgeBase(docs, problems);
  const s = core.createLanguageService({ kb, phrasing: core.learnPhrasing(docs, kb) });
  for (const draft of ['在', '在杜尚别', '在杜尚别通过的《']) {
    for (const c of s.complete(draft, 0)) inside(draft, c.replace.start, c.replace.end, `completion ${c.label} at 0 of ${draft}`);
    assert.ok(s.complete(draft, 1).some((c) => c.kind === 'place'), 'places are still offered right after 在');
  }
});

// Found by this fuzzer (seed 1, 400 rounds; minimised): a 《…》 that runs across a paragraph break
// (　　) is clipped to its paragraph, and a 〈…〉 nested in it after the break got a reversed span
// {3, 1} — an outline VS Code rejects (a symbol's range must contain its selection range).
test('symbols of a title that runs across a paragraph break have valid, nested spans', async () => {
  const { docs, problems } = await core.loadCorpus([core.builtinCorpusDir()], core.nodeCorpusReader);
  const s = core.createLanguageService({ kb: core.buildKnowledgeBase(docs, problems) });
  for (const draft of ['《　　<l>》', '《上合组织　　〈上合组织纲要〉行动计划》。', '　　各方欢迎《上合组织\n〈纲要〉》']) {
    const walk = (list, parent) => {
      for (const sym of list) {
        inside(draft, sym.span.start, sym.span.end, `symbol ${sym.name} of ${draft}`);
        inside(draft, sym.selectionSpan.start, sym.selectionSpan.end, `selection of ${sym.name} of ${draft}`);
        assert.ok(sym.span.start <= sym.selectionSpan.start && sym.selectionSpan.end <= sym.span.end, `selection inside the symbol: ${JSON.stringify(sym)}`);
        if (parent) assert.ok(parent.start <= sym.span.start && sym.span.end <= parent.end, `child inside its parent: ${JSON.stringify(sym)}`);
        walk(sym.children, sym.span);
      }
    };
    walk(s.symbols(draft));
  }
});
