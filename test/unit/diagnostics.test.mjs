import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, corpusText, applyEdits, markers } from './helpers.mjs';

const { diagnose, buildKnowledgeBase, KnowledgeIndex } = core;

const CORPUS_URI = 'builtin:/sco-2021-heads-of-government-communique.zh.txt';
const corpus = await corpusText();
const kb = buildKnowledgeBase([{ uri: CORPUS_URI, text: corpus, encoding: 'utf-8' }]);
const index = new KnowledgeIndex(kb);

const check = (text, options) => diagnose(text, index, options);
const codes = (text, options) => check(text, options).map((f) => f.code);

/**
 * The one finding with `code` in `src` (a `[[…]]` marker gives its expected span); applies
 * each of its fixes in turn and compares with `fixed` (a string for the first fix, or an
 * array, one expected text per fix).
 */
function expectFix(src, code, fixed, options) {
  const { text, spans } = markers(src);
  const all = check(text, options);
  const fs = all.filter((f) => f.code === code);
  assert.equal(fs.length, 1, `one ${code} in ${text}; got ${JSON.stringify(all.map((f) => f.code))}`);
  const f = fs[0];
  if (spans.length) assert.deepEqual({ start: f.start, end: f.end }, spans[0], `${code} span`);
  const expected = Array.isArray(fixed) ? fixed : [fixed];
  assert.equal(f.fixes.length, expected.length, `fix count of ${code}: ${JSON.stringify(f.fixes.map((x) => x.edits))}`);
  expected.forEach((e, k) => assert.equal(applyEdits(text, f.fixes[k].edits), e, `fix ${k} of ${code}`));
  assert.ok(f.message.en && f.message.zh, 'message in both languages');
  return f;
}

const P = '各代表团团长认为，切实落实';

