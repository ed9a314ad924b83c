// The drafter's experience in VS Code (#15 items 4, 5, 7, 8, 9, 10), through the public `vscode`
// API and, under scripts/e2e/run-vscode.mjs, through the UI itself: uiCheck asks the runner to wait
// until the workbench shows the expected texts and keeps a screenshot (test-results/ui-*.png).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const {
  EXTENSION_ID, TITLE, DATE, PLACE, SLOW,
  workspaceDir, open, until, rangeOf, diagnosticAt, hoverText, applyQuickFix, closeAll, uiCheck,
} = require('./helpers');

const SOURCE_SCHEME = 'chancery-source';
const ROAD = `《${TITLE}》`;
const ROAD_FACT = `${DATE} · ${PLACE} · 通过`;

describe("The drafter's experience in VS Code (#15)", function () {
  this.timeout(2 * SLOW);
  let ext;
  let api;

  before(async () => {
    ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    if (!ext.isActive) await ext.activate();
    api = ext.exports;
    assert.ok(api && api.knowledgeTree, 'the extension exposes its views to the tests');
    // The knowledge base is ready: the instruments section has rows.
    await until(async () => {
      const [instruments] = await api.knowledgeTree.getChildren();
      return instruments && (await api.knowledgeTree.getChildren(instruments)).some((r) => r.label === ROAD);
    }, 'the knowledge base to be ready', SLOW);
  });

  after(closeAll);

  async function roadRow() {
    const [instruments] = await api.knowledgeTree.getChildren();
    return (await api.knowledgeTree.getChildren(instruments)).find((r) => r.label === ROAD);
  }

  async function sourceEditor() {
    return until(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === SOURCE_SCHEME && e;
    }, 'the read-only source to open');
  }

  function tabOpen(uri) {
    return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input && t.input.uri && t.input.uri.toString() === uri.toString()));
  }

  describe('the knowledge-base view (item 4)', () => {
    it('is a tree in the side bar: sections, instruments with the date as the genre writes it', async () => {
      await vscode.commands.executeCommand('chancery.showKnowledgeBase');
      const sections = await api.knowledgeTree.getChildren();
      assert.deepEqual(sections.map((s) => s.label), ['Instruments', 'Meetings and events', 'Places', 'Officials', 'Sources']);
      const road = await roadRow();
      assert.equal(road.description, ROAD_FACT);
      const item = api.knowledgeTree.getTreeItem(road);
      assert.equal(item.command.command, 'chancery.openSource');
      await uiCheck('knowledge-sections', ['Instruments', 'Meetings and events', 'Places', 'Officials', 'Sources']);
      await api.expandKnowledgeView('instruments');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewSize');
      await uiCheck('knowledge-view', [ROAD, ROAD_FACT, '《上合组织经济论坛构想》', '2021年9月17日 · 杜尚别 · 批准'], '.part.sidebar');
    });

    it('a row opens its source read-only, beside the draft (whose tab stays), at the fact', async () => {
      const { doc: draft, editor: draftEditor } = await open('draft.communique');
      const item = api.knowledgeTree.getTreeItem(await roadRow());
      await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
      const src = await sourceEditor();
      assert.notEqual(src.viewColumn, draftEditor.viewColumn, 'beside the draft');
      assert.ok(tabOpen(draft.uri), "the draft's tab is still open");
      const at = src.document.getText().slice(src.document.offsetAt(src.selection.start));
      assert.ok(at.startsWith(DATE), `the fact is selected: ${at.slice(0, 30)}`);
      // In view: the embedded corpus is one long line, wrapped; its part with the fact is shown.
      await until(() => src.visibleRanges.some((r) => r.contains(src.selection.start)), () => `the fact in view (visible: ${JSON.stringify(src.visibleRanges)}, selection at ${src.selection.start.character})`);
      // Read-only: typing in it changes nothing.
      const before = src.document.getText();
      await vscode.commands.executeCommand('type', { text: '改' });
      assert.equal(vscode.window.activeTextEditor, src, 'typed into the source');
      assert.equal(src.document.getText(), before, 'the source cannot be edited');
      assert.equal(src.document.isDirty, false);
      await uiCheck('source-beside', ['draft.communique', 'sco-2021-heads-of-government-communique.zh.txt']);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    });

    it('the overview opens as a read-only rendered document, in no Untitled tab, and closes without asking', async () => {
      await closeAll();
      await vscode.commands.executeCommand('chancery.openKnowledgeBaseDocument');
      const doc = await until(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'chancery-kb'), 'the knowledge-base document');
      assert.match(doc.getText(), /^# Chancery knowledge base/);
      assert.ok(doc.getText().includes(`${ROAD} 协定 — ${ROAD_FACT}`), 'dates as the genre writes them');
      assert.equal(doc.isDirty, false);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled' && d.getText().includes('knowledge base')), 'no Untitled tab');
      await uiCheck('knowledge-document', ['Chancery knowledge base', ROAD_FACT]);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // would wait on a save prompt if one came
    });
  });

  describe('sources (item 5)', () => {
    it("a hover's corpus link opens the source read-only beside the draft, at the fact", async () => {
      const { doc, editor } = await open('draft.communique');
      const pos = rangeOf(doc, TITLE).start.translate(0, 6);
      const hovers = await until(async () => {
        const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos);
        return hoverText(h).includes(DATE) && h;
      }, 'a hover with the date');
      const text = hoverText(hovers);
      const link = /\]\(command:chancery\.openSource\?([^)]+)\)/.exec(text);
      assert.ok(link, `a link to the read-only source: ${text}`);
      assert.doesNotMatch(text, /\]\(file:/, 'no link opens the corpus file itself');
      assert.ok(hovers.some((h) => h.contents.some((c) => c.isTrusted && c.isTrusted.enabledCommands && c.isTrusted.enabledCommands.includes('chancery.openSource'))), 'the link may run its command and no other');
      editor.selection = new vscode.Selection(pos, pos);
      await vscode.commands.executeCommand('editor.action.showHover');
      await uiCheck('hover', [DATE, PLACE, 'Adopted, approved or signed'], '.part.editor');
      await vscode.commands.executeCommand(`chancery.openSource`, ...JSON.parse(decodeURIComponent(link[1])));
      const src = await sourceEditor();
      assert.ok(tabOpen(doc.uri), "the draft's tab is still open");
      assert.notEqual(src.viewColumn, editor.viewColumn);
      assert.ok(src.document.getText().slice(src.document.offsetAt(src.selection.start)).startsWith(DATE), 'at the fact');
    });
  });

  describe('plain text (item 7)', () => {
    it('a Chinese draft in an untitled tab detected as another language is offered Communiqué, and then checked', async () => {
      await closeAll();
      const text = `　　各代表团团长认为，切实落实${DATE}在${PLACE}通过的《上合组织成员国政府间国际道路运输便俐化协定》将有助于进一步扩大本组织国家间交通运输联系。\n`;
      // What VS Code's language detection does to a pasted text: the tab is some other language.
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: text });
      await vscode.window.showTextDocument(doc);
      await until(() => api.switchOffered(doc.uri), 'the offer to switch the tab to Communiqué');
      assert.equal(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'chancery').length, 0, 'not checked as Python');
      await uiCheck('switch-offer', ['Check as Communiqué', 'looks like a communiqué draft']);
      await vscode.commands.executeCommand('chancery.switchToCommunique');
      const now = await until(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'communique'), 'the tab to be Communiqué');
      await diagnosticAt(now, 'title-misquoted', rangeOf(now, '便俐化'));
      await vscode.window.showTextDocument(now);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('.txt and .md drafts wrap long lines like .communique', async () => {
      for (const languageId of ['plaintext', 'markdown', 'communique']) {
        assert.equal(vscode.workspace.getConfiguration('editor', { languageId }).get('wordWrap'), 'on', languageId);
      }
      await open('misquoted-title.txt');
      await uiCheck('txt-wrapped', ['交通运输联系']); // the picture shows the line wrapped
    });
  });

  describe('corpus problems (item 8)', () => {
    it('a wrong corpus path is shown as typed, with Open Settings and Show Log; the status bar stays marked until it is fixed', async () => {
      const config = vscode.workspace.getConfiguration('chancery');
      const bad = '语料/不存在的文件夹';
      await config.update('corpus.paths', [bad], vscode.ConfigurationTarget.Workspace);
      try {
        const st = await until(() => api.status().marked && api.status(), 'the status bar item to be marked');
        assert.equal(st.problems[0].path, bad);
        const shown = await until(() => api.corpusProblemsShown().find((m) => m.includes(`"${bad}"`)), 'the notification naming the path as typed');
        assert.doesNotMatch(shown, /%[0-9A-F]{2}|file:/, shown);
        await uiCheck('corpus-problem', [`"${bad}"`, 'Open Settings', 'Show Log']);
        await vscode.commands.executeCommand('notifications.clearAll');
      } finally {
        await config.update('corpus.paths', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await until(() => !api.status().marked, 'the mark to go once the path is fixed');
      assert.match(api.status().text, /\$\(book\) Chancery: \d+ instruments/);
    });
  });

  describe('first impression (item 9)', () => {
    it('an icon, and the user README on the Extensions page with its screenshots', () => {
      const pkg = ext.packageJSON;
      assert.ok(pkg.icon && fs.existsSync(path.join(ext.extensionPath, pkg.icon)), `the icon ${pkg.icon} is shipped`);
      const readme = fs.readdirSync(ext.extensionPath).find((f) => /^readme\.md$/i.test(f));
      assert.ok(readme, 'a README is shipped');
      const text = fs.readFileSync(path.join(ext.extensionPath, readme), 'utf8');
      assert.match(text, /^## What it does/m);
      assert.doesNotMatch(text, /npm ci/, "not the developers' README");
      const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
      assert.ok(images.length >= 3, 'screenshots');
      for (const img of images) assert.ok(fs.existsSync(path.join(ext.extensionPath, img)), `${img} is shipped`);
    });

    it('the status bar reads "Chancery: N instruments"', async () => {
      assert.match(api.status().text, /Chancery: \d+ instruments/);
      await uiCheck('status-bar', [{ re: 'Chancery: \\d+ instruments' }]);
    });

    it('the walkthrough: the sample draft, a hover, a fix, a snippet, a corpus folder', async () => {
      await closeAll();
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
      await uiCheck('walkthrough', ['Draft communiqués with Chancery', 'Open the sample draft', 'Hover a referenced instrument', 'Fix a slip in one keystroke', 'Insert the standard formulations', 'Add your own archive']);

      // 1. The sample draft (a copy the user may change), checked.
      await vscode.commands.executeCommand('chancery.openSample');
      const editor = await until(() => vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.getText().includes('便利化协议') && vscode.window.activeTextEditor, 'the sample draft');
      const doc = editor.document;
      assert.equal(doc.languageId, 'communique');
      assert.ok(!doc.uri.fsPath.startsWith(ext.extensionPath), 'a copy, not the shipped file');
      const diag = await diagnosticAt(doc, 'title-misquoted', rangeOf(doc, '便利化协议'));
      await uiCheck('walkthrough-sample', ['便利化协议'], '.part.editor');

      // 2. A hover.
      const inTitle = rangeOf(doc, '铁路部门协作构想').start;
      editor.selection = new vscode.Selection(inTitle, inTitle);
      await vscode.commands.executeCommand('editor.action.showHover');
      await uiCheck('walkthrough-hover', ['上合组织成员国铁路部门协作构想'], '.part.editor');

      // 3. A fix: the quick-fix menu, then the fix applied.
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
      editor.selection = new vscode.Selection(diag.range.start, diag.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await uiCheck('walkthrough-fix', [`Replace with “${TITLE}”`], '.part.editor');
      await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
      await applyQuickFix(doc, diag);
      assert.ok(doc.getText().includes(`《${TITLE}》`), 'the fix wrote the title of the corpus');

      // 4. A snippet: the formulas of the genre at a paragraph start.
      const end = doc.positionAt(doc.getText().length);
      await editor.edit((e) => e.insert(end, '\n　　'));
      const start = doc.positionAt(doc.getText().length);
      editor.selection = new vscode.Selection(start, start);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await uiCheck('walkthrough-snippet', ['各代表团团长'], '.part.editor');
      await vscode.commands.executeCommand('hideSuggestWidget').then(undefined, () => undefined);
      if (doc.uri.scheme === 'file') await doc.save();

      // 5. A corpus folder, added to the workspace settings.
      const extra = process.env.CHANCERY_E2E_EXTRA_CORPUS || path.join(workspaceDir(), '..', 'extra-corpus');
      const config = vscode.workspace.getConfiguration('chancery');
      try {
        assert.equal(await vscode.commands.executeCommand('chancery.addCorpusFolder', vscode.Uri.file(extra)), extra);
        assert.deepEqual(vscode.workspace.getConfiguration('chancery').inspect('corpus.paths').workspaceValue, [extra]);
        await until(async () => {
          const sources = (await api.knowledgeTree.getChildren())[4];
          return (await api.knowledgeTree.getChildren(sources)).some((r) => r.label === 'extra-communique.zh.txt');
        }, 'the added folder among the sources of the view');
      } finally {
        await config.update('corpus.paths', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  });

  describe('smaller things (item 10)', () => {
    it('"Check all drafts" says how many drafts had findings and offers Show Problems', async () => {
      await vscode.commands.executeCommand('chancery.checkWorkspace');
      const r = await until(() => api.lastCheck(), 'the check of the workspace');
      assert.match(r.message, /^Chancery: \d+ finding\(s\) in \d+ of \d+ draft\(s\)\.$/);
      assert.ok(r.withFindings > 0 && r.withFindings <= r.drafts, JSON.stringify(r));
      await uiCheck('check-all', [r.message, 'Show Problems']);
    });

    it('a Markdown draft with headings has one outline, its headings (no extra breadcrumb level)', async () => {
      const { doc } = await open('wrong-date.md');
      const pos = rangeOf(doc, TITLE).start.translate(0, 3);
      await until(async () => hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos)).includes(DATE), 'the server to have the document');
      const symbols = await until(async () => {
        const r = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
        return r && r.length ? r : undefined;
      }, 'document symbols');
      const names = [];
      const walk = (list) => list.forEach((x) => (names.push(x.name), walk(x.children || [])));
      walk(symbols);
      assert.ok(names.some((n) => n.replace(/^#+\s*/, '') === '交通运输'), `the heading: ${names.join(' | ')}`);
      assert.ok(!names.some((n) => n.startsWith('各代表团团长')), `no second outline: ${names.join(' | ')}`);
      // Without headings, Chancery's outline (paragraphs by their opening formula) is the outline.
      const plain = await vscode.workspace.openTextDocument({ language: 'markdown', content: '　　各代表团团长认为，应继续落实上述文件。\n' });
      await vscode.window.showTextDocument(plain);
      const own = await until(async () => {
        const r = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', plain.uri);
        return r && r.length ? r : undefined;
      }, "Chancery's outline of a Markdown draft without headings");
      assert.ok(own.some((x) => x.name.startsWith('各代表团团长')), own.map((x) => x.name).join(' | '));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});
