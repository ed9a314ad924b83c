// Extraction from the embedded corpus: the WHOLE list of instruments with date, place and verb,
// written from a reading of server/corpus/sco-2021-heads-of-government-communique.zh.txt;
// plus events, abbreviations, officials, conflicts and the typography the index resolves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
const require = createRequire(import.meta.url);

const { buildKnowledgeBase, KnowledgeIndex, dateKey, instrumentKind } = core;

const TEXT = fs.readFileSync(new URL('../../server/corpus/sco-2021-heads-of-government-communique.zh.txt', import.meta.url), 'utf8');
const URI = 'builtin:/sco-2021-heads-of-government-communique.zh.txt';
const kb = buildKnowledgeBase([{ uri: URI, text: TEXT, encoding: 'utf-8' }]);
const index = new KnowledgeIndex(kb);

// [title, date, place, verb, kind] — 33 dated instruments, in order of first mention.
const DATED = [
  ['上合组织成员国消除新冠肺炎疫情对经济社会不利影响共同建议措施计划', '2021-09-17', '杜尚别', '批准', '计划'],
  ['〈上合组织至2025年发展战略〉2021—2025年行动计划', '2020-11-10', '莫斯科', '批准', '计划'],
  ['上合组织银行联合体关于克服新冠肺炎疫情对各成员国经济影响的路线图', '2020-10-30', '莫斯科', '通过', '路线图'],
  ['上合组织银行联合体中期发展战略（2022—2026年）', '2021-09-16', '杜尚别', '通过', '战略'],
  ['上合组织成员国元首关于贸易便利化的联合声明', '2018-06-10', '青岛', '通过', '声明'],
  ['上合组织经济论坛构想', '2021-09-17', '杜尚别', '批准', '构想'],
  ['上合组织成员国经贸部门间促进中小微企业合作谅解备忘录', '2018-06-10', '青岛', '通过', '备忘录'],
  ['上合组织成员国地方合作发展纲要', '2019-06-14', '比什凯克', '通过', '纲要'],
  ['上合组织成员国关于数字化和信息通信技术领域合作的构想', '2019-06-14', '比什凯克', '通过', '构想'],
  ['上合组织成员国元首理事会关于加强科技创新领域合作的声明', '2021-09-17', '杜尚别', '通过', '声明'],
  ['建立上合组织科技园区库和创新集群的构想', '2021-11-25', '努尔苏丹', '通过', '构想'],
  ['上合组织成员国政府间国际道路运输便利化协定', '2014-09-12', '杜尚别', '通过', '协定'],
  ['上合组织成员国铁路部门协作构想', '2019-11-02', '塔什干', '通过', '构想'],
  ['上合组织成员国能源领域合作构想', '2021-08-12', '杜尚别', '通过', '构想'],
  ['上合组织成员国元首理事会关于粮食安全的声明', '2021-09-17', '杜尚别', '通过', '声明'],
  ['上合组织农业技术交流培训示范基地建设构想', '2021-08-12', '杜尚别', '通过', '构想'],
  ['上合组织成员国经授权的主管部门间跨境动物疫病联合防控和检疫技术合作备忘录', '2018-10-12', '杜尚别', '通过', '备忘录'],
  ['上合组织成员国政府间农业合作协定', '2010-06-11', '塔什干', '通过', '协定'],
  ['上合组织成员国元首关于在上合组织地区共同应对流行病威胁的声明', '2018-06-10', '青岛', '通过', '声明'],
  ['上合组织成员国应对地区流行病威胁联合行动综合计划', '2020-11-10', '莫斯科', '通过', '计划'],
  ['上合组织成员国卫生领域合作主要措施计划（2022—2024年）', '2021-06-30', '杜尚别', '通过', '计划'],
  ['〈上合组织成员国环保合作构想〉2022—2024年落实措施计划', '2021-09-17', '杜尚别', '通过', '计划'],
  ['〈上合组织成员国政府间救灾互助协定〉行动计划（2020—2021年）', '2019-11-08', '新德里', '通过', '计划'],
  ['上合组织成员国政府间文化遗产保护领域合作协定', '2021-09-17', '杜尚别', '通过', '协定'],
  ['上合组织成员国高等和中等文化艺术院校合作备忘录', '2021-09-17', '杜尚别', '通过', '备忘录'],
  ['上合组织旅游和文化之都条例', '2021-09-17', '杜尚别', '通过', '条例'],
  ['上合组织成员国艺术节文艺演出章程', '2021-08-18', '杜尚别', '签署', '章程'],
  ['上合组织成员国主管部门间体育领域合作协议', '2019-06-14', '比什凯克', '通过', '协议'],
  ['上合组织成员国政府间教育合作协定', '2006-06-15', '上海', '通过', '协定'],
  ['上合组织成员国主管部门间青年工作合作协定', '2021-09-17', '杜尚别', '通过', '协定'],
  ['2022—2023年落实〈上合组织成员国旅游合作发展纲要〉新环境下联合行动计划', '2021-07-15', '杜尚别', '通过', '计划'],
  ['上合组织成员国政府间媒体合作协议', '2019-06-14', '比什凯克', '通过', '协议'],
  ['上合组织秘书处发展同观察员国和对话伙伴协作路线图', '2019-05-22', '比什凯克', '通过', '路线图'],
];

