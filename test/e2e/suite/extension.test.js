// Extension tests, run inside a real VS Code extension host (code-server here, desktop VS Code
// through @vscode/test-electron elsewhere) against the installed extension. Everything goes
// through the public `vscode` API, the way VS Code itself calls the extension's providers.
// Waits poll with a deadline (diagnostics events + polling), never sleep a fixed time.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const {
  EXTENSION_ID, TITLE, DATE, PLACE, SENTENCE, NEW_TITLE, NEW_DATE, NEW_PLACE, WORD_TITLE, SLOW,
  workspaceDir, fixtureUri, open, until, codeOf, rangeOf, diagnosticAt, hoverAt, applyQuickFix, closeAll,
  completionLabels, parseJsonc, expandSnippet,
} = require('./helpers');

// ---------------------------------------------------------------------------------------------

describe('Chancery in a real VS Code extension host', function () {
  this.timeout(2 * SLOW);
  let ext;

  before(async () => {
    ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
  });

  after(closeAll);

  describe('activation', () => {
    it('is the packaged build (dist/ bundle, no sources) when run against the installed .vsix', () => {
      const expected = process.env.CHANCERY_E2E_EXTENSION_PATH;
      if (expected) assert.equal(path.resolve(ext.extensionPath), path.resolve(expected));
      assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'extension.js')), 'dist/extension.js is shipped');
      assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.js')), 'dist/server.js is shipped');
      if (expected) {
        assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'client', 'src')), 'client sources are not packaged');
        assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'node_modules are not packaged');
      }
    });

    it('declares activation for .communique, .txt and .md drafts and activates on one', async () => {
      const pkg = ext.packageJSON;
      const events = pkg.activationEvents || [];
      const languages = ((pkg.contributes && pkg.contributes.languages) || []).map((l) => l.id);
      // A contributed language implies onLanguage:<id> since VS Code 1.74.
      for (const id of ['communique', 'plaintext', 'markdown']) {
        assert.ok(
          events.includes(`onLanguage:${id}`) || events.includes('*') || languages.includes(id),
          `activates on ${id} documents (activationEvents: ${JSON.stringify(events)})`,
        );
      }
      const communique = (pkg.contributes.languages || []).find((l) => l.id === 'communique');
      assert.ok(communique && (communique.extensions || []).includes('.communique'), 'contributes the communique language for .communique');
      const { doc } = await open('draft.communique');
      assert.equal(doc.languageId, 'communique');
      await until(() => ext.isActive, 'the extension to activate', SLOW);
    });

    it('starts the language server with the node options and environment of server/launch.json', function () {
      if (!fs.existsSync('/proc/self/cmdline')) return this.skip(); // Linux: read the process table
      const launch = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'server', 'launch.json'), 'utf8'));
      const server = path.join(ext.extensionPath, 'dist', 'server.js');
      const found = [];
      for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        let argv;
        try {
          argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        } catch {
          continue; // gone, or not ours
        }
        if (argv.some((a) => path.resolve(a) === server)) found.push({ pid, argv, env: fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0') });
      }
      assert.equal(found.length, 1, `one server process runs ${server}: ${JSON.stringify(found.map((f) => f.argv))}`);
      for (const flag of launch.execArgv) assert.ok(found[0].argv.includes(flag), `${flag} in ${found[0].argv.join(' ')}`);
      for (const [k, v] of Object.entries(launch.env)) assert.ok(found[0].env.includes(`${k}=${v}`), `${k}=${v} in the server's environment`);
    });

    it('serves each kind of draft: .communique, .txt and .md get diagnostics', async () => {
      for (const [name, language] of [
        ['wrong-place.communique', 'communique'],
        ['misquoted-title.txt', 'plaintext'],
        ['wrong-date.md', 'markdown'],
      ]) {
        const { doc } = await open(name);
        assert.equal(doc.languageId, language, `${name} opens as ${language}`);
        await until(() => vscode.languages.getDiagnostics(doc.uri).length > 0, `diagnostics for ${name}`, SLOW);
      }
    });
  });

  describe('hover', () => {
    it('shows the date and place of adoption of a referenced instrument', async () => {
      const { doc } = await open('draft.communique');
      const inTitle = rangeOf(doc, TITLE).start.translate(0, 10);
      const text = await until(async () => {
        const t = await hoverAt(doc, inTitle);
        return t.includes(DATE) && t.includes(PLACE) ? t : undefined;
      }, `a hover with ${DATE} and ${PLACE}`, SLOW);
      assert.ok(text.includes(TITLE), 'the hover names the instrument');
    });

    it('shows nothing about instruments outside 《…》 titles', async () => {
      const { doc } = await open('draft.communique');
      const t = await hoverAt(doc, rangeOf(doc, '各代表团团长').start.translate(0, 1));
      assert.ok(!t.includes(PLACE + '通过'), `no instrument hover on plain text: ${t}`);
    });
  });

  describe('diagnostics and quick fixes', () => {
    const cases = [
      { file: 'misquoted-title.txt', code: 'title-misquoted', bad: '国际道路运输便俐化协定', expect: SENTENCE + '\n' },
      { file: 'wrong-date.md', code: 'date-mismatch', bad: '2014年9月21日', expect: '# 交通运输\n\n' + SENTENCE + '\n' },
      { file: 'wrong-place.communique', code: 'place-mismatch', bad: '塔什干', expect: SENTENCE + '\n' },
    ];
    for (const c of cases) {
      it(`${c.file}: ${c.code} is reported, and its quick fix restores the canonical text`, async () => {
        const { doc } = await open(c.file);
        const diag = await diagnosticAt(doc, c.code, rangeOf(doc, c.bad));
        assert.ok(diag.message.length > 0, 'the diagnostic has a message');
        const fix = await applyQuickFix(doc, diag);
        assert.equal(doc.getText(), c.expect, `after "${fix.title}"`);
        await until(
          () => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === c.code),
          `the ${c.code} diagnostic to go away after the fix`,
        );
        await vscode.commands.executeCommand('workbench.action.files.save');
      });
    }
  });

  describe('completion', () => {
    it('after 《 lists the instruments of the knowledge base', async () => {
      const { doc, editor } = await open('scratch.communique');
      const typed = '　　各方愿继续落实《';
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), typed));
      const pos = doc.positionAt(typed.length);
      const labels = await until(async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos, '《');
        const l = completionLabels(list);
        return l.some((x) => x.includes(TITLE)) ? l : undefined;
      }, `completion items after 《 including 《${TITLE}》`);
      assert.ok(labels.length >= 10, `many instruments are offered (${labels.length})`);
      await doc.save();
    });
  });

  describe('phrasing', () => {
    it('an inline suggestion (ghost text) continues a date of adoption with its place, and commits', async () => {
      const { doc, editor } = await open('scratch.communique');
      const typed = '　　各代表团团长欢迎2021年9月17日在';
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), typed));
      const pos = doc.positionAt(typed.length);
      editor.selection = new vscode.Selection(pos, pos);
      // What VS Code does while typing: ask for inline suggestions, show the first as ghost text,
      // insert it on Tab (editor.action.inlineSuggest.commit).
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const text = await until(async () => {
        await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
        const t = doc.getText();
        if (t !== typed) return t;
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'); // not shown yet: ask again
        return undefined;
      }, 'the inline suggestion to be committed');
      assert.equal(text, typed + PLACE);
      await doc.save();
    });

    it('at a sentence start, completion offers the corpus\'s sentence formulas', async () => {
      const { doc, editor } = await open('scratch.communique');
      const typed = SENTENCE + '\n　　';
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), typed));
      const pos = doc.positionAt(typed.length);
      const labels = await until(async () => {
        const l = completionLabels(await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos));
        // 各代表团团长… opens most paragraphs of the embedded corpus.
        return l.some((x) => x.startsWith('各代表团团长') && x.length > '各代表团团长'.length) ? l : undefined;
      }, 'sentence formulas (各代表团团长…) among the completions at a sentence start');
      assert.ok(labels.length >= 3, `several formulas are offered: ${labels.slice(0, 8).join(' | ')}`);
      await doc.save();
    });
  });

  describe('navigation', () => {
    it('go to definition jumps to the mention in the corpus shipped with the extension', async () => {
      const { doc } = await open('draft.communique');
      const locations = await until(async () => {
        const r = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, rangeOf(doc, TITLE).start.translate(0, 4));
        return r && r.length ? r : undefined;
      }, 'a definition for the title');
      const loc = locations[0];
      const uri = loc.targetUri || loc.uri;
      const range = loc.targetRange || loc.range;
      const corpus = await vscode.workspace.openTextDocument(uri);
      assert.ok(corpus.getText(range).includes(TITLE), `the definition range holds the title: ${corpus.getText(range)}`);
      if (process.env.CHANCERY_E2E_EXTENSION_PATH) {
        assert.ok(uri.fsPath.startsWith(path.join(ext.extensionPath, 'dist', 'corpus')), `${uri.fsPath} is the packaged corpus`);
      }
    });

    it('the outline lists paragraphs by their opening formula, with the references under them', async () => {
      const { doc } = await open('draft.communique');
      const symbols = await until(async () => {
        const r = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
        return r && r.length ? r : undefined;
      }, 'document symbols');
      const names = [];
      const walk = (list) => list.forEach((x) => (names.push(x.name), walk(x.children || [])));
      walk(symbols);
      assert.ok(names.some((n) => n.startsWith('各代表团团长')), `a paragraph symbol: ${names.join(' | ')}`);
      assert.ok(names.some((n) => n.includes(TITLE)), `a reference symbol: ${names.join(' | ')}`);
    });
  });

  describe('snippets', () => {
    it('a contributed snippet expands by name', async () => {
      const contributed = (ext.packageJSON.contributes && ext.packageJSON.contributes.snippets) || [];
      const entry = contributed.find((s) => s.language === 'communique') || contributed[0];
      assert.ok(entry, 'the extension contributes snippets');
      const file = parseJsonc(fs.readFileSync(path.join(ext.extensionPath, entry.path), 'utf8'));
      const usable = Object.entries(file).filter(([, s]) => {
        const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
        return !/\$\{?[A-Z_]/.test(body); // no variables: the expected text is then exact
      });
      assert.ok(usable.length > 0, 'a snippet without variables exists');
      // Prefer a template with tab stops (placeholders or choice lists): it exercises more.
      const [name, snippet] = usable.find(([, s]) => /\$\{\d/.test([].concat(s.body).join('\n'))) || usable[0];
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const doc = await vscode.workspace.openTextDocument({ language: entry.language || 'communique', content: '' });
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: doc.languageId, name });
      await until(() => doc.getText().length > 0, `snippet "${name}" to be inserted`, 10_000);
      await vscode.commands.executeCommand('leaveSnippet');
      assert.equal(doc.getText(), expandSnippet(body), `snippet "${name}"`);
      console.log(`      snippet "${name}" → ${JSON.stringify(doc.getText())}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('commands', () => {
    it('are registered', async () => {
      const all = await vscode.commands.getCommands(true);
      for (const id of ['chancery.showKnowledgeBase', 'chancery.rebuildKnowledgeBase', 'chancery.checkWorkspace']) {
        assert.ok(all.includes(id), `${id} is registered`);
      }
    });

    it('chancery.showKnowledgeBase shows the knowledge-base view (no editor, no Untitled tab)', async () => {
      const before = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled').length;
      await vscode.commands.executeCommand('chancery.showKnowledgeBase');
      const rows = await until(async () => {
        const r = await ext.exports.knowledgeTree.getChildren();
        return r.length === 5 ? r : undefined;
      }, 'the five sections of the knowledge-base view');
      assert.equal(rows[0].label, 'Instruments');
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled').length, before, 'no Untitled document');
    });

    it('chancery.rebuildKnowledgeBase rebuilds, and hovers still work after it', async () => {
      await vscode.commands.executeCommand('chancery.rebuildKnowledgeBase');
      const { doc } = await open('draft.communique');
      const pos = rangeOf(doc, TITLE).start.translate(0, 3);
      await until(async () => (await hoverAt(doc, pos)).includes(DATE), 'the hover after a rebuild');
    });

    it('chancery.checkWorkspace reports drafts that are not open', async () => {
      await closeAll();
      // never-opened.txt (a wrong place of adoption) is opened by no test: only the workspace
      // check can report it.
      const uri = fixtureUri('never-opened.txt');
      const reported = () =>
        vscode.languages.getDiagnostics().some(([u, ds]) => u.fsPath === uri.fsPath && ds.some((d) => codeOf(d) === 'place-mismatch'));
      assert.ok(!reported(), 'nothing is reported for never-opened.txt before the check');
      await vscode.commands.executeCommand('chancery.checkWorkspace');
      await until(reported, 'a place-mismatch diagnostic for never-opened.txt from chancery.checkWorkspace');
    });
  });

  describe('settings', () => {
    it('a corpus folder added in chancery.corpus.paths (a text file and a Word document) changes the knowledge live', async () => {
      const extra = process.env.CHANCERY_E2E_EXTRA_CORPUS || path.join(workspaceDir(), '..', 'extra-corpus');
      assert.ok(fs.existsSync(extra), `the extra corpus exists: ${extra}`);
      const { doc } = await open('new-instrument.txt');
      const pos = rangeOf(doc, NEW_TITLE).start.translate(0, 5);
      // The knowledge base is ready (a known instrument hovers) before the "before" state is checked.
      const draft = (await open('draft.communique')).doc;
      const known = rangeOf(draft, TITLE).start.translate(0, 3);
      await until(async () => (await hoverAt(draft, known)).includes(DATE), 'the knowledge base to be ready');
      assert.ok(!(await hoverAt(doc, pos)).includes(NEW_DATE), 'unknown before the corpus is added');
      const config = vscode.workspace.getConfiguration('chancery');
      await config.update('corpus.paths', [extra], vscode.ConfigurationTarget.Workspace);
      try {
        const text = await until(async () => {
          const t = await hoverAt(doc, pos);
          return t.includes(NEW_DATE) && t.includes(NEW_PLACE) ? t : undefined;
        }, `a hover with ${NEW_DATE} and ${NEW_PLACE} after adding the corpus`);
        assert.ok(text.includes(NEW_TITLE));
        // The Word document of that folder is read too: its instrument hovers, citing its paragraph.
        const word = (await open('from-word.txt')).doc;
        const wordText = await until(async () => {
          const t = await hoverAt(word, rangeOf(word, WORD_TITLE).start.translate(0, 5));
          return t.includes('2022年7月29日') ? t : undefined;
        }, 'a hover with the date the Word document gives');
        assert.ok(wordText.includes('塔什干'), wordText);
        assert.ok(wordText.replace(/\\/g, '').includes('extra-press-release.zh.docx ¶2'), wordText);
        // The knowledge base still holds the embedded corpus.
        assert.ok((await hoverAt(draft, known)).includes(DATE), 'the embedded corpus is still known');
      } finally {
        await config.update('corpus.paths', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await until(async () => !(await hoverAt(doc, pos)).includes(NEW_DATE), 'the instrument to be forgotten when the corpus is removed again');
    });
  });
});

