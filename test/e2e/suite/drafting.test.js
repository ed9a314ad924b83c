// Drafting in a real VS Code (issue #15 items 1-3), through the UI: typing with the editor's `type`
// command (what a keystroke does: trigger characters, auto-closing pairs, the inline suggestions
// that follow), accepting with the editor's commands, and a look at the workbench itself through the
// runner's UI probe (scripts/e2e/uiProbe.mjs: the suggest widget's rows, the ghost text, the quick
// pick, the context menu), which keeps a screenshot of each step in test-results/drafting-*.png.
// Without the probe (desktop VS Code through @vscode/test-electron) the API checks still run.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const TITLE = '上合组织经济论坛构想';
const WAIT = 20_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await sleep(100);
  }
}

/** Closes the drafts of earlier steps without a save prompt. */
async function closeDrafts() {
  for (const d of vscode.workspace.textDocuments) {
    if (d.isUntitled && d.isDirty) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A new communiqué (untitled) holding `text`, the cursor at its end. */
async function draft(text) {
  await closeDrafts();
  const doc = await vscode.workspace.openTextDocument({ language: 'communique', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  // the cursor at the end, in the workbench too (keystrokes from the probe go where it shows it)
  await vscode.commands.executeCommand('cursorBottom');
  await sleep(400);
  return { doc, editor };
}

/** Types `text` one character at a time, as keystrokes do. */
async function type(text) {
  for (const ch of text) {
    await vscode.commands.executeCommand('type', { text: ch });
    await sleep(40);
  }
}

function labelOf(i) {
  return typeof i.label === 'string' ? i.label : i.label.label;
}
async function completions(doc, pos) {
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
  return (list ? list.items : []).slice().sort((a, b) => (a.sortText || labelOf(a)).localeCompare(b.sortText || labelOf(b)));
}

// ---------------------------------------------------------------------------------------------
// the runner's UI probe

function resultsDir() {
  if (process.env.CHANCERY_E2E_RESULTS) return process.env.CHANCERY_E2E_RESULTS;
  const ws = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  return ws ? path.join(ws.uri.fsPath, '..', 'results') : '';
}
function probing() {
  return !!resultsDir() && fs.existsSync(path.join(resultsDir(), 'probe-ready'));
}
/** Asks the runner what the workbench shows (after `keys`, until the `until` conditions hold) and for a screenshot. */
async function probe(name, request = {}) {
  if (!probing()) return undefined;
  const dir = resultsDir();
  const answer = path.join(dir, `probe-${name}.answer.json`);
  fs.rmSync(answer, { force: true });
  fs.writeFileSync(path.join(dir, `probe-${name}.json.tmp`), JSON.stringify({ name, ...request }));
  fs.renameSync(path.join(dir, `probe-${name}.json.tmp`), path.join(dir, `probe-${name}.json`));
  await until(() => fs.existsSync(answer), `the UI probe's answer for ${name}`, (request.timeoutMs || 10_000) + 20_000);
  const a = JSON.parse(fs.readFileSync(answer, 'utf8'));
  if (a.error) throw new Error(`UI probe ${name}: ${a.error}`);
  console.log(`      ui ${name}: suggest ${a.suggest.visible ? a.suggest.rows.slice(0, 4).map((r) => r.label).join(' | ') : '(none)'}; ghost ${JSON.stringify(a.ghost)} → ${a.screenshot}`);
  return a;
}

/**
 * Types `text` as keystrokes: through the probe (the browser's keyboard: trigger characters open
 * the list as they do for a drafter), else with the editor's `type` command. Returns the probe's answer.
 */
async function typeKeys(name, text, request = {}) {
  if (probing()) return probe(name, { type: text, ...request });
  await type(text);
  return undefined;
}

async function quiet() {
  await vscode.commands.executeCommand('hideSuggestWidget');
  await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
}

// ---------------------------------------------------------------------------------------------

describe('Drafting in VS Code (#15 items 1-3)', function () {
  this.timeout(120_000);

  before(async () => {
    // the knowledge base is ready: a title completes
    const { doc } = await draft('　　各方欢迎《');
    await until(async () => (await completions(doc, doc.positionAt(doc.getText().length))).some((i) => labelOf(i) === TITLE), 'the knowledge base', 60_000);
  });
  afterEach(quiet);
  after(closeDrafts);

  describe('item 1: finding titles', () => {
    it('after 《, a word from the middle of a title lists the instruments that hold it, and only instruments; accepting one writes it with its 》', async () => {
      const { doc } = await draft('　　各方欢迎');
      // (typed with the editor's command: the list opens in the empty 《》 and follows the typing;
      // the browser's synthetic input of Chinese right after 《 sometimes doubled the 《 headless)
      await type('《经济论坛');
      const ui = await probe('title-middle', { until: [{ row: TITLE }, '!ghost'] });
      assert.equal(doc.getText(), '　　各方欢迎《经济论坛》', 'the 》 closed by itself');
      const items = await completions(doc, doc.positionAt('　　各方欢迎《经济论坛'.length));
      assert.ok(items.length > 0 && items.every((i) => i.kind === vscode.CompletionItemKind.Reference), items.map((i) => `${i.kind} ${labelOf(i)}`).join(' | '));
      assert.equal(labelOf(items[0]), TITLE);
      if (ui) {
        assert.ok(ui.ok, JSON.stringify(ui.unmet));
        assert.ok(ui.suggest.rows.every((r) => r.label.includes('经济论坛')), ui.suggest.rows.map((r) => r.label).join(' | '));
      }
      await until(async () => {
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        return doc.getText() !== '　　各方欢迎《经济论坛》' || (await vscode.commands.executeCommand('editor.action.triggerSuggest'), false);
      }, 'the suggestion to be accepted');
      assert.equal(doc.getText(), `　　各方欢迎《${TITLE}》`);
    });

    it('after 《, pinyin initials (jjlt) find the title too', async () => {
      const { doc } = await draft('　　各方欢迎');
      await type('《');
      const ui = await typeKeys('title-initials', 'jjlt', { until: [{ row: TITLE }] });
      const items = await completions(doc, doc.positionAt('　　各方欢迎《jjlt'.length));
      assert.equal(labelOf(items[0]), TITLE);
      if (ui) assert.ok(ui.ok, JSON.stringify(ui.unmet));
    });

    it('"Insert a reference…" has a keybinding (Ctrl+Alt+R) and an entry in the editor\'s context menu', async () => {
      const pkg = vscode.extensions.getExtension('chancery.chancery').packageJSON;
      assert.ok((pkg.contributes.keybindings || []).some((k) => k.command === 'chancery.insertReference' && k.key === 'ctrl+alt+r'));
      assert.ok((pkg.contributes.menus['editor/context'] || []).some((m) => m.command === 'chancery.insertReference'));
      await draft('　　各方欢迎');
      const pick = await probe('insert-reference-key', { keys: ['Control+Alt+R'], until: ['quickInput'] });
      if (pick) {
        assert.ok(pick.ok && pick.quickInput.rows.length > 5, JSON.stringify(pick.quickInput));
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        const menu = await probe('insert-reference-menu', { contextMenu: true, until: ['menu'] });
        assert.ok(menu.menu.some((m) => /Insert a reference|插入引用/.test(m)), menu.menu.join(' | '));
      }
    });
  });

  describe('item 2: quiet completions', () => {
    it('after 。 no list opens by itself; ghost text proposes how the next sentence opens', async () => {
      await draft('　　会议取得成功');
      const ui = await typeKeys('after-period', '。', { until: ['ghost'], settleMs: 1500 });
      if (ui) {
        assert.ok(!ui.suggest.visible, `no list: ${ui.suggest.rows.map((r) => r.label).join(' | ')}`);
        assert.ok(ui.ok, `ghost text: ${JSON.stringify(ui.unmet)}`);
      }
    });

    it('after 在 in a date frame the places open at once, that date\'s first, and no ghost text competes', async () => {
      const { doc } = await draft('　　各代表团团长欢迎2021年9月17日');
      const ui = await typeKeys('places-after-zai', '在', { until: [{ row: '杜尚别' }, '!ghost'], settleMs: 800 });
      const items = await completions(doc, doc.positionAt(doc.getText().length));
      assert.equal(labelOf(items[0]), '杜尚别');
      assert.ok(items.every((i) => i.kind === vscode.CompletionItemKind.Value));
      if (ui) {
        assert.ok(ui.ok, JSON.stringify(ui.unmet));
        assert.equal(ui.suggest.rows[0].label, '杜尚别');
      }
    });

    it('details say how often the corpus has an item, and the documentation shows an example sentence', async () => {
      const { doc } = await draft('　　会议取得成功。');
      const items = await completions(doc, doc.positionAt(doc.getText().length));
      const formula = items.find((i) => i.kind === vscode.CompletionItemKind.Snippet || /times in the corpus|once in the corpus/.test(i.detail || ''));
      assert.ok(formula && /times in the corpus|once in the corpus/.test(formula.detail), items.slice(0, 5).map((i) => `${labelOf(i)}: ${i.detail}`).join(' | '));
      assert.ok(items.every((i) => !/%|×/.test(i.detail || '')), 'no statistics in the details');
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      let ui = await probe('details-list', { until: ['suggest'] });
      if (ui) {
        await vscode.commands.executeCommand('toggleSuggestionDetails');
        ui = await probe('details-documentation', { until: ['suggest'], settleMs: 800 });
        assert.ok(/times in the corpus|once in the corpus/.test(ui.suggest.details + ui.suggest.rows.map((r) => r.detail).join(' ')), JSON.stringify(ui.suggest));
        await vscode.commands.executeCommand('toggleSuggestionDetails');
      }
    });

    it('accepting ghost text again and again stops at a title\'s opening mark unless a title of the corpus begins so', async () => {
      const start = '　　各代表团团长认为，应继续落实2019年6月14日在比什凯克';
      const { doc } = await draft(start);
      for (let n = 0; n < 6; n++) {
        const before = doc.getText();
        const deadline = Date.now() + 4000;
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        while (doc.getText() === before && Date.now() < deadline) {
          await sleep(150);
          await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
          if (doc.getText() === before) await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        }
        if (doc.getText() === before) break;
      }
      const text = doc.getText();
      assert.ok(text.length > start.length, 'ghost text was accepted');
      const open = text.lastIndexOf('《');
      if (open >= 0 && text.lastIndexOf('》') < open) {
        // inside a title: what is written there begins a title of the knowledge base (the list has one)
        const fragment = text.slice(open + 1);
        const items = await completions(doc, doc.positionAt(text.length));
        assert.ok(items.some((i) => labelOf(i).startsWith(fragment)), `${fragment}: ${items.slice(0, 3).map(labelOf).join(' | ')}`);
      }
      await probe('ghost-repeated', { settleMs: 300 });
    });
  });

  describe('item 3: snippets', () => {
    it('an English or pinyin prefix typed right after Chinese text lists the formula once, by its text, with its text in the documentation', async () => {
      const { doc } = await draft('　　各代表团团长认为，这一合作');
      const ui = await typeKeys('snippet-prefix', 'important', { until: [{ row: '十分重要。' }, '!ghost'] });
      const items = await completions(doc, doc.positionAt(doc.getText().length));
      const labels = items.map(labelOf);
      assert.ok(labels.includes('十分重要。'), labels.join(' | '));
      assert.equal(new Set(labels).size, labels.length, 'one row per snippet');
      assert.ok(!labels.includes('important'), 'no row labelled by its prefix');
      if (ui) {
        assert.ok(ui.ok, JSON.stringify(ui.unmet));
        assert.ok(!ui.suggest.rows.some((r) => r.label === 'important'), ui.suggest.rows.map((r) => r.label).join(' | '));
      }
      const row = items.find((i) => labelOf(i) === '十分重要。');
      assert.ok(/十分重要。/.test(typeof row.documentation === 'string' ? row.documentation : row.documentation.value));
      await until(async () => {
        const list = await completions(doc, doc.positionAt(doc.getText().length));
        if (!list.length) return doc.getText().endsWith('十分重要。');
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await sleep(300);
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        return doc.getText().endsWith('十分重要。');
      }, 'the snippet to be inserted');
      assert.equal(doc.getText(), '　　各代表团团长认为，这一合作十分重要。');
    });

    it('the reference template: date and place chosen together, the title list in the empty 《》 ranked by them, no ghost text meanwhile, no date mismatch', async () => {
      const { doc, editor } = await draft('　　各代表团团长');
      const label = '欢迎{日期}在{地点}通过的《{文件名称}》';
      const offered = await typeKeys('template-prefix', 'huanying-tongguo', { until: [{ row: label }] });
      await until(async () => (await completions(doc, doc.positionAt(doc.getText().length))).some((i) => labelOf(i) === label), 'the template');
      if (offered) assert.ok(offered.ok, JSON.stringify(offered.unmet));
      await until(async () => {
        if (doc.getText().includes('欢迎')) return true;
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await sleep(400);
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        return doc.getText().includes('欢迎');
      }, 'the template to be inserted');
      // the first tab stop: the dates and places as one choice
      assert.match(doc.getText(), /^　　各代表团团长欢迎\d{4}年\d{1,2}月\d{1,2}日在\S+?通过的《》$/);
      const choice = await probe('template-choice', { until: ['suggest', '!ghost'] });
      if (choice) {
        assert.ok(choice.ok, JSON.stringify(choice.unmet));
        assert.ok(choice.suggest.rows.some((r) => /\d{4}年\d{1,2}月\d{1,2}日在/.test(r.label)), choice.suggest.rows.map((r) => r.label).join(' | '));
      }
      // the second choice, then the title's tab stop: the list of titles opens by itself
      await vscode.commands.executeCommand('selectNextSuggestion');
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      const around = () => doc.getText().slice(doc.offsetAt(editor.selection.active) - 1, doc.offsetAt(editor.selection.active) + 1);
      if (around() !== '《》') await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
      const frame = /欢迎(\d{4}年\d{1,2}月\d{1,2}日)在(\S+?)通过的《》/.exec(doc.getText());
      assert.ok(frame, doc.getText());
      const [, date, place] = frame;
      const pos = editor.selection.active;
      assert.equal(doc.getText().slice(doc.offsetAt(pos) - 1, doc.offsetAt(pos) + 1), '《》', 'the cursor is in the empty 《》');
      const titles = await completions(doc, pos);
      assert.ok(titles.length && titles[0].detail.includes(date) && titles[0].detail.includes(place), `${date} ${place}: ${titles.slice(0, 3).map((i) => `${labelOf(i)} ${i.detail}`).join(' | ')}`);
      const listed = await probe('template-title', { until: ['suggest', '!ghost'] });
      if (listed) assert.ok(listed.ok, JSON.stringify(listed.unmet));
      await until(async () => {
        if (!doc.getText().includes('《》')) return true;
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await sleep(400);
        await vscode.commands.executeCommand('acceptSelectedSuggestion');
        return !doc.getText().includes('《》');
      }, 'a title to be accepted');
      // the reference checks out: no date, place or verb mismatch
      await sleep(1500);
      const codes = vscode.languages.getDiagnostics(doc.uri).map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
      assert.ok(!codes.some((c) => /mismatch|misquoted|unknown/.test(c)), `${doc.getText()}: ${codes.join(', ')}`);
      await probe('template-done', { settleMs: 300 });
    });
  });
});
