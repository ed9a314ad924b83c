#!/usr/bin/env node
// npm run test:vscode-desktop — the SAME extension test suite (test/e2e/suite) in desktop VS Code,
// through @vscode/test-electron, for contributors whose machine can download VS Code
// (it cannot run on the CI machine, which reaches only the npm registry and Debian's apt:
// there, npm run test:vscode runs the suite in code-server instead).
//
// As in run-vscode.mjs, what is tested is the packaged .vsix: it is installed with the downloaded
// VS Code's CLI into test-electron's extensions dir, and extensionDevelopmentPath points at the
// installed folder. `--source` tests the source tree instead (the repository folder, after
// `npm run build`): a faster loop while developing.
//
// On a Linux machine without a display: xvfb-run -a npm run test:vscode-desktop
// Env: CHANCERY_VSCODE_VERSION (default: stable), CHANCERY_VSIX, CHANCERY_E2E_GREP, CHANCERY_E2E_KEEP=1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, cleanup, log, makeHome, packageVsix, timed } from './lib.mjs';

const fromSource = process.argv.includes('--source');

async function main() {
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = await import('@vscode/test-electron');
  const version = process.env.CHANCERY_VSCODE_VERSION || 'stable';
  const vscodeExecutablePath = await timed(`download VS Code ${version}`, () => downloadAndUnzipVSCode(version));
  const dirs = makeHome('chancery-desktop-');

  let extensionDevelopmentPath = REPO;
  if (fromSource) {
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  } else {
    const vsix = await timed('npm run package', () => packageVsix());
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    await timed('install the .vsix', () => {
      const r = spawnSync(cli, [...cliArgs, '--install-extension', vsix, '--force'], { stdio: 'inherit', shell: process.platform === 'win32' });
      if (r.status !== 0) throw new Error(`--install-extension failed (${r.status})`);
    });
    const extDirArg = cliArgs.find((a) => a.startsWith('--extensions-dir='));
    if (!extDirArg) throw new Error(`cannot tell the extensions dir from ${cliArgs.join(' ')}`);
    const extensionsDir = extDirArg.slice('--extensions-dir='.length);
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const id = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
    const folder = readdirSync(extensionsDir).find((f) => f.toLowerCase() === id || f.toLowerCase().startsWith(id + '-'));
    if (!folder || !existsSync(path.join(extensionsDir, folder, 'package.json'))) {
      throw new Error(`the installed extension ${id} is not in ${extensionsDir}`);
    }
    extensionDevelopmentPath = path.join(extensionsDir, folder);
  }
  log(`extension under test: ${extensionDevelopmentPath}`);

  await timed('extension tests in VS Code', () =>
    runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath: path.join(REPO, 'test/e2e/suite/index.js'),
      launchArgs: [dirs.workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
      extensionTestsEnv: {
        CHANCERY_E2E: '1',
        CHANCERY_E2E_EXTENSION_PATH: fromSource ? '' : extensionDevelopmentPath,
        CHANCERY_E2E_EXTRA_CORPUS: dirs.extraCorpus,
        CHANCERY_E2E_RESULTS: dirs.results,
        CHANCERY_E2E_GREP: process.env.CHANCERY_E2E_GREP ?? '',
      },
    }),
  );
  return 0;
}

let status = 1;
try {
  status = await main();
} catch (e) {
  console.error('[e2e] test:vscode-desktop failed:', e?.stack ?? e);
  status = 1;
} finally {
  await cleanup();
}
log(status === 0 ? 'test:vscode-desktop passed' : 'test:vscode-desktop FAILED');
process.exit(status);
