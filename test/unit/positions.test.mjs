// Unit tests of core/text/positions.ts: UTF-16 offsets ↔ line/character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { LineIndex } = core;

test('LF, CRLF and lone CR all end lines', () => {
  const t = 'ab\ncd\r\nef\rgh';
  const li = new LineIndex(t);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(5), { line: 1, character: 2 }); // the CR of CRLF
  assert.deepEqual(li.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(li.positionAt(10), { line: 3, character: 0 });
  assert.deepEqual(li.positionAt(12), { line: 3, character: 2 });
  for (let o = 0; o <= t.length; o++) {
    const p = li.positionAt(o);
    if (o === 6) continue; // between CR and LF: not addressable
    assert.equal(li.offsetAt(p), o, `offset ${o}`);
  }
});

test('clamping at both ends and past line ends', () => {
  const li = new LineIndex('一二三\r\n四五');
  assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(99), { line: 1, character: 2 });
  assert.equal(li.offsetAt({ line: 0, character: 99 }), 3); // before \r\n
  assert.equal(li.offsetAt({ line: 9, character: 0 }), 7);
  assert.equal(li.offsetAt({ line: -1, character: 0 }), 0);
});

test('UTF-16 units: astral characters count two', () => {
  const t = 'a😀b\n《𠀀》';
  const li = new LineIndex(t);
  assert.deepEqual(li.positionAt(3), { line: 0, character: 3 });
  assert.deepEqual(li.positionAt(t.indexOf('》')), { line: 1, character: 3 });
  assert.equal(li.offsetAt({ line: 1, character: 3 }), t.indexOf('》'));
});

test('empty text and trailing newline', () => {
  assert.equal(new LineIndex('').lineCount, 1);
  const li = new LineIndex('x\n');
  assert.equal(li.lineCount, 2);
  assert.deepEqual(li.positionAt(2), { line: 1, character: 0 });
});
