// Bad settings through the protocol (issue 6): wrong types, junk severity maps, relative corpus
// paths that climb out of the workspace. The server says so (window/showMessage), uses the
// defaults for what is wrong, and stays up.
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer, canonical, errorLogs } from '../harness/lspServer.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'chancery-settings-'));
const ws = path.join(root, 'ws');
const outside = path.join(root, 'outside');
mkdirSync(ws, { recursive: true });
mkdirSync(outside, { recursive: true });
const OUTSIDE_TITLE = '《上合组织成员国工作区之外专用合作纲要》';
writeFileSync(path.join(outside, 'outside.txt'), `　　2020年11月30日在比什凯克通过的${OUTSIDE_TITLE}。\n`);

// A draft with findings under the default settings and the embedded corpus.
const DRAFT = [
  '　　各代表团团长指出，2021年9月17日在杜尚别通过的《上合组织成员国政府间教育合作的协定》具有重要意义。',
  '　　二〇二一年二月三十日，成员国签署了《上合组织不存在的合作纲要》。',
  `　　${OUTSIDE_TITLE}和《上合组织经济论坛构想`,
].join('\n');
const uri = pathToFileURL(path.join(ws, 'draft.communique')).href;

const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

async function start(chancery) {
  const s = await LspServer.start({ settings: { chancery }, initializationOptions: chancery, workspaceFolders: [ws] });
  servers.push(s);
  await s.waitFor(() => s.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 60000, 'knowledge base ready');
  return s;
}

/** Diagnostics of DRAFT once the knowledge base is ready (re-opened to be sure it is current). */
async function diagnosticsOf(s) {
  const { diagnostics } = await s.openAndWait(uri, DRAFT);
  s.close(uri);
  return canonical(diagnostics, uri);
}

const shownText = (s) => s.shown.map((m) => `${m.type}: ${m.message}`).join('\n');

describe('bad settings', () => {
  let defaults;
  test('reference: diagnostics with default settings', { timeout: 90000 }, async () => {
    const s = await start({});
    defaults = await diagnosticsOf(s);
    assert.ok(defaults.length >= 2, `the draft has findings by default: ${JSON.stringify(defaults)}`);
    assert.equal(s.shown.length, 0, `no message for default settings: ${shownText(s)}`);
  });

  test('wrong types everywhere: a clear message, defaults used', { timeout: 90000 }, async () => {
    const junk = {
      corpus: { paths: 5, includeBuiltin: 'yes' },
      diagnostics: { disabled: 'all', severity: { 'title-unknown': 'purple', 'no-such-code': 'error', 'date-invalid': 42, 'bracket-unclosed': null } },
      acceptedTitles: { not: 'a list' },
    };
    const s = await start(junk);
    await s.waitFor(() => s.shown.length > 0, 30000, 'window/showMessage about the settings');
    const text = shownText(s);
    assert.match(text, /corpus\.paths/, 'names chancery.corpus.paths');
    assert.match(text, /severity/, 'names the severity map');
    assert.ok(s.shown.every((m) => m.type === 1 || m.type === 2), 'error or warning');
    assert.deepEqual(await diagnosticsOf(s), defaults, 'same diagnostics as with default settings');
    await s.ping();
    assert.deepEqual(errorLogs(s), []);
  });

  test('relative corpus paths outside the workspace are refused with a message', { timeout: 90000 }, async () => {
    const s = await start({ corpus: { paths: ['../outside', '../../../../../../etc'], includeBuiltin: true } });
    await s.waitFor(() => /outside|\.\.\/\.\.\//.test(shownText(s)), 30000, 'a message naming the refused paths');
    assert.match(shownText(s), /\.\.\/outside/);
    // The outside corpus was not read: its instrument is unknown, diagnostics are the defaults.
    assert.deepEqual(await diagnosticsOf(s), defaults);
    s.open(uri, DRAFT);
    const hover = await s.hover(uri, { line: 2, character: 5 });
    assert.ok(!hover || !JSON.stringify(hover).includes('比什凯克'), `outside corpus not loaded: ${JSON.stringify(hover)}`);
    s.close(uri);
  });

  test('junk sent later with workspace/didChangeConfiguration: message, defaults, still up', { timeout: 90000 }, async () => {
    const s = await start({});
    const shownBefore = s.shown.length;
    s.settings = { chancery: { corpus: { paths: [null, 7, { a: 1 }] }, diagnostics: { severity: 'loud', disabled: [1, 2] } } };
    s.notify('workspace/didChangeConfiguration', { settings: s.settings });
    await s.waitFor(() => s.shown.length > shownBefore, 30000, 'a message about the new settings');
    await s.waitFor(() => s.notifications.filter((n) => n.method === 'chancery/status' && n.params?.state === 'ready').length >= 1, 30000, 'ready');
    assert.deepEqual(await diagnosticsOf(s), defaults);
    await s.ping();
  });
});
