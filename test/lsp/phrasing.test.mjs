// Phrasing completions through the language server (dist/server.js over stdio, real JSON-RPC):
// learned next phrases and templates from the embedded corpus, and a user corpus that changes
// what is learned while the server runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../harness/testClient.mjs';

const items = (r) => (Array.isArray(r) ? r : (r?.items ?? []));
const apply = (text, item, client, uri) => client.applyEdit(uri, { changes: { [uri]: [item.textEdit] } });
const end = (client, uri) => client.docs.get(uri).positionAt(client.text(uri).length);

test('next phrase and templates from the embedded corpus', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  await c.ready();
  const uri = 'untitled:draft-phrasing.communique';
  await c.open(uri, '\u3000\u3000各代表团团长强');
  const list = items(await c.completion(uri, end(c, uri)));
  const phrase = list.find((i) => i.textEdit && apply(c.text(uri), i, c, uri) === '\u3000\u3000各代表团团长强调，');
  assert.ok(phrase, JSON.stringify(list.map((i) => i.label)));
  assert.equal(phrase.insertTextFormat ?? 1, 1);

  // after a verb that leads into a reference frame: a snippet with choice lists
  const v = c.change(uri, [{ range: { start: end(c, uri), end: end(c, uri) }, text: '调，应继续落实' }]);
  assert.ok(v > 1);
  const list2 = items(await c.completion(uri, end(c, uri)));
  const tpl = list2.find((i) => i.insertTextFormat === 2 && /\$\{1\|2021年9月17日,/.test(i.textEdit?.newText ?? ''));
  assert.ok(tpl, JSON.stringify(list2.map((i) => i.label)));
  assert.match(tpl.textEdit.newText, /在\$\{2\|杜尚别,[^|]*\|\}通过的《\$\{3\|/);
  // every phrasing item replaces a span ending at the cursor
  for (const i of list2) assert.deepEqual(i.textEdit.range.end, end(c, uri));
});

test('a user corpus changes what is learned, live', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chancery-phrasing-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'a.txt'), '　　双方一致认为，深化务实合作符合两国人民利益。\n　　双方一致认为，扩大人文交流十分必要。\n');
  const c = await TestClient.start({
    workspaceFolders: [dir],
    settings: { chancery: { corpus: { paths: [dir], includeBuiltin: false } } },
  });
  t.after(() => c.stop());
  await c.ready();
  const uri = pathToFileURL(path.join(dir, 'draft.communique')).href;
  await c.open(uri, '');
  const labels = async () => items(await c.completion(uri, { line: 0, character: 0 })).map((i) => i.textEdit?.newText ?? i.insertText ?? i.label);
  let got = await labels();
  assert.ok(got.includes('双方一致认为，'), JSON.stringify(got));
  assert.ok(!got.some((l) => l.startsWith('各代表团团长')), 'the embedded corpus is off');

  // a new corpus file with another formula: the server rebuilds the knowledge base and the phrasing model
  const b = path.join(dir, 'b.txt');
  writeFileSync(b, '　　三方共同宣布，启动联合研究。\n　　三方共同宣布，设立协调机制。\n　　三方共同宣布，加强人员往来。\n');
  await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(b).href, type: 1 }] });
  await c.ready(2);
  got = await labels();
  assert.ok(got.includes('三方共同宣布，'), JSON.stringify(got));
  assert.ok(got.includes('双方一致认为，'), JSON.stringify(got));
});

test('the item an editor shows first is the one expected to save the most keystrokes', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  await c.ready();
  let n = 0;
  const ranked = async (text) => {
    const uri = `untitled:draft-ranking-${n++}.communique`;
    await c.open(uri, text);
    const list = items(await c.completion(uri, end(c, uri)));
    const sorted = [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    const results = sorted.map((i) => (i.textEdit ? apply(text, i, c, uri) : text));
    await c.close(uri);
    return { sorted, results };
  };
  // after 在 following the corpus's commonest date: its place, ahead of the other places
  let r = await ranked('\u3000\u3000各代表团团长欢迎2021年9月17日在');
  assert.ok(r.sorted.length, 'items');
  assert.ok(r.results[0].startsWith('\u3000\u3000各代表团团长欢迎2021年9月17日在杜尚别'), r.sorted.slice(0, 5).map((i) => i.label).join(' / '));
  // inside an open 《 the phrasing items are kept: the model continues the title being typed
  r = await ranked('\u3000\u3000各代表团团长欢迎《上合组织成员国元首理事会关于粮');
  assert.ok(r.results.some((x) => x.includes('关于粮食安全的声明')), r.sorted.slice(0, 5).map((i) => i.label).join(' / '));
});

test('inline completion (ghost text): the top continuation, only adding text after the cursor', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  await c.ready();
  assert.equal(c.initializeResult.capabilities.inlineCompletionProvider, true);
  const uri = 'untitled:draft-inline.communique';
  c.open(uri, '\u3000\u3000各代表团团长欢迎2021年9月17日在');
  const at = end(c, uri);
  const r = await c.request('textDocument/inlineCompletion', { textDocument: { uri }, position: at, context: { triggerKind: 2 } });
  const list = items(r);
  assert.ok(list.length >= 1 && list.length <= 3, JSON.stringify(r));
  // The first suggestion continues with the place the corpus gives for that date.
  const first = list[0];
  assert.deepEqual(first.range.end, at);
  const text = c.applyEdit(uri, { changes: { [uri]: [{ range: first.range, newText: first.insertText }] } });
  assert.equal(text, '\u3000\u3000各代表团团长欢迎2021年9月17日在杜尚别');
  for (const i of list) {
    assert.equal(i.range.start.line, i.range.end.line);
    const typed = c.text(uri).slice(c.docs.get(uri).offsetAt(i.range.start), c.docs.get(uri).offsetAt(i.range.end));
    assert.ok(i.insertText.startsWith(typed) && i.insertText.length >= typed.length + 2, JSON.stringify(i));
    assert.doesNotMatch(i.insertText, /\$\{|\$\d/, 'no snippet syntax in ghost text');
  }
  // At a paragraph start: the sentence formula.
  c.change(uri, [{ range: { start: at, end: at }, text: '杜尚别通过的文件。\n' }]);
  const r2 = items(await c.request('textDocument/inlineCompletion', { textDocument: { uri }, position: end(c, uri), context: { triggerKind: 2 } }));
  assert.ok(r2.some((i) => i.insertText.startsWith('各代表团团长')), JSON.stringify(r2));
});
