// Symbols, navigation, semantic tokens and folding of the language service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service, bare, at, core } from './service-fixture.mjs';

const DRAFT = [
  '　　各代表团团长指出，2021年9月17日在杜尚别批准的《上合组织经济论坛构想》具有重要意义。',
  '　　各代表团团长欢迎《〈上合组织成员国环保合作构想〉2022—2024年落实措施计划》和《上合组织经济论坛构想》。',
  '　　会议由马明主持。',
].join('\n');

test('symbols: paragraphs named by their opening formula, references (and nested ones) under them', () => {
  const syms = service.symbols(DRAFT);
  assert.equal(syms.length, 3);
  assert.equal(syms[0].name, '各代表团团长指出，');
  assert.equal(syms[0].kind, 'paragraph');
  assert.deepEqual(syms[0].children.map((c) => c.name), ['《上合组织经济论坛构想》']);
  assert.equal(syms[0].children[0].detail, '2021年9月17日 · 杜尚别 · 批准');
  assert.equal(syms[1].children.length, 2);
  assert.deepEqual(syms[1].children[0].children.map((c) => c.name), ['〈上合组织成员国环保合作构想〉']);
  for (const p of syms) for (const c of p.children) assert.ok(c.span.start >= p.span.start && c.span.end <= p.span.end);
  // Without a phrasing model the first clause names the paragraph.
  assert.equal(bare.symbols(DRAFT)[2].name, '会议由马明主持');
});

test('definition: the first corpus mention; instrumentAt and mentionsOf any spelling', () => {
  const [text, offset] = at('《上合组织经济|论坛构想》和《上合組織經濟論壇構想》以及《上合组织经济论坛构想》');
  const defs = service.definition(text, offset);
  assert.equal(defs.length, 1);
  assert.equal(defs[0].uri, 'builtin:/sco-2021-heads-of-government-communique.zh.txt');
  const corpus = core.buildKnowledgeBase; // (the corpus text is checked below through the offset)
  assert.ok(corpus);
  const id = service.instrumentAt(text, offset);
  assert.equal(id, service.kb.instruments.find((i) => i.title === '上合组织经济论坛构想').id);
  const spans = service.mentionsOf(text, id);
  assert.equal(spans.length, 3);
  assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['上合组织经济论坛构想', '上合組織經濟論壇構想', '上合组织经济论坛构想']);
  assert.equal(service.instrumentAt('普通句子', 1), undefined);
  assert.deepEqual(service.definition('普通句子', 1), []);
});

test('definition points at the title in the corpus text', async () => {
  const { corpus } = await import('./service-fixture.mjs');
  const [d] = service.definition('《上合组织经济论坛构想》', 2);
  assert.equal(corpus.slice(d.offset, d.offset + d.length).replace(/^《|》$/g, ''), '上合组织经济论坛构想');
});

test('semantic tokens: titles, dates, places, officials, formulas; sorted, non-overlapping within type', () => {
  const toks = service.semanticTokens(DRAFT);
  const of = (type) => toks.filter((t) => t.type === type).map((t) => DRAFT.slice(t.start, t.start + t.length));
  assert.deepEqual(of('title'), ['《上合组织经济论坛构想》', '《〈上合组织成员国环保合作构想〉2022—2024年落实措施计划》', '《上合组织经济论坛构想》']);
  assert.ok(of('date').includes('2021年9月17日'));
  assert.ok(of('place').includes('杜尚别'));
  assert.deepEqual(of('official'), ['马明']);
  assert.ok(of('formula').some((f) => f.startsWith('各代表团团长')), JSON.stringify(of('formula')));
  for (let i = 1; i < toks.length; i++) assert.ok(toks[i - 1].start <= toks[i].start);
});

test('semantic tokens: every occurrence of a name, side by side and never overlapping', () => {
  // 20,000 places in a row: each one token (the search once compared every place with every one
  // taken before it — quadratic; bench/robust.mjs scanners times it on 1 MB)
  const text = '杜尚别'.repeat(20000) + '，马明马明。';
  const toks = service.semanticTokens(text);
  const places = toks.filter((t) => t.type === 'place');
  assert.equal(places.length, 20000);
  places.forEach((t, i) => assert.deepEqual([t.start, t.length], [3 * i, 3]));
  assert.deepEqual(toks.filter((t) => t.type === 'official').map((t) => t.start), [60001, 60003]);
});

test('folding: one range per paragraph (blank-line separated paragraphs span lines)', () => {
  const text = '　　第一段第一行，\n第一段第二行。\n\n　　第二段。\n';
  const f = service.folding(text);
  assert.equal(f.length, 2);
  assert.equal(text.slice(f[0].span.start, f[0].span.end), '第一段第一行，\n第一段第二行。');
  assert.equal(service.folding(DRAFT).length, 3);
  assert.equal(service.folding('').length, 0);
});

test('semantic tokens of a span (an editor\'s visible range) are the whole text\'s tokens that overlap it', async () => {
  const { corpus } = await import('./service-fixture.mjs');
  // paragraphs wrapped over lines, separated by blank lines: a line may start inside a sentence
  // (各代表团团长强调 on the second line is not a sentence start, so no formula); a title cut by a line end is no title either way
  const wrapped = '　　各代表团团长指出，2021年9月17日在\n杜尚别批准的《上合组织经济论坛构想》\n具有重要意义。\n\n　　会议认为，\n各代表团团长强调，会议由马明主持。\n\n　　各方欢迎《上合组织\n经济论坛构想》。\n';
  const texts = [DRAFT, DRAFT.replace(/\n/g, '\r\n'), wrapped, wrapped.replace(/\n/g, '\r\n'), corpus + '\n' + DRAFT];
  let seed = 5;
  const rnd = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  let compared = 0;
  for (const text of texts) {
    const all = service.semanticTokens(text);
    for (let k = 0; k < 60; k++) {
      const a = rnd(text.length);
      const span = { start: a, end: a + 1 + rnd(Math.min(400, text.length - a)) };
      const expected = all.filter((t) => t.start < span.end && t.start + t.length > span.start);
      assert.deepEqual(service.semanticTokens(text, span), expected, JSON.stringify({ span, text: text.slice(0, 30) }));
      compared += expected.length;
    }
  }
  assert.ok(compared > 200, `${compared} tokens compared`);
});
