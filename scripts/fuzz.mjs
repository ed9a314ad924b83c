#!/usr/bin/env node
// Differential fuzzing of the Chancery language server through the protocol (issue 6).
//
//   node scripts/fuzz.mjs [--seed N] [--edits N] [--docs N] [--burst N] [--server dist/server.js] [--verbose]
//
// Spawns `node dist/server.js --stdio`, opens several documents and applies random incremental
// edits (didChange with ranges: inserts, deletes, pastes of corpus fragments, stray brackets,
// CRLF/LF/CR mixes, Chinese-numeral and invalid dates, half-width punctuation, surrogates). The
// client keeps its own copy of each text with the reference implementation of incremental sync
// (vscode-languageserver-textdocument's TextDocument.update). After each burst it waits for the
// diagnostics the server publishes for the document's latest version and asserts that they equal
//   (a) the diagnostics of a FRESH document opened with the same text (full sync, no history), and
//   (b) a from-scratch `diagnose` of the same text by the core itself (its sources), with the
//       same embedded corpus, converted to LSP ranges with the reference TextDocument.
// It also asserts that the server process stays alive and answers requests (hover, completion)
// and that a stale result never overwrites a newer one. Exit code 0 = no divergence, no crash.
//
// The fuzzer itself is test/harness/fuzz.mjs (shared with the robustness tests); this is its command line.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFuzz, CUSTOM_SETTINGS } from '../test/harness/fuzz.mjs';

function parseArgs(argv) {
  const a = { seed: 1, edits: 10000, docs: 4, burst: 12, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--seed') (a.seed = Number(v)), i++;
    else if (k === '--edits') (a.edits = Number(v)), i++;
    else if (k === '--docs') (a.docs = Number(v)), i++;
    else if (k === '--burst') (a.burst = Number(v)), i++;
    else if (k === '--server') (a.serverPath = path.resolve(v)), i++;
    else if (k === '--no-core') a.useCore = false;
    else if (k === '--custom-settings') a.settings = CUSTOM_SETTINGS;
    else if (k === '--pull') a.pull = true;
    else if (k === '--server-node-args') (a.nodeArgs = v.split(/\s+/).filter(Boolean)), i++;
    else if (k === '--verbose' || k === '-v') a.verbose = true;
    else if (k === '--help' || k === '-h') {
      console.log('usage: node scripts/fuzz.mjs [--seed N] [--edits N] [--docs N] [--burst N] [--custom-settings] [--pull] [--server path] [--server-node-args "--max-old-space-size=128"] [--no-core] [--verbose]');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const a = parseArgs(process.argv.slice(2));
  const res = await runFuzz({ ...a, rssAt: [100, a.edits], log: a.verbose ? (s) => console.error(s) : (s) => console.error(s.split('\n')[0]) });
  const waits = res.waitMs.slice().sort((x, y) => x - y);
  const q = (p) => (waits.length ? waits[Math.min(waits.length - 1, Math.floor(p * waits.length))].toFixed(0) : '-');
  console.log(
    [
      `seed ${res.seed}: ${res.edits} edits in ${res.rounds} rounds on ${a.docs} documents, ${(res.ms / 1000).toFixed(1)} s`,
      `  reopened documents: ${res.reopens ?? 0}; knowledge-base rebuilds during edits: ${res.rebuilds ?? 0}; requests probed: ${res.probes ?? 0}; quick fixes applied: ${res.fixesApplied ?? 0}`,
      `  comparisons incremental=fresh: ${res.comparisons}; server=core: ${res.oracleComparisons}${res.usedCoreOracle ? '' : ' (core oracle unavailable)'}`,
      `  mismatches: ${res.mismatches.length}; stale overwrites: ${res.staleOverwrites}; request errors: ${res.requestErrors.length}; invalid responses: ${res.invalidResponses.length}; error logs: ${res.errorLogs.length}`,
      `  diagnostics wait per round p50 ${q(0.5)} ms, p95 ${q(0.95)} ms; largest document ${res.maxDocLength} chars`,
      `  server RSS: ${Object.entries(res.rss).map(([k, v]) => `after ${k} edits ${v} kB`).join(', ')}`,
      `  server alive at end: ${res.alive}; exit code ${res.exitCode}`,
      res.error ? `  ERROR: ${res.error}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  for (const mm of res.mismatches.slice(0, 3)) console.log(`\n--- ${mm.kind} round ${mm.round} ${mm.uri} v${mm.version}\n${mm.diff}\ntext (${mm.text.length}): ${JSON.stringify(mm.text.slice(0, 600))}`);
  for (const e of res.requestErrors.slice(0, 5)) console.log(`request error: ${e}`);
  for (const e of res.invalidResponses.slice(0, 8)) console.log(`invalid response: ${e}`);
  if (res.invalidSamples?.length) {
    const file = path.join(tmpdir(), `chancery-fuzz-invalid-${res.seed}.json`);
    writeFileSync(file, JSON.stringify(res.invalidSamples, null, 1));
    console.log(`texts of the first invalid responses: ${file}`);
  }
  for (const e of res.errorLogs.slice(0, 5)) console.log(`error log: ${e.slice(0, 500)}`);
  const ok = !res.error && res.mismatches.length === 0 && res.requestErrors.length === 0 && res.invalidResponses.length === 0 && res.staleOverwrites === 0 && res.alive;
  process.exit(ok ? 0 : 1);
}

