// Protocol tests: `node dist/server.js --stdio` driven by a real JSON-RPC client (client.mjs).
// Every wait is on an event (a publication of the right version, a status notification …), never a fixed sleep.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestClient, fileUri, ResponseError } from '../harness/testClient.mjs';

const require = createRequire(import.meta.url);
const { zipSync, strToU8 } = require('fflate');
const iconv = require('iconv-lite');

const root = mkdtempSync(path.join(tmpdir(), 'chancery-lsp-'));
const ws = path.join(root, 'ws');
mkdirSync(ws, { recursive: true });
// A draft on disk, not opened: find-references and checkWorkspace read it.
writeFileSync(path.join(ws, 'other.md'), '# 其他草稿\n\n各方欢迎《上合组织经济论坛构想》。\n');
writeFileSync(path.join(ws, 'notes.txt'), '提到《上合組織經濟論壇構想》一次。\n');

const DRAFT = [
  '　　各代表团团长指出，2021年9月17日在杜尚别批准的《上合组织经济论坛构想》具有重要意义。',
  '　　各代表团团长欢迎《〈上合组织成员国环保合作构想〉2022—2024年落实措施计划》。',
  '　　会议由马明主持。',
].join('\n');

let c;
const uri = fileUri(path.join(ws, 'draft.communique'));