// [title, kind] — 7 titles the text cites without a date.
const UNDATED = [
  ['上合组织地区至2030年经济发展战略', '战略'], // 注意到关于制定并通过《…》的倡议
  ['促进上合组织成员国实业界工业合作纲要', '纲要'], // 支持继续就制定《…》草案
  ['上合组织成员国远程医疗领域合作构想', '构想'], // 关于制定《…》草案的倡议
  ['上合组织绿色之带纲要', '纲要'], // 认为批准《…》是…重要举措
  ['上合组织国家中等职业教育机构联盟构想', '构想'], // 注意到《…》草案的准备工作
  ['消除对妇女一切形式歧视公约', '公约'], // 联合国《…》
  ['上合组织秘书处为落实〈上合组织多边经贸合作纲要〉举行活动和会议情况的报告', '报告'], // 批准了《…》
];

// [inner title, kind, outer title] — 5 titles nested as 〈…〉.
const NESTED = [
  ['上合组织至2025年发展战略', '战略', '〈上合组织至2025年发展战略〉2021—2025年行动计划'],
  ['上合组织成员国环保合作构想', '构想', '〈上合组织成员国环保合作构想〉2022—2024年落实措施计划'],
  ['上合组织成员国政府间救灾互助协定', '协定', '〈上合组织成员国政府间救灾互助协定〉行动计划（2020—2021年）'],
  ['上合组织成员国旅游合作发展纲要', '纲要', '2022—2023年落实〈上合组织成员国旅游合作发展纲要〉新环境下联合行动计划'],
  ['上合组织多边经贸合作纲要', '纲要', '上合组织秘书处为落实〈上合组织多边经贸合作纲要〉举行活动和会议情况的报告'],
];

test('the embedded corpus: 40 distinct 《》 titles + 5 nested 〈〉 = 45 instruments, exactly these', () => {
  const expected = [...DATED.map((d) => d[0]), ...UNDATED.map((u) => u[0]), ...NESTED.map((n) => n[0])].sort();
  assert.equal(new Set(expected).size, 45);
  assert.deepEqual(kb.instruments.map((i) => i.title).sort(), expected);
  const topLevel = new Set(TEXT.match(/《[^》]*》/g));
  assert.equal(topLevel.size, 40);
});

test('the 33 dated instruments: date, place, verb and kind of every one', () => {
  const dated = kb.instruments.filter((i) => i.adoptions.some((a) => a.date));
  assert.equal(dated.length, 33);
  for (const [title, date, place, verb, kind] of DATED) {
    const ins = index.byTitle(title);
    assert.ok(ins, title);
    assert.equal(ins.kind, kind, title);
    assert.ok(ins.adoptions.length >= 1, title);
    for (const a of ins.adoptions) {
      assert.equal(dateKey(a.date), date, title);
      assert.equal(a.place, place, title);
      assert.equal(a.verb, verb, title);
    }
  }
  assert.deepEqual(kb.conflicts, []);
});

