// server/src/host/locate.ts: a corpus fact located from its provenance alone (uri, line, column,
// length), without the corpus text — the same range as read from the text, also for facts that run
// over a line break (their ends come from the build: wrappedEnds). Loaded from the TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { locateProvenance, wrappedEnds, buildKnowledgeBase, LineIndex } = source('host/locate', 'core/knowledge/build', 'core/text/positions');

/** Every provenance of the knowledge base's facts. */
function provenances(kb) {
  const out = [];
  for (const i of kb.instruments) out.push(...i.mentions, ...i.adoptions.map((a) => a.provenance));
  for (const x of [...kb.events, ...kb.abbreviations, ...kb.officials]) out.push(x.provenance);
  for (const c of kb.conflicts) out.push(...c.values.map((v) => v.provenance));
  return out;
}

/** The range read from the text, as the server computed it before (toRange over the document's lines). */
function fromText(text, p) {
  const li = new LineIndex(text);
  return { start: li.positionAt(p.offset), end: li.positionAt(p.offset + p.length) };
}

const DOCS = [
  {
    uri: 'file:///c/wrapped.txt',
    text: '　　各方欢迎2021年9月17日在杜尚别\n通过的《上海合作组织\r\n成员国元首理事会杜尚别宣言》。\r\n\n上海合作组织（以下简称“上合\r组织”）成员国。\n　　2019年6月14日在比什凯克通过的《上合组织成员国政府间合作纲要》和《上合组织至2025年发展战略》。\n',
    encoding: 'utf-8',
  },
  {
    uri: 'builtin:/one-line.zh.txt',
    text: '　　2014年9月12日在杜尚别通过的《上合组织成员国政府间国际道路运输便利化协定》具有重要意义。2021年11月25日以视频方式举行的上合组织成员国政府首脑理事会第二十次会议。',
    encoding: 'utf-8',
  },
];

test('every fact: the same range as read from its text, wrapped ones included', () => {
  const kb = buildKnowledgeBase(DOCS, []);
  const wrapped = wrappedEnds(kb, DOCS);
  const all = provenances(kb);
  const texts = new Map(DOCS.map((d) => [d.uri, d.text]));
  const multi = all.filter((p) => /[\r\n]/.test(texts.get(p.uri).slice(p.offset, p.offset + p.length)));
  assert.ok(all.length >= 6, `${all.length} facts`);
  assert.ok(multi.length >= 1, 'some facts run over a line break');
  for (const p of all) {
    const loc = locateProvenance(p, wrapped);
    assert.deepEqual(loc.range, fromText(texts.get(p.uri), p), JSON.stringify(p));
  }
  // Only the wrapped facts' ends travel.
  assert.equal(Object.values(wrapped).reduce((n, ends) => n + Object.keys(ends).length, 0), new Set(multi.map((p) => `${p.uri} ${p.offset + p.length}`)).size);
  // The embedded corpus's uris open the shipped file.
  const builtin = all.find((p) => p.uri.startsWith('builtin:'));
  assert.match(locateProvenance(builtin, wrapped).uri, /^file:\/\/.*one-line\.zh\.txt$/);
});

test('a Word document or a web page: the file itself, at its start', () => {
  const p = { uri: 'file:///c/press.docx', offset: 40, length: 5, line: 3, column: 2, sentence: '…' };
  assert.deepEqual(locateProvenance(p, {}), { uri: 'file:///c/press.docx', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  assert.equal(locateProvenance({ ...p, uri: 'file:///c/page.html' }, {}).range.end.line, 0);
});
