// The reference and event scanners on small synthetic texts: every frame, the typography of
// drafts (half-width punctuation, spaces, traditional characters), nesting and robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { scanReferences, scanEvents, dateKey, dateExprKey } = core;

/** Compact view of a mention: [title, frame, dateKeys, place, verb, event]. */
const view = (m) => [m.title, m.frame, m.date ? m.date.dates.map(dateKey).join('/') : undefined, m.place?.text, m.verb?.text, m.event?.name];
const one = (t) => {
  const ms = scanReferences(t);
  assert.equal(ms.length, 1, t);
  return view(ms[0]);
};

test('DATE在PLACE通过/批准/签署的《T》, and without 的', () => {
  assert.deepEqual(one('欢迎2021年9月17日在杜尚别通过的《甲协定》。'), ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '通过', undefined]);
  assert.deepEqual(one('2020年11月10日在莫斯科批准的《乙计划》'), ['乙计划', 'date-place-verb', '2020-11-10', '莫斯科', '批准', undefined]);
  assert.deepEqual(one('2021年8月18日在杜尚别签署的《丙章程》'), ['丙章程', 'date-place-verb', '2021-08-18', '杜尚别', '签署', undefined]);
  assert.deepEqual(one('各代表团团长欢迎2021年11月25日在努尔苏丹通过《建立丁的构想》，认为'), ['建立丁的构想', 'date-place-verb', '2021-11-25', '努尔苏丹', '通过', undefined]);
  assert.deepEqual(one('于2021年9月17日在杜尚别通过的《甲协定》'), ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '通过', undefined]);
});

test('spans: title, brackets, date, place and verb point into the text', () => {
  const t = '欢迎2021年9月17日在杜尚别通过的《甲协定》。';
  const [m] = scanReferences(t);
  assert.equal(t.slice(m.span.start, m.span.end), '《甲协定》');
  assert.equal(t.slice(m.titleSpan.start, m.titleSpan.end), '甲协定');
  assert.equal(t.slice(m.date.span.start, m.date.span.end), '2021年9月17日');
  assert.equal(t.slice(m.place.span.start, m.place.span.end), '杜尚别');
  assert.equal(t.slice(m.verb.span.start, m.verb.span.end), '通过');
  assert.equal(m.bracket, '《》');
});

test('Chinese-numeral dates, ranges and lists in a frame', () => {
  assert.deepEqual(one('二〇一四年九月十二日在杜尚别通过的《甲协定》'), ['甲协定', 'date-place-verb', '2014-09-12', '杜尚别', '通过', undefined]);
  const [m] = scanReferences('二〇一四年九月十二日在杜尚别通过的《甲协定》');
  assert.equal(m.date.style, 'chinese');
  assert.deepEqual(one('2021年9月15日至17日在杜尚别通过的《甲协定》'), ['甲协定', 'date-place-verb', '2021-09-15/2021-09-17', '杜尚别', '通过', undefined]);
});

test('the typography of drafts: spaces, traditional characters, half-width parentheses', () => {
  assert.deepEqual(one('2021年9月17日 在 杜尚别 通过的 《甲协定》'), ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '通过', undefined]);
  assert.deepEqual(one('2021 年 9 月 17 日在杜尚别通过的《甲协定》'), ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '通过', undefined]);
  assert.deepEqual(one('2021年9月17日在杜尚別通過的《上海合作組織成員國政府間農業合作協定》'), [
    '上海合作組織成員國政府間農業合作協定', 'date-place-verb', '2021-09-17', '杜尚別', '通過', undefined,
  ]);
  assert.deepEqual(one('2021年9月17日在杜尚别簽署的《甲协定》'), ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '簽署', undefined]);
});

test('DATE通过的《T》 and 在PLACE通过的《T》', () => {
  assert.deepEqual(one('2021年9月17日通过的《甲协定》'), ['甲协定', 'date-verb', '2021-09-17', undefined, '通过', undefined]);
  assert.deepEqual(one('落实在杜尚别签署的《甲协定》'), ['甲协定', 'bare', undefined, '杜尚别', '签署', undefined]);
});

