import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, corpusText } from './helpers.mjs';

const { matchTitle, normalizeTitle } = core;

/**
 * A stub index over the titles of the embedded corpus (the real KnowledgeIndex has the same
 * shape for what matchTitle reads): every 《…》 and nested 〈…〉 title, its sentence as a mention.
 */
async function stubIndex() {
  const text = await corpusText();
  const aliases = [{ full: '上海合作组织', short: '上合组织' }];
  const byId = new Map();
  for (const sentence of text.split(/(?<=[。；])/)) {
    const stack = [];
    for (let i = 0; i < sentence.length; i++) {
      const c = sentence[i];
      if (c === '《' || c === '〈') stack.push(i);
      else if ((c === '》' || c === '〉') && stack.length) {
        const title = sentence.slice(stack.pop() + 1, i);
        const id = normalizeTitle(title, aliases);
        if (!byId.has(id)) byId.set(id, { id, title, adoptions: [], mentions: [], implements: [], implementedBy: [] });
        byId.get(id).mentions.push({ uri: 'builtin:/corpus', offset: 0, length: 0, line: 0, sentence });
      }
    }
  }
  const kb = { version: 1, sources: [], problems: [], instruments: [...byId.values()], events: [], abbreviations: [{ full: '上海合作组织', short: ['上合组织', '本组织'] }], officials: [], conflicts: [] };
  return { kb, aliases };
}

const index = await stubIndex();
const m = (t) => matchTitle(t, index);

test('stub index holds the corpus titles', () => {
  assert.ok(index.kb.instruments.length >= 40);
});

test('exact titles, nested ones included', () => {
  for (const inst of index.kb.instruments) assert.equal(m(inst.title).kind, 'exact', inst.title);
  assert.equal(m('〈上合组织至2025年发展战略〉2021—2025年行动计划').kind, 'exact');
});

test('variants: typography departs → suggestion is the corpus typography', () => {
  const half = m('上合组织银行联合体中期发展战略(2022-2026年)');
  assert.equal(half.kind, 'variant');
  assert.equal(half.departs, true);
  assert.equal(half.suggestion, '上合组织银行联合体中期发展战略（2022—2026年）');
  const trad = m('上合組織成員國能源領域合作構想');
  assert.equal(trad.kind, 'variant');
  assert.equal(trad.suggestion, '上合组织成员国能源领域合作构想');
  const spaced = m('上合组织 经济论坛构想');
  assert.equal(spaced.kind, 'variant');
  assert.equal(spaced.suggestion, '上合组织经济论坛构想');
});

test('the alias form 上海合作组织 resolves and does not depart', () => {
  const r = m('上海合作组织成员国能源领域合作构想');
  assert.equal(r.kind, 'variant');
  assert.equal(r.departs, false);
  assert.equal(r.instrument.title, '上合组织成员国能源领域合作构想');
  // Alias form plus half-width punctuation: the suggestion keeps the alias form.
  const r2 = m('上海合作组织银行联合体中期发展战略(2022—2026年)');
  assert.equal(r2.departs, true);
  assert.equal(r2.suggestion, '上海合作组织银行联合体中期发展战略（2022—2026年）');
});

const known = '上合组织成员国政府间国际道路运输便利化协定';
const misquotes = {
  dropped: '上合组织成员国政府间国际道路运输便化协定',
  added: '上合组织成员国政府间国际道路运输便利化的协定',
  replaced: '上合组织成员国政府间国际道路运输便俐化协定',
  transposed: '上合组织成员国政府间国际路道运输便利化协定',
  'near-synonym': '上合组织成员国政府间国际道路运输便利化协议',
};

test('misquotes: one character dropped, added, replaced, transposed, a near-synonym', () => {
  for (const [diff, t] of Object.entries(misquotes)) {
    const r = m(t);
    assert.equal(r.kind, 'misquote', `${diff}: ${t}`);
    assert.equal(r.diff, diff);
    assert.equal(r.instrument.title, known);
    assert.equal(r.suggestion, known);
  }
  assert.equal(m('上合组织经济论坛纲要').kind, 'misquote'); // 构想/纲要
  assert.equal(m('上合组织成员国地方合作发展构想').kind, 'misquote'); // 纲要/构想
  assert.equal(m('上合组织至2025年发展战略2021—2025年行动计划').diff, 'punctuation');
  assert.equal(m('上合组织成员国主管部门间体育领域合作协定').diff, 'near-synonym');
});

test('different instruments are not misquotes (content word, number)', () => {
  const cases = [
    '上合组织成员国政府间卫生合作协定', // known: 教育合作协定 — a whole word replaced
    '上合组织成员国元首理事会关于能源安全的声明', // known: 粮食安全
    '〈上合组织至2035年发展战略〉2021—2025年行动计划', // 2035 beside 2025
    '上合组织银行联合体中期发展战略（2023—2027年）',
    '上合组织成员国政府间体育合作协定', // 体 for 教: 体育 is a word the corpus uses
  ];
  for (const t of cases) {
    const r = m(t);
    assert.notEqual(r.kind, 'misquote', `${t} → ${r.instrument?.title} (${r.diff})`);
    assert.notEqual(r.kind, 'exact');
  }
  assert.equal(m('上合组织成员国政府间卫生合作协定').kind, 'different');
  assert.equal(m('上合组织成员国元首理事会关于能源安全的声明').diff, 'content-word');
  assert.equal(m('〈上合组织至2035年发展战略〉2021—2025年行动计划').diff, 'number');
});

test('titles close to nothing are unknown', () => {
  assert.equal(m('联合国宪章').kind, 'unknown');
  assert.equal(m('巴黎协定').kind, 'unknown');
  assert.equal(m('').kind, 'unknown');
});

test('results are cached and stable', () => {
  assert.equal(m(misquotes.dropped), m(misquotes.dropped));
});

test('a large knowledge base: the right candidate among thousands sharing common bigrams', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const HAN = '农业教育卫生能源交通海关旅游文化体育青年媒体科技创新数字金融投资环保司法航天林业渔业气象';
  const word = () => HAN[Math.floor(rnd() * HAN.length)] + HAN[Math.floor(rnd() * HAN.length)];
  const titles = new Set();
  while (titles.size < 3000) titles.add(`上合组织成员国政府间${word()}${word()}领域合作协定`);
  const instruments = [...titles].map((title) => ({ id: normalizeTitle(title), title, adoptions: [], mentions: [], implements: [], implementedBy: [] }));
  const big = { kb: { version: 1, sources: [], problems: [], instruments, events: [], abbreviations: [], officials: [], conflicts: [] }, aliases: [] };
  const target = instruments[1234].title;
  const r = matchTitle(target.replace('领域合作协定', '领域合作协议'), big);
  assert.equal(r.kind, 'misquote');
  assert.equal(r.instrument.title, target);
  const dropped = target.slice(0, 12) + target.slice(13);
  const d = matchTitle(dropped, big);
  if (!titles.has(dropped)) assert.ok(d.kind === 'misquote' || d.kind === 'different', d.kind);
  assert.equal(matchTitle(target, big).kind, 'exact');
});
