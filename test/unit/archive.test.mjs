// The test archive (test/fixtures/archive): the extraction table — what the knowledge base built
// from its documents must hold, document by document (table.mjs) — and drafts checked against it:
// each finding of drafts/wrong.zh.txt with its fix, and drafts/clean.zh.txt (every pattern written
// right, and the decoys) silent. Figures per pattern: `node test/fixtures/archive/figures.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { core, applyEdits } from './helpers.mjs';
import { DOCUMENTS, OFFICIALS, archiveDocs, docName, extractionRows } from '../fixtures/archive/table.mjs';

const { buildKnowledgeBase, KnowledgeIndex, createLanguageService } = core;

const docs = await archiveDocs();
const kb = buildKnowledgeBase(docs);
const index = new KnowledgeIndex(kb);
const got = extractionRows(core, kb, docs);
const service = createLanguageService({ kb });
const draft = (name) => readFileSync(new URL(`../fixtures/archive/drafts/${name}`, import.meta.url), 'utf8');

test('the table lists every document of the archive', () => {
  assert.deepEqual(docs.map((d) => docName(d.uri)), Object.keys(DOCUMENTS).sort());
});

for (const [name, want] of Object.entries(DOCUMENTS)) {
  test(`extraction table: ${name} — instruments (title, kind, date, place, verb, event, mentions), events, abbreviations`, () => {
    assert.deepEqual(got[name].instruments, want.instruments.map((r) => r.slice(0, 7)));
    assert.deepEqual(got[name].events, want.events.map((r) => r.slice(0, 4)));
    assert.deepEqual(got[name].abbreviations, want.abbreviations);
  });
}

test('the knowledge base holds the table\'s instruments and no other: 《协定》, 《行动计划》, 本《倡议》 are none of their own', () => {
  const listed = [...new Set(Object.values(DOCUMENTS).flatMap((d) => d.instruments.map((r) => r[0])))].sort();
  assert.deepEqual(kb.instruments.map((i) => i.title).sort(), listed);
  for (const short of ['协定', '協定', '行动计划', '倡议', '纲要', '纪要']) assert.equal(kb.instruments.find((i) => i.title === short), undefined, short);
  // Every instrument has a kind.
  assert.deepEqual(kb.instruments.filter((i) => !i.kind).map((i) => i.title), []);
});

test('officials: one entry per person, whatever document or script introduced them; no office words or honorifics', () => {
  assert.deepEqual(
    kb.officials.map((o) => [o.name, o.country, o.role, docName(o.provenance.uri)]),
    OFFICIALS,
  );
});

