// A corpus document read as it means its titles (issue #13): dates from the narrative (item 2),
// short titles, 本《…》 and 该《…》, with or without 成员国 (item 7), kinds (item 8), officials (item 9).
// Small made-up texts; each class with its decoys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';

const { buildKnowledgeBase, KnowledgeIndex, dateKey, instrumentKind, diagnose, cleanEventName, matchTitle } = core;

const kbOf = (...texts) => buildKnowledgeBase(texts.map((text, i) => ({ uri: `memory:/d${i}.txt`, text, encoding: 'utf-8' })));
/** [title, date, place, verb, event] of each adoption of each instrument (a row of nulls without). */
const facts = (kb) =>
  kb.instruments.flatMap((i) =>
    i.adoptions.length ? i.adoptions.map((a) => [i.title, a.date ? dateKey(a.date) : null, a.place ?? null, a.verb ?? null, a.event ?? null]) : [[i.title, null, null, null, null]],
  );

test('item 2: the setting of the previous sentence dates what the meeting adopts', () => {
  assert.deepEqual(facts(kbOf('　　2022年9月16日，甲乙组织成员国元首理事会会议在撒马尔罕市举行。成员国元首通过了《甲乙宣言》。')), [
    ['甲乙宣言', '2022-09-16', '撒马尔罕市', '通过', '甲乙组织成员国元首理事会会议'],
  ]);
  // Online, coordinated titles, a declaration between.
  assert.deepEqual(facts(kbOf('　　2020年11月10日，甲乙会议以视频方式举行。会议通过了《甲宣言》和《乙行动计划》（以下简称“《计划》”）。')), [
    ['甲宣言', '2020-11-10', null, '通过', '甲乙会议'],
    ['乙行动计划', '2020-11-10', null, '通过', '甲乙会议'],
  ]);
  // EVENT于DATE在PLACE举行 (the event as the subject), in 成都.
  assert.deepEqual(facts(kbOf('　　甲乙论坛于2023年12月8日在成都举行。论坛通过了《甲倡议》。')), [['甲倡议', '2023-12-08', '成都', '通过', '甲乙论坛']]);
});

test('item 2: the meeting of the previous clause (…于DATE在PLACE会晤，发表《T》)', () => {
  assert.deepEqual(facts(kbOf('　　甲乙两国元首于2023年5月18日至19日在西安会晤，发表《甲乙联合宣言》。')), [['甲乙联合宣言', '2023-05-18', '西安', '发表', null]]);
});

test('item 2: an event held where the title says it was adopted, in the same sentence', () => {
  assert.deepEqual(facts(kbOf('　　各方回顾了2019年6月14日在比什凯克举行的甲乙会议成果，强调应落实在比什凯克通过的《甲纲要》。')), [
    ['甲纲要', '2019-06-14', '比什凯克', '通过', '甲乙会议'],
  ]);
});

test('item 2: decoys — another paragraph, a date or title between, another place, a recalled meeting, a verb or meeting to come', () => {
  const undated = (text) => {
    const kb = kbOf(text);
    for (const i of kb.instruments) assert.ok(i.adoptions.every((a) => !a.date), `${i.title} in ${text}`);
  };
  undated('　　2022年9月16日，甲乙会议在撒马尔罕举行。\n　　会议批准了《甲路线图》。');
  undated('　　2022年9月16日，甲乙会议在撒马尔罕举行。各方回顾了2019年的成果，批准了《甲路线图》。');
  undated('　　2022年9月16日，甲乙会议在撒马尔罕举行。会议欢迎在塔什干签署的《甲协定》。');
  undated('　　各方回顾了2021年9月17日在杜尚别举行的甲乙会议。会议批准了《甲路线图》。');
  undated('　　各方回顾了2019年6月14日在比什凯克举行的甲乙会议成果，强调应落实在杜尚别通过的《甲纲要》。');
  undated('　　2022年9月16日，甲乙会议在撒马尔罕举行。各方将签署《甲协定》。');
  undated('　　甲乙会议将于2025年在阿斯塔纳举行。各方届时签署《甲协定》。');
  undated('　　2022年9月16日，甲乙会议在撒马尔罕举行。会议审议了《甲报告》和《乙报告》，批准了《丙计划》。');
});

