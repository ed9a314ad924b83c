// Unit tests of core/text/dates.ts: finding, formatting and validating date expressions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const { findDates, formatDate, formatDateExpr, dateProblem, dateExprProblem, sameDate, dateKey } = core;

const keys = (e) => e.dates.map(dateKey);

test('single arabic date with span and text', () => {
  const t = '欢迎2021年9月17日在杜尚别批准的';
  const [d, ...rest] = findDates(t);
  assert.equal(rest.length, 0);
  assert.equal(d.kind, 'single');
  assert.equal(d.style, 'arabic');
  assert.equal(d.text, '2021年9月17日');
  assert.deepEqual(d.span, { start: 2, end: 12 });
  assert.deepEqual(keys(d), ['2021-09-17']);
});

test('ranges within a month, across months and across years', () => {
  for (const [t, k] of [
    ['2021年9月15日至17日', ['2021-09-15', '2021-09-17']],
    ['2021年5月12日至13日', ['2021-05-12', '2021-05-13']],
    ['2021年7月28日至30日', ['2021-07-28', '2021-07-30']],
    ['2021年9月28日至10月2日', ['2021-09-28', '2021-10-02']],
    ['2021年12月30日至2022年1月2日', ['2021-12-30', '2022-01-02']],
    ['2021年9月15日—17日', ['2021-09-15', '2021-09-17']],
  ]) {
    const ds = findDates('在' + t + '在杜尚别举行');
    assert.equal(ds.length, 1, t);
    assert.equal(ds[0].kind, 'range', t);
    assert.equal(ds[0].text, t);
    assert.deepEqual(keys(ds[0]), k, t);
  }
});

test('lists fill the year from the first part', () => {
  const [d] = findDates('欢迎2021年3月30日、7月23日和9月2日以视频方式举行的');
  assert.equal(d.kind, 'list');
  assert.equal(d.text, '2021年3月30日、7月23日和9月2日');
  assert.deepEqual(keys(d), ['2021-03-30', '2021-07-23', '2021-09-02']);
  // 和 not followed by a date is not swallowed
  const [e] = findDates('2021年9月17日和杜尚别');
  assert.equal(e.kind, 'single');
  assert.equal(e.text, '2021年9月17日');
});

test('Chinese numerals: 〇/零, 十, 二十, 三十一', () => {
  const [d] = findDates('　　二〇二一年十一月二十五日  ');
  assert.equal(d.style, 'chinese');
  assert.equal(d.text, '二〇二一年十一月二十五日');
  assert.deepEqual(keys(d), ['2021-11-25']);
  assert.deepEqual(keys(findDates('二零一四年九月十二日')[0]), ['2014-09-12']);
  assert.deepEqual(keys(findDates('二〇二一年十月三十一日')[0]), ['2021-10-31']);
  assert.deepEqual(keys(findDates('二〇二一年十二月十日')[0]), ['2021-12-10']);
  assert.deepEqual(keys(findDates('二〇二一年九月十五日至十七日')[0]), ['2021-09-15', '2021-09-17']);
  // numerals that are not dates
  assert.deepEqual(findDates('第二十次会议，十年来，三月份，一二三'), []);
});

test('year-less, month precision, year-only and year ranges', () => {
  const t = '（新华社努尔苏丹11月25日电）';
  const [d] = findDates(t);
  assert.equal(d.text, '11月25日');
  assert.deepEqual(d.dates[0], { month: 11, day: 25 });
  assert.equal(dateKey(d.dates[0]), '--11-25');
  const [m] = findDates('2021年9月举行');
  assert.deepEqual(m.dates[0], { year: 2021, month: 9 });
  const [y] = findDates('下次会议将于2022年在中华人民共和国举行');
  assert.equal(y.text, '2022年');
  assert.equal(y.dates[0].yearOnly, true);
  assert.equal(formatDate(y.dates[0], 'arabic'), '2022年');
  const [r] = findDates('担任2021至2022年上合组织轮值主席国');
  assert.equal(r.kind, 'range');
  assert.equal(r.text, '2021至2022年');
  assert.deepEqual(keys(r), ['2021', '2022']);
  const [r2] = findDates('《〈上合组织至2025年发展战略〉2021—2025年行动计划》');
  assert.equal(r2.text, '2025年'); // 至2025年: a year
  const all = findDates('《〈上合组织至2025年发展战略〉2021—2025年行动计划》');
  assert.deepEqual(all.map((x) => x.text), ['2025年', '2021—2025年']);
  // a bare month is not a date
  assert.deepEqual(findDates('9月'), []);
});