test('the 7 undated titles and the 5 nested ones have no adoption; kinds from the head noun', () => {
  for (const [title, kind] of UNDATED) {
    const ins = index.byTitle(title);
    assert.ok(ins, title);
    assert.equal(ins.kind, kind, title);
    assert.deepEqual(ins.adoptions, [], title);
  }
  for (const [title, kind, outer] of NESTED) {
    const ins = index.byTitle(title);
    assert.ok(ins, title);
    assert.equal(ins.kind, kind);
    assert.deepEqual(ins.adoptions, []);
    const o = index.byTitle(outer);
    assert.deepEqual(ins.implementedBy, [o.id]);
    assert.deepEqual(o.implements, [ins.id]);
  }
});

test('adoption at an event takes its date and place, and names it', () => {
  const ins = index.byTitle('上合组织成员国卫生领域合作主要措施计划（2022—2024年）');
  const [a] = ins.adoptions;
  assert.equal(a.event, '上合组织成员国卫生部长第四次会议');
  assert.equal(dateKey(a.date), '2021-06-30');
  assert.equal(a.place, '杜尚别');
});

test('provenance: uri, offset, line and sentence of every mention and adoption', () => {
  const ins = index.byTitle('上合组织成员国艺术节文艺演出章程');
  const [m] = ins.mentions;
  assert.equal(m.uri, URI);
  assert.equal(TEXT.slice(m.offset, m.offset + m.length), '《上合组织成员国艺术节文艺演出章程》');
  assert.equal(m.line, 0);
  assert.ok(m.sentence.startsWith('各代表团团长支持切实落实2021年9月17日'));
  assert.ok(m.sentence.endsWith('》。'));
  const a = ins.adoptions[0].provenance;
  assert.equal(TEXT.slice(a.offset, a.offset + a.length), '2021年8月18日在杜尚别签署的《上合组织成员国艺术节文艺演出章程》');
  // twice-cited instrument: two mentions, two agreeing adoptions, no conflict
  const twice = index.byTitle('上合组织银行联合体中期发展战略（2022—2026年）');
  assert.equal(twice.mentions.length, 2);
  assert.equal(twice.adoptions.length, 2);
  // every mention's provenance points at the bracketed title in the corpus text
  for (const ins of kb.instruments)
    for (const p of ins.mentions) assert.ok([`《${ins.title}》`, `〈${ins.title}〉`].includes(TEXT.slice(p.offset, p.offset + p.length)), ins.title);
});

test('byTitle resolves every typographic variant', () => {
  const want = '上合组织成员国政府间国际道路运输便利化协定';
  for (const v of [
    want,
    '上海合作组织成员国政府间国际道路运输便利化协定',
    '上海合作組織成員國政府間國際道路運輸便利化協定',
    '上合组织 成员国政府间国际道路运输便利化协定',
  ])
    assert.equal(index.byTitle(v)?.title, want, v);
  assert.equal(index.byTitle('上合组织银行联合体中期发展战略(2022-2026年)')?.title, '上合组织银行联合体中期发展战略（2022—2026年）');
  assert.equal(index.byTitle('上合组织成员国卫生领域合作主要措施计划（2022–2024年）')?.title, '上合组织成员国卫生领域合作主要措施计划（2022—2024年）');
  assert.equal(index.byTitle('<上合组织至2025年发展战略>2021-2025年行动计划')?.title, '〈上合组织至2025年发展战略〉2021—2025年行动计划');
  assert.equal(index.byTitle('上合组织成员国政府间卫生合作协定'), undefined);
});

test('abbreviations: 上海合作组织 → 上合组织, 本组织', () => {
  assert.equal(kb.abbreviations.length, 1);
  const [a] = kb.abbreviations;
  assert.equal(a.full, '上海合作组织');
  assert.deepEqual(a.short, ['上合组织', '本组织']);
  assert.equal(TEXT.slice(a.provenance.offset, a.provenance.offset + a.provenance.length), '上海合作组织（以下简称“上合组织”或“本组织”）');
  assert.deepEqual(index.aliases, [{ full: '上海合作组织', short: '上合组织' }]);
});

