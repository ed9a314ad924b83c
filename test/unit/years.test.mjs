// Years written wrong (#12 item 12): in a frame whose corpus date is 2014年9月12日, 20014年, 12014年,
// 201年, 99999年 and years with a look-alike of a digit (2O14, 2o14, 2〇14, 二O一四, 2l14, ２Ｏ１４) passed
// silently while 2015年 was caught: the date after such a year was read without it. Each is now a
// date-invalid finding with the fix the corpus supports — apply the fix, compare the text — and a
// look-alike is corrected where no corpus date is at hand; a number of years (100年以来) is no date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, corpusText, applyEdits, markers } from './helpers.mjs';

const { diagnose, buildKnowledgeBase, KnowledgeIndex, malformedYearBefore } = core;

const corpus = await corpusText();
const index = new KnowledgeIndex(buildKnowledgeBase([{ uri: 'builtin:/sco-2021-heads-of-government-communique.zh.txt', text: corpus, encoding: 'utf-8' }]));
const TITLE = '《上合组织成员国政府间国际道路运输便利化协定》';
const P = '各代表团团长认为，切实落实';

/** The one finding of `src` (its `[[…]]` span), each fix applied in turn → the texts expected. */
function expectFix(src, code, fixed) {
  const { text, spans } = markers(src);
  const all = diagnose(text, index);
  assert.equal(all.length, 1, `one finding in ${text}; got ${JSON.stringify(all.map((f) => [f.code, text.slice(f.start, f.end)]))}`);
  const [f] = all;
  assert.equal(f.code, code);
  assert.deepEqual({ start: f.start, end: f.end }, spans[0], `span of ${f.code} in ${text}`);
  assert.deepEqual(f.fixes.map((x) => applyEdits(text, x.edits)), fixed, `fixes of ${text}`);
  assert.ok(f.message.en && f.message.zh, 'message in both languages');
  if (f.fixes.length > 1) assert.deepEqual(f.fixes.map((x) => x.preferred), [true, false], 'the corpus date is the preferred fix');
  return f;
}

const RIGHT = `${P}2014年9月12日在杜尚别通过的${TITLE}。`;

test('control: the corpus date passes, 2015年 is a date-mismatch', () => {
  assert.deepEqual(diagnose(RIGHT, index), []);
  expectFix(`${P}[[2015年9月12日]]在杜尚别通过的${TITLE}。`, 'date-mismatch', [RIGHT]);
});

test('a year of the wrong length in a frame: date-invalid, fixed to the corpus date', () => {
  for (const y of ['20014', '12014', '201', '99999']) {
    const f = expectFix(`${P}[[${y}年9月12日]]在杜尚别通过的${TITLE}。`, 'date-invalid', [RIGHT]);
    assert.match(f.message.en, new RegExp(`the year “${y}” has ${y.length} digits, not 4`));
    assert.match(f.message.en, /2014年9月12日/, 'says what the corpus says');
    assert.match(f.message.zh, new RegExp(`年份“${y}”为${y.length}位`));
  }
  // four digits, only not the corpus's: a date-mismatch like 2015年
  expectFix(`${P}[[0214年9月12日]]在杜尚别通过的${TITLE}。`, 'date-mismatch', [RIGHT]);
});

test('a year with a look-alike of a digit: date-invalid, the look-alike corrected (what the corpus says)', () => {
  for (const y of ['2O14', '2o14', '2〇14', '2Ｏ14']) {
    const f = expectFix(`${P}[[${y}年9月12日]]在杜尚别通过的${TITLE}。`, 'date-invalid', [RIGHT]);
    assert.match(f.message.en, /only looks like a digit/);
  }
  // full-width digits keep their width; Chinese numerals take 〇
  expectFix(`${P}[[２Ｏ１４年9月12日]]在杜尚别通过的${TITLE}。`, 'date-invalid', [`${P}２０１４年9月12日在杜尚别通过的${TITLE}。`]);
  expectFix(`${P}[[二O一四年九月十二日]]在杜尚别通过的${TITLE}。`, 'date-invalid', [`${P}二〇一四年九月十二日在杜尚别通过的${TITLE}。`]);
  // a look-alike that makes another year than the corpus's: the corpus date first, the look-alike's reading second
  expectFix(`${P}[[2l14年9月12日]]在杜尚别通过的${TITLE}。`, 'date-invalid', [RIGHT, `${P}2114年9月12日在杜尚别通过的${TITLE}。`]);
});

test('a year alone in a frame: the corpus year', () => {
  const right = `${P}2014年在杜尚别通过的${TITLE}。`;
  assert.deepEqual(diagnose(right, index), []);
  expectFix(`${P}[[20014年]]在杜尚别通过的${TITLE}。`, 'date-invalid', [right]);
  expectFix(`${P}[[201年]]在杜尚别通过的${TITLE}。`, 'date-invalid', [right]);
  expectFix(`${P}[[2O14年]]在杜尚别通过的${TITLE}。`, 'date-invalid', [right]);
});

test('outside frames: a look-alike year or one of five digits anywhere, a wrong length before a month; durations are no dates', () => {
  expectFix('会议于[[2O21年9月17日]]举行。', 'date-invalid', ['会议于2021年9月17日举行。']);
  expectFix('[[2O21年]]以来，', 'date-invalid', ['2021年以来，']);
  expectFix('会议于[[20021年9月17日]]举行。', 'date-invalid', []);
  expectFix('会议于[[201年9月17日]]举行。', 'date-invalid', []);
  for (const t of ['建党100年以来，各方', '近10年来', '用了201年', '今年9月17日', '十年9月', 'AB2O14年的型号', '二〇二一年九月十七日', '2021 年 9 月 17 日']) {
    assert.deepEqual(diagnose(t, index).map((f) => f.code), [], t);
  }
});

test('malformedYearBefore reads the year before 年: what is wrong, the correction, the value', () => {
  const read = (t) => malformedYearBefore(t, t.length);
  assert.equal(read('2014年'), undefined);
  assert.equal(read('二〇二一年'), undefined);
  assert.deepEqual(read('在2O14年'), { written: '2O14', start: 1, end: 6, style: 'arabic', problem: 'lookalike', lookalikes: ['O'], corrected: '2014', value: 2014 });
  assert.deepEqual(read('20014年'), { written: '20014', start: 0, end: 6, style: 'arabic', problem: 'length', lookalikes: [], value: 20014 });
  assert.equal(read('2O14 年').corrected, '2014');
  assert.equal(read('二〇一年').problem, 'length');
  for (const t of ['十年', '今年', '3年', '20年', 'OOOO年', 'x2O14年', '2O14']) assert.equal(read(t), undefined, t);
});