test('events: the knowledge base\'s records — one per event, one per year of a series without numbers; conflicts', () => {
  assert.deepEqual(kb.events.map((e) => [e.id, e.name, e.date ? core.dateExprKey(e.date) : null, e.place ?? null, e.online]), [
    ['上合组织成员国政府首脑（总理）理事会第十八次会议', '上海合作组织成员国政府首脑（总理）理事会第十八次会议', '2019-11-02', '塔什干', false],
    ['上合组织成员国元首理事会会议', '上海合作组织成员国元首理事会会议', '2019-06-14', '比什凯克', false],
    ['上合组织国际物流论坛', '上合组织国际物流论坛', '2019-10-17', '连云港', false],
    ['上合组织地方经贸合作论坛', '上合组织地方经贸合作论坛', '2019-09-24/2019-09-26', '青岛', false],
    ['上合组织成员国元首理事会会议@2020', '上海合作组织成员国元首理事会会议', '2020-11-10', null, true],
    ['上合组织成员国元首理事会会议@2018', '上海合作组织成员国元首理事会会议', '2018-06-10', '青岛', false],
    ['上合组织成员国外交部长理事会会议', '上合组织成员国外交部长理事会会议', '2020-09-04', '莫斯科', false],
    ['上合组织成员国政府首脑（总理）理事会第十九次会议', '上合组织成员国政府首脑（总理）理事会第十九次会议', '2020-11-30', null, true],
    ['上合组织成员国交通部长第九次会议', '上海合作组织成员国交通部长第九次会议', '2021-10-20', '聊城', false],
    ['上合组织成员国交通部长第八次会议', '上合组织成员国交通部长第八次会议', '2020-10-08', null, true],
    ['国际交通论坛', '国际交通论坛', '2021-06', '埃及', false],
    ['南亚交通合作对话会', '南亚交通合作对话会', '2021-09', '加德满都', false],
    ['国际交通博览会', '国际交通博览会', '2021-05', null, false],
    ['上合组织成员国交通部长第十次会议', '上合组织成员国交通部长第十次会议', '2022', '塔什干', false],
    ['上合组织成员国元首理事会会议@2022', '上海合作组织成员国元首理事会会议', '2022-09-16', '撒马尔罕市', false],
    ['上合组织成员国元首理事会会议@2021', '上合组织成员国元首理事会会议', '2021-09-17', '杜尚别', false],
    ['澜湄合作第四次领导人会议', '澜湄合作第四次领导人会议', '2023-07', '内比都', false],
    ['上合组织成员国科技部长会议', '上合组织成员国科技部长会议', '2022-06', '广州', false],
    ['上合组织地方领导人论坛', '上海合作组织地方领导人论坛', '2023-12-08', '成都', false],
    ['上合组织地方领导人论坛@2021', '上合组织地方领导人论坛', '2021-09-28/2021-09-30', '车里雅宾斯克', false],
    ['上合组织地方领导人论坛@2022', '上合组织地方领导人论坛', '2022-11-17', '成都', false],
    ['上合组织成员国元首理事会会议@2023', '上海合作组织成员国元首理事会会议', '2023-07-04', '新德里', true],
    ['上合组织成员国政府首脑（总理）理事会第二十二次会议', '上合组织成员国政府首脑（总理）理事会第二十二次会议', '2023-10-26', '比什凯克', false],
    ['上合组织地方经贸合作示范区建设论坛', '上合组织地方经贸合作示范区建设论坛', '2024-05', '苏州', false],
    ['边境贸易博览会', '边境贸易博览会', '2023-09', '霍尔果斯市', false],
    ['中国同中亚五国建交30周年视频峰会', '中国同中亚五国建交30周年视频峰会', '2022-01-25', null, true],
    ['中国—中亚外长第四次会晤', '中国—中亚外长第四次会晤', '2023-04-27', '西安', false],
    ['中国—中亚地方合作论坛', '中国—中亚地方合作论坛', '2023-12', '成都', false],
    ['中国—中亚旅游部长会议', '中国—中亚旅游部长会议', '2024-04', '峨眉山', false],
    ['第二届中国—中亚峰会', '第二届中国—中亚峰会', '2025', '阿斯塔纳', false],
    ['上合组织成员国元首理事会会议@2024', '上海合作組織成員國元首理事會會議', '2024-07-04', '阿斯塔納', false],
    ['上合组织国际投资贸易博览会', '上合組織國際投資貿易博覽會', '2024-06', '青島', false],
    ['国际金融论坛', '國際金融論壇', '2024-05', '香港', false],
    ['上合组织成员国元首理事会会议@2025', '上海合作组织成员国元首理事会会议', '2025-09-01', '中国天津', false],
    ['金砖国家领导人第十六次会晤', '金砖国家领导人第十六次会晤', '2024-10-23', '俄罗斯联邦喀山', false],
    ['上合组织成员国旅游部长会议', '上合组织成员国旅游部长会议', '2025-05', '黄山', false],
    ['上合组织国际物流论坛@2025', '上合组织国际物流论坛', '2025-06', '连云港', false],
  ]);
  // 撒马尔罕市 / 撒马尔罕: the same place more or less qualified (issue #13 item 5), kept as written.
  assert.deepEqual(kb.conflicts.map((c) => [c.subject, c.field, c.values.map((v) => v.value)]), [['上合组织成员国元首理事会会议@2022', 'place', ['撒马尔罕市', '撒马尔罕']]]);
});

/** [code, text of the finding's span, the line of the draft once its first fix is applied]. */
const WRONG = [
  ['date-mismatch', '2014年9月13日', '　　各方指出，《上海合作组织成员国政府间国际道路运输便利化协定》于2014年9月12日在杜尚别签署。'],
  ['place-mismatch', '塔什干', '　　各方指出，《上海合作组织成员国政府间国际道路运输便利化协定》于2014年9月12日在杜尚别签署。'],
  ['place-mismatch', '塔什干', '　　各方指出，《上海合作组织成员国政府间国际道路运输便利化协定》（以下简称《协定》）于2014年9月12日在杜尚别签署。该《协定》已于2014年9月12日在杜尚别通过。'],
  ['verb-mismatch', '通过', '　　各方指出，《上海合作组织成员国政府间国际道路运输便利化协定》（以下简称《协定》）于2014年9月12日在杜尚别签署。该《协定》已于2014年9月12日在塔什干签署。'],
  ['event-mismatch', '2023年4月28日', '　　各方回顾了中国—中亚外长第四次会晤（2023年4月27日，西安）的成果。'],
  ['event-mismatch', '北京', '　　各方回顾了中国—中亚外长第四次会晤（2023年4月27日，西安）的成果。'],
  ['date-mismatch', '2023年5月20日', '　　各方落实《中国—中亚数字丝绸之路合作愿景》（2023年5月19日，西安）。'],
  ['place-mismatch', '东京', '　　与会代表回顾，1997年12月11日在京都通过的《京都议定书》是应对气候变化的重要文件。'],
  ['date-mismatch', '2022年', '　　各方于2023年和2023年先后在撒马尔罕和西安签署《中国—中亚交通走廊发展倡议》和《中国同中亚国家海关合作谅解备忘录》。'],
  ['date-mismatch', '2023年', '　　各方于2022年和2022年先后在撒马尔罕和西安签署《中国—中亚交通走廊发展倡议》和《中国同中亚国家海关合作谅解备忘录》。'],
  ['place-mismatch', '撒马尔罕', '　　各方于2022年和2023年先后在西安和西安签署《中国—中亚交通走廊发展倡议》和《中国同中亚国家海关合作谅解备忘录》。'],
  ['place-mismatch', '西安', '　　各方于2022年和2023年先后在撒马尔罕和撒马尔罕签署《中国—中亚交通走廊发展倡议》和《中国同中亚国家海关合作谅解备忘录》。'],
  ['date-mismatch', '2019年6月15日', '　　与会部长指出，2019年6月14日在比什凯克通过的《上合组织地方合作发展纲要》为各地合作提供了指导。'],
  ['date-mismatch', '2023年4月26日', '　　各方回顾了中国—中亚外长第四次会晤（2023年4月27日，西安）通过的《中国—中亚外长第四次会晤联合声明》。'],
  ['date-mismatch', '2014年9月21日', '　　成員國元首指出，《上海合作組織成員國政府間國際道路運輸便利化協定》（以下簡稱“《協定》”）於2014年9月12日在杜尚別簽署。'],
];

