// server/src/convert.ts: the one module converting UTF-16 offsets ↔ LSP positions, findings → LSP.
// convert.ts is part of the server bundle only; the test loads it from its TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const c = source('convert');

test('positions: UTF-16 units, CRLF/LF/CR line ends, astral characters count two', () => {
  const text = 'a《𠀀》\r\nb\rc\nd';
  const li = new c.LineIndex(text);
  assert.deepEqual(c.toPosition(li, 0), { line: 0, character: 0 });
  assert.deepEqual(c.toPosition(li, 4), { line: 0, character: 4 }); // after the surrogate pair
  assert.deepEqual(c.toPosition(li, 7), { line: 1, character: 0 });
  assert.deepEqual(c.toPosition(li, 9), { line: 2, character: 0 });
  assert.deepEqual(c.toPosition(li, 11), { line: 3, character: 0 });
  for (let o = 0; o <= text.length; o++) {
    if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside CRLF
    assert.equal(c.toOffset(li, c.toPosition(li, o)), o, `offset ${o}`);
  }
  // A character past the end of a line clamps to the line end.
  assert.equal(c.toOffset(li, { line: 1, character: 99 }), 8);
});

test('findings → diagnostics (severity, code, locale, related information, data)', () => {
  const text = '　　x\n《上合组织经济论坛的构想》';
  const li = new c.LineIndex(text);
  const f = {
    code: 'title-misquoted',
    severity: 'warning',
    message: { en: 'misquoted', zh: '误引' },
    start: 5,
    end: 16,
    fixes: [],
    provenance: [{ uri: 'builtin:/x.txt', offset: 3, length: 2, line: 0, sentence: '句子' }],
  };
  const locate = (p) => ({ uri: 'file:///x.txt', range: { start: { line: p.line, character: p.offset }, end: { line: p.line, character: p.offset + p.length } } });
  const d = c.toDiagnostic(f, li, 'zh', locate, { index: 0, version: 3 });
  assert.deepEqual(d.range, { start: { line: 1, character: 1 }, end: { line: 1, character: 12 } });
  assert.equal(d.severity, 2);
  assert.equal(d.code, 'title-misquoted');
  assert.equal(d.source, 'chancery');
  assert.equal(d.message, '误引');
  assert.equal(d.relatedInformation[0].location.uri, 'file:///x.txt');
  assert.deepEqual(d.data, { index: 0, version: 3 });
  assert.equal(c.toDiagnostic({ ...f, severity: 'hint' }, li, 'en').severity, 4);
});

test('related information: the same corpus sentence in 401 documents is one entry with a count (#15 item 5)', () => {
  const li = new c.LineIndex('x');
  const same = Array.from({ length: 401 }, (_, i) => ({ uri: `file:///archive/doc${i + 1}.txt`, offset: 3, length: 2, line: 0, column: 3, sentence: '同一句子。' }));
  const other = { uri: 'file:///archive/doc402.txt', offset: 3, length: 2, line: 0, column: 3, sentence: '另一句子。' };
  const f = { code: 'date-mismatch', severity: 'error', message: { en: 'm', zh: 'm' }, start: 0, end: 1, fixes: [], provenance: [...same, other] };
  const locate = (p) => ({ uri: p.uri, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } } });
  const en = c.toDiagnostic(f, li, 'en', locate).relatedInformation;
  assert.deepEqual(en.map((r) => r.message), ['同一句子。 (and 400 more documents)', '另一句子。']);
  assert.equal(en[0].location.uri, 'file:///archive/doc1.txt');
  assert.equal(c.toDiagnostic(f, li, 'zh', locate).relatedInformation[0].message, '同一句子。（另有 400 份文件）');
});

