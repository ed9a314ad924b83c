// The frames of issue #13 on small texts, scanner by scanner: places that end in a character that
// is also a function word (item 1), post-posed frames and lists paired one to one (item 2), events
// cited in parentheses and what they date (item 3). Each class with its decoys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';

const { scanReferences, scanEvents, dateKey, dateExprKey, scanText, landmarks } = core;

/** [title, frame, dates, place, verb, event] of each mention. */
const refs = (t) => scanReferences(t).map((m) => [m.title, m.frame, m.date ? m.date.dates.map(dateKey).join('/') : undefined, m.place?.text, m.verb?.text, m.event?.name]);
/** [name, dates, place, online] of each event. */
const evs = (t) => scanEvents(t).map((e) => [e.name, e.date ? dateExprKey(e.date) : undefined, e.place, e.online]);

test('item 1: a place ending in 都 州 城 山 岛 港 市 及 … frames instruments and events alike', () => {
  for (const place of ['成都', '京都', '内比都', '加德满都', '东京都', '苏州', '广州', '聊城', '峨眉山', '黄山', '青岛', '连云港', '香港', '撒马尔罕市', '埃及', '北京', '圣彼得堡', '比什凯克', '霍尔果斯市']) {
    assert.deepEqual(refs(`欢迎2023年12月8日在${place}通过的《甲倡议》。`), [['甲倡议', 'date-place-verb', '2023-12-08', place, '通过', undefined]], place);
    assert.deepEqual(evs(`欢迎2022年11月17日在${place}举行的甲乙论坛。`), [['甲乙论坛', '2022-11-17', place, false]], place);
    assert.deepEqual(evs(`2023年12月8日，甲乙论坛在${place}举行。`), [['甲乙论坛', '2023-12-08', place, false]], place);
    assert.deepEqual(evs(`甲乙会议于2023年7月在${place}举行。`), [['甲乙会议', '2023-07', place, false]], place);
  }
  // Traditional script.
  assert.deepEqual(refs('2023年12月8日在成都通過的《甲倡議》'), [['甲倡議', 'date-place-verb', '2023-12-08', '成都', '通過', undefined]]);
});

test('item 1: decoys — a function word is no end of a place where what precedes it cannot end one', () => {
  const bare = (t) => {
    const [m] = scanReferences(t);
    assert.equal(m.place, undefined, t);
    assert.equal(m.date, undefined, t);
  };
  bare('各方正在制定并通过《甲战略》');
  bare('各方在会上都通过了《甲宣言》'); // 会上都: an event position before 都
  bare('各方在会上通过了《甲宣言》'); // 会上: no place
  bare('各方在杜尚别签署及批准的《甲协定》'); // a verb inside: 签署及 is no place
  bare('各方在此以及通过的《甲协定》');
  assert.deepEqual(evs('各方都在杜尚别举行了会谈。'), []);
  // 都 after the subject, before 在: the place is the one after 在.
  assert.deepEqual(refs('各方都在杜尚别签署了《甲协定》'), [['甲协定', 'bare', undefined, '杜尚别', '签署', undefined]]);
});

test('item 1 and 3: DATE在PLACE以视频方式举行 — a host city and the online mode; a mode is no place', () => {
  assert.deepEqual(evs('欢迎2023年7月4日在新德里以视频方式举行的甲乙元首理事会会议成果。'), [['甲乙元首理事会会议', '2023-07-04', '新德里', true]]);
  assert.deepEqual(evs('欢迎2023年7月4日以视频方式举行的甲乙元首理事会会议成果。'), [['甲乙元首理事会会议', '2023-07-04', undefined, true]]);
});