test('the unmodified embedded corpus gives no error or warning (nor anything else)', () => {
  const fs = check(corpus);
  assert.deepEqual(fs.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code} ${corpus.slice(f.start, f.end)}`), []);
  assert.deepEqual(fs, []);
});

test('title-misquoted: near-synonym, dropped, added, transposed, replaced → canonical title', () => {
  const right = '上合组织成员国政府间国际道路运输便利化协定';
  for (const wrong of [
    '上合组织成员国政府间国际道路运输便利化协议',
    '上合组织成员国政府间国际道路运输便化协定',
    '上合组织成员国政府间国际道路运输便利化的协定',
    '上合组织成员国政府间国际路道运输便利化协定',
    '上合组织成员国政府间国际道路运输便俐化协定',
  ]) {
    const f = expectFix(`${P}2014年9月12日在杜尚别通过的《[[${wrong}]]》。`, 'title-misquoted', `${P}2014年9月12日在杜尚别通过的《${right}》。`);
    assert.equal(f.severity, 'error');
    assert.ok(f.fixes[0].preferred);
  }
  // Brackets lost inside a nested title.
  expectFix('落实《上合组织至2025年发展战略2021—2025年行动计划》。', 'title-misquoted', '落实《〈上合组织至2025年发展战略〉2021—2025年行动计划》。');
  // 构想/纲要.
  expectFix('落实《上合组织经济论坛纲要》。', 'title-misquoted', '落实《上合组织经济论坛构想》。');
});

test('different instruments are not misquotes: at most a hint without a fix', () => {
  for (const t of [
    '上合组织成员国政府间卫生合作协定',
    '上合组织成员国元首理事会关于能源安全的声明',
    '〈上合组织至2035年发展战略〉2021—2025年行动计划',
  ]) {
    const fs = check(`欢迎《${t}》。`);
    assert.ok(fs.every((f) => f.severity === 'hint' && f.code === 'title-unknown' && f.fixes.length === 0), `${t}: ${JSON.stringify(fs)}`);
  }
  assert.deepEqual(codes('欢迎《巴黎协定》。'), []);
});

test('title-variant: half-width punctuation, dash forms, traditional, spaces → corpus typography', () => {
  const f = expectFix(
    '欢迎2021年9月16日在杜尚别通过的《[[上合组织银行联合体中期发展战略(2022-2026年)]]》。',
    'title-variant',
    '欢迎2021年9月16日在杜尚别通过的《上合组织银行联合体中期发展战略（2022—2026年）》。',
  );
  assert.equal(f.severity, 'warning');
  expectFix('欢迎《上合组织银行联合体中期发展战略（2022－2026年）》。', 'title-variant', '欢迎《上合组织银行联合体中期发展战略（2022—2026年）》。');
  expectFix('欢迎《上合組織成員國能源領域合作構想》。', 'title-variant', '欢迎《上合组织成员国能源领域合作构想》。');
  expectFix('欢迎《上合组织 经济论坛构想》。', 'title-variant', '欢迎《上合组织经济论坛构想》。');
  // The alias form keeps its alias in the fix.
  expectFix('欢迎《上海合作组织银行联合体中期发展战略(2022—2026年)》。', 'title-variant', '欢迎《上海合作组织银行联合体中期发展战略（2022—2026年）》。');
});

test('the alias form 上海合作组织 for 上合组织 is not reported, and its dates are still checked', () => {
  assert.deepEqual(codes('欢迎2021年8月12日在杜尚别通过的《上海合作组织成员国能源领域合作构想》。'), []);
  expectFix(
    '欢迎2021年8月11日在杜尚别通过的《上海合作组织成员国能源领域合作构想》。',
    'date-mismatch',
    '欢迎2021年8月12日在杜尚别通过的《上海合作组织成员国能源领域合作构想》。',
  );
});

test('date-mismatch in every frame, with provenance and the draft style', () => {
  const f = expectFix(
    `${P}[[2014年9月13日]]在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》。`,
    'date-mismatch',
    `${P}2014年9月12日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》。`,
  );
  assert.equal(f.severity, 'error');
  assert.match(f.message.en, /the corpus \(sco-2021-heads-of-government-communique\.zh\.txt, line 1\) says 2014年9月12日/);
  assert.match(f.message.zh, /语料（sco-2021-heads-of-government-communique\.zh\.txt，第1行）/);
  assert.equal(f.provenance[0].uri, CORPUS_URI);
  // Chinese numerals: the fix is in Chinese numerals too.
  expectFix(
    `${P}二〇一四年九月十三日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》。`,
    'date-mismatch',
    `${P}二〇一四年九月十二日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》。`,
  );
  // DATE通过的《T》 without a place.
  expectFix('欢迎2021年8月18日签署的《上合组织成员国艺术节文艺演出章程》。'.replace('18', '19'), 'date-mismatch', '欢迎2021年8月18日签署的《上合组织成员国艺术节文艺演出章程》。');
  // Parenthetical frame.
  expectFix(
    '落实《上合组织成员国政府间国际道路运输便利化协定》（2014年9月11日，杜尚别）。',
    'date-mismatch',
    '落实《上合组织成员国政府间国际道路运输便利化协定》（2014年9月12日，杜尚别）。',
  );
  // Adoption at an event: the event's date.
  const ev = '高度评价2021年6月29日在杜尚别举行的上合组织成员国卫生部长第四次会议上通过的成果声明和《上合组织成员国卫生领域合作主要措施计划（2022—2024年）》。';
  const fs = check(ev);
  assert.ok(fs.length >= 1 && fs.every((x) => x.code === 'date-mismatch' || x.code === 'event-mismatch'), JSON.stringify(fs.map((x) => x.code)));
  for (const x of fs) assert.equal(applyEdits(ev, x.fixes[0].edits), ev.replace('6月29日', '6月30日'));
  // A misquoted title's date is checked against the instrument it resolves to.
  const both = '2014年9月13日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协议》';
  assert.deepEqual(codes(both).sort(), ['date-mismatch', 'title-misquoted']);
  // A year-less date gets a year-less fix.
  expectFix('欢迎8月13日在杜尚别通过的《上合组织成员国能源领域合作构想》。', 'date-mismatch', '欢迎8月12日在杜尚别通过的《上合组织成员国能源领域合作构想》。');
});

test('ranges and lists: a date inside agrees, one outside is a mismatch', () => {
  assert.deepEqual(codes('欢迎2021年8月11日至13日在杜尚别通过的《上合组织成员国能源领域合作构想》。'), []);
  const t = '欢迎2021年8月13日至15日在杜尚别通过的《上合组织成员国能源领域合作构想》。';
  const fs = check(t).filter((f) => f.code === 'date-mismatch');
  assert.equal(fs.length, 1);
  assert.equal(applyEdits(t, fs[0].fixes[0].edits), '欢迎2021年8月12日在杜尚别通过的《上合组织成员国能源领域合作构想》。');
});

test('place-mismatch → corpus place, in the main and parenthetical frames', () => {
  const f = expectFix(
    '应继续落实2019年6月14日在[[塔什干]]通过的《上合组织成员国地方合作发展纲要》。',
    'place-mismatch',
    '应继续落实2019年6月14日在比什凯克通过的《上合组织成员国地方合作发展纲要》。',
  );
  assert.match(f.message.en, /says 比什凯克/);
  expectFix(
    '落实《上合组织成员国政府间国际道路运输便利化协定》（2014年9月12日，塔什干）。',
    'place-mismatch',
    '落实《上合组织成员国政府间国际道路运输便利化协定》（2014年9月12日，杜尚别）。',
  );
});

test('verb-mismatch: 批准 in the corpus, 通过 or 签署 in the draft, and the reverse', () => {
  const f = expectFix('高度评价2021年9月17日在杜尚别[[通过]]的《上合组织经济论坛构想》。', 'verb-mismatch', '高度评价2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。');
  assert.equal(f.severity, 'warning');
  expectFix('高度评价2021年9月17日在杜尚别签署的《上合组织经济论坛构想》。', 'verb-mismatch', '高度评价2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。');
  expectFix('欢迎2021年8月18日在杜尚别批准的《上合组织成员国艺术节文艺演出章程》。', 'verb-mismatch', '欢迎2021年8月18日在杜尚别签署的《上合组织成员国艺术节文艺演出章程》。');
});

test('date-invalid: impossible days and months, Chinese numerals, reversed ranges', () => {
  for (const [t, span] of [
    ['会议于[[2021年2月30日]]举行。', true],
    ['会议于[[2021年13月1日]]举行。', true],
    ['会议于[[二〇二一年二月三十日]]举行。', true],
    ['会议于[[2021年9月17日至15日]]举行。', true],
    ['会议于[[2021年4月31日]]举行。', true],
  ]) {
    const { text, spans } = markers(t);
    const fs = check(text).filter((f) => f.code === 'date-invalid');
    assert.equal(fs.length, 1, t);
    if (span) assert.deepEqual({ start: fs[0].start, end: fs[0].end }, spans[0]);
    assert.equal(fs[0].severity, 'error');
  }
  assert.deepEqual(codes('会议于2020年2月29日举行。'), []);
  // On a known instrument's reference, the corpus date is offered as the fix.
  expectFix(
    '欢迎2021年8月32日在杜尚别通过的《上合组织成员国能源领域合作构想》。',
    'date-invalid',
    '欢迎2021年8月12日在杜尚别通过的《上合组织成员国能源领域合作构想》。',
  );
});

test('date-inconsistent: one draft, two dates for an instrument the corpus does not date', () => {
  const t = '注意到2021年3月1日通过的《上合组织地区至2030年经济发展战略》。又落实2021年3月2日通过的《上合组织地区至2030年经济发展战略》。';
  const f = expectFix(t, 'date-inconsistent', t.replace('2021年3月2日', '2021年3月1日'));
  assert.equal(f.fixes[0].preferred, false);
  assert.deepEqual(codes(t.replace('3月2日', '3月1日')), []);
  // For a dated instrument, date-mismatch says which one is wrong instead.
  const known = '欢迎2021年8月12日在杜尚别通过的《上合组织成员国能源领域合作构想》。欢迎2021年8月13日在杜尚别通过的《上合组织成员国能源领域合作构想》。';
  assert.deepEqual(codes(known), ['date-mismatch']);
});

test('brackets: one finding per slip, fixes for a mistyped quote and a 《 before a known title', () => {
  expectFix(
    '支持落实2021年9月17日在杜尚别通过的[[《]]上合组织旅游和文化之都条例和2021年8月18日在杜尚别签署的《上合组织成员国艺术节文艺演出章程》。',
    'bracket-unclosed',
    '支持落实2021年9月17日在杜尚别通过的《上合组织旅游和文化之都条例》和2021年8月18日在杜尚别签署的《上合组织成员国艺术节文艺演出章程》。',
  );
  expectFix('秉持“上海精神[[“]]，开启成功之路。', 'bracket-unclosed', '秉持“上海精神”，开启成功之路。');
  expectFix('秉持[[”]]上海精神”，开启成功之路。', 'bracket-unopened', '秉持“上海精神”，开启成功之路。');
  const f = expectFix('欢迎上合组织经济论坛构想[[》]]。', 'bracket-unopened', []);
  assert.equal(f.severity, 'error');
});

test('event-mismatch: date, place and session number → corpus value', () => {
  expectFix(
    '注意到[[2021年10月15日]]以视频方式举行的上合组织成员国第二十次经贸部长会议成果。',
    'event-mismatch',
    '注意到2021年10月14日以视频方式举行的上合组织成员国第二十次经贸部长会议成果。',
  );
  expectFix(
    '注意到2021年10月14日以视频方式举行的上合组织成员国[[第十九次]]经贸部长会议成果。',
    'event-mismatch',
    '注意到2021年10月14日以视频方式举行的上合组织成员国第二十次经贸部长会议成果。',
  );
  expectFix('注意到2021年7月28日至30日在[[北京]]举行的上合组织传统医学论坛。', 'event-mismatch', '注意到2021年7月28日至30日在南昌举行的上合组织传统医学论坛。');
  expectFix('注意到2021年7月27日至30日在南昌举行的上合组织传统医学论坛。', 'event-mismatch', '注意到2021年7月28日至30日在南昌举行的上合组织传统医学论坛。');
  // Another session on another date is another meeting; another year of an unnumbered series too.
  assert.deepEqual(codes('注意到2020年10月14日以视频方式举行的上合组织成员国第十九次经贸部长会议成果。'), []);
  assert.deepEqual(codes('注意到2022年7月28日至30日在南昌举行的上合组织传统医学论坛。'), []);
  // Lists: every date must agree.
  expectFix(
    '欢迎2021年3月30日、7月24日和9月2日以视频方式举行的上合组织成员国科技合作常设工作组会议。',
    'event-mismatch',
    '欢迎2021年3月30日、7月23日和9月2日以视频方式举行的上合组织成员国科技合作常设工作组会议。',
  );
});

test('options: disabled codes, severity overrides, accepted titles', () => {
  const t = '2014年9月13日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协议》';
  assert.deepEqual(codes(t, { disabled: ['title-misquoted'] }), ['date-mismatch']);
  assert.deepEqual(codes(t, { severity: { 'date-mismatch': 'off' } }), ['title-misquoted']);
  const sev = check(t, { severity: { 'title-misquoted': 'information' } }).find((f) => f.code === 'title-misquoted');
  assert.equal(sev.severity, 'information');
  assert.deepEqual(codes(t, { acceptedTitles: ['上合组织成员国政府间国际道路运输便利化协议'] }), ['date-mismatch']);
});

test('inline markers: chancery-accept in text and in a Markdown comment; chancery-disable', () => {
  const t = '落实《上合组织成员国政府间国际道路运输便利化协议》。';
  assert.deepEqual(codes(t), ['title-misquoted']);
  assert.deepEqual(codes(t + '\nchancery-accept: 《上合组织成员国政府间国际道路运输便利化协议》\n'), []);
  assert.deepEqual(codes('<!-- chancery-accept: 《上合组织成员国政府间国际道路运输便利化协议》 -->\n\n' + t), []);
  assert.deepEqual(codes('<!-- chancery-accept: 《甲》《上合组织成员国政府间国际道路运输便利化协议》 -->\n' + t), []);
  assert.deepEqual(codes(t + '\n<!-- chancery-disable: title-misquoted, date-invalid -->'), []);
  // Accepting one title does not accept another.
  assert.deepEqual(codes('chancery-accept: 《甲》\n' + t), ['title-misquoted']);
});

test('cancellation: a cancelled token gives no findings', () => {
  const t = '落实《上合组织成员国政府间国际道路运输便利化协议》。'.repeat(2000);
  assert.deepEqual(diagnose(t, index, {}, { isCancellationRequested: true }), []);
  assert.ok(diagnose(t, index, {}, { isCancellationRequested: false }).length === 2000);
});

test('findings are sorted, carry UTF-16 spans and fixes as text edits', () => {
  const t = '😀' + '落实《上合组织成员国政府间国际道路运输便利化协议》，2021年2月30日。';
  const fs = check(t);
  assert.deepEqual(fs.map((f) => f.code), ['title-misquoted', 'date-invalid']);
  assert.equal(t.slice(fs[0].start, fs[0].end), '上合组织成员国政府间国际道路运输便利化协议');
  assert.equal(t.slice(fs[1].start, fs[1].end), '2021年2月30日');
});

test('a misquote written with the full name 上海合作组织 keeps the full name in its fix', () => {
  expectFix('欢迎《上海合作组织成员国能源领域合作纲要》。', 'title-misquoted', '欢迎《上海合作组织成员国能源领域合作构想》。');
});

test('findInvalidDates (windows around suspicious places) equals filtering a full findDates pass', () => {
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const CN = '〇一二三四五六七八九十';
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const parts = [
    () => `${2000 + Math.floor(rnd() * 30)}年`,
    () => `${Math.floor(rnd() * 15)}月`,
    () => `${Math.floor(rnd() * 35)}日`,
    () => `${Math.floor(rnd() * 35)}号`,
    () => pick(['至', '到', '—', '-', '〜', '～', '、', '和', ' ', '，', '会议', '年', '月', '日']),
    () => CN[Math.floor(rnd() * 11)],
    () => pick(['２０２１年', '１３月', '２９日', '三十日', '十三月', '二〇二一年', '二月']),
  ];
  const key = (ds) => ds.map((d) => `${d.span.start}:${d.span.end}`).join(',');
  for (let n = 0; n < 2000; n++) {
    let s = '';
    const len = 5 + Math.floor(rnd() * (n % 2 ? 40 : 400));
    for (let i = 0; i < len; i++) s += pick(parts)();
    if (rnd() < 0.3) s = corpus.slice(0, Math.floor(rnd() * 300)) + s + corpus.slice(0, Math.floor(rnd() * 200));
    assert.equal(key(core.findInvalidDates(s)), key(core.findDates(s).filter((d) => core.dateExprProblem(d))), s);
  }
  assert.equal(key(core.findInvalidDates(corpus)), '');
});

test('inline markers: both kinds on one line', () => {
  const t = '落实《上合组织成员国政府间国际道路运输便利化协议》，2021年2月30日。';
  assert.deepEqual(codes(t + '\n<!-- chancery-accept: 《上合组织成员国政府间国际道路运输便利化协议》 chancery-disable: date-invalid -->'), []);
  assert.deepEqual(core.readInlineMarkers('chancery-disable: a, b chancery-accept: 《甲》').disabled, new Set(['a', 'b']));
});

test('date-mismatch against a corpus date written without a year: the year of the corpus document, said so in the message', () => {
  const k = buildKnowledgeBase([
    { uri: 'memory:/a.txt', text: '　　2021年11月25日，会议在杜尚别举行。外长们欢迎11月24日在杜尚别通过的《甲乙合作协定》。', encoding: 'utf-8' },
  ]);
  const ix = new KnowledgeIndex(k);
  const { text, spans } = markers('　　各方欢迎[[2020年11月24日]]在杜尚别通过的《甲乙合作协定》。');
  const [f] = diagnose(text, ix);
  assert.equal(f.code, 'date-mismatch');
  assert.deepEqual({ start: f.start, end: f.end }, spans[0]);
  assert.match(f.message.en, /says 2021年11月24日 \(no year written there: the year of that document's date\)/);
  assert.match(f.message.zh, /2021年11月24日（该处未写年份，取该文件日期的年份）/);
  assert.equal(applyEdits(text, f.fixes[0].edits), '　　各方欢迎2021年11月24日在杜尚别通过的《甲乙合作协定》。');
  // the same date with the document's year, or without a year, agrees
  assert.deepEqual(diagnose('　　各方欢迎2021年11月24日在杜尚别通过的《甲乙合作协定》。', ix), []);
  assert.deepEqual(diagnose('　　各方欢迎11月24日在杜尚别通过的《甲乙合作协定》。', ix), []);
});