test('code actions carry a versioned edit and the matching diagnostics; applyTextEdits applies them', () => {
  const text = '各方欢迎《上合组织经济论坛的构想》。';
  const li = new c.LineIndex(text);
  const finding = { code: 'title-misquoted', severity: 'warning', message: { en: 'm', zh: 'm' }, start: 5, end: 16, fixes: [] };
  const diag = c.toDiagnostic(finding, li, 'en');
  const a = c.toCodeAction({ title: 'Fix', kind: 'quickfix', preferred: true, edits: [{ start: 13, end: 14, newText: "" }], finding }, 'file:///d', 7, li, [diag]);
  assert.equal(a.kind, 'quickfix');
  assert.equal(a.isPreferred, true);
  assert.deepEqual(a.diagnostics, [diag]);
  const edits = a.edit.documentChanges[0].edits;
  assert.equal(a.edit.documentChanges[0].textDocument.version, 7);
  assert.equal(c.applyTextEdits(text, edits), '各方欢迎《上合组织经济论坛构想》。');
});

test('semantic tokens are encoded relative, split at line ends, overlaps dropped', () => {
  const text = '《甲乙》丙\n丁戊';
  const li = new c.LineIndex(text);
  const data = c.encodeSemanticTokens(
    [
      { start: 0, length: 4, type: 'title' },
      { start: 1, length: 1, type: 'place' }, // inside the title: dropped
      { start: 4, length: 4, type: 'date' }, // crosses the line end: split
    ],
    li,
  );
  assert.deepEqual(data, [0, 0, 4, 0, 0, 0, 4, 1, 1, 0, 1, 0, 2, 1, 0]);
});

test('folding ranges keep paragraphs spanning lines; symbols keep selection inside range', () => {
  const text = 'a\nb\n\nc';
  const li = new c.LineIndex(text);
  assert.deepEqual(c.toFoldingRanges([{ span: { start: 0, end: 3 } }, { span: { start: 5, end: 6 } }], li).map((r) => [r.startLine, r.endLine]), [[0, 1]]);
  const s = c.toDocumentSymbol({ name: ' ', kind: 'paragraph', span: { start: 0, end: 3 }, selectionSpan: { start: 2, end: 9 }, children: [] }, li);
  assert.deepEqual(s.selectionRange, s.range);
  assert.equal(s.name, '…');
});

test('locale: zh for any Chinese locale', () => {
  assert.equal(c.localeOf('zh-cn'), 'zh');
  assert.equal(c.localeOf('zh-TW'), 'zh');
  assert.equal(c.localeOf('en-US'), 'en');
  assert.equal(c.localeOf(undefined), 'en');
});

test('tokensDelta: one edit, on whole tokens, that turns the previous tokens into the new ones', () => {
  const { tokensDelta } = c;
  const apply = (prev, edits) => {
    let out = [...prev];
    for (const e of [...edits].sort((x, y) => y.start - x.start)) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
    return out;
  };
  let seed = 3;
  const rnd = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const tokens = (n) => Array.from({ length: n * 5 }, () => rnd(4));
  for (let round = 0; round < 300; round++) {
    const prev = tokens(rnd(12));
    // the next set: prev with a run of tokens replaced, inserted or removed (or something else entirely)
    const next = [...prev];
    const at = rnd(prev.length / 5 + 1) * 5;
    next.splice(at, rnd(3) * 5, ...tokens(rnd(3)));
    for (const [p, n] of [[prev, next], [prev, tokens(rnd(6))], [prev, prev]]) {
      const edits = tokensDelta(p, n);
      assert.deepEqual(apply(p, edits), n);
      for (const e of edits) assert.ok(e.start % 5 === 0 && e.deleteCount % 5 === 0 && e.data.length % 5 === 0, JSON.stringify(e));
    }
  }
  assert.deepEqual(tokensDelta([0, 1, 2, 0, 0], [0, 1, 2, 0, 0]), []);
  // a token inserted in the middle of a thousand: one small edit
  const big = tokens(1000);
  const edits = tokensDelta(big, [...big.slice(0, 2500), 1, 2, 3, 0, 0, ...big.slice(2500)]);
  assert.deepEqual(edits.map((e) => [e.start, e.deleteCount, e.data.length]), [[2500, 0, 5]]);
});