before(async () => {
  c = await TestClient.start({ workspaceFolders: [ws], settings: { chancery: {} } });
  await c.ready();
});
after(async () => {
  await c?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  test('initialize announces the features', () => {
    const caps = c.initializeResult.capabilities;
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'foldingRangeProvider']) assert.ok(caps[k], k);
    assert.ok(caps.completionProvider.triggerCharacters.includes('《'));
    assert.ok(caps.codeActionProvider);
    assert.ok(caps.semanticTokensProvider.legend.tokenTypes.length >= 5);
    assert.deepEqual(caps.semanticTokensProvider.full, { delta: true });
    assert.equal(caps.diagnosticProvider, undefined, 'pull is opt-in (initializationOptions.pullDiagnostics)');
    const st = c.statuses().find((s) => s.state === 'ready');
    assert.ok(st.instruments >= 40 && st.sources === 1, JSON.stringify(st));
  });

  test('hover on a title, a date and a place', async () => {
    c.open(uri, DRAFT);
    await c.diagnostics(uri, 1);
    const h = await c.hover(uri, c.positionOf(uri, '经济论坛'));
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /2021年9月17日/);
    assert.match(h.contents.value, /杜尚别/);
    assert.match(h.contents.value, /file:\/\/.*dist\/corpus\/sco-2021-heads-of-government-communique\.zh\.txt#L1/);
    assert.deepEqual(h.range.start, c.positionOf(uri, '《上合组织经济论坛构想》'));
    const d = await c.hover(uri, c.positionOf(uri, '2021年9月17日', 3));
    assert.match(d.contents.value, /《上合组织经济论坛构想》/);
    const p = await c.hover(uri, c.positionOf(uri, '杜尚别', 1));
    assert.match(p.contents.value, /\*\*杜尚别\*\*/);
    const o = await c.hover(uri, c.positionOf(uri, '马明'));
    assert.match(o.contents.value, /哈萨克斯坦共和国/);
    assert.equal(await c.hover(uri, c.positionOf(uri, '主持', 1)), null);
  });

  test('diagnostics follow incremental edits, for the right version, never stale', async () => {
    const before = await c.diagnostics(uri, 1);
    assert.deepEqual(before, [], JSON.stringify(before));
    // Three quick edits: misquote the title, wrong date, then an impossible date elsewhere.
    const p1 = c.positionOf(uri, '论坛构想');
    c.change(uri, [{ range: { start: { line: p1.line, character: p1.character + 2 }, end: { line: p1.line, character: p1.character + 2 } }, text: '的' }]);
    const p2 = c.positionOf(uri, '17日');
    c.change(uri, [{ range: { start: p2, end: { line: p2.line, character: p2.character + 2 } }, text: '18' }]);
    const v = c.change(uri, [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } }, text: '2021年2月30日，' }]);
    const diags = await c.diagnostics(uri, v);
    const codes = diags.map((d) => d.code).sort();
    assert.deepEqual(codes, ['date-invalid', 'date-mismatch', 'title-misquoted'], JSON.stringify(diags));
    const mis = diags.find((d) => d.code === 'title-misquoted');
    assert.equal(c.text(uri).split('\n')[mis.range.start.line].slice(mis.range.start.character, mis.range.end.character).includes('上合组织经济论坛的构想'), true);
    // Versions are published in order: nothing older arrives after a newer one.
    const versions = c.published.get(uri).map((p) => p.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), versions.join());
  });

  test('each quick fix, applied, removes its finding', async () => {
    let diags = await c.diagnostics(uri);
    for (const code of ['title-misquoted', 'date-mismatch', 'date-invalid']) {
      const d = diags.find((x) => x.code === code);
      assert.ok(d, `${code} present`);
      const actions = await c.codeActions(uri, d.range, [d]);
      const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === code));
      if (!fix) {
        assert.equal(code, 'date-invalid', `a quick fix for ${code}: ${JSON.stringify(actions)}`);
        // No single right date to propose: remove the sentence part by hand instead.
        const p = c.positionOf(uri, '2021年2月30日，');
        const v = c.change(uri, [{ range: { start: p, end: { line: p.line, character: p.character + 11 } }, text: '' }]);
        diags = await c.diagnostics(uri, v);
        continue;
      }
      const expected = c.applyEdit(uri, fix.edit);
      const [dc] = fix.edit.documentChanges;
      assert.equal(dc.textDocument.version, c.docs.get(uri).version, 'edit for the current version');
      const v = c.change(uri, [{ text: expected }]);
      diags = await c.diagnostics(uri, v);
      assert.ok(!diags.some((x) => x.code === code), `${code} fixed: ${JSON.stringify(diags)}`);
    }
    assert.equal(c.text(uri), DRAFT, 'back to the original draft');
    assert.deepEqual(diags, []);
  });

  test('"insert the full reference" action and its WorkspaceEdit', async () => {
    const u = fileUri(path.join(ws, 'bare.communique'));
    c.open(u, '　　各方欢迎《上合组织经济论坛构想》。');
    await c.diagnostics(u, 1);
    const p = c.positionOf(u, '经济');
    const actions = await c.codeActions(u, { start: p, end: p });
    const a = actions.find((x) => /full reference/.test(x.title));
    assert.ok(a, JSON.stringify(actions));
    assert.equal(c.applyEdit(u, a.edit), '　　各方欢迎2021年9月17日在杜尚别批准的《上合组织经济论坛构想》。');
    c.close(u);
  });

  test('completion after 《 lists instruments with date and place', async () => {
    const u = fileUri(path.join(ws, 'complete.communique'));
    c.open(u, '2019年6月14日在比什凯克通过的《');
    const items = await c.completion(u, { line: 0, character: 19 });
    const list = Array.isArray(items) ? items : items.items;
    const top = [...list].sort((a, b) => a.sortText.localeCompare(b.sortText))[0];
    assert.match(top.detail, /2019年6月14日 · 比什凯克/);
    assert.equal(top.kind, 18, 'Reference');
    assert.equal(top.documentation.kind, 'markdown');
    assert.deepEqual(top.textEdit.range, { start: { line: 0, character: 19 }, end: { line: 0, character: 19 } });
    assert.ok(top.textEdit.newText.endsWith('》'));
    c.close(u);
  });

  test('document symbols, definition, references, semantic tokens, folding', async () => {
    const syms = await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(syms.length, 3);
    assert.equal(syms[0].children[0].name, '《上合组织经济论坛构想》');
    const defs = await c.request('textDocument/definition', { textDocument: { uri }, position: c.positionOf(uri, '经济论坛') });
    assert.equal(defs.length, 1);
    assert.match(defs[0].uri, /^file:\/\/.*dist\/corpus\/sco-2021-heads-of-government-communique\.zh\.txt$/);
    assert.ok(defs[0].range.start.character > 0);
    const refs = await c.request('textDocument/references', { textDocument: { uri }, position: c.positionOf(uri, '经济论坛'), context: { includeDeclaration: true } });
    const files = refs.map((r) => path.basename(new URL(r.uri).pathname)).sort();
    assert.deepEqual(files, ['draft.communique', 'notes.txt', 'other.md']);
    const tokens = await c.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length >= 5 * 5 && tokens.data.length % 5 === 0);
    const folds = await c.request('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(Array.isArray(folds));
  });

  test('semantic tokens after an edit: a delta from the tokens the client holds, the whole set for an unknown result id', async () => {
    const u = fileUri(path.join(ws, 'tokens.communique'));
    c.open(u, DRAFT);
    const first = await c.request('textDocument/semanticTokens/full', { textDocument: { uri: u } });
    assert.ok(first.resultId && first.data.length >= 25);
    // a new reference at the start of the second line
    c.change(u, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '2021年9月17日在杜尚别通过的《上合组织经济论坛构想》。' }]);
    const delta = await c.request('textDocument/semanticTokens/full/delta', { textDocument: { uri: u }, previousResultId: first.resultId });
    assert.ok(delta.edits && delta.resultId && delta.resultId !== first.resultId, JSON.stringify(delta).slice(0, 200));
    const full = await c.request('textDocument/semanticTokens/full', { textDocument: { uri: u } });
    const applied = [...first.data];
    for (const e of [...delta.edits].sort((a, b) => b.start - a.start)) applied.splice(e.start, e.deleteCount, ...(e.data ?? []));
    assert.deepEqual(applied, full.data);
    assert.ok(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) < full.data.length, 'the delta carries less than the whole set');
    const unknown = await c.request('textDocument/semanticTokens/full/delta', { textDocument: { uri: u }, previousResultId: 'no-such-result' });
    assert.deepEqual(unknown.data, full.data);
    c.close(u);
  });

  test('semantic tokens of a range: the tokens of the whole document on the lines of that range', async () => {
    assert.equal(c.initializeResult.capabilities.semanticTokensProvider.range, true);
    const u = fileUri(path.join(ws, 'range.communique'));
    const text = Array.from({ length: 40 }, (_, i) => DRAFT.split('\n')[i % 2]).join('\n');
    c.open(u, text);
    // LSP tokens are relative (Δline, Δchar); absolute [line, char, length, type] to compare
    const absolute = (data) => {
      const out = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        char = data[i] ? data[i + 1] : char + data[i + 1];
        out.push([line, char, data[i + 2], data[i + 3]]);
      }
      return out;
    };
    const full = absolute((await c.request('textDocument/semanticTokens/full', { textDocument: { uri: u } })).data);
    const range = { start: { line: 20, character: 0 }, end: { line: 23, character: 0 } };
    const part = absolute((await c.request('textDocument/semanticTokens/range', { textDocument: { uri: u }, range })).data);
    assert.ok(part.length > 4 && part.length < full.length / 4, `${part.length} of ${full.length}`);
    assert.deepEqual(part, full.filter(([line]) => line >= 20 && line < 23));
    c.close(u);
  });

  test('pull diagnostics answer any client that asks', async () => {
    const v = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '《上合组织经济论坛的构想》' }]);
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(r.kind, 'full');
    assert.ok(r.items.some((d) => d.code === 'title-misquoted'));
    await c.diagnostics(uri, v);
  });

  test('a settings change: the server pulls workspace/configuration and re-checks', async () => {
    const asked = c.configurationRequests;
    c.settings = { chancery: { diagnostics: { disabled: ['title-misquoted'], severity: { 'title-variant': 'hint' } } } };
    const before = c.published.get(uri).length;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor(() => c.configurationRequests > asked, 'workspace/configuration');
    const pub = await c.waitFor(() => c.published.get(uri).slice(before).find((p) => p.version === c.docs.get(uri).version), 'republished diagnostics');
    assert.ok(!pub.diagnostics.some((d) => d.code === 'title-misquoted'), JSON.stringify(pub.diagnostics));
    c.settings = { chancery: {} };
    const n = c.published.get(uri).length;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const back = await c.waitFor(() => c.published.get(uri).slice(n).find((p) => p.diagnostics.some((d) => d.code === 'title-misquoted')), 'finding back');
    assert.ok(back);
  });

  test('at most maxProblems diagnostics per document, then a note on the rest; the setting changes it live', async () => {
    const many = fileUri(path.join(ws, 'many.communique'));
    // 1,500 misquoted titles on a line each: 1,500 title-misquoted findings.
    const text = Array.from({ length: 1500 }, (_, i) => `第${i}段《上合组织经济论坛的构想》`).join('\n');
    c.open(many, text);
    const diags = await c.diagnostics(many, 1);
    assert.equal(diags.length, 1001);
    assert.ok(diags.slice(0, 1000).every((d, i) => d.code === 'title-misquoted' && d.range.start.line === i));
    const note = diags[1000];
    assert.equal(note.code, 'too-many-problems');
    assert.equal(note.severity, 3);
    assert.equal(note.range.start.line, 1000); // at the first finding left out
    assert.match(note.message, /1000 of the 1500/);
    assert.match(note.message, /chancery\.diagnostics\.maxProblems/);
    // The quick fixes of the diagnostics shown still work.
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: many }, range: diags[0].range, context: { diagnostics: [diags[0]] } });
    assert.ok(actions.some((a) => a.kind === 'quickfix' && a.edit), JSON.stringify(actions));
    const n = c.published.get(many).length;
    c.settings = { chancery: { diagnostics: { maxProblems: 10 } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const ten = await c.waitFor(() => c.published.get(many).slice(n).find((p) => p.diagnostics.length === 11), '10 + the note');
    assert.match(ten.diagnostics[10].message, /10 of the 1500/);
    const m = c.published.get(many).length;
    c.settings = { chancery: { diagnostics: { maxProblems: 0 } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const all = await c.waitFor(() => c.published.get(many).slice(m).find((p) => p.diagnostics.length === 1500), 'all 1500');
    assert.ok(!all.diagnostics.some((d) => d.code === 'too-many-problems'));
    c.settings = { chancery: {} };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    c.close(many);
  });

  test('bad settings: a clear message, defaults used', async () => {
    const shown = c.shown.length;
    c.settings = { chancery: { diagnostics: { severity: { 'title-misquoted': 'loud' } }, corpus: { includeBuiltin: 'yes' } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const msg = await c.waitFor(() => c.shown.slice(shown).find((m) => /severity/.test(m.message)), 'showMessage');
    assert.match(msg.message, /title-misquoted/);
    assert.match(msg.message, /includeBuiltin/);
    c.settings = { chancery: {} };
  });

  test('a corpus folder added live: rebuilt with progress, the new instrument hovers and is checked', async () => {
    const corpusDir = path.join(root, 'extra-corpus');
    mkdirSync(corpusDir, { recursive: true });
    writeFileSync(path.join(corpusDir, 'a.txt'), '　　2023年7月4日在新德里通过的《上合组织成员国关于数字化转型领域合作的声明》。\n');
    const ready = c.statuses().filter((s) => s.state === 'ready').length;
    const progressBefore = c.progress.length;
    c.settings = { chancery: { corpus: { paths: [corpusDir] } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const st = await c.ready(ready + 1);
    assert.equal(st.sources, 2);
    assert.ok(c.progress.slice(progressBefore).some((p) => p.value?.kind === 'begin'), 'work-done progress begin');
    await c.waitFor(() => c.progress.slice(progressBefore).some((p) => p.value?.kind === 'end'), 'work-done progress end');
    const u = fileUri(path.join(ws, 'new.communique'));
    c.open(u, '　　各方欢迎《上合组织成员国关于数字化转型领域合作的声明》和《上合组织成员国关于数字化转型领域的合作声明》。');
    const h = await c.hover(u, c.positionOf(u, '数字化'));
    assert.match(h.contents.value, /2023年7月4日/);
    assert.match(h.contents.value, /新德里/);
    assert.match(h.contents.value, /a\\\.txt:1\]\(file:\/\/\/.*extra-corpus\/a\.txt#L1,\d+\)/);
    const diags = await c.diagnostics(u, 1);
    assert.ok(diags.some((d) => d.code === 'title-misquoted' || d.code === 'title-unknown'), JSON.stringify(diags));
    // A file added to that folder (outside the workspace: the server's own watcher) rebuilds again.
    writeFileSync(path.join(corpusDir, 'b.txt'), '　　2023年7月4日在新德里通过的《上合组织成员国关于绿色发展领域合作的声明》。\n');
    const st2 = await c.ready(ready + 2);
    assert.equal(st2.sources, 3);
    const h2 = await c.hover(u, c.positionOf(u, '数字化'));
    assert.ok(h2);
    const kb = await c.request('chancery/knowledgeBase', { format: 'json' });
    assert.ok(JSON.parse(kb.content).instruments.some((i) => i.title === '上合组织成员国关于绿色发展领域合作的声明'));
    c.close(u);
  });

  test('a corpus folder inside the workspace (relative path): workspace/didChangeWatchedFiles rebuilds', async () => {
    const inside = path.join(ws, 'corpus-in');
    mkdirSync(inside, { recursive: true });
    writeFileSync(path.join(inside, 'c.txt'), '　　2022年9月16日在撒马尔罕通过的《上合组织成员国关于应对气候变化的声明》。\n');
    const ready = c.statuses().filter((s) => s.state === 'ready').length;
    c.settings = { chancery: { corpus: { paths: ['corpus-in'] } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await c.ready(ready + 1)).sources, 2);
    const file = path.join(inside, 'd.txt');
    writeFileSync(file, '　　2022年9月16日在撒马尔罕通过的《上合组织成员国关于供应链安全稳定多元化合作的声明》。\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 1 }] });
    assert.equal((await c.ready(ready + 2)).sources, 3);
    const u = fileUri(path.join(ws, 'watched.communique'));
    c.open(u, '　　各方欢迎《上合组织成员国关于供应链安全稳定多元化合作的声明》。');
    const h = await c.hover(u, c.positionOf(u, '供应链'));
    assert.match(h.contents.value, /撒马尔罕/);
    c.close(u);
    c.settings = { chancery: {} };
  });

  test('a corpus of Word documents and web pages: learned like text, hover names the paragraph, definition opens the file', async () => {
    const dir = path.join(root, 'docx-corpus');
    mkdirSync(dir, { recursive: true });
    const xml = (paras) =>
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      paras.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('') +
      '</w:body></w:document>';
    writeFileSync(path.join(dir, 'statement.docx'), zipSync({ 'word/document.xml': strToU8(xml(['上合组织成员国外长声明', '　　2019年6月14日在比什凯克签署的《上合组织成员国关于网络安全领域合作的协定》。'])) }));
    const page = '<html><head><meta charset="gb2312"><script>var t="《无关》"</script></head><body><p>2018年6月10日在青岛通过的《上合组织成员国关于海洋领域合作的声明》。</p></body></html>';
    writeFileSync(path.join(dir, 'page.html'), iconv.encode(page, 'gb2312'));
    const ready = c.statuses().filter((s) => s.state === 'ready').length;
    c.settings = { chancery: { corpus: { paths: [dir] } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await c.ready(ready + 1)).sources, 3);
    const u = fileUri(path.join(ws, 'from-docx.communique'));
    c.open(u, '　　各方欢迎《上合组织成员国关于网络安全领域合作的协定》和《上合组织成员国关于海洋领域合作的声明》。');
    const h = await c.hover(u, c.positionOf(u, '网络安全'));
    assert.match(h.contents.value, /2019年6月14日/);
    assert.match(h.contents.value, /比什凯克/);
    // The paragraph of the text read from it: a viewer of that text (chancery/source) opens it there.
    assert.match(h.contents.value, /\[statement\\\.docx ¶2\]\(file:\/\/\/.*docx-corpus\/statement\.docx#L2,\d+\)/);
    const h2 = await c.hover(u, c.positionOf(u, '海洋'));
    assert.match(h2.contents.value, /2018年6月10日/);
    assert.match(h2.contents.value, /青岛/);
    const [def] = await c.request('textDocument/definition', { textDocument: { uri: u }, position: c.positionOf(u, '网络安全') });
    assert.match(def.uri, /docx-corpus\/statement\.docx$/);
    assert.deepEqual(def.range.start, { line: 0, character: 0 });
    const kb = JSON.parse((await c.request('chancery/knowledgeBase', { format: 'json' })).content);
    assert.ok(!kb.instruments.some((i) => i.title === '无关'), 'script text is not corpus text');
    c.close(u);
    c.settings = { chancery: {} };
  });

  test('custom requests: knowledge base (markdown), reference list, check workspace, rebuild', async () => {
    const md = await c.request('chancery/knowledgeBase', { format: 'markdown' });
    assert.match(md.content, /^# Chancery knowledge base/);
    const refs = await c.request('chancery/references');
    const r = refs.find((x) => x.title === '上合组织经济论坛构想');
    assert.equal(r.insertText, '2021年9月17日在杜尚别批准的《上合组织经济论坛构想》');
    const check = await c.request('chancery/checkWorkspace');
    assert.ok(check.files.some((f) => f.uri.endsWith('other.md')));
    const st = await c.request('chancery/rebuild');
    assert.equal(st.state, 'ready');
  });

  test('a failing request and a cancelled one do not take the server down', async () => {
    // Garbage parameters: the handler throws inside runSafe; the client gets an answer.
    const bad = await c.request('textDocument/hover', { textDocument: { uri: 42 }, position: null }).catch((e) => e);
    assert.ok(bad === null || bad instanceof ResponseError, String(bad));
    const unknown = await c.hover('file:///not/open.communique', { line: 0, character: 0 });
    assert.equal(unknown, null);
    const src = c.cancellable();
    const pending = c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 3 } }, src.token);
    src.cancel();
    const r = await pending.then((x) => x, (e) => e);
    assert.ok(r instanceof ResponseError ? r.code === -32800 : Array.isArray(r?.items), String(r));
    const h = await c.hover(uri, c.positionOf(uri, '经济论坛', 0, 1));
    assert.ok(h, 'still answering');
    assert.ok(!c.exited);
  });
});