test('officials: attendance list and signature block, with country and role', () => {
  const got = kb.officials.map((o) => [o.name, o.country, o.role]);
  assert.deepEqual(got, [
    ['苏杰生', '印度共和国', '外交部长'],
    ['马明', '哈萨克斯坦共和国', '总理'],
    ['李克强', '中华人民共和国', '国务院总理'],
    ['扎帕罗夫', '吉尔吉斯共和国', '总理'],
    ['库雷希', '巴基斯坦伊斯兰共和国', '外交部长'],
    ['米舒斯京', '俄罗斯联邦', '政府总理'],
    ['拉苏尔佐达', '塔吉克斯坦共和国', '总理'],
    ['阿里波夫', '乌兹别克斯坦共和国', '总理'],
    ['诺罗夫', '上合组织', '秘书长'],
    ['吉约索夫', '上合组织地区反恐怖机构执行委员会', '主任'],
    ['朱马洪佐达', '上合组织实业家委员会理事会', '轮值主席'],
    ['伊克罗米', '上合组织银行联合体理事会', '轮值主席'],
    ['戈洛夫琴科', '白俄罗斯共和国', '总理'],
    ['穆赫贝尔', '伊朗伊斯兰共和国', '第一副总统'],
    ['奥云额尔登', '蒙古国', '总理'],
    ['别尔德穆哈梅多夫', '土库曼斯坦', '副总理'],
    ['迟方', '亚洲相互协作与信任措施会议秘书处', '副执行主任'],
  ]);
  assert.equal(index.officialByName('苏杰生').role, '外交部长');
  // the signature block alone
  const sig = buildKnowledgeBase([{ uri: 'memory:/s.txt', text: '　　印度共和国外交部长  苏杰生  \n　　俄罗斯联邦政府总理  米舒斯京  ', encoding: 'utf-8' }]);
  assert.deepEqual(sig.officials.map((o) => [o.name, o.country, o.role]), [['苏杰生', '印度共和国', '外交部长'], ['米舒斯京', '俄罗斯联邦', '政府总理']]);
});

// [name, date, place, online, session]
const EVENTS = [
  ['上海合作组织成员国政府首脑（总理）理事会第二十次会议', '2021-11-25', undefined, true, 20],
  ['上合组织杜尚别纪念峰会', '2021-09-17', undefined, false, undefined],
  ['上合组织成员国第二十次经贸部长会议', '2021-10-14', undefined, true, 20],
  ['上合组织经济智库联盟第二次会议', '2021-09-27', undefined, true, 2],
  ['上合组织地方领导人论坛', '2021-09-28/2021-09-30', '车里雅宾斯克', false, undefined],
  ['上合组织成员国财政部长和中央（国家）银行行长会议', '2021-09-03', undefined, true, undefined],
  ['银行联合体理事会会议', '2021-09-15/2021-09-17', '杜尚别', false, undefined],
  ['实业家委员会理事会视频会议', '2021-09-07', undefined, true, undefined],
  ['上合组织成员国工业部长首次会议', '2021-07-16', '杜尚别', false, 1],
  ['上合组织成员国国际道路运输便利化联合委员会第三次会议', '2021-05-12/2021-05-13', '杜尚别', false, 3],
  ['上合组织成员国铁路部门负责人第三次会议', '2021-08-18', '杜尚别', false, 3],
  ['上合组织成员国农业部长会议', '2021-08-12', '杜尚别', false, undefined],
  ['联合国粮食系统峰会', '2021-09-23', '纽约', false, undefined],
  ['联合国粮食及农业组织和上合组织关于粮食系统可持续发展独立对话会', '2021-08-09', undefined, true, undefined],
  ['上合组织成员国防疫部门负责人第七次会议', '2021-12-09', '圣彼得堡', false, 7],
  ['上合组织成员国卫生部长第四次会议', '2021-06-30', '杜尚别', false, 4],
  ['上合组织传统医学论坛', '2021-07-28/2021-07-30', '南昌', false, undefined],
  ['上合组织成员国环境部长会议', '2021-07-29', '杜尚别', false, undefined],
  ['上合组织成员国文化部长会议', '2021-08-18', '杜尚别', false, undefined],
  ['上合组织国家博物馆论坛', '2021-10-07', '图拉', false, undefined],
  ['上合组织成员国科技合作常设工作组会议', '2021-03-30,2021-07-23,2021-09-02', undefined, true, undefined],
  ['第二次创业论坛', '2021-10-27/2021-10-28', undefined, true, 2],
  ['上合组织第三届妇女论坛', '2021-06-10', '杜尚别', false, 3],
  ['上合组织成员国旅游部门领导人会晤和旅游论坛', '2021-07-15', '杜尚别', false, undefined],
  ['第三届上合组织媒体论坛', '2021-08-06', '杜尚别', false, 3],
  ['上合组织成员国国家协调员同观察员国、对话伙伴全权代表会晤', '2021-06-17', '塔什干', false, undefined],
];