test('item 2: a draft is checked on the frames it writes — its narrative dates nothing', () => {
  const kb = kbOf('　　2019年6月14日在比什凯克通过的《甲纲要》。');
  const draft = '　　2022年9月16日，甲乙会议在撒马尔罕举行。会议批准了《甲纲要》。';
  assert.deepEqual(diagnose(draft, new KnowledgeIndex(kb)), []);
});

test('item 7: a declared short title is the full title in its own text, quoted or not, in either script, and in no other text', () => {
  const kb = kbOf(
    '　　各方指出，《甲乙运输协定》（以下简称《协定》）于2014年9月12日在杜尚别签署。切实落实该《协定》十分重要。',
    '　　各方指出，《甲乙運輸協定》（以下簡稱“《協定》”）於2014年9月12日在杜尚別簽署。《協定》有助於合作。',
    '　　各方强调，《协定》应得到落实。',
  );
  assert.deepEqual(
    kb.instruments.map((i) => [i.title, i.kind, i.mentions.length]),
    [
      ['甲乙运输协定', '协定', 6],
      // The third text declares nothing: its 《协定》 is a title of its own.
      ['协定', '协定', 1],
    ],
  );
  assert.deepEqual(kb.abbreviations.map((a) => [a.full, a.short]), [
    ['《甲乙运输协定》', ['《协定》']],
    ['《甲乙運輸協定》', ['《協定》']],
  ]);
  // A short title written before its declaration is not yet declared.
  const early = kbOf('　　《协定》很重要。《甲乙运输协定》（以下简称《协定》）于2014年签署。');
  assert.deepEqual(early.instruments.map((i) => i.title), ['协定', '甲乙运输协定']);
});

test('item 7: 本《K》 is the text itself (its heading) or the declared K; 该《K》 and 上述《K》 the K named last', () => {
  const text = '甲乙地方合作成都倡议\n\n　　与会代表通过了《甲乙合作纲要》。与会代表认为，本《倡议》和该《纲要》的落实有助于合作，上述《纲要》十分重要。';
  const kb = kbOf(text);
  assert.deepEqual(
    kb.instruments.map((i) => [i.title, i.kind, i.mentions.map((m) => text.slice(Math.max(0, m.offset - 1), m.offset + m.length))]),
    [
      ['甲乙地方合作成都倡议', '倡议', ['甲乙地方合作成都倡议', '本《倡议》']],
      ['甲乙合作纲要', '纲要', ['了《甲乙合作纲要》', '该《纲要》', '述《纲要》']],
    ],
  );
  // 本《行动计划》 where the text declares 《行动计划》 and its heading is a 公报.
  const declared = kbOf('甲乙会议新闻公报\n\n　　会议通过了《甲乙联合行动计划》（以下简称“《行动计划》”）。本《行动计划》的落实十分重要。');
  assert.deepEqual(declared.instruments.map((i) => [i.title, i.mentions.length]), [['甲乙联合行动计划', 3]]);
  // A long title after 本 names itself; 该 with no title of that kind before stays as written.
  assert.deepEqual(kbOf('　　该《协定》应得到落实。').instruments.map((i) => i.title), ['协定']);
});

test('item 7: with or without 上海合作组织/上合组织 and 成员国, one instrument; a slip inside 成员国 is still a misquote', () => {
  const decl = '　　上海合作组织（以下简称“上合组织”）成员国元首出席会议。';
  const kb = kbOf(decl + '2019年6月14日在比什凯克通过的《上合组织成员国地方合作发展纲要》。', '　　落实《上海合作组织地方合作发展纲要》和《上海合作组织成员国地方合作发展纲要》。');
  assert.deepEqual(kb.instruments.map((i) => [i.title, i.mentions.length]), [['上合组织成员国地方合作发展纲要', 3]]);
  const index = new KnowledgeIndex(kb);
  for (const t of ['上合组织地方合作发展纲要', '上海合作组织地方合作发展纲要', '上海合作组织成员国地方合作发展纲要', '上合組織地方合作發展綱要']) {
    assert.equal(index.byTitle(t)?.title, '上合组织成员国地方合作发展纲要', t);
    assert.ok(['exact', 'variant'].includes(matchTitle(t, index).kind), t);
  }
  assert.equal(matchTitle('上合组织地方合作发展纲要', index).departs, false);
  assert.deepEqual(diagnose('　　2019年6月14日在比什凯克通过的《上合组织地方合作发展纲要》。', index), []);
  const slip = matchTitle('上合组织成员地方合作发展纲要', index);
  assert.equal(slip.kind, 'misquote');
  assert.equal(slip.suggestion, '上合组织成员国地方合作发展纲要');
});

