// Unit tests of the phrasing learner (server/src/core/phrasing) on small corpora written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, corpusText, PHRASING_CORPUS as CORPUS } from './helpers.mjs';

const { learnPhrasing, completePhrasing, sentenceFormulas, serializePhrasing, deserializePhrasing, templateSnippet } = core;

// PHRASING_CORPUS (helpers.mjs): made up, so nothing the learner finds can come from the embedded corpus.
const DOC = { uri: 'test:/a.txt', text: CORPUS, encoding: 'utf-8' };
const model = learnPhrasing([DOC]);

const formula = (kind, text) => sentenceFormulas(model).find((f) => f.kind === kind && f.text === text);
/** Apply a completion entry (snippets with their first choices) to `text`. */
function apply(text, e) {
  const ins = e.snippet
    ? e.insertText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '')
    : e.insertText;
  return text.slice(0, e.replace.start) + ins + text.slice(e.replace.end);
}

test('the model is versioned, serialisable data', () => {
  assert.equal(model.version, core.PHRASING_MODEL_VERSION);
  const again = deserializePhrasing(serializePhrasing(model));
  assert.deepEqual(again, JSON.parse(JSON.stringify(model)));
  // the suffix array is rebuilt on first use: same completions
  const t = '各方代表强调，应继续';
  assert.deepEqual(completePhrasing(again, t, t.length), completePhrasing(model, t, t.length));
  assert.throws(() => deserializePhrasing(JSON.stringify({ ...model, version: 999 })), /version/);
});

test('openers: sentence-initial branching points, with their frequencies', () => {
  assert.equal(formula('opener', '各方代表')?.count, 5);
  assert.equal(formula('opener', '各方代表强调，')?.count, 2);
  assert.equal(formula('opener', '各方代表欢迎')?.count, 2);
  assert.equal(formula('opener', '代表们认为，')?.count, 2);
  // not a branching point: always continues with 表
  assert.equal(formula('opener', '各方代'), undefined);
});

test('closers and connectives, with their frequencies', () => {
  assert.equal(formula('closer', '十分重要。')?.count, 3);
  assert.equal(formula('connective', '应继续落实')?.count, 2);
  // the verb ending an opener is not a closer
  assert.equal(formula('closer', '各方代表强调，'), undefined);
});

test('every formula carries provenance: uri, offset and the attested sentence', () => {
  for (const f of sentenceFormulas(model).filter((x) => x.kind !== 'frame')) {
    assert.ok(f.contexts.length >= 1 && f.contexts.length <= f.count, f.text);
    for (const c of f.contexts) {
      assert.equal(c.uri, 'test:/a.txt');
      assert.equal(CORPUS.slice(c.offset, c.offset + c.length), f.text, f.text);
      assert.ok(c.sentence.includes(f.text));
      assert.equal(c.line, CORPUS.slice(0, c.offset).split('\n').length - 1);
    }
  }
});

test('templates generalise dates, places and titles into tab stops with choice lists', () => {
  const t = model.templates.find((x) => x.pattern === '{date}在{place}通过的《{title}》');
  assert.ok(t, JSON.stringify(model.templates.map((x) => x.pattern)));
  assert.equal(t.count, 4);
  assert.deepEqual(
    t.leads.map((l) => [l.text, l.count]),
    [
      ['代表欢迎', 2],
      ['继续落实', 2],
    ],
  );
  // most frequent first
  assert.deepEqual(model.choices.date.slice(0, 1), ['2021年9月17日']);
  assert.deepEqual(model.choices.place, ['阿城', '北城']);
  assert.equal(model.choices.title[0], '甲合作协定');
  const { snippet, label } = templateSnippet(t, model.choices);
  assert.equal(label, '{日期}在{地点}通过的《{文件名称}》');
  assert.match(snippet, /^\$\{1\|2021年9月17日,[^|]*\|\}在\$\{2\|阿城,北城\|\}通过的《\$\{3\|甲合作协定,[^|]*\|\}》\$0$/);
  for (const c of t.contexts) assert.match(CORPUS.slice(c.offset, c.offset + c.length), /^\d{4}年.*》$/);
});

