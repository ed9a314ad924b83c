// Helpers and constants the extension test files share (test/e2e/suite/*.test.js). Not a test
// file itself (index.js loads *.test.js only).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'chancery.chancery';
const TITLE = '上合组织成员国政府间国际道路运输便利化协定';
const DATE = '2014年9月12日';
const PLACE = '杜尚别';
const SENTENCE = `　　各代表团团长认为，切实落实${DATE}在${PLACE}通过的《${TITLE}》将有助于进一步扩大本组织国家间交通运输联系。`;
// The instrument only the extra corpus (test/e2e/fixtures/extra-corpus) knows.
const NEW_TITLE = '上合组织成员国政府间极地科学考察合作协定';
const NEW_DATE = '2023年7月4日';
const NEW_PLACE = '新德里';
// The instrument only the Word document of the extra corpus (extra-press-release.zh.docx) knows.
const WORD_TITLE = '上合组织成员国政府间海关合作协定';
const SLOW = 60_000; // the first requests may wait for the server and its knowledge base
const WAIT = 20_000; // any later wait (a broken build then fails in minutes, not hours)

// ---------------------------------------------------------------------------------------------
// helpers

function workspaceDir() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}
function fixtureUri(name) {
  return vscode.Uri.file(path.join(workspaceDir(), name));
}
async function open(name) {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** Polls fn() until it returns a truthy value or the deadline passes; wakes on diagnostics changes. */
async function until(fn, what, ms = WAIT) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms / 1000} s waiting for ${typeof what === 'function' ? what() : what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 100);
      function done() {
        sub.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

function codeOf(d) {
  return d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
function rangeOf(doc, needle, from = 0) {
  const at = doc.getText().indexOf(needle, from);
  assert.ok(at >= 0, `"${needle}" is in ${path.basename(doc.uri.fsPath)}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}
/** Waits for a diagnostic of `code` that overlaps `range`. */
function diagnosticAt(doc, code, range) {
  return until(
    () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === code && d.range.intersection(range) !== undefined),
    `a ${code} diagnostic over ${JSON.stringify(doc.getText(range))} in ${path.basename(doc.uri.fsPath)} ` +
      `(have: ${vscode.languages.getDiagnostics(doc.uri).map((d) => codeOf(d) + ' ' + d.message).join(' | ') || 'none'})`,
  );
}
function hoverText(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
async function hoverAt(doc, position) {
  return hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position));
}
/** Applies the preferred quick fix offered for `diag` (edit and/or command). The request is
 *  repeated until a fix is offered (a just-opened document may not have reached the server yet);
 *  a repeat is logged, so a slow server shows in the output. */
async function applyQuickFix(doc, diag) {
  let actions;
  let attempts = 0;
  const pick = await until(async () => {
    attempts++;
    actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = (actions || []).filter(
      (a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && (a.edit || a.command),
    );
    const forThis = fixes.filter((a) => (a.diagnostics || []).some((d) => codeOf(d) === codeOf(diag) && d.range.isEqual(diag.range)));
    return forThis.find((a) => a.isPreferred) || forThis[0] || fixes.find((a) => a.isPreferred) || fixes[0];
  }, () => `a quick fix for ${codeOf(diag)} in ${path.basename(doc.uri.fsPath)} (offered: ${(actions || []).map((a) => a.title).join(' | ') || 'none'})`);
  if (attempts > 1) console.log(`      note: the quick fix for ${codeOf(diag)} was offered at request ${attempts}`);
  if (pick.edit) assert.ok(await vscode.workspace.applyEdit(pick.edit), `workspace.applyEdit(${pick.title}) succeeds`);
  if (pick.command) await vscode.commands.executeCommand(pick.command.command, ...(pick.command.arguments || []));
  return pick;
}
/** Closes every editor without a save prompt: files are saved, untitled documents reverted. */
async function closeAll() {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    if (doc.uri.scheme === 'file') await doc.save();
    else {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
function completionLabels(list) {
  return (list && list.items ? list.items : []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Parses JSON with comments and trailing commas (the format of .code-snippets files). */
function parseJsonc(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) break;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** Expands a TextMate snippet body the way VS Code inserts it: placeholders keep their default
 *  text, choices their first option, bare tab stops nothing. */
function expandSnippet(body) {
  let i = 0;
  function parse(stopAt) {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (stopAt && c === stopAt) {
        return out;
      } else if (c === '$') {
        const m = /^\$(\d+)|^\$\{(\d+)([:|}])/.exec(body.slice(i));
        if (!m) {
          const v = /^\$\{?([A-Z_]+)/.exec(body.slice(i));
          throw new Error(`snippet variable ${v ? v[1] : body.slice(i, i + 8)} is not supported by this test`);
        }
        if (m[1] !== undefined) {
          i += m[0].length;
        } else if (m[3] === '}') {
          i += m[0].length;
        } else if (m[3] === ':') {
          i += m[0].length;
          out += parse('}');
          i++; // }
        } else {
          i += m[0].length;
          const choices = [];
          let cur = '';
          while (i < body.length && !(body[i] === '|' && body[i + 1] === '}')) {
            if (body[i] === '\\' && i + 1 < body.length) {
              cur += body[i + 1];
              i += 2;
            } else if (body[i] === ',') {
              choices.push(cur);
              cur = '';
              i++;
            } else cur += body[i++];
          }
          choices.push(cur);
          i += 2; // |}
          out += choices[0];
        }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }
  return parse(undefined);
}


/**
 * Asks the runner (scripts/e2e/run-vscode.mjs) to look at the UI: it waits until the workbench, its
 * webviews included, shows every expected text (a string, or {re: 'pattern'}), takes
 * test-results/ui-<name>.png (and ui-<name>-clip.png of the part `clip` selects, e.g. '.part.editor')
 * and answers; this asserts the answer. Without the runner (desktop VS Code through
 * @vscode/test-electron) there is no one to look: it returns false.
 */
async function uiCheck(name, expect, clip) {
  const dir = process.env.CHANCERY_E2E_RESULTS;
  if (process.env.CHANCERY_E2E_UI !== '1' || !dir) return false;
  const answer = path.join(dir, `ui-${name}.json`);
  fs.rmSync(answer, { force: true });
  console.log(`[chancery-ui] ${JSON.stringify({ name, clip, expect: expect.map((e) => (typeof e === 'string' ? { text: e } : e)) })}`);
  const r = await until(() => fs.existsSync(answer) && JSON.parse(fs.readFileSync(answer, 'utf8')), `the runner's look at the UI (${name})`, 30_000);
  assert.ok(r.ok, `the UI shows ${JSON.stringify(r.missing)} (see ${r.screenshot})`);
  return true;
}

module.exports = {
  uiCheck,
  EXTENSION_ID, TITLE, DATE, PLACE, SENTENCE, NEW_TITLE, NEW_DATE, NEW_PLACE, WORD_TITLE, SLOW, WAIT,
  workspaceDir, fixtureUri, open, until, codeOf, rangeOf, diagnosticAt, hoverText, hoverAt, applyQuickFix, closeAll,
  completionLabels, parseJsonc, expandSnippet,
};
