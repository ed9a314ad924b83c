#!/usr/bin/env node
// npm run test:vscode — runs the extension test suite (test/e2e/suite) inside a real VS Code
// extension host: code-server 4.100.3 (VS Code 1.100.3) driven by headless Debian Chromium.
//
// What runs is the PACKAGED extension, the way users get it:
//   1. `npm run package` builds the .vsix;
//   2. `code-server --install-extension x.vsix` unpacks it into a private --extensions-dir;
//   3. the workbench is opened with a payload that sets extensionTestsPath to the suite and
//      extensionDevelopmentPath to the unpacked, installed folder (VS Code only runs extension
//      tests when a development path is given; pointing it at the installed copy means the code
//      under test is exactly the packaged build, never the source tree);
//   4. the suite's run() executes in the node extension host with the full `vscode` API; when it
//      ends, the workbench calls window.codeAutomationExit(code), which we expose to the page.
// Exit code: 0 when every test passed, 1 otherwise (also on timeout or any infrastructure error).
//
// The suite can also ask for a look at the UI itself (uiCheck in the suite): it logs a line
// `[chancery-ui] {"name", "expect"}`; this runner waits until the workbench (every frame: webviews
// too) shows each expected text, takes test-results/ui-<name>.png, and answers in the results folder
// (ui-<name>.json: ok, what is missing), which the suite waits for and asserts.
//
// Env: CHANCERY_E2E_TIMEOUT (s, default 600), CHANCERY_VSIX (skip packaging, use this .vsix),
//      CHANCERY_CODE_SERVER (skip install-tools.sh), CHANCERY_E2E_KEEP=1 (keep the temp home),
//      CHANCERY_E2E_VERBOSE=1 (echo code-server's output), CHANCERY_E2E_GREP (mocha --grep).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import {
  REPO, cleanup, installTools, installVsix, launchChromium, log, makeHome, packageVsix, payloadUrl,
  startCodeServer, timed, withTimeout,
} from './lib.mjs';

const TIMEOUT = Number(process.env.CHANCERY_E2E_TIMEOUT || 600) * 1000;
const RESULTS = path.join(REPO, 'test-results');

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const codeServer = await timed('tools (install-tools.sh, cached)', () => installTools());
  const vsix = await timed('npm run package', () => packageVsix());
  log(`vsix: ${path.relative(REPO, vsix)}`);
  const dirs = makeHome();
  const extDir = await timed('code-server --install-extension', () => installVsix(codeServer, vsix, dirs));
  log(`installed into ${extDir}`);

  const suite = process.env.CHANCERY_E2E_SUITE || path.join(REPO, 'test/e2e/suite/index.js');
  const server = await timed('start code-server', () =>
    startCodeServer(codeServer, dirs, {
      logFile: path.join(RESULTS, 'code-server.log'),
      // Read by the suite (the extension host inherits the server's environment); the suite
      // also finds these paths relative to the workspace folder when the variables are absent.
      extraEnv: {
        CHANCERY_E2E: '1',
        CHANCERY_E2E_EXTENSION_PATH: extDir,
        CHANCERY_E2E_EXTRA_CORPUS: dirs.extraCorpus,
        CHANCERY_E2E_RESULTS: dirs.results,
        CHANCERY_E2E_UI: '1',
      },
    }),
  );
  const { page } = await timed('launch chromium', () => launchChromium(dirs));

  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // args are console.log's arguments (a format string first, as mocha's reporter writes them).
    const list = Array.isArray(args) ? args : [args];
    const text = format(...list.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : JSON.stringify(a))));
    const ui = /^\[chancery-ui\] (\{.*\})\s*$/.exec(text);
    if (ui) {
      void uiCheck(page, JSON.parse(ui[1]), dirs.results);
      return;
    }
    if (type === 'error') console.error(text);
    else console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(typeof code === 'number' ? code : 1);
  });
  page.on('pageerror', (e) => log('page error:', e.message));
  page.on('crash', () => {
    log('the page crashed');
    resolveExit(1);
  });
  const onServerExit = (code, signal) => {
    log(`code-server exited early (${code ?? signal})`);
    resolveExit(1);
  };
  server.child.once('exit', onServerExit);

  const url = payloadUrl(server.base, server.port, dirs.workspace, {
    extensionDevelopmentPath: extDir,
    extensionTestsPath: suite,
  });
  const code = await timed('extension tests in code-server', async () => {
    await page.goto(url);
    return withTimeout(exited, TIMEOUT, 'extension tests');
  });
  server.child.off('exit', onServerExit);

  const summaryFile = path.join(dirs.results, 'mocha.json');
  if (existsSync(summaryFile)) {
    const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
    writeFileSync(path.join(RESULTS, 'vscode-mocha.json'), JSON.stringify(s, null, 2));
    log(`suite: ${s.passed} passed, ${s.failed} failed (${s.total} tests)`);
    for (const f of s.failures ?? []) log(`FAILED: ${f.title}\n    ${f.error}`);
    if (code === 0 && s.failed > 0) return 1;
    if (code === 0 && s.total === 0) {
      log('the suite ran no test');
      return 1;
    }
  } else {
    log('the suite wrote no summary (it probably never started: see test-results/code-server.log)');
    if (code === 0) return 1;
  }
  return code;
}

/** Every frame's text (the workbench, and webviews such as the walkthrough and Markdown previews). */
async function uiText(page) {
  const texts = await Promise.all(page.frames().map((f) => f.evaluate(() => document.body?.innerText ?? '').catch(() => '')));
  return texts.join('\n');
}

/**
 * Waits (at most 15 s) until the UI shows every expected text ({text} or {re}), then takes
 * test-results/ui-<name>.png (and ui-<name>-clip.png of the element `clip` selects, when given)
 * and writes the answer the suite waits for.
 */
async function uiCheck(page, { name, expect = [], clip }, resultsDir) {
  const matches = (text, e) => (e.re ? new RegExp(e.re).test(text) : text.includes(e.text ?? e));
  const deadline = Date.now() + 15_000;
  let text = '';
  for (;;) {
    text = await uiText(page);
    if (expect.every((e) => matches(text, e)) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 300)); // animations settle, for the picture
  const shot = path.join(RESULTS, `ui-${name}.png`);
  await page.screenshot({ path: shot }).catch((e) => log(`screenshot ${name}: ${e.message}`));
  // A picture of one part of the workbench too (the pictures of the README and the walkthrough).
  if (clip) await page.locator(clip).first().screenshot({ path: path.join(RESULTS, `ui-${name}-clip.png`) }).catch((e) => log(`screenshot ${name} (${clip}): ${e.message}`));
  const missing = expect.filter((e) => !matches(text, e));
  const answer = path.join(resultsDir, `ui-${name}.json`);
  writeFileSync(answer + '.tmp', JSON.stringify({ ok: missing.length === 0, missing, screenshot: path.relative(REPO, shot) }));
  renameSync(answer + '.tmp', answer);
  log(`ui ${name}: ${missing.length ? 'MISSING ' + JSON.stringify(missing) : 'ok'} (${path.relative(REPO, shot)})`);
}

let status = 1;
try {
  status = await withTimeout(main(), TIMEOUT + 180_000, 'test:vscode');
} catch (e) {
  console.error('[e2e] test:vscode failed:', e?.stack ?? e);
  status = 1;
} finally {
  await cleanup();
}
log(status === 0 ? 'test:vscode passed' : `test:vscode FAILED (exit ${status})`);
process.exit(status);