test('at a paragraph start the top item is the commonest opener (a formula)', () => {
  const items = completePhrasing(model, '', 0);
  assert.equal(items[0].kind, 'formula');
  assert.equal(items[0].insertText, '各方代表');
  assert.deepEqual(items[0].replace, { start: 0, end: 0 });
  // after a sentence of another paragraph too
  const t = '代表们认为，扩大贸易往来十分重要。\n';
  assert.equal(apply(t, completePhrasing(model, t, t.length)[0]), t + '各方代表');
});

test('the next phrase, not just the next character, replacing the typed prefix', () => {
  const t = '各方代表强';
  const [top] = completePhrasing(model, t, t.length);
  assert.equal(top.kind === 'phrase' || top.kind === 'formula', true);
  assert.equal(apply(t, top), '各方代表强调，');
  assert.equal(top.replace.end, t.length);
  assert.ok(top.insertText.startsWith(t.slice(top.replace.start)), 'the replaced text is the typed prefix');
  // with so little evidence the model stays cautious, but proposes at least two characters of the phrase
  const t2 = '各方代表强调，应继';
  const r2 = apply(t2, completePhrasing(model, t2, t2.length)[0]);
  assert.ok('各方代表强调，应继续落实'.startsWith(r2) && r2.length >= t2.length + 2, r2);
  // ranked: sortText follows the list order
  const items = completePhrasing(model, t2, t2.length);
  assert.deepEqual(items.map((e) => e.sortText), [...items.map((e) => e.sortText)].sort());
});

test('a phrase proposal documents where the corpus attests it', () => {
  const t = '各方代表强调，应继';
  const top = completePhrasing(model, t, t.length)[0];
  assert.match(top.documentation, /test\\:\\\/a\\\.txt:1$/); // markdown-escaped uri, 1-based line
  assert.match(top.documentation, /应继续落实/);
});

test('templates are offered after a verb that leads into them', () => {
  const t = '代表们欢迎';
  const tpl = completePhrasing(model, t, t.length).find((e) => e.kind === 'template');
  assert.ok(tpl);
  assert.equal(tpl.snippet, true);
  // the typed lead is the replaced prefix (the client filters the template on it)
  assert.equal(tpl.replace.end, t.length);
  assert.ok(['欢迎', '们欢迎', '代表们欢迎'].includes(t.slice(tpl.replace.start)), JSON.stringify(tpl.replace));
  assert.ok(tpl.filterText.startsWith(t.slice(tpl.replace.start)));
  assert.ok(tpl.label.startsWith(t.slice(tpl.replace.start) + '{日期}'), tpl.label);
  assert.equal(apply(t, tpl), '代表们欢迎2021年9月17日在阿城通过的《甲合作协定》');
});

test('drafts with half-width punctuation or traditional characters still get proposals', () => {
  const t = '各方代表強調,應繼';
  const top = completePhrasing(model, t, t.length)[0];
  // the typed prefix (應繼) is replaced by the corpus's simplified form, the comma is left alone
  assert.equal(apply(t, top), '各方代表強調,应继续落');
  assert.deepEqual(top.replace, { start: 7, end: 9 });
});

test('a user corpus changes what is learned', () => {
  const other = learnPhrasing([
    { uri: 'test:/b.txt', text: '　　双方一致认为，深化务实合作符合两国人民利益。\n　　双方一致认为，扩大人文交流十分必要。', encoding: 'utf-8' },
  ]);
  assert.equal(sentenceFormulas(other).find((f) => f.kind === 'opener' && f.text === '双方一致认为，')?.count, 2);
  assert.equal(sentenceFormulas(other).some((f) => f.text.startsWith('各方代表')), false);
  assert.equal(completePhrasing(other, '', 0)[0].insertText, '双方一致认为，');
  assert.notEqual(completePhrasing(model, '', 0)[0].insertText, '双方一致认为，');
});