test('spaces and full-width digits from web copies', () => {
  const [d] = findDates('于 2021 年 9 月 17 日在杜尚别');
  assert.equal(d.text, '2021 年 9 月 17 日');
  assert.deepEqual(keys(d), ['2021-09-17']);
  const [f] = findDates('２０２１年９月１７日');
  assert.deepEqual(keys(f), ['2021-09-17']);
});

test('from/to restrict the scan; spans stay in the text', () => {
  const t = '2021年1月1日，2022年2月2日，2023年3月3日';
  const ds = findDates(t, 10, 20);
  assert.equal(ds.length, 1);
  assert.equal(t.slice(ds[0].span.start, ds[0].span.end), '2022年2月2日');
});

test('every date of the embedded corpus', async () => {
  const { readFileSync } = await import('node:fs');
  const t = readFileSync(new URL('../../server/corpus/sco-2021-heads-of-government-communique.zh.txt', import.meta.url), 'utf8');
  const ds = findDates(t).filter((d) => !d.dates[0].yearOnly);
  // all day-precision dates; none is invalid
  for (const d of ds) assert.equal(dateExprProblem(d), undefined, d.text);
  assert.ok(ds.some((d) => d.text === '2021年3月30日、7月23日和9月2日'));
  assert.ok(ds.some((d) => d.text === '2021年10月27日至28日'));
  assert.ok(ds.some((d) => d.text === '二〇二一年十一月二十五日'));
  assert.ok(ds.some((d) => d.text === '11月25日'));
  assert.equal(ds.filter((d) => d.kind === 'range').length, 5);
});

test('formatDate in both styles', () => {
  const d = { year: 2014, month: 9, day: 12 };
  assert.equal(formatDate(d, 'arabic'), '2014年9月12日');
  assert.equal(formatDate(d, 'chinese'), '二〇一四年九月十二日');
  assert.equal(formatDate({ year: 2021, month: 11, day: 25 }, 'chinese'), '二〇二一年十一月二十五日');
  assert.equal(formatDate({ year: 2021, month: 10, day: 30 }, 'chinese'), '二〇二一年十月三十日');
  assert.equal(formatDate({ month: 11, day: 25 }, 'arabic'), '11月25日');
});

test('formatDateExpr round-trips what findDates reads', () => {
  for (const t of [
    '2021年9月17日',
    '2021年9月15日至17日',
    '2021年9月28日至10月2日',
    '2021年12月30日至2022年1月2日',
    '2021年3月30日、7月23日和9月2日',
    '二〇二一年十一月二十五日',
    '二〇二一年九月十五日至十七日',
    '2021至2022年',
    '2021年9月',
  ]) {
    const [e] = findDates(t);
    assert.equal(formatDateExpr(e), t);
  }
  assert.equal(formatDateExpr({ kind: 'single', dates: [{ year: 2021, month: 9, day: 17 }], style: 'chinese' }), '二〇二一年九月十七日');
});