test('events of the embedded corpus: name, date (single, range, list), place or video, session', () => {
  const got = kb.events.map((e) => [e.name, core.dateExprKey(e.date), e.place, e.online, e.session]);
  assert.deepEqual(got, EVENTS);
  assert.equal(index.event('上合组织成员国第二十次经贸部长会议').session, 20);
  assert.equal(index.datesIndex('2021-08-18').events.length, 2);
  assert.equal(index.datesIndex('2021-08-18').instruments[0].title, '上合组织成员国艺术节文艺演出章程');
  assert.ok(index.placeIndex('杜尚别').instruments.length >= 15);
});

test('instrumentKind: the last genre noun, ignoring trailing （…）', () => {
  assert.equal(instrumentKind('上合组织秘书处为落实〈上合组织多边经贸合作纲要〉举行活动和会议情况的报告'), '报告');
  assert.equal(instrumentKind('上合组织银行联合体中期发展战略（2022—2026年）'), '战略');
  assert.equal(instrumentKind('上合組織成員國政府間農業合作協定'), '协定');
  assert.equal(instrumentKind('某某'), undefined);
});

test('conflicts: one title with two dates or places is kept and reported', () => {
  const a = '　　欢迎2021年9月17日在杜尚别通过的《甲乙合作协定》。';
  const b = '　　落实2021年9月18日在塔什干通过的《甲乙合作协定》。';
  const k = buildKnowledgeBase([
    { uri: 'memory:/a.txt', text: a, encoding: 'utf-8' },
    { uri: 'memory:/b.txt', text: b, encoding: 'utf-8' },
  ]);
  const [ins] = k.instruments;
  assert.equal(ins.adoptions.length, 2);
  assert.deepEqual(
    k.conflicts.map((c) => [c.subject, c.field, c.values.map((v) => [v.value, v.provenance.uri])]),
    [
      ['甲乙合作协定', 'date', [['2021-09-17', 'memory:/a.txt'], ['2021-09-18', 'memory:/b.txt']]],
      ['甲乙合作协定', 'place', [['杜尚别', 'memory:/a.txt'], ['塔什干', 'memory:/b.txt']]],
    ],
  );
  // agreeing repetitions are no conflict, whatever the typography
  const c = buildKnowledgeBase([{ uri: 'm', text: a + '　　欢迎二〇二一年九月十七日在杜尚别通过的《甲乙合作协定》。', encoding: 'utf-8' }]);
  assert.deepEqual(c.conflicts, []);
  // conflicting verb
  const v = buildKnowledgeBase([{ uri: 'm', text: a + '　　欢迎2021年9月17日在杜尚别签署的《甲乙合作协定》。', encoding: 'utf-8' }]);
  assert.deepEqual(v.conflicts.map((x) => x.field), ['verb']);
  // event conflicts
  const e = buildKnowledgeBase([{ uri: 'm', text: '　　注意到2021年8月12日在杜尚别举行的甲乙部长会议成果。　　注意到2021年8月13日在杜尚别举行的甲乙部长会议成果。', encoding: 'utf-8' }]);
  assert.deepEqual(e.conflicts.map((x) => [x.subject, x.field]), [['甲乙部长会议', 'date']]);
});