test('item 8: kinds — 愿景, 寄语, 宣言, 倡议, 路线图, 共识, 纲领 … in either script; a declared short title gives one', () => {
  for (const [title, kind] of [
    ['上合组织绿色发展愿景', '愿景'],
    ['上合組織綠色發展願景', '愿景'],
    ['上合组织成员国元首致青年寄语', '寄语'],
    ['甲乙峰会西安宣言', '宣言'],
    ['甲乙地方合作成都倡议', '倡议'],
    ['甲乙互联互通发展路线图', '路线图'],
    ['甲乙合作共识', '共识'],
    ['甲乙行动纲领', '纲领'],
    ['甲乙合作倡议书', '倡议书'],
  ]) assert.equal(instrumentKind(title), kind, title);
  // The corpus says what it is: 《甲乙丙》（以下简称《协定》）.
  const kb = kbOf('　　《甲乙丙丁》（以下简称《协定》）于2014年9月12日在杜尚别签署。');
  assert.deepEqual(kb.instruments.map((i) => [i.title, i.kind]), [['甲乙丙丁', '协定']]);
});

test('item 9: officials — titles of office, office words, honorifics, 列席/与会/作为, traditional script, one person one entry', () => {
  const kb = kbOf(
    '　　上合组织秘书长、上合组织地区反恐怖机构执委会副主席卡里莫夫列席会议。各成员国元首或政府首脑出席会议。',
    '　　乌兹别克斯坦共和国总统米尔济约耶夫阁下主持会议。土库曼斯坦总统别尔德穆哈梅多夫作为主席国客人与会。',
    '　　哈薩克斯坦共和國總統托卡耶夫閣下主持會議。上合組織秘書長張明、上合組織地區反恐怖機構執委會副主席薩法羅夫列席會議。',
    '　　上合组织秘书长张明出席会议。甲国外交部长王某某应邀出席会议。',
  );
  assert.deepEqual(kb.officials.map((o) => [o.name, o.country, o.role]), [
    ['卡里莫夫', '上合组织地区反恐怖机构执委会', '副主席'],
    ['米尔济约耶夫', '乌兹别克斯坦共和国', '总统'],
    ['别尔德穆哈梅多夫', '土库曼斯坦', '总统'],
    ['托卡耶夫', '哈薩克斯坦共和國', '總統'],
    ['張明', '上合組織', '秘書長'],
    ['薩法羅夫', '上合組織地區反恐怖機構執委會', '副主席'],
    ['王某某', '甲国', '外交部长'],
  ]);
});

test('item 9: an event name drops the declaration it carries, in either script and with or without 以下', () => {
  assert.equal(cleanEventName('上海合作組織（以下簡稱“上合組織”）成員國元首理事會會議'), '上海合作組織成員國元首理事會會議');
  assert.equal(cleanEventName('上海合作组织（以下简称“上合组织”）成员国元首理事会会议'), '上海合作组织成员国元首理事会会议');
  assert.equal(cleanEventName('独立国家联合体（简称“独联体”）首脑理事会会议'), '独立国家联合体首脑理事会会议');
  assert.equal(cleanEventName('甲乙组织（以下稱“甲乙”）部长会议'), '甲乙组织部长会议');
  assert.equal(cleanEventName('甲乙（总理）理事会会议'), '甲乙（总理）理事会会议');
});
