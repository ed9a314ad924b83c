// Attacks on the open-documents store through the protocol (#12 item 10): a large draft is closed
// while the check worker checks it and another text is opened under the same uri and the same
// version. The diagnostics shown are those of the text open now, never of the closed one: results
// are tied to the document instance (each open), not to its uri and version only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspServer, canonical, EMBEDDED_CORPUS } from '../harness/lspServer.mjs';

const corpus = readFileSync(EMBEDDED_CORPUS, 'utf8');
// The closed text: the corpus with a wrong date of adoption in every copy (many findings, a check
// that takes a while); the text opened after it: the corpus as it is (none of those findings).
const CLOSED = Array.from({ length: 40 }, () => corpus.replace('2014年9月12日在杜尚别', '2014年9月13日在杜尚别')).join('\n');
const OPENED = Array.from({ length: 2 }, () => corpus).join('\n');

let server;
before(async () => {
  // Drafts of 1,000 characters and more are checked in the worker: both texts go there.
  server = await LspServer.start({ env: { CHANCERY_CHECK_WORKER_MIN_CHARS: '1000' } });
  await server.waitFor(() => server.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 60000, 'knowledge base ready');
});
after(async () => {
  if (server) await server.stop();
});

test('closed while being checked, reopened with another text under the same uri and version: its own diagnostics', { timeout: 180000 }, async () => {
  const expected = canonical((await server.openAndWait('file:///tmp/chancery-reopen/reference.communique', OPENED)).diagnostics);
  const wrong = canonical((await server.openAndWait('file:///tmp/chancery-reopen/closed-reference.communique', CLOSED)).diagnostics);
  assert.notDeepEqual(expected, wrong, 'the two texts have different diagnostics');
  for (let round = 0; round < 3; round++) {
    const uri = `file:///tmp/chancery-reopen/draft-${round}.communique`;
    server.open(uri, CLOSED, 'communique', 1);
    // Its check starts now (a pull request asks for it at once), and is still running when the
    // document is closed and the other text is opened under the same uri and version.
    const pulled = server.request('textDocument/diagnostic', { textDocument: { uri } }, 120000).catch((e) => e);
    server.close(uri);
    const before = server.seq;
    server.open(uri, OPENED, 'communique', 1);
    const pub = await server.waitDiagnostics(uri, 1, 120000, before);
    await pulled;
    await server.ping();
    assert.deepEqual(canonical(pub.diagnostics), expected, `round ${round}: the diagnostics of the text open now`);
    assert.deepEqual(canonical(server.latest(uri).diagnostics), expected, `round ${round}: nothing stale published after them`);
    // The pull diagnostics and code actions of the open text agree.
    const report = await server.request('textDocument/diagnostic', { textDocument: { uri } }, 120000);
    assert.deepEqual(canonical(report.items), expected, `round ${round}: pulled diagnostics`);
    server.close(uri);
  }
});
