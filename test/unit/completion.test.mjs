import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service, bare, zh, at, applyEdits, core, kb, corpus } from './service-fixture.mjs';

const apply = (text, e) => applyEdits(text, [{ start: e.replace.start, end: e.replace.end, newText: e.insertText }]);
const sorted = (list) => [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

test('after 《: instruments with date and place in detail and documentation; closing bracket added', () => {
  const [text, offset] = at('各方欢迎《|');
  const list = service.complete(text, offset).filter((e) => e.kind === 'instrument');
  assert.ok(list.length >= 40, `${list.length} instruments`);
  const e = list.find((x) => x.label === '上合组织经济论坛构想');
  assert.equal(e.detail, '2021年9月17日 · 杜尚别 · 批准');
  assert.equal(apply(text, e), '各方欢迎《上合组织经济论坛构想》');
  // the first items carry the instrument's hover as documentation; the others a line, and the
  // hover when the editor shows them (completionItem/resolve)
  const [t2, o2] = at('各方欢迎《经济论坛|');
  assert.match(service.complete(t2, o2)[0].documentation, /Mentioned 1 time/);
  const later = sorted(list)[20];
  assert.doesNotMatch(later.documentation, /Mentioned/);
  assert.match(service.resolveCompletion(later.resolve), /Mentioned \d+ times?/);
  assert.equal(service.resolveCompletion('no such instrument'), undefined);
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

// ---------------------------------------------------------------------------------------------
// #15 item 1: finding titles inside 《…》

const titles = new Set(kb.instruments.map((i) => i.title));
const ordered = (list) => sorted(list).map((e) => e.label);

test('inside 《: a title is found by a word from its middle, and only instruments are offered', () => {
  const [text, offset] = at('各方欢迎《经济论坛|');
  const list = service.complete(text, offset);
  assert.deepEqual(list.map((e) => e.kind), ['instrument'], JSON.stringify(list.map((e) => [e.kind, e.label])));
  assert.equal(list[0].label, '上合组织经济论坛构想');
  assert.deepEqual(list[0].replace, { start: 5, end: offset }, 'replaces what is typed after 《');
  assert.equal(apply(text, list[0]), '各方欢迎《上合组织经济论坛构想》');
  // the client's filter (what is typed, matched from the start of filterText) keeps it
  assert.ok(list[0].filterText.startsWith('经济论坛'), list[0].filterText);
  // several titles hold 合作协定 in their middle: all are offered
  const [t2, o2] = at('各方欢迎《合作协定|');
  const l2 = service.complete(t2, o2);
  assert.ok(l2.length >= 3 && l2.every((e) => e.kind === 'instrument' && e.label.includes('合作协定')), l2.map((e) => e.label).join(' | '));
});

test('inside 《: found by pinyin initials, by the full name of a declared short name, in traditional characters', () => {
  for (const typed of ['jjlt', 'JJLT', 'shzzjjlt', '上海合作组织经济', '經濟論壇']) {
    const [text, offset] = at(`各方欢迎《${typed}|`);
    const labels = service.complete(text, offset).map((e) => e.label);
    assert.ok(labels.includes('上合组织经济论坛构想'), `${typed}: ${labels.join(' | ')}`);
  }
  assert.equal(core.pinyinInitials('上合组织成员国政府间国际道路运输便利化协定'), 'shzzcygzfjgjdlysblhxd');
});

test('inside 《: ranked by the frame typed before it (date, place and verb of adoption)', () => {
  // of the nine instruments adopted on 2021年9月17日 in 杜尚别, two were approved (批准)
  const [text, offset] = at('2021年9月17日在杜尚别批准的《|');
  const top = ordered(service.complete(text, offset));
  assert.deepEqual(new Set(top.slice(0, 2)), new Set(['上合组织经济论坛构想', '上合组织成员国消除新冠肺炎疫情对经济社会不利影响共同建议措施计划']), top.slice(0, 4).join(' | '));
  assert.ok(service.complete(text, offset).slice(0, 9).every((e) => /2021年9月17日 · 杜尚别/.test(e.detail)));
  // the frame ranks the middle-of-title matches too
  const [t2, o2] = at('2019年6月14日在比什凯克通过的《合作|');
  assert.match(sorted(service.complete(t2, o2))[0].detail, /2019年6月14日 · 比什凯克/);
});

test('inside 《: never a phrase fragment, so whatever is accepted is a title of the knowledge base', () => {
  let checked = 0;
  for (const title of titles) {
    for (const k of [1, 3, 6]) {
      if (k >= title.length) continue;
      const [text, offset] = at(`各代表团团长欢迎《${title.slice(0, k)}|`);
      for (const e of service.complete(text, offset)) {
        assert.equal(e.kind, 'instrument');
        // a whole title with its 》, or a nested one with its 〉 (《〈T〉…》 starts with a title)
        const m = /《([^《》]*)》$/.exec(apply(text, e)) ?? /〈([^〈〉]*)〉$/.exec(apply(text, e));
        assert.ok(m && titles.has(m[1]), `${text} → ${apply(text, e)}`);
        checked++;
      }
      assert.deepEqual(service.inlineComplete(text, offset), [], `no ghost text inside 《: ${text}`);
    }
  }
  assert.ok(checked > 100, `${checked} items checked`);
});

test('accepting ghost text again and again never writes a title that does not exist', () => {
  // every corpus paragraph's first clause as a start, then the first ghost text accepted while there is one
  const starts = core.splitParagraphs(corpus).map((p) => corpus.slice(p.start, p.end).split('，')[0] + '，').slice(0, 60);
  // and inside a title, a word from its middle typed (《经济论坛 …)
  for (const t of titles) if (t.length > 8) starts.push('各方欢迎《' + t.slice(4, 8));
  let accepted = 0;
  for (const start of starts) {
    let text = '　　' + start;
    for (let n = 0; n < 12; n++) {
      const [g] = service.inlineComplete(text, text.length);
      if (!g) break;
      text = apply(text, g);
      accepted++;
    }
    for (const m of text.matchAll(/《([^《》]*)》/g)) assert.ok(titles.has(m[1]), `ghost text wrote 《${m[1]}》 in ${text}`);
  }
  assert.ok(accepted > 100, `${accepted} ghost texts accepted`);
});

// ---------------------------------------------------------------------------------------------
// #15 item 2: quiet completions

test('the list opens by itself only where it owns the position: not after 。, nor after （ or 在 elsewhere', () => {
  assert.ok(!core.TRIGGER_CHARACTERS.includes('。'));
  const char = (c) => ({ kind: 'character', character: c });
  const [t1, o1] = at('　　会议取得成功。|');
  assert.deepEqual(service.complete(t1, o1, undefined, char('。')), []);
  assert.ok(service.complete(t1, o1).length > 0, 'asked for (invoked), the formulas are there');
  assert.ok(service.inlineComplete(t1, o1).length > 0, 'ghost text proposes the opening there');
  const [t2, o2] = at('各方（|');
  assert.deepEqual(service.complete(t2, o2, undefined, char('（')), []);
  const [t3, o3] = at('各方在|');
  assert.deepEqual(service.complete(t3, o3, undefined, char('在')), []);
  assert.deepEqual(service.complete(t3, o3, undefined, { kind: 'incomplete' }), []);
  // where it owns the position, a trigger opens it
  const [t4, o4] = at('各方欢迎《|');
  assert.ok(service.complete(t4, o4, undefined, char('《')).length >= 40);
  const [t5, o5] = at('《上合组织经济论坛构想》（|');
  assert.equal(apply(t5, service.complete(t5, o5, undefined, char('（'))[0]), '《上合组织经济论坛构想》（2021年9月17日，杜尚别）');
});

test('after 在 in a date frame: the places at once, that date\'s first, and no ghost text', () => {
  const [text, offset] = at('　　各代表团团长欢迎2021年9月17日在|');
  const list = service.complete(text, offset, undefined, { kind: 'character', character: '在' });
  assert.ok(list.length >= 5 && list.every((e) => e.kind === 'place'), list.map((e) => e.kind + ' ' + e.label).join(' | '));
  assert.equal(sorted(list)[0].label, '杜尚别');
  assert.deepEqual(service.inlineComplete(text, offset), []);
  // once the place is typed in full, ghost text goes on (通过的《…)
  const [t3, o3] = at('　　各代表团团长认为，应继续落实2019年6月14日在比什凯克|');
  assert.ok(service.inlineComplete(t3, o3).length > 0);
  // one position earlier ghost text proposes the place with its 在
  const [t2, o2] = at('　　各代表团团长欢迎2021年9月17日|');
  const g = service.inlineComplete(t2, o2)[0];
  assert.equal(apply(t2, g), '　　各代表团团长欢迎2021年9月17日在杜尚别');
});

test('nothing equal to what is typed is offered', () => {
  for (const src of ['2018年6月10日在青岛|', '各方欢迎《上合组织经济论坛构想|', '《上合组织经济论坛构想|》', '　　各代表团团长强调，|', '　　各代表团团长|', '在杜尚别|']) {
    const [text, offset] = at(src);
    for (const e of service.complete(text, offset)) {
      const typed = text.slice(e.replace.start, e.replace.end);
      assert.ok(typed === '' || (e.insertText !== typed && e.label !== typed), `${src}: ${e.kind} ${e.label}`);
    }
  }
});

test('details say it plainly in the user\'s language; the documentation shows an example sentence', () => {
  const positions = ['　　会议取得成功。|', '　　各代表团团长|', '　　各代表团团长欢迎2021年9月17日|', '　　各代表团团长强调|', '各方代表在|'];
  for (const [svc, re] of [[service, /times in the corpus|once in the corpus/], [zh, /语料中出现 \d+ 次/]]) {
    let phrases = 0;
    for (const src of positions) {
      const [text, offset] = at(src);
      for (const e of svc.complete(text, offset)) {
        assert.doesNotMatch(e.detail ?? '', /%|×|opener|template ·/, `${src}: ${e.detail}`);
        if (e.kind === 'phrase' || e.kind === 'formula' || e.kind === 'template') {
          assert.match(e.detail, re, `${src}: ${e.detail}`);
          assert.ok(e.documentation && e.documentation.length > 10, `${src}: ${e.label} has an example sentence`);
          phrases++;
        }
      }
    }
    assert.ok(phrases > 10);
  }
  const [t, o] = at('　　会议取得成功。|');
  assert.match(zh.complete(t, o).find((e) => e.kind === 'formula').detail, /^句首套语 · 语料中出现 \d+ 次$/);
});
