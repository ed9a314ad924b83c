#!/usr/bin/env node
// `npm run bench`: the core benchmark (bench/core.mjs), then the language-server one
// (bench/lsp.mjs) and the robustness one (bench/robust.mjs) when present. Each runs in its own process; arguments are passed through.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let status = 0;
for (const name of ['core.mjs', 'lsp.mjs', 'robust.mjs']) {
  const file = path.join(here, name);
  if (!existsSync(file)) continue;
  console.log(`\n== bench/${name} ==`);
  const r = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exitCode = status;
