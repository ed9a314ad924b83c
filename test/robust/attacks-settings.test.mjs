// Bad settings in bulk (#12 item 11): 100,000 unknown codes in chancery.diagnostics.disabled (and
// in the severity map) made one message of 24 million characters and thousands of log lines;
// 50,000 missing corpus paths thousands of log lines (tested with 20,000, and as many relative
// paths leading out of the workspace). What is shown and logged is summarised ("100000 unknown codes, e.g. …") and capped,
// and the server works as with the defaults.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer, canonical } from '../harness/lspServer.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'chancery-attacks-settings-'));
const ws = path.join(root, 'ws');
mkdirSync(ws);
const DRAFT = '　　2021年9月17日在杜尚别通过的《上合组织成员国政府间教育合作的协定》和二〇二一年二月三十日。';
const uri = pathToFileURL(path.join(ws, 'draft.communique')).href;

const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

async function start(chancery) {
  const s = await LspServer.start({ settings: { chancery }, initializationOptions: chancery, workspaceFolders: [ws] });
  servers.push(s);
  await s.waitFor(() => s.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 120000, 'knowledge base ready');
  return s;
}

const shownChars = (s) => s.shown.reduce((n, m) => n + m.message.length, 0);
const logChars = (s) => s.logs.reduce((n, m) => n + m.message.length, 0);

async function diagnosticsOf(s) {
  const { diagnostics } = await s.openAndWait(uri, DRAFT, 'communique', 60000);
  s.close(uri);
  return canonical(diagnostics, uri);
}

test('100,000 unknown codes (disabled and severity): one short message, a few log lines, defaults used', { timeout: 180000 }, async () => {
  const defaults = await diagnosticsOf(await start({}));
  const codes = Array.from({ length: 100_000 }, (_, i) => `no-such-code-${i}`);
  const s = await start({
    diagnostics: { disabled: [...codes, 'title-unknown'], severity: Object.fromEntries(codes.map((c) => [c, 'error'])) },
  });
  await s.waitFor(() => s.shown.length > 0, 30000, 'a message about the settings');
  await s.ping();
  const text = s.shown.map((m) => m.message).join('\n');
  assert.match(text, /chancery\.diagnostics\.disabled: 100000 unknown codes, e\.g\. "no-such-code-0", "no-such-code-1", "no-such-code-2"/);
  assert.match(text, /chancery\.diagnostics\.severity: 100000 unknown codes/);
  assert.ok(shownChars(s) < 3000, `messages: ${shownChars(s)} characters`);
  assert.ok(s.logs.length < 50 && logChars(s) < 20000, `log: ${s.logs.length} lines, ${logChars(s)} characters`);
  // the known code in the list is still disabled; nothing else changed
  assert.deepEqual(await diagnosticsOf(s), defaults.filter((d) => d.code !== 'title-unknown'));
});

test('20,000 missing corpus paths and 20,000 paths leading out of the workspace: counted, a few named', { timeout: 300000 }, async () => {
  const missing = Array.from({ length: 20_000 }, (_, i) => path.join(root, 'missing', `p${i}`));
  const outside = Array.from({ length: 20_000 }, (_, i) => `../out${i}`);
  const s = await start({ corpus: { paths: [...missing, ...outside], includeBuiltin: true } });
  await s.waitFor(() => s.shown.length >= 2, 60000, 'the messages about the corpus paths');
  await s.ping();
  const text = s.shown.map((m) => m.message).join('\n');
  assert.match(text, /20000 corpus problem\(s\); first: .*missing/);
  assert.match(text, /"\.\.\/out0" is a relative path that leads outside the workspace folders.*and 199\d\d more/);
  assert.ok(shownChars(s) < 3000, `messages: ${shownChars(s)} characters`);
  assert.ok(s.logs.length < 80 && logChars(s) < 40000, `log: ${s.logs.length} lines, ${logChars(s)} characters`);
  assert.match(s.logs.map((l) => l.message).join('\n'), /… and 19980 more \(20000 in all\)/);
  // the knowledge-base overview lists the first problems and counts the rest
  const md = await s.request('chancery/knowledgeBase', { format: 'markdown' });
  assert.match(md.content, /## Corpus problems \(20,000\)/);
  assert.match(md.content, /… and 19,900 more/);
  assert.ok(md.content.length < 100_000, `overview: ${md.content.length} characters`);
  // still works with the embedded corpus
  assert.ok((await diagnosticsOf(s)).length >= 1);
});