test('the knowledge base is plain JSON and carries sources and problems', () => {
  const k = buildKnowledgeBase([{ uri: URI, text: TEXT, encoding: 'utf-8' }], [{ uri: 'file:///x.bin', message: { en: 'Skipped', zh: '已跳过' } }]);
  const round = JSON.parse(JSON.stringify(k));
  assert.deepEqual(round, k);
  assert.equal(k.version, core.KNOWLEDGE_BASE_VERSION);
  assert.deepEqual(k.sources, [{ uri: URI, chars: TEXT.length, encoding: 'utf-8' }]);
  assert.equal(k.problems.length, 1);
  assert.equal(new KnowledgeIndex(round).byTitle('上合组织经济论坛构想').adoptions[0].verb, '批准');
});

test('officials: the attendance verb ends the name; non-names are rejected', () => {
  const k = buildKnowledgeBase([{ uri: 'm', text: '　　甲乙共和国总理张三出席会议并致辞，丙丁联邦外交部长李四主持会议。主席出席会议并发表讲话。', encoding: 'utf-8' }]);
  assert.deepEqual(k.officials.map((o) => [o.name, o.country, o.role]), [['张三', '甲乙共和国', '总理'], ['李四', '丙丁联邦', '外交部长']]);
});

test('eventsLike: the same series with another session number', () => {
  const [e] = index.eventsLike('上合组织成员国第二十一次经贸部长会议');
  assert.equal(e.name, '上合组织成员国第二十次经贸部长会议');
  assert.equal(index.eventsLike('上合组织成员国工业部长第二次会议')[0].name, '上合组织成员国工业部长首次会议');
  assert.deepEqual(index.eventsLike('甲乙会议'), []);
  assert.equal(index.event('上合組織成員國第二十次經貿部長會議')?.session, 20);
});

test('end to end: a GB18030 folder corpus in another document style', async () => {
  const iconv = require('iconv-lite');
  const doc = [
    '上海合作组织成员国元首理事会撒马尔罕宣言',
    '　　2022年9月15日至16日，上海合作组织（以下简称“上合组织”或“本组织”）成员国元首理事会会议在撒马尔罕举行。',
    '　　成员国恪守2002年6月7日《上海合作组织宪章》的宗旨和原则，落实2007年8月16日在比什凯克签署的《上海合作组织成员国长期睦邻友好合作条约》。',
    '　　成员国欢迎2021年9月17日在杜尚别举行的上合组织成员国元首理事会会议通过的《上合组织成员国元首理事会关于粮食安全的声明》和《上合组织成员国元首理事会关于加强科技创新领域合作的声明》。',
    '　　成员国注意到《上合组織成員國政府間國際道路運輸便利化協定》（二〇一四年九月十二日，杜尚別）的落实情况。',
    '　　甲国总统张三、乙共和国总理李四出席会议。',
  ].join('\r\n');
  const reader = core.memoryCorpusReader({ '/c/samarkand.txt': iconv.encode(doc, 'gb18030'), '/c/skip.pdf': 'x' });
  const { docs, problems } = await core.loadCorpus(['/c'], reader);
  assert.deepEqual(problems, []);
  assert.equal(docs[0].encoding, 'gb18030');
  const k = buildKnowledgeBase(docs, problems);
  const ix = new KnowledgeIndex(k);
  const fact = (t) => {
    const a = ix.byTitle(t).adoptions[0];
    return [dateKey(a.date), a.place, a.verb, a.event];
  };
  assert.deepEqual(fact('上合组织宪章'), ['2002-06-07', undefined, undefined, undefined]);
  assert.deepEqual(fact('上海合作组织成员国长期睦邻友好合作条约'), ['2007-08-16', '比什凯克', '签署', undefined]);
  assert.deepEqual(fact('上合组织成员国元首理事会关于粮食安全的声明'), ['2021-09-17', '杜尚别', '通过', '上合组织成员国元首理事会会议']);
  assert.deepEqual(fact('上合组织成员国元首理事会关于加强科技创新领域合作的声明'), ['2021-09-17', '杜尚别', '通过', '上合组织成员国元首理事会会议']);
  assert.deepEqual(fact('上合组织成员国政府间国际道路运输便利化协定'), ['2014-09-12', '杜尚別', undefined, undefined]);
  assert.equal(ix.byTitle('上合组织成员国长期睦邻友好合作条约').kind, '条约');
  assert.equal(ix.byTitle('上海合作组织宪章').kind, '宪章');
  // an unnumbered series recurs: one event per year, no conflict
  assert.deepEqual(k.events.map((e) => [e.id, e.name, core.dateExprKey(e.date), e.place]), [
    ['上合组织成员国元首理事会会议', '上海合作组织成员国元首理事会会议', '2022-09-15/2022-09-16', '撒马尔罕'],
    ['上合组织成员国元首理事会会议@2021', '上合组织成员国元首理事会会议', '2021-09-17', '杜尚别'],
  ]);
  assert.deepEqual(k.conflicts, []);
  assert.equal(ix.eventsNamed('上合组织成员国元首理事会会议').length, 2);
  assert.deepEqual(k.officials.map((o) => [o.name, o.country, o.role]), [['张三', '甲国', '总统'], ['李四', '乙共和国', '总理']]);
  // provenance lines follow the CRLF line breaks
  assert.equal(ix.byTitle('上合组织宪章').mentions[0].line, 2);
});