test('《T》（DATE，PLACE） with full- and half-width punctuation', () => {
  assert.deepEqual(one('根据《甲协定》（2022年9月16日，撒马尔罕）'), ['甲协定', 'parenthetical', '2022-09-16', '撒马尔罕', undefined, undefined]);
  assert.deepEqual(one('根据《甲协定》(2022年9月16日, 撒马尔罕)'), ['甲协定', 'parenthetical', '2022-09-16', '撒马尔罕', undefined, undefined]);
  assert.deepEqual(one('根据《甲协定》（撒马尔罕，2022年9月16日）'), ['甲协定', 'parenthetical', '2022-09-16', '撒马尔罕', undefined, undefined]);
  assert.deepEqual(one('根据《甲协定》（二〇二二年九月十六日）'), ['甲协定', 'parenthetical', '2022-09-16', undefined, undefined, undefined]);
  // a year range after a title is a period, not a date of adoption
  assert.deepEqual(one('《甲战略》（2022—2026年）'), ['甲战略', 'bare', undefined, undefined, undefined, undefined]);
});

test('EVENT上通过的成果声明和《T》: the event\'s date and place', () => {
  const t = '高度评价2021年6月30日在杜尚别举行的上合组织成员国卫生部长第四次会议上通过的成果声明和《上合组织成员国卫生领域合作主要措施计划（2022—2024年）》，注意到';
  assert.deepEqual(one(t), ['上合组织成员国卫生领域合作主要措施计划（2022—2024年）', 'event-verb', '2021-06-30', '杜尚别', '通过', '上合组织成员国卫生部长第四次会议']);
  const [m] = scanReferences(t);
  assert.equal(t.slice(m.event.span.start, m.event.span.end), '上合组织成员国卫生部长第四次会议');
  assert.deepEqual(one('2021年10月14日以视频方式举行的甲乙部长会议上批准的《丙计划》'), ['丙计划', 'event-verb', '2021-10-14', undefined, '批准', '甲乙部长会议']);
  assert.deepEqual(one('在甲乙元首理事会会议上通过的《丙宣言》'), ['丙宣言', 'event-verb', undefined, undefined, '通过', '甲乙元首理事会会议']);
});

test('coordination: 《A》和《B》 shares A\'s frame; B\'s own frame wins', () => {
  const ms = scanReferences('落实2019年6月14日在比什凯克通过的《甲构想》和2021年9月17日在杜尚别通过的《乙声明》').map(view);
  assert.deepEqual(ms, [
    ['甲构想', 'date-place-verb', '2019-06-14', '比什凯克', '通过', undefined],
    ['乙声明', 'date-place-verb', '2021-09-17', '杜尚别', '通过', undefined],
  ]);
  const shared = scanReferences('欢迎2021年9月17日在杜尚别通过的《甲协定》、《乙备忘录》和《丙条例》').map(view);
  assert.deepEqual(shared.map((x) => [x[0], x[2], x[3], x[4]]), [
    ['甲协定', '2021-09-17', '杜尚别', '通过'],
    ['乙备忘录', '2021-09-17', '杜尚别', '通过'],
    ['丙条例', '2021-09-17', '杜尚别', '通过'],
  ]);
  const withYiji = scanReferences('2021年8月12日在杜尚别通过的《甲构想》，以及2018年10月12日在杜尚别通过的《乙备忘录》').map(view);
  assert.deepEqual(withYiji[1], ['乙备忘录', 'date-place-verb', '2018-10-12', '杜尚别', '通过', undefined]);
  // a comma breaks the coordination
  assert.deepEqual(scanReferences('2021年9月17日在杜尚别批准的《甲计划》，认为批准《乙纲要》').map(view)[1], ['乙纲要', 'bare', undefined, undefined, undefined, undefined]);
});

test('undated mentions stay bare (no verb is invented)', () => {
  for (const t of [
    '各代表团团长批准了《甲报告》和上合组织2022年预算',
    '注意到关于制定《甲构想》草案的倡议',
    '注意到《甲构想》草案的准备工作',
    '落实联合国《消除对妇女一切形式歧视公约》以及',
    '注意到关于制定并通过《上合组织地区至2030年经济发展战略》的倡议',
    '正在制定并通过《甲战略》',
    '认为批准《甲纲要》是重要举措',
  ]) {
    const [m] = scanReferences(t);
    assert.equal(m.frame, 'bare', t);
    assert.equal(m.date, undefined, t);
    assert.equal(m.place, undefined, t);
    assert.equal(m.verb, undefined, t);
  }
});