test('item 2: 《T》于DATE在PLACE签署, 《T》于DATE签署, after a declaration, in both scripts', () => {
  assert.deepEqual(refs('《甲协定》于2014年9月12日在杜尚别签署。'), [['甲协定', 'date-place-verb', '2014-09-12', '杜尚别', '签署', undefined]]);
  assert.deepEqual(refs('《甲备忘录》于2023年5月18日签署。'), [['甲备忘录', 'date-verb', '2023-05-18', undefined, '签署', undefined]]);
  assert.deepEqual(refs('《甲協定》（以下簡稱“《協定》”）於2014年9月12日在杜尚別簽署。'), [
    ['甲協定', 'date-place-verb', '2014-09-12', '杜尚別', '簽署', undefined],
    ['協定', 'bare', undefined, undefined, undefined, undefined],
  ]);
  assert.deepEqual(refs('《甲协定》（以下简称《协定》）于2014年9月12日在成都签署'), [
    ['甲协定', 'date-place-verb', '2014-09-12', '成都', '签署', undefined],
    ['协定', 'bare', undefined, undefined, undefined, undefined],
  ]);
  // 《A》和《B》于DATE签署: both.
  assert.deepEqual(refs('《甲协定》和《乙协定》于2021年9月17日在杜尚别签署。'), [
    ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '签署', undefined],
    ['乙协定', 'date-place-verb', '2021-09-17', '杜尚别', '签署', undefined],
  ]);
  // A frame on the left wins; no verb or no date after the title: no frame.
  assert.deepEqual(refs('2019年6月14日在比什凯克通过的《甲纲要》于2020年1月1日生效。')[0].slice(2, 5), ['2019-06-14', '比什凯克', '通过']);
  for (const t of ['《甲协定》于2020年1月1日生效。', '《甲协定》在推动各国间通过对话解决分歧方面发挥了作用。', '《甲协定》于今年签署。', '《甲协定》，于2021年9月17日在杜尚别签署']) {
    assert.deepEqual(refs(t)[0].slice(1, 5), ['bare', undefined, undefined, undefined], t);
  }
});

test('item 2: 先后/分别 pair dates, places and titles one to one; a list of places is never one place', () => {
  assert.deepEqual(refs('各方于2022年和2023年先后在撒马尔罕和西安签署《甲备忘录》和《乙倡议》。'), [
    ['甲备忘录', 'date-place-verb', '2022', '撒马尔罕', '签署', undefined],
    ['乙倡议', 'date-place-verb', '2023', '西安', '签署', undefined],
  ]);
  assert.deepEqual(refs('各方分别于2021年12月和2022年6月在阿拉木图和比什凯克签署了《甲路线图》和《乙倡议》。'), [
    ['甲路线图', 'date-place-verb', '2021-12', '阿拉木图', '签署', undefined],
    ['乙倡议', 'date-place-verb', '2022-06', '比什凯克', '签署', undefined],
  ]);
  // One date, two places and two titles: each its place, the date for both.
  assert.deepEqual(refs('各方于2022年9月16日分别在撒马尔罕和成都签署了《甲协定》和《乙协定》'), [
    ['甲协定', 'date-place-verb', '2022-09-16', '撒马尔罕', '签署', undefined],
    ['乙协定', 'date-place-verb', '2022-09-16', '成都', '签署', undefined],
  ]);
  // Three titles for two places: the third has no entry.
  assert.deepEqual(refs('各方分别于2021年和2022年在阿拉木图和比什凯克签署了《甲》、《乙》和《丙》').map((r) => [r[0], r[2], r[3]]), [
    ['甲', '2021', '阿拉木图'],
    ['乙', '2022', '比什凯克'],
    ['丙', undefined, undefined],
  ]);
  // Without 分别/先后: no pairing, and "P1和P2" is no place.
  assert.deepEqual(refs('2021年9月17日在杜尚别和撒马尔罕签署的《甲协定》'), [['甲协定', 'date-verb', '2021-09-17', undefined, '签署', undefined]]);
  assert.deepEqual(evs('2021年9月17日在杜尚别和撒马尔罕举行的甲乙论坛'), [['甲乙论坛', '2021-09-17', undefined, false]]);
  // Places with 和 or 及 inside stay whole.
  assert.deepEqual(refs('2021年9月17日在呼和浩特签署的《甲协定》')[0][3], '呼和浩特');
  assert.deepEqual(refs('各方分别于2021年和2022年在埃及和约旦签署了《甲》和《乙》').map((r) => r[3]), ['埃及', '约旦']);
});

