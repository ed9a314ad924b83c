// Completion through the language server (dist/server.js over stdio, real JSON-RPC), issue #15
// items 1-3: titles found by any part inside 《…》 (instruments only), a list that opens by itself
// only where it owns the position (no list after 。, places at once after 在 in a date frame),
// ghost text elsewhere only, plain details, and the genre's snippets served as one item each
// where their prefix is typed, mid-sentence too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from '../harness/testClient.mjs';

const items = (r) => (Array.isArray(r) ? r : (r?.items ?? []));
const end = (c, uri) => c.docs.get(uri).positionAt(c.text(uri).length);
const REFERENCE = 18; // CompletionItemKind.Reference
const SNIPPET = 15; // CompletionItemKind.Snippet
const sorted = (list) => [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
const invoked = { triggerKind: 1 };
const typedChar = (ch) => ({ triggerKind: 2, triggerCharacter: ch });

let n = 0;
/** Opens a new draft with `text`, asks for completion at its end with `context`; returns the answer. */
async function ask(c, text, context = invoked) {
  const uri = `untitled:completion-${n++}.communique`;
  await c.open(uri, text);
  const r = await c.request('textDocument/completion', { textDocument: { uri }, position: end(c, uri), context });
  return { uri, r, list: items(r) };
}
async function ghost(c, uri) {
  return items(await c.request('textDocument/inlineCompletion', { textDocument: { uri }, position: end(c, uri), context: { triggerKind: 2 } }));
}

test('the server advertises the trigger characters of the positions the list owns, not 。', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  const p = c.initializeResult.capabilities.completionProvider;
  for (const ch of ['《', '〈', '在', '（', 'q']) assert.ok(p.triggerCharacters.includes(ch), ch);
  for (const ch of ['。', '》', '，']) assert.ok(!p.triggerCharacters.includes(ch), ch);
  assert.equal(p.resolveProvider, true);
});

test('inside 《: instruments only, found by a word from the middle of the title or its pinyin initials; the rest resolved when shown', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  await c.ready();
  for (const typed of ['经济论坛', 'jjlt']) {
    const { uri, r, list } = await ask(c, `　　各方欢迎《${typed}`, typed === 'jjlt' ? typedChar('t') : invoked);
    assert.ok(list.length >= 1, typed);
    assert.ok(list.every((i) => i.kind === REFERENCE), JSON.stringify(list.map((i) => [i.kind, i.label])));
    const first = sorted(list)[0];
    assert.equal(first.label, '上合组织经济论坛构想');
    // replaces what is typed after 《; the client's filter keeps it (filterText starts with what is typed)
    assert.deepEqual(first.textEdit.range.start, { line: 0, character: 7 });
    assert.ok(first.filterText.startsWith(typed));
    assert.equal(c.applyEdit(uri, { changes: { [uri]: [first.textEdit] } }), '　　各方欢迎《上合组织经济论坛构想》');
    assert.equal(r.isIncomplete, true, 'asked again as the prefix grows');
    assert.deepEqual(await ghost(c, uri), [], 'no ghost text inside a title');
  }
  // an item beyond the first few carries a line; its full description comes with completionItem/resolve
  const { list } = await ask(c, '　　各方欢迎《');
  const later = sorted(list)[10];
  assert.doesNotMatch(later.documentation.value, /Mentioned/);
  const resolved = await c.request('completionItem/resolve', later);
  assert.match(resolved.documentation.value, /Mentioned \d+ times?/);
  assert.equal(resolved.label, later.label);
});

test('quiet: no list by itself after 。 (ghost text there), places at once after 在 in a date frame (no ghost text)', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  await c.ready();
  let a = await ask(c, '　　会议取得成功。', typedChar('。'));
  assert.deepEqual(a.list, []);
  assert.ok((await ghost(c, a.uri)).some((i) => i.insertText.startsWith('团长们') || i.insertText.startsWith('各代表团团长')), 'ghost text proposes the opening');
  a = await ask(c, '　　会议取得成功。');
  assert.ok(a.list.length > 0, 'asked for, the list is there');
  a = await ask(c, '　　各方（', typedChar('（'));
  assert.deepEqual(a.list, []);
  a = await ask(c, '　　各代表团团长欢迎2021年9月17日在', typedChar('在'));
  assert.ok(a.list.length >= 5 && a.list.every((i) => i.kind === 12), JSON.stringify(a.list.map((i) => [i.kind, i.label]))); // Value
  assert.equal(sorted(a.list)[0].label, '杜尚别');
  assert.deepEqual(await ghost(c, a.uri), []);
});

test('details in the user\'s language, with an example sentence in the documentation; nothing equal to what is typed', async (t) => {
  const c = await TestClient.start({ locale: 'zh-cn' });
  t.after(() => c.stop());
  await c.ready();
  const { list } = await ask(c, '　　会议取得成功。');
  const formula = list.find((i) => i.label === '团长们认为');
  assert.match(formula.detail, /^句首套语 · 语料中出现 \d+ 次$/);
  assert.ok(formula.documentation.value.length > 20, 'an example sentence');
  for (const i of list) assert.doesNotMatch(i.detail ?? '', /%|×/);
  const typed = await ask(c, '　　各代表团团长强调，');
  for (const i of typed.list) assert.notEqual(i.label, '各代表团团长强调，');
});

test('snippets: one item each, labelled by their text, where an English or pinyin prefix is typed right after Chinese text', async (t) => {
  const c = await TestClient.start();
  t.after(() => c.stop());
  await c.ready();
  const { uri, list } = await ask(c, '　　各方代表qiangdiao', typedChar('o'));
  assert.ok(list.length >= 1);
  assert.ok(list.every((i) => i.kind === SNIPPET && i.insertTextFormat === 2), JSON.stringify(list.map((i) => [i.kind, i.label])));
  assert.equal(new Set(list.map((i) => i.label)).size, list.length, 'one item per snippet');
  const s = list.find((i) => i.label === '各代表团团长强调，');
  assert.ok(s, list.map((i) => i.label).join(' | '));
  assert.deepEqual(s.textEdit.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 15 } }, 'replaces the prefix only');
  assert.match(s.documentation.value, /各代表团团长强调，/);
  assert.deepEqual(await ghost(c, uri), [], 'no ghost text over a prefix being typed');

  // the reference template: the date and place are one choice; the title's tab stop is empty, and
  // there the titles of that date and place come first, so that the reference checks out
  const tpl = (await ask(c, '　　各代表团团长huanying-tongguo', typedChar('o'))).list.find((i) => i.label === '欢迎{日期}在{地点}通过的《{文件名称}》');
  assert.ok(tpl);
  const m = /^欢迎\$\{1\|([^|]+)\|\}通过的《\$\{2\}》\$0$/.exec(tpl.textEdit.newText);
  assert.ok(m, tpl.textEdit.newText);
  const choice = m[1].split(',')[1]; // not the first: any choice fits
  const before = `　　各代表团团长欢迎${choice}通过的《`;
  const titles = await ask(c, before, typedChar('《'));
  const title = sorted(titles.list)[0];
  const doc = `　　各代表团团长欢迎${choice}通过的《${title.textEdit.newText}。`;
  const check = `untitled:completion-check-${n++}.communique`;
  await c.open(check, doc);
  const diags = await c.diagnostics(check, 1);
  assert.deepEqual(diags.map((d) => d.code), [], `${doc}`);
});