test('nested 〈…〉 titles are mentions in `inner`; a year range inside a title is no date', () => {
  const t = '2020年11月10日在莫斯科批准的《〈上合组织至2025年发展战略〉2021—2025年行动计划》';
  const [m] = scanReferences(t);
  assert.equal(m.title, '〈上合组织至2025年发展战略〉2021—2025年行动计划');
  assert.equal(dateKey(m.date.dates[0]), '2020-11-10');
  assert.equal(m.inner.length, 1);
  const [n] = m.inner;
  assert.equal(n.title, '上合组织至2025年发展战略');
  assert.equal(n.bracket, '〈〉');
  assert.equal(n.frame, 'bare');
  assert.equal(t.slice(n.span.start, n.span.end), '〈上合组织至2025年发展战略〉');
  const [h] = scanReferences('《<上合组织至2025年发展战略>2021-2025年行动计划》');
  assert.equal(h.inner[0].title, '上合组织至2025年发展战略');
  const [bare] = scanReferences('《甲2021—2025年行动计划》');
  assert.equal(bare.date, undefined);
});

test('unclosed and empty brackets are skipped without hiding later titles; from/to', () => {
  const t = '《未闭合的标题。2021年9月17日在杜尚别通过的《甲协定》《》';
  assert.deepEqual(scanReferences(t).map((m) => m.title), ['甲协定']);
  const u = '《甲》和《乙》和《丙》';
  assert.deepEqual(scanReferences(u, 3, 8).map((m) => m.title), ['乙']);
  assert.deepEqual(scanReferences('《'.repeat(100000)), []);
  assert.deepEqual(scanReferences('《' + '甲'.repeat(100000) + '》'), []);
});

test('scanEvents: DATE在PLACE举行的EVENT, 以视频方式, ranges and lists, session numbers', () => {
  const t =
    '各代表团团长注意到2021年10月14日以视频方式举行的上合组织成员国第二十次经贸部长会议成果。' +
    '欢迎2021年5月12日至13日在杜尚别举行的上合组织成员国国际道路运输便利化联合委员会第三次会议成果。' +
    '欢迎2021年7月16日在杜尚别举行的上合组织成员国工业部长首次会议。' +
    '欢迎2021年3月30日、7月23日和9月2日以视频方式举行的上合组织成员国科技合作常设工作组会议，' +
    '注意到2021年12月9日在圣彼得堡举行上合组织成员国防疫部门负责人第七次会议的建议。' +
    '欢迎2021年6月10日在杜尚别举行的上合组织第三届妇女论坛成果。' +
    '2021年8月12日，上合组织成员国农业部长会议在杜尚别举行。' +
    '2021年11月25日，上海合作组织（以下简称“上合组织”）成员国政府首脑（总理）理事会第二十次会议以视频形式举行。' +
    '欢迎2021年8月9日以视频方式成功举办甲乙独立对话会。' +
    '在昆明定期举行马拉松赛。';
  const got = scanEvents(t).map((e) => [e.name, dateExprKey(e.date), e.place, e.online, e.session]);
  assert.deepEqual(got, [
    ['上合组织成员国第二十次经贸部长会议', '2021-10-14', undefined, true, 20],
    ['上合组织成员国国际道路运输便利化联合委员会第三次会议', '2021-05-12/2021-05-13', '杜尚别', false, 3],
    ['上合组织成员国工业部长首次会议', '2021-07-16', '杜尚别', false, 1],
    ['上合组织成员国科技合作常设工作组会议', '2021-03-30,2021-07-23,2021-09-02', undefined, true, undefined],
    ['上合组织成员国防疫部门负责人第七次会议', '2021-12-09', '圣彼得堡', false, 7],
    ['上合组织第三届妇女论坛', '2021-06-10', '杜尚别', false, 3],
    ['上合组织成员国农业部长会议', '2021-08-12', '杜尚别', false, undefined],
    ['上海合作组织成员国政府首脑（总理）理事会第二十次会议', '2021-11-25', undefined, true, 20],
    ['甲乙独立对话会', '2021-08-09', undefined, true, undefined],
  ]);
  const ev = scanEvents(t)[0];
  assert.equal(t.slice(ev.span.start, ev.span.end), '上合组织成员国第二十次经贸部长会议');
  assert.equal(t.slice(ev.sessionSpan.start, ev.sessionSpan.end), '第二十次');
  assert.equal(t.slice(ev.date.span.start, ev.date.span.end), '2021年10月14日');
  const placed = scanEvents(t)[1];
  assert.equal(t.slice(placed.placeSpan.start, placed.placeSpan.end), '杜尚别');
});

