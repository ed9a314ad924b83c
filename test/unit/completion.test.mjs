import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service, bare, at, applyEdits } from './service-fixture.mjs';

const apply = (text, e) => applyEdits(text, [{ start: e.replace.start, end: e.replace.end, newText: e.insertText }]);
const sorted = (list) => [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

test('after 《: instruments with date and place in detail and documentation; closing bracket added', () => {
  const [text, offset] = at('各方欢迎《|');
  const list = service.complete(text, offset).filter((e) => e.kind === 'instrument');
  assert.ok(list.length >= 40, `${list.length} instruments`);
  const e = list.find((x) => x.label === '上合组织经济论坛构想');
  assert.equal(e.detail, '2021年9月17日 · 杜尚别 · 批准');
  assert.match(e.documentation, /Mentioned 1 time/);
  assert.equal(apply(text, e), '各方欢迎《上合组织经济论坛构想》');
});

test('the prefix typed after 《 is replaced; an auto-closed 》 is not doubled', () => {
  const [text, offset] = at('各方欢迎《上合组织经济|》。');
  const e = service.complete(text, offset).find((x) => x.label === '上合组织经济论坛构想');
  assert.deepEqual(e.replace, { start: 5, end: offset });
  assert.equal(apply(text, e), '各方欢迎《上合组织经济论坛构想》。');
});

test('ranked by the date and place typed before 《', () => {
  const [text, offset] = at('2019年6月14日在比什凯克通过的《|');
  const top = sorted(service.complete(text, offset).filter((e) => e.kind === 'instrument')).slice(0, 4).map((e) => e.label);
  assert.deepEqual(new Set(top), new Set(['上合组织成员国地方合作发展纲要', '上合组织成员国关于数字化和信息通信技术领域合作的构想', '上合组织成员国主管部门间体育领域合作协议', '上合组织成员国政府间媒体合作协议']));
  const [t2, o2] = at('2018年6月10日在青岛通过的《|');
  const first = sorted(service.complete(t2, o2).filter((e) => e.kind === 'instrument'))[0];
  assert.match(first.detail, /2018年6月10日 · 青岛/);
});

test('nested 〈 inside an open 《 completes with 〉', () => {
  const [text, offset] = at('《〈上合组织成员国环保|');
  const e = service.complete(text, offset).find((x) => x.label === '上合组织成员国环保合作构想');
  assert.ok(e);
  assert.equal(apply(text, e), '《〈上合组织成员国环保合作构想〉');
});

test('after 《T》（ the date and place of T; after 在 the places (matching the date first)', () => {
  const [text, offset] = at('《上合组织经济论坛构想》（|');
  const e = service.complete(text, offset).find((x) => x.kind === 'date');
  assert.equal(apply(text, e), '《上合组织经济论坛构想》（2021年9月17日，杜尚别）');
  const [t1, o1] = at('各方欢迎《上合组织经济论坛构想》|');
  const p1 = service.complete(t1, o1).find((x) => x.kind === 'date');
  assert.equal(apply(t1, p1), '各方欢迎《上合组织经济论坛构想》（2021年9月17日，杜尚别）');
  const [t2, o2] = at('2019年6月14日在|');
  const places = sorted(service.complete(t2, o2).filter((x) => x.kind === 'place'));
  assert.equal(places[0].label, '比什凯克');
  assert.ok(places.some((p) => p.label === '青岛'));
  const [t3, o3] = at('2018年6月10日在青|');
  const p3 = service.complete(t3, o3).filter((x) => x.kind === 'place');
  assert.deepEqual(p3.map((p) => p.label), ['青岛']);
  assert.equal(apply(t3, p3[0]), '2018年6月10日在青岛');
});

test('a year being typed: the corpus dates of that period', () => {
  const [text, offset] = at('2019年|');
  const dates = service.complete(text, offset).filter((x) => x.kind === 'date').map((x) => x.label);
  assert.ok(dates.includes('2019年6月14日'), dates.join());
  assert.ok(dates.includes('2019年11月2日'), dates.join());
  assert.ok(!dates.some((d) => !d.startsWith('2019年')));
});

test('at a sentence start: the corpus formulas (phrasing model, or a fallback without one)', () => {
  const [text, offset] = at('　　会议取得成功。|');
  const withModel = service.complete(text, offset).filter((x) => x.kind === 'formula');
  assert.ok(withModel.some((x) => x.insertText.startsWith('各代表团团长')), JSON.stringify(withModel.slice(0, 5)));
  const without = bare.complete(text, offset).filter((x) => x.kind === 'formula');
  assert.ok(without.length > 0);
  assert.ok(without.every((x) => x.documentation !== undefined));
  const [t2, o2] = at('　　各代表团团长指出，上合|');
  assert.equal(bare.complete(t2, o2).filter((x) => x.kind === 'formula').length, 0, 'not in the middle of a sentence');
});

test('phrasing completions are merged (phrases after a formula) and every entry has a valid replace span', () => {
  const [text, offset] = at('　　各代表团团长|');
  const all = service.complete(text, offset);
  assert.ok(all.some((x) => x.kind === 'phrase' || x.kind === 'formula'), JSON.stringify(all.slice(0, 3)));
  for (const e of all) assert.ok(e.replace.start <= offset && e.replace.end >= e.replace.start && e.replace.end <= text.length);
});

test('out-of-range offsets and empty text give no completions, no throw', () => {
  assert.deepEqual(service.complete('', 5), []);
  assert.ok(Array.isArray(service.complete('', 0)));
});
