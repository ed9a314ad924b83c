import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, corpusText } from './helpers.mjs';

const { scanBrackets } = core;
const brief = (text) => scanBrackets(text).map((i) => `${i.kind}:${i.char}@${i.offset}${i.replaceWith ? '→' + i.replaceWith : ''}`);

test('balanced text gives nothing, nested titles included', () => {
  assert.deepEqual(brief('《〈上合组织至2025年发展战略〉2021—2025年行动计划》和“上海精神”（2022—2026年）'), []);
  assert.deepEqual(brief('银行联合体中期发展战略(2022—2026年)'), []);
});

test('the embedded corpus is balanced', async () => {
  assert.deepEqual(brief(await corpusText()), []);
});

test('a missing 》 gives one finding, not one per later bracket', () => {
  const t = '通过的《上合组织成员国政府间农业合作协定和《上合组织绿色之带纲要》，以及“上海精神”和《上合组织经济论坛构想》。';
  assert.deepEqual(brief(t), ['unclosed:《@3']);
});

test('a missing 《 gives one unopened finding', () => {
  const t = '通过的上合组织绿色之带纲要》和《上合组织经济论坛构想》。';
  assert.deepEqual(brief(t), [`unopened:》@${t.indexOf('》')}`]);
});

test('a missing 〉 inside 《》 closes as one unclosed 〈', () => {
  const t = '《〈上合组织至2025年发展战略2021—2025年行动计划》和《上合组织经济论坛构想》';
  assert.deepEqual(brief(t), ['unclosed:〈@1']);
});

test('a missing 〉 before a later well-formed nested title still gives one finding', () => {
  const t = '《〈A战略B计划》和《〈C构想〉D计划》';
  assert.deepEqual(brief(t), ['unclosed:〈@1']);
});

test('swapped closers 》〉 give one stray closer', () => {
  const t = '《〈上合组织至2025年发展战略》〉2021—2025年行动计划》';
  assert.deepEqual(brief(t), [`unopened:》@${t.indexOf('》')}`]);
});

test('paragraph breaks end scopes: newline and the leading 　　 of web copies', () => {
  assert.deepEqual(brief('“上海精神\n下一段“合作”。'), ['unclosed:“@0']);
  assert.deepEqual(brief('《上合组织。　　各代表团团长《纲要》。'), ['unclosed:《@0']);
  assert.deepEqual(brief('第一段（注\r\n第二段）'), ['unclosed:（@3', `unopened:）@${'第一段（注\r\n第二段'.length}`]);
});

test('a mistyped closing quote “…“ is one finding with the right replacement', () => {
  const t = '秉持“上海精神“，开启成功之路。';
  assert.deepEqual(brief(t), ['unclosed:“@7→”']);
  assert.equal(scanBrackets(t)[0].related, 2);
});

test('an unclosed “ followed by a quoted phrase is reported at the first quote', () => {
  const t = '秉持“上海精神，推进“一带一路”建设。';
  assert.deepEqual(brief(t), ['unclosed:“@2']);
});

test('a mistyped opening quote ”…” is one finding with the right replacement', () => {
  const t = '秉持”上海精神”，开启成功之路。';
  assert.deepEqual(brief(t), ['unopened:”@2→“']);
});

test('half-width parentheses count only in Chinese text', () => {
  assert.deepEqual(brief('中期发展战略(2022—2026年'), ['unclosed:(@6']);
  assert.deepEqual(brief('see f(x) and [链接](http://example.com/a) 和 (note)'), []);
  assert.deepEqual(brief('(see 上合)'), []);
  assert.deepEqual(brief('纲要)的'), ['unopened:)@2']);
  assert.deepEqual(brief('纲要（2022—2026年)的'), []);
});

test('stray closers with nothing open are each reported once', () => {
  assert.deepEqual(brief('甲〉乙）丙'), ['unopened:〉@1', 'unopened:）@3']);
});

test('safe and linear on 100,000 nested openers', () => {
  const n = 100_000;
  const titles = scanBrackets('《'.repeat(n));
  assert.equal(titles.length, n);
  assert.ok(titles.every((i) => i.kind === 'unclosed'));
  // Offsets come out in text order.
  assert.equal(titles[0].offset, 0);
  assert.equal(titles[n - 1].offset, n - 1);
  const parens = scanBrackets('（'.repeat(n) + '》'.repeat(n));
  assert.equal(parens.length, 2 * n);
  assert.deepEqual(scanBrackets('（'.repeat(n) + '）'.repeat(n)), []);
  assert.equal(scanBrackets('“'.repeat(n)).length, n / 2);
});

test('from/to limit the scan', () => {
  const t = '《甲》《乙';
  assert.deepEqual(scanBrackets(t, 0, 3), []);
  assert.equal(scanBrackets(t, 3).length, 1);
});
