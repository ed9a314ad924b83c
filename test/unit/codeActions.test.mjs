import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service, zh, applyEdits } from './service-fixture.mjs';

const fixOnce = (s, text, code) => {
  const findings = s.diagnose(text);
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `${code} in ${JSON.stringify(findings.map((x) => x.code))}`);
  const actions = s.codeActions(text, { start: f.start, end: f.end }, findings).filter((a) => a.finding === f);
  assert.ok(actions.length >= 1, 'one quick fix per finding');
  return { f, actions, fixed: applyEdits(text, actions[0].edits) };
};

test('quick fix for a misquoted title: preferred, applied gives the corpus title, then no finding', () => {
  const text = '　　各方欢迎《上合组织经济论坛的构想》。';
  const { actions, fixed } = fixOnce(service, text, 'title-misquoted');
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].preferred, true);
  assert.equal(fixed, '　　各方欢迎《上合组织经济论坛构想》。');
  assert.deepEqual(service.diagnose(fixed).filter((x) => x.code.startsWith('title')), []);
});

test('quick fixes for wrong date and place of adoption', () => {
  const text = '　　2021年9月18日在莫斯科批准的《上合组织经济论坛构想》。';
  const d = fixOnce(service, text, 'date-mismatch');
  assert.equal(d.fixed, '　　2021年9月17日在莫斯科批准的《上合组织经济论坛构想》。');
  const p = fixOnce(service, d.fixed, 'place-mismatch');
  assert.equal(p.fixed, '　　2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。');
  assert.deepEqual(service.diagnose(p.fixed), []);
});

test('"insert the full reference" for an undated mention of a known instrument', () => {
  const text = '　　各方欢迎《上合组织经济论坛构想》。';
  const actions = service.codeActions(text, { start: 8, end: 8 }, service.diagnose(text));
  const ins = actions.find((a) => /full reference/.test(a.title));
  assert.ok(ins, JSON.stringify(actions));
  assert.equal(applyEdits(text, ins.edits), '　　各方欢迎2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。');
  const dated = '　　2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。';
  assert.ok(!service.codeActions(dated, { start: 25, end: 25 }, []).some((a) => /full reference/.test(a.title)), 'not for a dated mention');
  assert.ok(!service.codeActions('《不在知识库里的文件》', { start: 2, end: 2 }, []).length, 'not for an unknown title');
  assert.match(zh.codeActions(text, { start: 8, end: 8 }, [])[0].title, /插入完整引用/);
});

test('only findings touching the range get actions', () => {
  const text = '　　各方欢迎《上合组织经济论坛的构想》。\n　　普通句子。';
  const findings = service.diagnose(text);
  const far = service.codeActions(text, { start: text.length - 2, end: text.length - 1 }, findings);
  assert.deepEqual(far, []);
});

test('"accept as written": the inline marker is added (plain line, Markdown comment, or an existing marker line) and the finding goes', () => {
  const accept = (text) => {
    const findings = service.diagnose(text);
    const a = service.codeActions(text, { start: 0, end: text.length }, findings).find((x) => /^Accept /.test(x.title));
    assert.ok(a, JSON.stringify(findings));
    assert.equal(a.kind, 'quickfix');
    assert.ok(!a.preferred);
    return applyEdits(text, a.edits);
  };
  const txt = accept('　　各方欢迎《上合组织经济论坛的构想》。');
  assert.equal(txt, '　　各方欢迎《上合组织经济论坛的构想》。\nchancery-accept: 《上合组织经济论坛的构想》\n');
  assert.deepEqual(service.diagnose(txt), []);
  const md = accept('# 草稿\n\n各方欢迎《上合组织经济论坛的构想》。\n');
  assert.match(md, /\n<!-- chancery-accept: 《上合组织经济论坛的构想》 -->\n$/);
  assert.deepEqual(service.diagnose(md), []);
  const more = accept('各方欢迎《上合组织经济论坛的构想》。\nchancery-accept: 《甲》\n');
  assert.equal(more, '各方欢迎《上合组织经济论坛的构想》。\nchancery-accept: 《甲》 《上合组织经济论坛的构想》\n');
});
