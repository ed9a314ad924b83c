// The keystroke-savings evaluation (scripts/eval-phrasing.mjs) measures what it says: text that the
// training folds hold verbatim is mostly accepted from completions, text that nothing predicts is
// typed character by character, and the learning curve grows with the training text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/eval-phrasing.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'chancery-eval-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function evaluate(name, paragraphs, ...flags) {
  const file = path.join(dir, name);
  writeFileSync(file, paragraphs.join('\n') + '\n');
  return JSON.parse(execFileSync(process.execPath, [script, '--json', ...flags, file], { encoding: 'utf8' }));
}

const formula = '各代表团团长强调，应继续落实2021年9月17日在杜尚别通过的《甲乙丙丁合作协定》，深化务实合作。';

test('a paragraph the training folds hold verbatim is mostly accepted from completions', () => {
  const r = evaluate('repeated.txt', Array(9).fill(formula), '--folds', '3');
  assert.equal(r.overall.chars, 9 * formula.length);
  assert.ok(r.overall.keystrokes < r.overall.chars);
  assert.ok(r.overall.savings > 0.6, `savings ${r.overall.savings}`);
  assert.ok(r.overall.top1 > 0.5, `top-1 ${r.overall.top1}`);
  // savings are 1 − keystrokes / characters, per fold and overall
  for (const f of r.results) assert.equal(f.savings, 1 - f.keystrokes / f.chars);
});

test('text that nothing predicts is typed character by character', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // every ideograph at most once: no context ever recurs, in the training folds or in the draft
  const pool = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(0x4e00 + i));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const paragraphs = Array.from({ length: 9 }, (_, p) => pool.slice(p * 40, p * 40 + 40).join(''));
  const r = evaluate('random.txt', paragraphs, '--folds', '3');
  assert.equal(r.overall.chars, 360);
  assert.equal(r.overall.keystrokes, 360);
  assert.equal(r.overall.savings, 0);
});

test('--curve: savings grow with the share of the training text', () => {
  const varied = Array.from({ length: 12 }, (_, i) => formula.replace('甲乙丙丁', '甲乙丙丁戊己庚辛'.slice(i % 4, (i % 4) + 4)));
  const { curve } = evaluate('curve.txt', varied, '--folds', '3', '--curve');
  assert.deepEqual(curve.points.map((p) => p.fraction), [0, 1 / 8, 1 / 4, 1 / 2, 3 / 4, 1]);
  assert.equal(curve.points[0].trainChars, 0);
  const first = curve.points[0].savings;
  const last = curve.points.at(-1).savings;
  assert.ok(last > first, `savings with all training paragraphs ${last} vs none ${first}`);
  assert.ok(curve.perDoubling > 0);
});

test('a corpus folder of Word documents is evaluated as the product reads it; too few paragraphs is a clear error', () => {
  const { zipSync, strToU8 } = createRequire(import.meta.url)('fflate');
  const folder = path.join(dir, 'word');
  mkdirSync(folder);
  const xml = (paras) =>
    '<?xml version="1.0"?><w:document xmlns:w="w"><w:body>' + paras.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('') + '</w:body></w:document>';
  writeFileSync(path.join(folder, 'a.docx'), zipSync({ 'word/document.xml': strToU8(xml(Array(9).fill(formula))) }));
  const r = JSON.parse(execFileSync(process.execPath, [script, '--json', '--folds', '3', folder], { encoding: 'utf8' }));
  assert.equal(r.paragraphs, 9);
  assert.ok(r.overall.savings > 0.6, `savings ${r.overall.savings}`);
  const few = spawnSync(process.execPath, [script, '--folds', '20', folder], { encoding: 'utf8' });
  assert.equal(few.status, 2);
  assert.match(few.stderr, /9 paragraph\(s\) in the corpus, fewer than the 20 folds/);
});