test('abbreviations with and without quotes, with 简称 alone', () => {
  const k = buildKnowledgeBase([{ uri: 'm', text: '　　世界贸易组织（以下简称世贸组织）和中华人民共和国（简称“中国”）以及独立国家联合体（简称：独联体、独联）。', encoding: 'utf-8' }]);
  assert.deepEqual(k.abbreviations.map((a) => [a.full, a.short]), [
    ['世界贸易组织', ['世贸组织']],
    ['中华人民共和国', ['中国']],
    ['独立国家联合体', ['独联体', '独联']],
  ]);
});

test('an adoption date written without a year takes the year of the document\'s date, unless it falls after that date', () => {
  const text =
    '上合组织成员国外长会晤新闻公报\n' +
    '　　2021年11月25日，上合组织成员国外长会晤在杜尚别举行。\n' +
    '　　外长们欢迎11月24日在杜尚别通过的《甲乙合作协定》，' +
    '注意到12月3日在塔什干签署的《丙丁合作协定》，' +
    '落实2019年6月14日在比什凯克签署的《戊己合作协定》和7月1日在青岛通过的《庚辛合作协定》。';
  const kb = buildKnowledgeBase([{ uri: 'memory:/a.txt', text, encoding: 'utf-8' }]);
  const date = (title) => kb.instruments.find((i) => i.title === title).adoptions[0].date;
  // the year of the dateline (2021年11月25日): 11月24日 and 7月1日 come before it
  assert.deepEqual(date('甲乙合作协定'), { year: 2021, month: 11, day: 24, yearFromDocument: true });
  assert.deepEqual(date('庚辛合作协定'), { year: 2021, month: 7, day: 1, yearFromDocument: true });
  // 12月3日 would be after the document: an earlier year, not known — left without a year
  assert.deepEqual(date('丙丁合作协定'), { month: 12, day: 3 });
  // a year written stays as written
  assert.deepEqual(date('戊己合作协定'), { year: 2019, month: 6, day: 14 });
  // a document without a dated first lines infers nothing
  const bare = buildKnowledgeBase([{ uri: 'memory:/b.txt', text: '　　外长们欢迎11月24日在杜尚别通过的《甲乙合作协定》。', encoding: 'utf-8' }]);
  assert.deepEqual(bare.instruments[0].adoptions[0].date, { month: 11, day: 24 });
});