test('item 3: events cited in parentheses — EVENT（DATE，PLACE）, EVENT（DATE，以视频方式）, their names', () => {
  const t =
    '成员国元首回顾了上合组织成员国元首理事会会议（2021年9月17日，杜尚别）和上合组织成员国元首理事会会议（2020年11月10日，以视频方式）的成果。' +
    '各方高度评价中国同中亚五国建交30周年视频峰会（2022年1月25日，线上）成果。' +
    '欢迎上合组织中小企业支持论坛（撒马尔罕，2022年9月15日）。' +
    '各方强调应落实上合组织成员国政府首脑（总理）理事会第二十次会议（2021年11月25日）的成果。';
  assert.deepEqual(evs(t), [
    ['上合组织成员国元首理事会会议', '2021-09-17', '杜尚别', false],
    ['上合组织成员国元首理事会会议', '2020-11-10', undefined, true],
    ['中国同中亚五国建交30周年视频峰会', '2022-01-25', undefined, true],
    ['上合组织中小企业支持论坛', '2022-09-15', '撒马尔罕', false],
    ['上合组织成员国政府首脑（总理）理事会第二十次会议', '2021-11-25', undefined, false],
  ]);
  const [first] = scanEvents(t);
  assert.equal(first.frame, 'cited');
  assert.equal(t.slice(first.frameSpan.start, first.frameSpan.end), '上合组织成员国元首理事会会议（2021年9月17日，杜尚别）');
  // A year is a period, not a date; a title is no event; a parenthesis without a date is none.
  assert.deepEqual(evs('注意到甲乙论坛（2022—2026年）。《甲乙会议》（2021年9月17日，杜尚别）。甲乙会议（以下简称“会议”）'), []);
});

test('item 3: EVENT（DATE，PLACE）通过的《T》 takes the event\'s frame; 《T》（DATE，以视频方式） has no place', () => {
  assert.deepEqual(refs('各方回顾了中国—中亚外长第四次会晤（2023年4月27日，西安）通过的《中国—中亚外长第四次会晤联合声明》。'), [
    ['中国—中亚外长第四次会晤联合声明', 'event-verb', '2023-04-27', '西安', '通过', '中国—中亚外长第四次会晤'],
  ]);
  assert.deepEqual(refs('落实甲乙元首理事会会议（2020年11月10日，以视频方式）上批准的《丙计划》'), [['丙计划', 'event-verb', '2020-11-10', undefined, '批准', '甲乙元首理事会会议']]);
  assert.deepEqual(refs('落实《甲宣言》（2020年11月10日，以视频方式）'), [['甲宣言', 'parenthetical', '2020-11-10', undefined, undefined, undefined]]);
});

test('scanText with landmarks gives what the scanners give alone, on the frames of issue #13', () => {
  const t =
    '　　2023年12月8日，上海合作组织（以下简称“上合组织”）地方领导人论坛在成都举行。论坛通过了《甲倡议》。\n' +
    '　　回顾了甲乙会议（2021年9月17日，杜尚别）和甲乙会议（2020年11月10日，以视频方式）。《甲协定》（以下简称《协定》）于2014年9月12日在杜尚别签署。\n' +
    '　　各方于2022年和2023年先后在撒马尔罕和西安签署《甲》和《乙》。2023年7月4日在新德里以视频方式举行的甲乙会议。';
  assert.deepEqual(scanText(t, landmarks(t)), scanText(t));
  assert.deepEqual(scanText(t).events, scanEvents(t));
  assert.deepEqual(scanText(t).references, scanReferences(t));
});