test('dateProblem: impossible dates', () => {
  assert.match(dateProblem({ year: 2021, month: 2, day: 30 }).en, /day 30 does not exist in February 2021/);
  assert.equal(dateProblem({ year: 2021, month: 2, day: 30 }).zh, '2021年2月没有30日');
  assert.match(dateProblem({ year: 2021, month: 2, day: 29 }).en, /February 2021/);
  assert.equal(dateProblem({ year: 2020, month: 2, day: 29 }), undefined);
  assert.match(dateProblem({ year: 2021, month: 13, day: 1 }).en, /month 13/);
  assert.match(dateProblem({ year: 2021, month: 4, day: 0 }).en, /day 0/);
  assert.match(dateProblem({ year: 2021, month: 4, day: 31 }).en, /April/);
  assert.equal(dateProblem({ year: 2021, month: 0, yearOnly: true }), undefined);
  // found in text, then checked
  const [a] = findDates('2021年2月30日');
  assert.ok(dateExprProblem(a));
  const [b] = findDates('二〇二一年十三月一日');
  assert.match(dateExprProblem(b).en, /month 13/);
  const [c] = findDates('2021年9月17日至15日');
  assert.equal(c.kind, 'range');
  assert.match(dateExprProblem(c).en, /before it starts/);
  assert.match(dateExprProblem(c).zh, /早于开始日期/);
  const [ok] = findDates('2021年9月15日至17日');
  assert.equal(dateExprProblem(ok), undefined);
});

test('sameDate and dateKey', () => {
  assert.ok(sameDate({ year: 2021, month: 9, day: 17 }, { year: 2021, month: 9, day: 17 }));
  assert.ok(!sameDate({ year: 2021, month: 9, day: 17 }, { year: 2021, month: 9, day: 16 }));
  assert.ok(!sameDate({ month: 9, day: 17 }, { year: 2021, month: 9, day: 17 }));
  assert.equal(dateKey({ year: 2021, month: 9, day: 7 }), '2021-09-07');
});

test('long runs of digits stay linear and find nothing', () => {
  const t = '1'.repeat(200000) + '年' + '一'.repeat(200000) + '月';
  assert.deepEqual(findDates(t), []);
});

test('plain dates (2021年9月17日) read directly give what the general parse gives, at its edges', () => {
  const brief = (t, from, to) => findDates(t, from, to).map((d) => [d.kind, d.text, d.dates.map(dateKey).join('/'), d.span.start, d.span.end]);
  // A separator or space after the date: a range or list, not a plain date.
  assert.deepEqual(brief('2021年9月17日至19日'), [['range', '2021年9月17日至19日', '2021-09-17/2021-09-19', 0, 14]]);
  assert.deepEqual(brief('2021年9月17日 至19日'), [['range', '2021年9月17日 至19日', '2021-09-17/2021-09-19', 0, 15]]);
  assert.deepEqual(brief('2021年9月17日、18日和20日'), [['list', '2021年9月17日、18日和20日', '2021-09-17/2021-09-18/2021-09-20', 0, 18]]);
  // Three digits, full-width digits, spaces inside: the general parse.
  assert.deepEqual(brief('2021年9月170日'), [['single', '2021年9月', '2021-09', 0, 7]]);
  assert.deepEqual(brief('２０２１年9月17日'), [['single', '２０２１年9月17日', '2021-09-17', 0, 10]]);
  assert.deepEqual(brief('2021年9月1 7日'), [['single', '2021年9月', '2021-09', 0, 7]]);
  assert.deepEqual(brief('2021 年9月17日'), [['single', '2021 年9月17日', '2021-09-17', 0, 11]]);
  // 号, a date right after another, a window that cuts the day.
  assert.deepEqual(brief('2021年9月17号通过'), [['single', '2021年9月17号', '2021-09-17', 0, 10]]);
  assert.deepEqual(brief('2021年9月17日2021年9月18日'), [
    ['single', '2021年9月17日', '2021-09-17', 0, 10],
    ['single', '2021年9月18日', '2021-09-18', 10, 20],
  ]);
  assert.deepEqual(brief('2021年9月17日至19日', 0, 10), [['single', '2021年9月17日', '2021-09-17', 0, 10]]);
  assert.deepEqual(brief('2021年9月17日', 0, 9), [['single', '2021年9月', '2021-09', 0, 7]]);
});