test('scanEvents on traditional characters and spaces', () => {
  const got = scanEvents('注意到2021年8月18日 在 杜尚別 舉行的上合組織成員國文化部長會議成果').map((e) => [e.name, dateExprKey(e.date), e.place]);
  assert.deepEqual(got, [['上合組織成員國文化部長會議', '2021-08-18', '杜尚別']]);
});

test('EVENT期间签署的《T》', () => {
  const [m] = scanReferences('2021年9月17日在杜尚别举行的甲乙元首理事会会议期间签署的《丙协定》');
  assert.deepEqual(view(m), ['丙协定', 'event-verb', '2021-09-17', '杜尚别', '签署', '甲乙元首理事会会议']);
});

test('scanEvents: EVENT于DATE在PLACE举行 and the future 将于', () => {
  const t = '上合组织传统医学论坛于2021年7月28日至30日在南昌举行。甲乙部长会议于2021年9月3日以视频方式举行。上合组织成员国政府首脑（总理）理事会下次会议将于2022年在中华人民共和国举行。';
  assert.deepEqual(scanEvents(t).map((e) => [e.name, dateExprKey(e.date), e.place, e.online]), [
    ['上合组织传统医学论坛', '2021-07-28/2021-07-30', '南昌', false],
    ['甲乙部长会议', '2021-09-03', undefined, true],
  ]);
  // 下次会议 is relative to the text, not one event
});

test('…举行的EVENT通过的《T》 (no 上) and DATE《T》 without a verb', () => {
  assert.deepEqual(one('欢迎2022年9月16日在撒马尔罕举行的上海合作组织成员国元首理事会会议通过的《上海合作组织成员国元首理事会撒马尔罕宣言》'), [
    '上海合作组织成员国元首理事会撒马尔罕宣言', 'event-verb', '2022-09-16', '撒马尔罕', '通过', '上海合作组织成员国元首理事会会议',
  ]);
  assert.deepEqual(one('恪守2002年6月7日《上海合作组织宪章》的宗旨'), ['上海合作组织宪章', 'date-verb', '2002-06-07', undefined, undefined, undefined]);
  // an undated event before the verb gives no frame
  assert.deepEqual(one('团长们欢迎元首理事会会议通过的《甲宣言》'), ['甲宣言', 'bare', undefined, undefined, undefined, undefined]);
  // a year before a title is no date of adoption
  assert.deepEqual(one('2022年《甲计划》'), ['甲计划', 'bare', undefined, undefined, undefined, undefined]);
});

test('property: on random texts of frame fragments, every span points at its text and nothing throws', () => {
  const parts = ['《', '》', '〈', '〉', '2021年', '9月', '17日', '至', '、', '和', '在', '杜尚别', '通过', '的', '批准', '签署', '举行', '会议', '上',
    '（', '）', '，', '。', '二〇二一年', '十一月', '二十五日', '以视频方式', '第二十次', '甲乙协定', ' ', '\n', '(', ')', ',', '于', '期间', '论坛'];
  let seed = 20211125;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < 400; round++) {
    let t = '';
    const len = 5 + rnd(60);
    for (let i = 0; i < len; i++) t += parts[rnd(parts.length)];
    const check = (m) => {
      assert.equal(t.slice(m.titleSpan.start, m.titleSpan.end), m.title, t);
      assert.ok(m.span.start >= 0 && m.span.end <= t.length);
      if (m.date) assert.equal(t.slice(m.date.span.start, m.date.span.end), m.date.text, t);
      if (m.place) assert.equal(t.slice(m.place.span.start, m.place.span.end), m.place.text, t);
      if (m.verb) assert.equal(t.slice(m.verb.span.start, m.verb.span.end), m.verb.text, t);
      if (m.event) assert.ok(m.event.span.start >= 0 && m.event.span.end <= m.span.start, t);
      for (const n of m.inner) check(n);
    };
    for (const m of scanReferences(t)) check(m);
    for (const e of scanEvents(t)) {
      assert.ok(e.span.start < e.span.end && e.span.end <= t.length, t);
      if (e.placeSpan) assert.equal(t.slice(e.placeSpan.start, e.placeSpan.end), e.place, t);
      if (e.date) assert.equal(t.slice(e.date.span.start, e.date.span.end), e.date.text, t);
    }
  }
});

