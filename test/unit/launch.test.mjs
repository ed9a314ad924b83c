// server/launch.json: the node options and environment the VS Code client starts the server with
// (memory for long sessions; bench/robust.mjs memory). A flag node does not know would keep the
// server from starting at all, so each is tried on this node, and the bundled client must carry them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAUNCH, ROOT, DIST } from '../harness/lspShared.mjs';
import { LspServer } from '../harness/lspServer.mjs';

test('launch.json: node accepts every option, the environment is strings, the client bundle carries both', () => {
  assert.ok(Array.isArray(LAUNCH.execArgv) && LAUNCH.execArgv.length > 0);
  for (const flag of LAUNCH.execArgv) {
    assert.match(flag, /^--[a-z0-9-]+(=\S+)?$/);
    const r = spawnSync(process.execPath, [flag, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `node ${flag}: ${r.stderr}`);
    assert.equal(r.stderr, '', `node ${flag} warns: ${r.stderr}`);
  }
  for (const [k, v] of Object.entries(LAUNCH.env)) assert.ok(/^[A-Z_]+$/.test(k) && typeof v === 'string', `${k}=${v}`);
  const client = readFileSync(path.join(DIST, 'extension.js'), 'utf8');
  for (const s of [...LAUNCH.execArgv, ...Object.keys(LAUNCH.env)]) assert.ok(client.includes(s), `dist/extension.js carries ${s}`);
  assert.ok(ROOT);
});

test('the server starts with the launch options and environment, and checks a draft', { timeout: 120000 }, async () => {
  const server = await LspServer.start({ nodeArgs: LAUNCH.execArgv, env: LAUNCH.env });
  try {
    const r = await server.openAndWait('file:///tmp/chancery-launch/draft.communique', '　　2021年2月30日在杜尚别通过的《上合组织经济论坛的构想》。', 'communique', 60000);
    assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['date-invalid', 'title-misquoted', 'verb-mismatch']); // the corpus says 批准
    assert.equal(server.exited, false);
  } finally {
    await server.stop();
  }
});
