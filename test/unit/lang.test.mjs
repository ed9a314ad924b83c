// server/src/core/lang: every registered Language keeps the constraints its interface states (the
// scanners compile their tables from it), the Chinese hooks, the code-unit helpers, and the rule
// that no word of a language is written in core/scan, core/knowledge or core/text/normalize.ts.
// lang/ is not a bundle of its own; the test loads it from its TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const core = path.join(root, 'server/src/core');
const lang = source('core/lang/index', 'core/lang/codeUnits');

const oneUnitEach = (s) => [...s].every((ch) => ch.length === 1);

test('every registered language keeps the constraints of the Language interface', () => {
  assert.ok(Object.keys(lang.LANGUAGES).length >= 1);
  assert.ok(Object.values(lang.LANGUAGES).includes(lang.TEXT_LANGUAGE));
  for (const [id, L] of Object.entries(lang.LANGUAGES)) {
    assert.equal(L.id, id);
    // Two code units: the event scanner and the landmarks pass rely on it.
    for (const t of L.events.triggers) assert.equal(t.length, 2, `${id} trigger ${t}`);
    assert.equal(L.frames.attributive.length, 1);
    assert.equal(L.punctuation.fullStop.length, 1);
    assert.equal(L.punctuation.titleMarks.length, 2);
    assert.equal(L.punctuation.innerTitleMarks.length, 2);
    for (const s of [L.frames.verbParticles, L.places.prepositions, L.places.notPrepositionAfter, L.places.notPlaceEnd, L.places.joiners, L.dateMarks.chars, L.dateMarks.ends, L.dateMarks.units, L.abbreviations.fullNameCuts, L.officials.segmentSeparators, L.officials.leadingConjunctions])
      assert.ok(oneUnitEach(s), `${id}: ${s}`);
    assert.equal(L.punctuation.openParens.length, L.punctuation.closeParens.length);
    assert.equal(L.punctuation.innerTitleOpeners.length, L.punctuation.innerTitleClosers.length);
    assert.equal(L.abbreviations.quotesOpen.length, L.abbreviations.quotesClose.length);
    assert.ok(L.abbreviations.declaration.global);
    // Every date ends with one of `ends`, and `units` and `ends` are date characters.
    for (const ch of L.dateMarks.ends + L.dateMarks.units) assert.ok(L.dateMarks.chars.includes(ch), ch);
    // Role nouns longest first: their alternation matches the longest role.
    const lengths = L.officials.roleNouns.map((r) => r.length);
    assert.deepEqual(lengths, [...lengths].sort((a, b) => b - a));
    for (const [from, to] of L.punctuation.fullWidthFolded) assert.ok(from <= to);
    // A place end is either never one or ambiguous, not both; both lists one unit each.
    assert.ok(oneUnitEach(L.places.ambiguousEnds));
    for (const ch of L.places.ambiguousEnds) assert.ok(!L.places.notPlaceEnd.includes(ch), ch);
    // Adverbs after a title are tried in order: longest first.
    const adverbs = L.frames.rightAdverbs.map((w) => w.length);
    assert.deepEqual(adverbs, [...adverbs].sort((a, b) => b - a));
    // What is compared with folded text is written in the folded script.
    for (const w of [...L.officials.roleNouns, ...L.officials.honorifics, ...L.officials.trailingVerbs, ...L.abbreviations.memberWords])
      assert.equal(L.script.fold(w), w, `${id}: ${w}`);
    // Attendance verbs are searched in the text as written: every script's form is listed.
    for (const w of L.officials.attendanceVerbs) assert.ok(L.officials.attendanceVerbs.includes(L.script.fold(w)), `${id}: ${w}`);
    assert.ok(L.frames.distributives.length && L.events.meetingVerbs.length && L.events.citingVerbs.length && L.instruments.selfReferences.length && L.instruments.anaphora.length);
    for (const [k, v] of Object.entries(L.punctuation.folds)) assert.equal(k.length === 1 && v.length === 1, true, k);
  }
});

test('zh: the grammar hooks', () => {
  const zh = lang.LANGUAGES.zh;
  assert.equal(zh.events.isRelativeName('下一次会议'), true);
  assert.equal(zh.events.isRelativeName('本届论坛'), true);
  assert.equal(zh.events.isRelativeName('第二十次会议'), false);
  assert.deepEqual(zh.events.lastSession('第三届第二十次会议'), { value: 20, index: 3, length: 4 });
  assert.equal(zh.events.withoutSession('第二十次会议', '#'), '#会议');
  assert.equal(zh.abbreviations.withoutDeclarations('上海合作组织（以下简称“上合组织”）峰会'), '上海合作组织峰会');
  assert.equal(zh.abbreviations.withoutDeclarations('上合组织峰会'), '上合组织峰会');
  assert.equal(zh.script.fold('上合組織'), '上合组织');
  assert.equal(zh.chars.isWordUnit('组'.charCodeAt(0)), true);
  assert.equal(zh.chars.isWordUnit('，'.charCodeAt(0)), false);
  assert.equal(zh.chars.isInlineSpace(0x3000), true);
});

test('code-unit tables and classes', () => {
  const t = lang.unitSet('在于');
  assert.equal(t['在'.charCodeAt(0)], 1);
  assert.equal(t['和'.charCodeAt(0)], 0);
  assert.equal(lang.firstUnits(['举行'])['举'.charCodeAt(0)], 1);
  assert.equal(lang.lastUnits(['举行'])['行'.charCodeAt(0)], 1);
  assert.equal(lang.unitOf('的'), '的'.charCodeAt(0));
  assert.throws(() => lang.unitOf('期间'));
  assert.ok(new RegExp(`^[${lang.classOf('-]^\\')}]+$`).test('-]^\\'));
});

test('no word of a language is written in core/scan, core/knowledge or core/text/normalize.ts', () => {
  const files = [
    ...readdirSync(path.join(core, 'scan')).map((f) => path.join(core, 'scan', f)),
    ...readdirSync(path.join(core, 'knowledge')).map((f) => path.join(core, 'knowledge', f)),
    path.join(core, 'text/normalize.ts'),
  ].filter((f) => f.endsWith('.ts'));
  const found = [];
  for (const f of files) {
    // Comments may show examples; code may not name a word. Messages of the interface's locales
    // (`zh: '…'` in an {en, zh} value) are user-interface text, not vocabulary of the texts.
    const code = readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const line of code.split('\n')) if (/[\u3000-\u9fff\uff00-\uffef]/.test(line) && !/\bzh: '/.test(line)) found.push(`${path.relative(root, f)}: ${line.trim()}`);
  }
  assert.deepEqual(found, []);
});
