// Protocol tests over the test archive (test/fixtures/archive/corpus) as the only corpus, through
// `node dist/server.js --stdio`: events cited in parentheses (issue #13 item 3) and short titles,
// 该《…》, 本《…》 (item 7) in hover, definition, references and diagnostics.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestClient, fileUri } from '../harness/testClient.mjs';

const archive = fileURLToPath(new URL('../fixtures/archive/corpus/', import.meta.url));
const ws = mkdtempSync(path.join(tmpdir(), 'chancery-archive-'));
const uri = fileUri(path.join(ws, 'draft.communique'));
const DRAFT = [
  '　　各方回顾了中国—中亚外长第四次会晤（2023年4月28日，西安）的成果，以及上合组织成员国元首理事会会议（2020年11月10日，以视频方式）。',
  '　　各方回顾了中国—中亚外长第四次会晤（2023年4月27日，西安）通过的《中国—中亚外长第四次会晤联合声明》。',
  '　　各方指出，《上海合作组织成员国政府间国际道路运输便利化协定》（以下简称“《协定》”）于2014年9月12日在杜尚别签署。切实落实该《协定》十分重要。',
  '　　该《协定》于2014年9月13日在杜尚别签署。',
].join('\n');

let c;
before(async () => {
  writeFileSync(path.join(ws, 'other.communique'), '　　各方强调，应落实《上合组织成员国政府间国际道路运输便利化协定》。\n');
  c = await TestClient.start({ workspaceFolders: [ws], settings: { chancery: { corpus: { paths: [archive], includeBuiltin: false } } } });
  await c.ready();
  c.open(uri, DRAFT);
  await c.diagnostics(uri, 1);
});
after(async () => {
  await c?.stop();
  rmSync(ws, { recursive: true, force: true });
});

describe('the test archive as the corpus', () => {
  test('item 3: a meeting cited in parentheses is known: hover on its name gives its date and place, definition its source', async () => {
    const h = await c.hover(uri, c.positionOf(uri, '外长第四次会晤', 2));
    assert.match(h.contents.value, /\*\*中国—中亚外长第四次会晤\*\*/);
    assert.match(h.contents.value, /2023年4月27日 · 西安/);
    assert.match(h.contents.value, /2023-xian-summit\.zh\.txt/);
    const defs = await c.request('textDocument/definition', { textDocument: { uri }, position: c.positionOf(uri, '外长第四次会晤', 2) });
    assert.match((Array.isArray(defs) ? defs[0] : defs).uri, /2023-xian-summit\.zh\.txt$/);
  });

  test('item 3: the title adopted at a cited meeting has its date; the wrong date of a cited meeting is an event-mismatch with its fix', async () => {
    const h = await c.hover(uri, c.positionOf(uri, '会晤联合声明'));
    assert.match(h.contents.value, /2023年4月27日 · 西安 · 通过 · 中国—中亚外长第四次会晤/);
    const diags = await c.diagnostics(uri, 1);
    const ev = diags.find((d) => d.code === 'event-mismatch');
    assert.ok(ev, JSON.stringify(diags));
    assert.deepEqual(ev.range.start, c.positionOf(uri, '2023年4月28日'));
    const actions = await c.codeActions(uri, ev.range, [ev]);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit);
    assert.match(c.applyEdit(uri, fix.edit), /中国—中亚外长第四次会晤（2023年4月27日，西安）的成果/);
    // An online mode is no place: nothing said about a place of the 2020 meeting.
    assert.ok(!diags.some((d) => d.message.includes('以视频方式')), JSON.stringify(diags));
  });

  test('item 7: hover and definition on 《协定》 and 该《协定》 give the full title; references find every spelling', async () => {
    for (const n of [0, 1, 2]) {
      const h = await c.hover(uri, c.positionOf(uri, '《协定》', 2, n));
      assert.match(h.contents.value, /^《上海合作组织成员国政府间国际道路运输便利化协定》 — 协定/, `occurrence ${n}`);
      assert.match(h.contents.value, /Written here as 《协定》/);
      assert.match(h.contents.value, /2014年9月12日/);
    }
    const defs = await c.request('textDocument/definition', { textDocument: { uri }, position: c.positionOf(uri, '《协定》', 2, 1) });
    const def = Array.isArray(defs) ? defs[0] : defs;
    assert.match(def.uri, /2019-tashkent-hog\.zh\.txt$/);
    const refs = await c.request('textDocument/references', { textDocument: { uri }, position: c.positionOf(uri, '《协定》', 2, 1), context: { includeDeclaration: true } });
    const inDraft = refs.filter((r) => r.uri === uri).length;
    assert.equal(inDraft, 4, JSON.stringify(refs)); // the full title, 《协定》 declared, 该《协定》 twice
    assert.ok(refs.some((r) => r.uri.endsWith('other.communique')), 'the full title in another draft of the workspace');
  });

  test('item 7: 该《协定》 is checked as the full title: its wrong date is found and fixed; 《协定》 itself is no unknown title', async () => {
    const diags = await c.diagnostics(uri, 1);
    const dm = diags.find((d) => d.code === 'date-mismatch');
    assert.ok(dm, JSON.stringify(diags));
    assert.deepEqual(dm.range.start, c.positionOf(uri, '2014年9月13日'));
    assert.match(dm.message, /上海合作组织成员国政府间国际道路运输便利化协定/);
    assert.ok(!diags.some((d) => d.code.startsWith('title-')), JSON.stringify(diags.map((d) => d.code)));
    const actions = await c.codeActions(uri, dm.range, [dm]);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit);
    assert.match(c.applyEdit(uri, fix.edit), /该《协定》于2014年9月12日在杜尚别签署。$/);
  });

  test('item 7: the knowledge base has no instrument 《协定》 of its own, and 本《倡议》 is the forum text itself', async () => {
    const kb = JSON.parse((await c.request('chancery/knowledgeBase', { format: 'json' })).content);
    assert.ok(!kb.instruments.some((i) => ['协定', '協定', '行动计划', '倡议'].includes(i.title)));
    assert.ok(kb.instruments.some((i) => i.title === '上海合作组织地方领导人论坛成都倡议' && i.kind === '倡议'));
  });
});
