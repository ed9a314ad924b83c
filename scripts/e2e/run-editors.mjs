#!/usr/bin/env node
// npm run test:editors — every real-editor test, one after the other, with the time each takes:
//   tools      scripts/e2e/install-tools.sh (apt + npm, cached: ~1 s when installed)
//   package    npm run package → chancery.vsix (built once, shared by the next two)
//   vscode     scripts/e2e/run-vscode.mjs: the mocha suite in code-server's extension host
//   ui-hover   scripts/e2e/ui-hover.mjs: hover widget in the browser + test-results/hover.png
//   nvim       scripts/e2e/run-nvim.sh: Neovim's LSP client against dist/server.js
//   emacs      scripts/e2e/run-emacs.sh: Emacs + eglot against dist/server.js
// All parts run even when one fails; the exit code is non-zero when any failed.
// CHANCERY_EDITORS=vscode,nvim runs a subset (tools and package always run when needed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO, installTools, packageVsix } from './lib.mjs';

const only = process.env.CHANCERY_EDITORS ? new Set(process.env.CHANCERY_EDITORS.split(',').map((s) => s.trim())) : undefined;
const wanted = (name) => !only || only.has(name);
const results = [];

function part(name, fn) {
  if (!wanted(name) && !['tools', 'package'].includes(name)) return;
  const t0 = performance.now();
  console.log(`\n[editors] ── ${name} ──`);
  let ok = false;
  let detail = '';
  try {
    ok = fn() !== false;
  } catch (e) {
    detail = e?.message ?? String(e);
    console.error(`[editors] ${name}: ${detail}`);
  }
  const s = (performance.now() - t0) / 1000;
  results.push({ name, ok, s });
  console.log(`[editors] ${name}: ${ok ? 'ok' : 'FAILED'} in ${s.toFixed(1)} s`);
  return ok;
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${path.basename(args[0] ?? cmd)} exited with ${r.status ?? r.signal}`);
  return true;
}

const t0 = performance.now();
let codeServer;
let vsix;
const toolsOk = part('tools', () => {
  codeServer = installTools();
});
const needVsix = wanted('vscode') || wanted('ui-hover');
const pkgOk = needVsix ? part('package', () => {
  vsix = packageVsix();
  console.log(`[editors] vsix: ${path.relative(REPO, vsix)}`);
}) : true;
const shared = { CHANCERY_CODE_SERVER: codeServer ?? '', CHANCERY_VSIX: vsix ?? '' };

if (toolsOk && pkgOk) {
  part('vscode', () => run('node', ['scripts/e2e/run-vscode.mjs'], shared));
  part('ui-hover', () => run('node', ['scripts/e2e/ui-hover.mjs'], shared));
}
if (toolsOk) {
  // The nvim/emacs tests use dist/server.js; `npm run package` has just built it (or build now).
  if (!needVsix) spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  part('nvim', () => run('bash', ['scripts/e2e/run-nvim.sh']));
  part('emacs', () => run('bash', ['scripts/e2e/run-emacs.sh']));
}

console.log('\n[editors] part        result   time');
for (const r of results) console.log(`[editors] ${r.name.padEnd(10)}  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.s.toFixed(1).padStart(6)} s`);
console.log(`[editors] total                ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
const tests = results.filter((r) => !['tools', 'package'].includes(r.name));
const failed = results.filter((r) => !r.ok).length;
console.log(`editors: ${tests.filter((r) => r.ok).length} passed, ${tests.filter((r) => !r.ok).length} failed`);
process.exit(failed ? 1 : 0);
