// server/src/host/settings.ts ScopedSettings: settings resolved per scope (the window, a workspace
// folder, a document) with a fake workspace/configuration, and a multi-root workspace whose folders
// each read their own relative corpus paths (host/corpusPaths.ts). Loaded from the TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { ScopedSettings, corpusSettings, corpusPaths, DEFAULT_SETTINGS } = source('host/settings', 'host/corpusPaths');

const WINDOW = '(window)';
/**
 * A fake client: `values` maps a scope uri (or WINDOW) to its `chancery` section; a scope without
 * a value of its own gets the window's. Records each request's scopes.
 */
function fakeClient(values) {
  const requests = [];
  const getConfiguration = async (scopes) => {
    requests.push(scopes.map((s) => s ?? WINDOW));
    return scopes.map((s) => (s !== undefined && s in values ? values[s] : values[WINDOW]) ?? null);
  };
  return { requests, getConfiguration };
}

function scoped({ client, init, parent } = {}) {
  const reports = [];
  const logs = [];
  const changed = [];
  const s = new ScopedSettings({ report: (p) => reports.push(p), log: (m) => logs.push(m), parent, changed: (u) => changed.push(u) });
  s.init(client?.getConfiguration, init);
  return { s, reports, logs, changed };
}

const tick = () => new Promise((r) => setImmediate(r));
const F1 = 'file:///ws1';
const F2 = 'file:///ws2';
const DOC = 'file:///ws2/draft.communique';

test('without workspace/configuration every scope reads initializationOptions, then didChangeConfiguration\'s settings', async () => {
  const { s, reports } = scoped({ init: { chancery: { diagnostics: { maxProblems: 5 } } } });
  assert.equal((await s.load([F1])).diagnostics.maxProblems, 5);
  assert.equal((await s.get(F1)).diagnostics.maxProblems, 5);
  assert.equal(s.now(DOC).diagnostics.maxProblems, 5);
  s.setFallback({ chancery: { diagnostics: { maxProblems: 7 } } });
  s.invalidate();
  await s.load([F1]);
  assert.equal(s.now(DOC).diagnostics.maxProblems, 7);
  assert.equal((await s.get(F1)).diagnostics.maxProblems, 7);
  assert.deepEqual(reports, []);
});

test('before anything is read: the initializationOptions, or the defaults', () => {
  assert.deepEqual(scoped({}).s.now(DOC), DEFAULT_SETTINGS);
  assert.deepEqual(scoped({ init: { chancery: { acceptedTitles: ['甲'] } } }).s.now().acceptedTitles, ['甲']);
});

test('load asks for the window and the scopes given in one request; each scope is read once until invalidated', async () => {
  const client = fakeClient({ [WINDOW]: { acceptedTitles: ['w'] }, [F1]: { acceptedTitles: ['one'] } });
  const { s } = scoped({ client });
  const window = await s.load([F1, F2]);
  assert.deepEqual(client.requests, [[WINDOW, F1, F2]]);
  assert.deepEqual(window.acceptedTitles, ['w']);
  assert.deepEqual((await s.get(F1)).acceptedTitles, ['one']);
  assert.deepEqual((await s.get(F2)).acceptedTitles, ['w']);
  assert.equal(client.requests.length, 1, 'cached');
  s.invalidate();
  await s.get(F1);
  assert.equal(client.requests.length, 2, 'asked again after invalidate');
});

test('scopes asked for in the same turn share one request (scopeUri per item)', async () => {
  const client = fakeClient({ [WINDOW]: {} });
  const { s } = scoped({ client });
  const all = await Promise.all([s.get(F1), s.get(F2), s.get(undefined)]);
  assert.equal(all.length, 3);
  assert.deepEqual(client.requests, [[F1, F2, WINDOW]]);
});

test('a document uses its folder\'s settings until its own come; `changed` only when they differ', async () => {
  const client = fakeClient({ [WINDOW]: { diagnostics: { disabled: [] } }, [F2]: { diagnostics: { disabled: ['title-unknown'] } }, [DOC]: { diagnostics: { disabled: ['date-invalid'] } } });
  const parent = (uri) => (uri.startsWith(F2 + '/') ? F2 : uri.startsWith(F1 + '/') ? F1 : undefined);
  const { s, changed } = scoped({ client, parent });
  await s.load([F1, F2]);
  assert.deepEqual(s.now(DOC).diagnostics.disabled, ['title-unknown'], 'the folder\'s');
  assert.deepEqual(s.now('untitled:Untitled-1').diagnostics.disabled, [], 'no folder: the window\'s');
  s.ask(DOC);
  await tick();
  assert.deepEqual(s.now(DOC).diagnostics.disabled, ['date-invalid'], 'its own');
  assert.deepEqual(changed, [DOC]);
  // A document whose own settings are its folder's: no re-check.
  const same = 'file:///ws1/other.communique';
  s.ask(same);
  await tick();
  assert.deepEqual(changed, [DOC]);
  // Closed: forgotten.
  s.forget(DOC);
  assert.deepEqual(s.now(DOC).diagnostics.disabled, ['title-unknown']);
});

test('a null answer or a failing request: the initializationOptions (the failure logged)', async () => {
  const init = { chancery: { diagnostics: { maxProblems: 3 } } };
  const nothing = scoped({ client: fakeClient({}), init });
  assert.equal((await nothing.s.load()).diagnostics.maxProblems, 3);
  const failing = scoped({ client: { getConfiguration: async () => Promise.reject(new Error('no')) }, init });
  assert.equal((await failing.s.load()).diagnostics.maxProblems, 3);
  assert.match(failing.logs.join('\n'), /workspace\/configuration failed: no/);
});

test('problems: the window\'s at every load; another scope\'s once, and not again when the window had them', async () => {
  const client = fakeClient({ [WINDOW]: { diagnostics: { maxProblems: -1 } }, [F1]: { diagnostics: { maxProblems: -1, disabled: ['nope'] } } });
  const { s, reports } = scoped({ client });
  await s.load([F1]);
  assert.equal(reports.length, 2);
  assert.match(reports[0].join(), /maxProblems/);
  assert.deepEqual(reports[1].length, 1, 'only what the window did not have');
  assert.match(reports[1][0], /unknown code "nope"/);
  s.invalidate();
  await s.load([F1]);
  assert.equal(reports.length, 4, 'a configuration change reports again');
});

test('multi-root: each folder\'s relative corpus paths against that folder, with that folder\'s settings', async () => {
  const client = fakeClient({ [WINDOW]: { corpus: { paths: ['shared'], includeBuiltin: false } }, [F1]: { corpus: { paths: ['corpus-a'] } }, [F2]: { corpus: { paths: ['corpus-b', '/abs'] } } });
  const { s } = scoped({ client });
  const folders = [{ uri: F1, path: '/ws1' }, { uri: F2, path: '/ws2' }];
  await s.load(folders.map((f) => f.uri));
  const c = await corpusSettings(s, folders);
  assert.deepEqual(c, { includeBuiltin: false, paths: ['shared'], folders: [{ path: '/ws1', paths: ['corpus-a'] }, { path: '/ws2', paths: ['corpus-b', '/abs'] }] });
  const probes = { home: '/h', cwd: '/', realpath: (p) => p, exists: () => true };
  const r = corpusPaths({ builtin: undefined, paths: c.paths, folders: c.folders, trusted: true }, probes);
  assert.deepEqual(r, { paths: ['/ws1/corpus-a', '/ws2/corpus-b', '/abs'], problems: [] });
  assert.equal(client.requests.length, 1);
});
