// The phrasing completion's document cache (the draft itself, the current sentence included) and the
// knowledge-base values it scores with the continuation model (places after 在, titles inside 《,
// dates after a year), on a small made-up corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, PHRASING_CORPUS as CORPUS } from './helpers.mjs';

const { learnPhrasing, completePhrasing, buildKnowledgeBase } = core;

const DOC = { uri: 'test:/a.txt', text: CORPUS, encoding: 'utf-8' };
const kb = buildKnowledgeBase([DOC]);
const model = learnPhrasing([DOC], kb);
const index = { kb };
const apply = (text, e) => text.slice(0, e.replace.start) + e.insertText + text.slice(e.replace.end);
const complete = (text, options) => completePhrasing(model, text, text.length, index, options);

test('a name written earlier in the same sentence is proposed again (the document cache)', () => {
  const t = '各方代表欢迎戊己庚辛组织的成果，认为戊己';
  const top = complete(t)[0];
  assert.ok(top, 'a proposal');
  assert.ok(apply(t, top).startsWith(t + '庚辛'), apply(t, top));
  // the corpus alone has never seen 戊己
  assert.ok(!complete(t, { draftWeight: 0 }).some((e) => apply(t, e).startsWith(t + '庚辛')));
});

test('after 在: the places of the knowledge base, ranked by the continuation model', () => {
  const t = '各方代表欢迎2021年9月17日在';
  const places = complete(t).filter((e) => e.kind === 'place');
  assert.deepEqual(places.map((e) => e.label).sort(), ['北城', '阿城']);
  // 阿城 follows …日在 three times in the corpus, 北城 twice
  assert.equal(places[0].label, '阿城');
  assert.equal(apply(t, places[0]), t + '阿城');
  // the detail says it in words, in the user's language
  assert.equal(places[0].detail, 'place of 3 adoption(s) or event(s) in the corpus');
  assert.equal(complete(t, { locale: 'zh' }).find((e) => e.label === '阿城').detail, '语料中 3 项通过或活动在此');
  // with 北 typed, 北城 would insert one character: accepting it saves nothing, it is not offered
  assert.ok(!complete(t + '北').some((e) => e.kind === 'place'));
});

test('inside 《: titles with the closing bracket, not doubled when it is already there', () => {
  const t = '各方代表欢迎2021年9月17日在北城通过的《';
  const titles = complete(t).filter((e) => e.kind === 'instrument');
  assert.ok(titles.length >= 1, JSON.stringify(titles.map((e) => e.label)));
  assert.ok(['甲合作协定', '乙发展纲要', '丙合作构想'].includes(titles[0].label), titles[0].label);
  assert.equal(apply(t, titles[0]), t + titles[0].label + '》');
  const t2 = '应继续落实《丙';
  const e = completePhrasing(model, t2 + '》', t2.length, index).find((x) => x.kind === 'instrument');
  assert.equal(e.label, '丙合作构想');
  assert.equal(apply(t2 + '》', e), '应继续落实《丙合作构想》');
});

test('a year being typed: the full dates of the knowledge base', () => {
  const t = '各方代表注意到2021年';
  const dates = complete(t).filter((e) => e.kind === 'date');
  assert.ok(dates.some((e) => apply(t, e) === '各方代表注意到2021年9月17日'), JSON.stringify(dates.map((e) => e.label)));
  // the knowledge items are ranked with the phrases by the same score (sortText order)
  const all = complete(t);
  assert.deepEqual(all.map((e) => e.sortText), [...all.map((e) => e.sortText)].sort());
});

test('without a knowledge base, or with knowledge off, no knowledge items', () => {
  const t = '各方代表欢迎2021年9月17日在';
  assert.ok(!completePhrasing(model, t, t.length).some((e) => e.kind === 'place'));
  assert.ok(!complete(t, { knowledge: false }).some((e) => e.kind === 'place'));
});

test('replace spans are never reversed, at the very start of a text either', () => {
  for (const t of ['《', '在', '2021年', '《丙', '在阿']) {
    for (let o = 0; o <= t.length; o++)
      for (const e of completePhrasing(model, t, o, index)) {
        assert.ok(e.replace.start <= e.replace.end && e.replace.end <= o, `${t}@${o}: ${JSON.stringify(e.replace)}`);
      }
  }
});