test('drafts/wrong.zh.txt: the wrong date or place of a post-posed frame, a cited event, a place ending in 都, a paired list, an abbreviation — each found and fixed', () => {
  const text = draft('wrong.zh.txt');
  const lineOf = (t, at) => t.slice(t.lastIndexOf('\n', at - 1) + 1, (t.indexOf('\n', at) + 1 || t.length + 1) - 1);
  const findings = service.diagnose(text);
  const seen = findings.map((f) => {
    assert.equal(f.fixes.length, 1, `one fix for ${f.code} ${text.slice(f.start, f.end)}`);
    const fixed = applyEdits(text, f.fixes[0].edits);
    return [f.code, text.slice(f.start, f.end), lineOf(fixed, f.start)];
  });
  assert.deepEqual(seen, WRONG);
  // Every line of the draft has a finding.
  assert.equal(new Set(findings.map((f) => lineOf(text, f.start))).size, text.trim().split('\n').length);
});

test('drafts/clean.zh.txt: every pattern written right, and the decoys (都在, 并通过, 会上都, P1和P2 without 分别, a setting to come) — no finding', () => {
  assert.deepEqual(service.diagnose(draft('clean.zh.txt')).map((f) => `${f.code} ${f.message.en}`), []);
});

test('the archive documents checked against the archive: no finding but the place granularity of issue #13 item 5', () => {
  const found = [];
  for (const d of docs) for (const f of service.diagnose(d.text)) found.push([docName(d.uri), f.code, d.text.slice(f.start, f.end)]);
  // 撒马尔罕市 (2022) / 撒馬爾罕 (2024): the same place more or less qualified — item 5, left to its own change.
  assert.deepEqual(found, [['2024-astana-hos.zh-hant.txt', 'event-mismatch', '撒馬爾罕']]);
});

test('item 7: 《协定》 declared short, 该《协定》 and 本《倡议》 resolve for hover, definition and references', () => {
  const text = draft('wrong.zh.txt');
  const at = text.indexOf('该《协定》') + 3;
  const h = service.hover(text, at);
  assert.match(h.markdown, /^《上海合作组织成员国政府间国际道路运输便利化协定》 — 协定/);
  assert.match(h.markdown, /Written here as 《协定》/);
  const [def] = service.definition(text, at);
  assert.equal(docName(def.uri), '2019-tashkent-hog.zh.txt');
  assert.equal(def.sentence.includes('（以下简称《协定》）'), true);
  const id = service.instrumentAt(text, at);
  const spans = service.mentionsOf(text, id).map((s) => text.slice(s.start, s.end));
  const full = '上海合作组织成员国政府间国际道路运输便利化协定';
  assert.deepEqual(spans, [full, full, full, '协定', '协定', '上海合作組織成員國政府間國際道路運輸便利化協定', '協定']);
  // 本《倡议》 in the Chengdu forum's text: the text itself, defined at its heading.
  const chengdu = docs.find((d) => d.uri.endsWith('2023-chengdu-forum.zh.txt')).text;
  const self = chengdu.indexOf('本《倡议》') + 3;
  assert.match(service.hover(chengdu, self).markdown, /^《上海合作组织地方领导人论坛成都倡议》 — 倡议/);
  const [head] = service.definition(chengdu, self);
  assert.deepEqual([head.line, head.column, head.length], [0, 0, '上海合作组织地方领导人论坛成都倡议'.length]);
});