test('empty and degenerate inputs', () => {
  const empty = learnPhrasing([]);
  assert.deepEqual(completePhrasing(empty, '各方', 2), []);
  assert.deepEqual(sentenceFormulas(empty), []);
  assert.ok(Array.isArray(completePhrasing(model, '', 0)));
  assert.ok(Array.isArray(completePhrasing(model, '\u0001\u0002\u0003', 3)));
  const hostile = '\ud800《《《' + 'x'.repeat(10000);
  assert.ok(Array.isArray(completePhrasing(model, hostile, hostile.length)));
  // control characters in a corpus cannot forge the model's markers
  const m = learnPhrasing([{ uri: 'test:/c.txt', text: '甲\u0001乙。\u0002丙\u0003。', encoding: 'utf-8' }]);
  assert.equal(m.text, '\u0002甲 乙。\u0001 丙 。\u0003');
});

test('markdown in the corpus is escaped in documentation', () => {
  assert.equal(core.escapeMarkdown('[x](javascript:y) *b* <i>'), '\\[x\\]\\(javascript\\:y\\) \\*b\\* \\<i\\>');
});

test('the embedded corpus: the genre formulas of the issue are found', async () => {
  const text = await corpusText();
  const docs = [{ uri: 'builtin:/sco.txt', text, encoding: 'utf-8' }];
  const kb = core.buildKnowledgeBase(docs);
  const m = learnPhrasing(docs, kb);
  const has = (kind, t) => sentenceFormulas(m).some((f) => f.kind === kind && f.text === t);
  for (const t of ['各代表团团长强调，', '团长们认为', '各代表团团长注意到']) assert.ok(has('opener', t), t);
  for (const t of ['十分重要。', '具有重要意义，', '的重要举措。']) assert.ok(has('closer', t), t);
  for (const t of ['应继续落实', '支持继续']) assert.ok(has('connective', t), t);
  const tpl = m.templates.find((x) => x.pattern === '{date}在{place}通过的《{title}》');
  assert.ok(tpl && tpl.count >= 15);
  assert.equal(m.choices.date[0], '2021年9月17日');
  assert.equal(m.choices.place[0], '杜尚别');
  // proposals while typing a real sentence: into a title only as far as a title of the corpus begins so
  const t = '各代表团团长认为，应继续落实2019年6月14日在比什';
  const got = apply(t, completePhrasing(m, t, t.length, kb ? { kb } : undefined)[0]);
  assert.ok(got.startsWith(t + '凯克通过的《上合组织'), got);
  const inside = got.slice(got.lastIndexOf('《') + 1);
  assert.ok(kb.instruments.some((i) => i.title.startsWith(inside)), inside);
  // with a knowledge base that knows no title, the phrase stops at the opening mark
  const none = { kb: { ...kb, instruments: [] } };
  assert.equal(apply(t, completePhrasing(m, t, t.length, none)[0]), t + '凯克通过的《');
});

test('proposals never split a surrogate pair', () => {
  const m = learnPhrasing([{ uri: 'test:/e.txt', text: '　　甲方😀乙方😀丙方😀。\n　　甲方😀乙方😀丁方😀。', encoding: 'utf-8' }]);
  for (const t of ['甲方', '甲方\ud83d', '甲方😀乙']) {
    for (const e of completePhrasing(m, t, t.length)) {
      const r = t.slice(0, e.replace.start) + e.insertText;
      assert.ok(!/[\ud800-\udbff]$/.test(r) || r === t, JSON.stringify(r));
      assert.ok(!/^[\udc00-\udfff]/.test(e.insertText.slice(t.length - e.replace.start)) || /[\ud800-\udbff]$/.test(t), JSON.stringify(e.insertText));
    }
  }
});
