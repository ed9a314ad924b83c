// server/src/host/textSync.ts: a change's edits applied in one pass when they allow it (#12 item 7).
// Property test: on random texts (LF, CRLF, CR, empty lines) and random edit lists — in the order
// an editor sends a multi-cursor edit, in random order, overlapping, out of range, reversed, with
// line breaks in the inserted text — the text equals TextDocument.update's, edit by edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { source } from '../harness/sources.mjs';
import { mulberry32 } from '../harness/prng.mjs';

const { updateDocument, inOnePass } = source('host/textSync');
// The copy of the library the module uses (TextDocument.update takes only documents its own copy created).
const { TextDocument } = createRequire(import.meta.url)('vscode-languageserver-textdocument');

const PIECES = ['甲', '乙丙', 'ab', '\n', '\r\n', '\r', '', '《', '》', '\n\n', 'x\r', '\ny'];

function randomText(r, n) {
  let s = '';
  while (s.length < n) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

/** A position in `doc`, sometimes out of range (past the line, past the end, negative). */
function randomPosition(r, doc, wild) {
  if (wild && r() < 0.15) {
    const pick = Math.floor(r() * 4);
    if (pick === 0) return { line: doc.lineCount + Math.floor(r() * 3), character: Math.floor(r() * 5) };
    if (pick === 1) return { line: Math.floor(r() * doc.lineCount), character: 1000 };
    if (pick === 2) return { line: -1, character: 2 };
    return { line: Math.floor(r() * doc.lineCount), character: -3 };
  }
  return doc.positionAt(Math.floor(r() * (doc.getText().length + 1)));
}

/** Edits as a multi-cursor edit sends them: non-overlapping, last in the document first. */
function cursorEdits(r, doc, n) {
  const len = doc.getText().length;
  const offsets = [...new Set(Array.from({ length: n * 2 }, () => Math.floor(r() * (len + 1))))].sort((a, b) => b - a);
  const edits = [];
  for (let i = 0; i + 1 < offsets.length && edits.length < n; i += 2) {
    const [end, start] = [offsets[i], r() < 0.5 ? offsets[i] : offsets[i + 1]];
    edits.push({ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: randomText(r, Math.floor(r() * 3)) });
  }
  return edits;
}

function sequential(text, changes) {
  const ref = TextDocument.create('file:///ref', 'communique', 1, text);
  return TextDocument.update(ref, changes, 2).getText();
}

test('random edit lists: the same text as TextDocument.update, edit by edit', () => {
  const r = mulberry32(12);
  let fast = 0;
  let total = 0;
  for (let round = 0; round < 4000; round++) {
    const text = randomText(r, Math.floor(r() * 60));
    const doc = TextDocument.create('file:///d', 'communique', 1, text);
    const kind = round % 4;
    let changes;
    if (kind === 0) changes = cursorEdits(r, doc, 1 + Math.floor(r() * 8));
    else if (kind === 1) {
      // random ranges in random order, some out of range or reversed
      changes = Array.from({ length: 1 + Math.floor(r() * 6) }, () => ({
        range: { start: randomPosition(r, doc, true), end: randomPosition(r, doc, true) },
        text: randomText(r, Math.floor(r() * 4)),
      }));
    } else if (kind === 2) {
      // descending, then one that reaches into what an earlier one inserted
      changes = cursorEdits(r, doc, 3);
      changes.push({ range: { start: randomPosition(r, doc, false), end: randomPosition(r, doc, false) }, text: randomText(r, 2) });
    } else {
      // a full-text change among incremental ones
      changes = cursorEdits(r, doc, 2);
      changes.splice(Math.floor(r() * (changes.length + 1)), 0, { text: randomText(r, 10) });
    }
    const expected = sequential(text, changes);
    const onePass = inOnePass(doc, changes) !== undefined;
    if (onePass) fast++;
    total++;
    const got = updateDocument(doc, changes, 2);
    assert.equal(got.getText(), expected, `round ${round}: ${JSON.stringify(text)} ${JSON.stringify(changes)}`);
    assert.equal(got.version, 2);
    if (!onePass) continue;
    // In one pass the document's line index is that of a fresh document. (One by one, it is what
    // TextDocument.update keeps, which past-the-end positions can leave wrong: not ours to change.)
    const fresh = TextDocument.create('file:///f', 'communique', 2, expected);
    assert.equal(got.lineCount, fresh.lineCount);
    for (let off = 0; off <= expected.length; off += 3) assert.deepEqual(got.positionAt(off), fresh.positionAt(off));
  }
  assert.ok(fast > total / 5, `a good share went the one-pass way (${fast} of ${total})`);
});

test('a multi-cursor edit is applied in one pass; one that is not in document order one by one', () => {
  const doc = TextDocument.create('file:///d', 'communique', 1, '甲乙\n丙丁\r\n戊己');
  const down = [
    { range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, text: 'x' },
    { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, text: 'x' },
    { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' },
  ];
  assert.equal(inOnePass(doc, down), '甲x乙\n丙x丁\r\n戊x己');
  assert.equal(inOnePass(doc, [...down].reverse()), undefined);
  // past the end of a line: TextDocument clamps it, and may clamp it elsewhere after an edit
  assert.equal(inOnePass(doc, [down[0], { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, text: 'y' }]), undefined);
  // a CR before the place of the previous edit could join the LF it brings: one by one
  const cr = TextDocument.create('file:///d', 'communique', 1, 'a\rb');
  const joins = [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\nz' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'q' },
  ];
  assert.equal(inOnePass(cr, joins), undefined);
  assert.equal(updateDocument(cr, joins, 2).getText(), sequential('a\rb', joins));
});
