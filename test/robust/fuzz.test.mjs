// Differential fuzzing through the protocol, short fixed-seed version for CI (issue 6).
// The full run (≥ 10,000 edits, any seed) is `node scripts/fuzz.mjs --seed N --edits N`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz } from '../harness/fuzz.mjs';

const EDITS = Number(process.env.CHANCERY_FUZZ_EDITS ?? 1500);
const SEED = Number(process.env.CHANCERY_FUZZ_SEED ?? 20211125);

test(`${EDITS} random incremental edits (seed ${SEED}): published diagnostics = from-scratch check, no crash`, { timeout: 240000 }, async () => {
  const res = await runFuzz({ seed: SEED, edits: EDITS, docs: 4, burst: 12 });
  const show = (mm) => `${mm.kind} round ${mm.round} ${mm.uri} v${mm.version}: ${mm.diff}\ntext: ${JSON.stringify(mm.text.slice(0, 300))}`;
  assert.equal(res.error, undefined, `harness stopped: ${res.error}\nstderr: ${res.stderr}`);
  assert.equal(res.alive, true, 'server alive at the end');
  assert.equal(res.edits, EDITS);
  assert.ok(res.comparisons >= 4 * 20, `enough comparisons (${res.comparisons})`);
  assert.ok(res.usedCoreOracle && res.oracleComparisons === res.comparisons, 'every round also compared with the core run from scratch');
  assert.deepEqual(res.mismatches.map(show), [], 'incremental diagnostics equal the from-scratch ones');
  assert.equal(res.staleOverwrites, 0, 'no stale diagnostics after the newest version');
  assert.deepEqual(res.requestErrors, [], 'hover/completion requests during edits never fail');
  assert.deepEqual(res.invalidResponses, [], 'every response is one a strict client accepts (ranges, symbol nesting, token encoding)');
  assert.deepEqual(res.errorLogs, [], 'no errors logged by the server');
  assert.equal(res.exitCode, 0, 'clean shutdown');
});


test('500 edits with non-default settings (severity overrides, disabled codes, accepted titles): server = core with the same options', { timeout: 120000 }, async () => {
  const { CUSTOM_SETTINGS } = await import('../harness/fuzz.mjs');
  const res = await runFuzz({ seed: SEED + 1, edits: 500, docs: 4, burst: 12, settings: CUSTOM_SETTINGS });
  assert.equal(res.error, undefined, `harness stopped: ${res.error}\nstderr: ${res.stderr}`);
  assert.ok(res.usedCoreOracle, 'compared with the core too');
  assert.deepEqual(res.mismatches.map((mm) => `${mm.kind} round ${mm.round} v${mm.version}: ${mm.diff}`), []);
  assert.deepEqual(res.requestErrors, []);
  assert.deepEqual(res.invalidResponses, []);
  assert.equal(res.alive, true);
});

test('2000 edits with pull diagnostics (textDocument/diagnostic): answers = from-scratch check, nothing pushed', { timeout: 120000 }, async () => {
  const res = await runFuzz({ seed: SEED + 2, edits: 2000, docs: 4, burst: 12, pull: true });
  assert.equal(res.error, undefined, `harness stopped: ${res.error}\nstderr: ${res.stderr}`);
  assert.ok(res.usedCoreOracle);
  assert.deepEqual(res.mismatches.map((mm) => `${mm.kind} round ${mm.round} v${mm.version}: ${mm.diff}`), []);
  assert.equal(res.staleOverwrites, 0, 'no publishDiagnostics to a client that pulls');
  assert.deepEqual(res.requestErrors, []);
  assert.deepEqual(res.invalidResponses, []);
  assert.equal(res.alive, true);
});

test('800 edits with every document over 2,000 characters checked in the check worker (push and pull): answers = from-scratch check', { timeout: 180000 }, async () => {
  // The worker takes drafts of CHECK_WORKER_MIN_CHARS (200,000) and more; lowering it makes the
  // fuzzed documents (2,000–12,000 characters) go through the worker.
  const env = { CHANCERY_CHECK_WORKER_MIN_CHARS: '2000' };
  for (const pull of [false, true]) {
    const res = await runFuzz({ seed: SEED + 3, edits: 400, docs: 4, burst: 12, pull, env });
    assert.equal(res.error, undefined, `harness stopped: ${res.error}\nstderr: ${res.stderr}`);
    assert.ok(res.usedCoreOracle && res.oracleComparisons === res.comparisons);
    assert.deepEqual(res.mismatches.map((mm) => `${mm.kind} round ${mm.round} v${mm.version}: ${mm.diff}`), [], pull ? 'pull' : 'push');
    assert.equal(res.staleOverwrites, 0);
    assert.deepEqual(res.requestErrors, []);
    assert.deepEqual(res.errorLogs, []);
    assert.ok(res.logs.some((l) => /in a worker thread/.test(l)), 'the check worker was started');
    assert.ok(!res.logs.some((l) => /on the main thread/.test(l)), 'and never fell back to the main thread');
    assert.equal(res.alive, true);
  }
});
