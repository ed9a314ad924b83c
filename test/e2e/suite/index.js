// Entry point of the extension test suite: VS Code loads this module in the extension host
// (extensionTestsPath) and awaits run(). The same module serves code-server
// (scripts/e2e/run-vscode.mjs) and desktop VS Code through @vscode/test-electron
// (scripts/e2e/run-desktop.mjs). Plain CommonJS: no build step.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

/** Where the summary goes: $CHANCERY_E2E_RESULTS, else <workspace>/../results when it exists. */
function resultsDir() {
  if (process.env.CHANCERY_E2E_RESULTS) return process.env.CHANCERY_E2E_RESULTS;
  try {
    const vscode = require('vscode');
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (ws && fs.existsSync(path.join(ws, '..', 'results'))) return path.join(ws, '..', 'results');
  } catch {
    /* not in an extension host */
  }
  return undefined;
}

function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    // A plain reporter whose lines read well in codeAutomationLog and CI logs.
    reporter: 'spec',
  });
  if (process.env.CHANCERY_E2E_GREP) mocha.grep(process.env.CHANCERY_E2E_GREP);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const summary = { total: 0, passed: 0, failed: 0, pending: 0, failures: [], passes: [] };
    let runner;
    try {
      runner = mocha.run((failures) => {
        const dir = resultsDir();
        if (dir) {
          try {
            fs.writeFileSync(path.join(dir, 'mocha.json'), JSON.stringify(summary, null, 2));
          } catch (e) {
            console.error('could not write the test summary:', e);
          }
        }
        // The plain closing line CI logs understand.
        console.log(`${summary.passed} passed, ${summary.failed} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (summary.total === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e);
      return;
    }
    runner.on('test end', () => summary.total++);
    runner.on('pass', (t) => {
      summary.passed++;
      summary.passes.push(t.fullTitle());
    });
    runner.on('fail', (t, err) => {
      summary.failed++;
      summary.failures.push({ title: t.fullTitle(), error: String(err && (err.stack || err.message || err)) });
    });
    runner.on('pending', () => summary.pending++);
  });
}

module.exports = { run };
