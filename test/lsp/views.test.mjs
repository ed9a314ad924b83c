// Protocol tests of what the VS Code client's views ask the server for (#15 items 4, 5, 7, 8):
// chancery/knowledgeView, chancery/source, chancery/detectDraft, the markdown overview in the
// user's language, and corpus problems in chancery/status with the path as the user typed it.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestClient } from '../harness/testClient.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'chancery-views-'));
const ws = path.join(root, 'ws');
mkdirSync(path.join(ws, '语料'), { recursive: true });
writeFileSync(path.join(ws, '语料', 'doc1.txt'), '　　第一段。\n　　各方欢迎2021年8月12日在杜尚别批准的《上合组织甲合作构想》。\n');
const BAD = '语料/不存在的 文件夹';

after(() => rmSync(root, { recursive: true, force: true }));

describe('views for a Chinese client that shows corpus problems itself', () => {
  let c;
  before(async () => {
    c = await TestClient.start({
      workspaceFolders: [ws],
      locale: 'zh-cn',
      settings: { chancery: { corpus: { paths: ['语料', BAD] } } },
      initializationOptions: { clientShowsCorpusProblems: true },
    });
    await c.ready();
  });
  after(() => c?.stop());

  test('chancery/status carries the corpus problem with the path as typed, and the server shows no warning of its own', async () => {
    const st = c.statuses().findLast((s) => s.state === 'ready');
    assert.equal(st.corpusProblems.length, 1, JSON.stringify(st.corpusProblems));
    assert.equal(st.corpusProblems[0].path, BAD);
    assert.match(st.corpusProblems[0].message, /找不到语料路径/);
    assert.doesNotMatch(JSON.stringify(st.corpusProblems), /%E8|file:/);
    assert.deepEqual(c.shown.filter((m) => /语料/.test(m.message)), []);
    assert.ok(c.logs.some((l) => l.message.includes('corpus problem')), 'the problem is in the log');
  });

  test('chancery/knowledgeView: sections, instruments with genre dates, a source a click opens', async () => {
    const sections = await c.request('chancery/knowledgeView', {});
    assert.deepEqual(sections.map((s) => s.label), ['文书', '会议和活动', '地点', '官员', '语料来源']);
    const instruments = await c.request('chancery/knowledgeView', { parent: 'section:instruments' });
    const jia = instruments.find((r) => r.label === '《上合组织甲合作构想》');
    assert.equal(jia.description, '2021年8月12日 · 杜尚别 · 批准');
    assert.match(jia.source.uri, /^file:\/\/.*doc1\.txt$/);
    assert.equal(jia.source.line, 1);
    const src = await c.request('chancery/source', { uri: jia.source.uri });
    assert.equal(src.name, 'doc1.txt');
    const line = src.text.split('\n')[jia.source.line];
    assert.ok(line.slice(jia.source.character).startsWith('2021年8月12日'), line.slice(jia.source.character));
    const sources = await c.request('chancery/knowledgeView', { parent: 'section:sources' });
    assert.ok(sources.some((r) => r.kind === 'problem' && !r.label.includes('%')), JSON.stringify(sources));
    assert.deepEqual(await c.request('chancery/knowledgeView', { parent: 42 }), sections, 'a bad parent is the root');
  });

  test('chancery/source serves only the knowledge base\'s documents', async () => {
    assert.equal(await c.request('chancery/source', { uri: 'file:///etc/hostname' }), null);
    assert.equal(await c.request('chancery/source', {}), null);
    const builtin = await c.request('chancery/source', { uri: 'builtin:/sco-2021-heads-of-government-communique.zh.txt' });
    assert.ok(builtin.text.length > 5000);
  });

  test('chancery/knowledgeBase (markdown) is in the user\'s language', async () => {
    const md = await c.request('chancery/knowledgeBase', { format: 'markdown' });
    assert.match(md.content, /^# Chancery 知识库/);
    assert.match(md.content, /2021年8月12日 · 杜尚别 · 批准/);
  });

  test('chancery/detectDraft: Chinese prose yes, code no', async () => {
    assert.deepEqual(await c.request('chancery/detectDraft', { text: '　　各代表团团长强调，切实落实2021年9月17日在杜尚别通过的《上合组织经济论坛构想》十分重要。' }), { draft: true });
    assert.deepEqual(await c.request('chancery/detectDraft', { text: 'const x = 1; // 注释' }), { draft: false });
    assert.deepEqual(await c.request('chancery/detectDraft', null), { draft: false });
  });

  test('fixing the path clears the problem from the status', async () => {
    const ready = c.statuses().filter((s) => s.state === 'ready').length;
    c.settings = { chancery: { corpus: { paths: ['语料'] } } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const st = await c.ready(ready + 1);
    assert.deepEqual(st.corpusProblems, []);
  });
});

describe('a client that does not show corpus problems (Neovim, Emacs …)', () => {
  test('gets the server\'s warning, naming the path as typed, not a percent-encoded uri', async () => {
    const c = await TestClient.start({ workspaceFolders: [ws], settings: { chancery: { corpus: { paths: [BAD] } } } });
    try {
      await c.ready();
      const warning = await c.waitFor(() => c.shown.find((m) => /corpus problem/.test(m.message)), 'the corpus warning');
      assert.match(warning.message, new RegExp(`"${BAD}"`));
      assert.doesNotMatch(warning.message, /%[0-9A-F]{2}|file:/);
    } finally {
      await c.stop();
    }
  });
});
