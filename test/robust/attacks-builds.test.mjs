// Builds that must settle (#12 item 9): rebuilds requested while the start-up build of a
// 3,000-file corpus runs — at once, while it reads, and several at a time — are each answered
// (with the status of the build that superseded them), every progress report begun is ended, and
// the knowledge base ends up built.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LspServer, EMBEDDED_CORPUS } from '../harness/lspServer.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'chancery-attacks-builds-'));
const dir = path.join(root, 'corpus');
mkdirSync(dir);
const paragraphs = readFileSync(EMBEDDED_CORPUS, 'utf8').split(/(?=\u3000\u3000)/).filter((p) => p.length > 20);
for (let i = 0; i < 3000; i++) writeFileSync(path.join(dir, `f${i}.txt`), paragraphs[i % paragraphs.length]);

const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Progress tokens begun and not ended. */
function openProgress(s) {
  const open = new Set();
  for (const p of s.progress) {
    if (p.value?.kind === 'begin') open.add(p.token);
    else if (p.value?.kind === 'end') open.delete(p.token);
  }
  return [...open];
}

const ready = (s) => s.notifications.filter((n) => n.method === 'chancery/status' && n.params?.state === 'ready');

for (const when of ['at once', 'when the start-up build reports progress', 'three at a time, at once and while it reads']) {
  test(`rebuilds requested during the start-up build (${when}) are answered, and every progress ends`, { timeout: 180000 }, async () => {
    const chancery = { corpus: { paths: [dir], includeBuiltin: true } };
    const s = await LspServer.start({ settings: { chancery }, initializationOptions: chancery });
    servers.push(s);
    const requests = [];
    const ask = () => requests.push(s.request('chancery/rebuild', {}, 60000));
    if (when !== 'when the start-up build reports progress') ask();
    if (when !== 'at once') {
      await s.waitFor(() => s.progress.some((p) => p.value?.kind === 'report'), 60000, 'progress of the start-up build');
      ask();
      if (when.startsWith('three')) ask();
    }
    const answers = await Promise.all(requests);
    for (const a of answers) assert.equal(a.state, 'ready', JSON.stringify(a));
    assert.ok(answers.every((a) => a.sources >= 3000), `the knowledge base holds the corpus: ${JSON.stringify(answers.map((a) => a.sources))}`);
    await s.waitFor(() => ready(s).length >= 1, 60000, 'a ready status');
    await s.ping();
    // every progress begun is ended (once the server is quiet)
    await s.waitFor(() => openProgress(s).length === 0, 30000, `progress ended (open: ${openProgress(s).join(', ')})`);
    // and requests are answered by the built knowledge base
    const uri = 'file:///tmp/chancery-builds/draft.communique';
    await s.openAndWait(uri, '　　2021年9月17日在杜尚别通过的《上合组织经济论坛构想》。');
    const h = await s.hover(uri, { line: 0, character: 25 });
    assert.match(JSON.stringify(h), /杜尚别/);
  });
}