test('scanText gives what findDates, scanReferences and scanEvents give separately', async () => {
  const { readFileSync } = await import('node:fs');
  const corpus = readFileSync(new URL('../../server/corpus/sco-2021-heads-of-government-communique.zh.txt', import.meta.url), 'utf8');
  const { scanText, findDates } = core;
  for (const t of [corpus, corpus.replace(/》/g, (m, i) => (i % 7 === 0 ? '' : m)), '于2021年9月15日至17日在杜尚别通过的《甲》和《乙》（2022年9月16日，撒马尔罕）']) {
    const all = scanText(t);
    assert.deepEqual(all.dates, findDates(t));
    assert.deepEqual(all.references, scanReferences(t));
    assert.deepEqual(all.events, scanEvents(t));
  }
});

test('VERB了《T》: a frame with 在PLACE or DATE keeps its verb; 批准了《T》 alone stays bare', () => {
  assert.deepEqual(one('2021年9月17日在杜尚别签署了《甲协定》'), ['甲协定', 'date-place-verb', '2021-09-17', '杜尚别', '签署', undefined]);
  assert.deepEqual(one('各方在杜尚别签署了《甲协定》'), ['甲协定', 'bare', undefined, '杜尚别', '签署', undefined]);
  assert.deepEqual(one('团长们批准了《甲报告》'), ['甲报告', 'bare', undefined, undefined, undefined, undefined]);
});

test('landmarks: scanText, scanBrackets and readInlineMarkers read its lists and give what they give searching the text themselves', async () => {
  const { readFileSync } = await import('node:fs');
  const corpus = readFileSync(new URL('../../server/corpus/sco-2021-heads-of-government-communique.zh.txt', import.meta.url), 'utf8');
  const { scanText, scanBrackets, landmarks, readInlineMarkers } = core;
  const texts = [
    corpus,
    corpus.replace(/》/g, (m, i) => (i % 7 === 0 ? '' : m)),
    '于2021年9月15日至17日在杜尚别通过的《甲》和《乙》（2022年9月16日，撒马尔罕）',
    // Paragraph breaks of every kind, runs of ideographic spaces, half-width (), triggers.
    '《甲\u3000\u3000\u3000乙》（丙\n丁）“戊\r\n己”(a (b) 〈庚\u2028辛〉\u3000《壬》\u3000\u3000\u3000\u3000“癸',
    '2021年9月17日，第二十次会议在杜尚别举行。会议于2022年9月15日至16日在撒马尔罕舉行，举举行召开召開',
    // Inline markers, one right after another, one cut short.
    '<!-- chancery-accept: 《甲》《乙》 -->chancery-chancery-disable: date-invalid, title-unknown\nchancery-acc chancery-',
  ];
  // Random texts over the characters the passes stop at (a fixed seed: the same texts each run).
  const alphabet = ['《', '》', '〈', '〉', '“', '”', '（', '）', '(', ')', '\n', '\r', '\u2028', '\u3000', '\u3000', '年', '月', '日', '举', '行', '召', '开', '2', '0', '1', '9', '十', '会议', '甲', '在', '至', 'a', ' ', 'chancery-', 'accept:', 'disable:', '-->'];
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
  for (let n = 0; n < 300; n++) {
    let t = '';
    const len = Math.floor(rnd() * 60);
    for (let k = 0; k < len; k++) t += alphabet[Math.floor(rnd() * alphabet.length)];
    texts.push(t);
  }
  for (const t of texts) {
    const marks = landmarks(t);
    assert.deepEqual(scanText(t, marks), scanText(t), JSON.stringify(t));
    assert.deepEqual(scanBrackets(t, 0, t.length, undefined, marks.brackets), scanBrackets(t), JSON.stringify(t));
    assert.deepEqual(readInlineMarkers(t, marks.markers), readInlineMarkers(t), JSON.stringify(t));
  }
});
