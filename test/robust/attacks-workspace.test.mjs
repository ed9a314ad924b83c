// Workspace-wide requests over a hostile workspace (#12 item 8): an archive of a few million
// characters, a file over the size limit (sparse, 200 MB), a FIFO named like a draft (never opened).
// Find References and "check all drafts" cap their results (at most 10,000 locations, with a log
// line) and skip what is too large, with a note; with the check worker (files on disk are read and
// searched there) and without it (one file at a time on the main thread) they answer the same.
// That they no longer hold the main thread is shown by bench/robust.mjs blocking (hover waits).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, openSync, ftruncateSync, closeSync, realpathSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer, EMBEDDED_CORPUS } from '../harness/lspServer.mjs';

const corpus = readFileSync(EMBEDDED_CORPUS, 'utf8');
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-attacks-workspace-')));
const ws = path.join(root, 'ws');
const TITLE = '《上合组织成员国政府间国际道路运输便利化协定》';
const SMALL = `　　各代表团团长认为，切实落实2014年9月12日在杜尚别通过的${TITLE}。`;
// ≈ 3.4 M characters: a line citing the instrument (with a wrong verb: a finding), then corpus text.
const LINE = `　　各方欢迎2014年9月12日在杜尚别签署的${TITLE}。${corpus.slice(0, 200)}\n`;
const ARCHIVE_LINES = Math.ceil(3_400_000 / LINE.length);

let server;
let noWorker;
before(async () => {
  mkdirSync(path.join(ws, 'drafts'), { recursive: true });
  writeFileSync(path.join(ws, 'archive.md'), LINE.repeat(ARCHIVE_LINES));
  writeFileSync(path.join(ws, 'drafts', 'notes.communique'), SMALL);
  // over the limit: refused by its size before a byte is read
  const fd = openSync(path.join(ws, 'drafts', 'huge.md'), 'w');
  ftruncateSync(fd, 200 * 1024 * 1024);
  closeSync(fd);
  execFileSync('mkfifo', [path.join(ws, 'drafts', 'pipe.txt')]);
  server = await LspServer.start({ workspaceFolders: [ws] });
  noWorker = await LspServer.start({ workspaceFolders: [ws], env: { CHANCERY_NO_WORKER: '1' } });
  for (const s of [server, noWorker]) await s.waitFor(() => s.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready'), 60000, 'ready');
});
after(async () => {
  for (const s of [server, noWorker]) if (s) await s.stop();
  rmSync(root, { recursive: true, force: true });
});

const notes = pathToFileURL(path.join(ws, 'drafts', 'notes.communique')).href;
const at = { line: 0, character: SMALL.indexOf('国际道路') };

/** Sends `method` with the small draft open; returns the result. */
async function ask(s, method, params) {
  await s.openAndWait(notes, SMALL);
  const result = await s.request(method, params, 120000);
  s.close(notes);
  return result;
}

const said = (s) => s.logs.map((l) => l.message).join('\n');

test('Find References: at most 10,000 locations with a note, the oversized file skipped', { timeout: 180000 }, async () => {
  const result = await ask(server, 'textDocument/references', { textDocument: { uri: notes }, position: at, context: { includeDeclaration: true } });
  assert.ok(ARCHIVE_LINES + 1 > 10_000, 'more mentions than the cap');
  assert.equal(result.length, 10_000);
  assert.ok(result.some((l) => l.uri.endsWith('/notes.communique')));
  assert.ok(result.some((l) => l.uri.endsWith('/archive.md')));
  assert.match(said(server), new RegExp(`Find References: ${ARCHIVE_LINES + 1} mentions; the first 10000 are listed`));
  assert.match(said(server), /Find References did not read 1 file\(s\):.*huge\.md \(larger than 64 MB\)/);
});

test('check all drafts: diagnostics published for each file, oversized and odd files skipped', { timeout: 180000 }, async () => {
  const archive = pathToFileURL(path.join(ws, 'archive.md')).href;
  const before = server.seq;
  const result = await ask(server, 'chancery/checkWorkspace', {});
  const a = result.files.find((f) => f.uri === archive);
  assert.ok(a && a.findings >= ARCHIVE_LINES, JSON.stringify(result.files));
  // the FIFO is no file: not listed, not opened (nothing waits on it)
  assert.deepEqual(result.skipped.map((x) => path.basename(x.uri)), ['huge.md']);
  assert.ok(!result.files.some((f) => f.uri.endsWith('pipe.txt')));
  assert.match(result.skipped.find((x) => x.uri.endsWith('huge.md')).reason, /larger than 64 MB/);
  // the archive's diagnostics: the first maxProblems (1,000), the note on the rest, with where the corpus says it
  const pub = await server.waitFor(() => server.diagnostics.get(archive)?.find((p) => p.seq > before), 60000, 'archive diagnostics');
  assert.equal(pub.diagnostics.length, 1001);
  assert.equal(pub.diagnostics.at(-1).code, 'too-many-problems');
  assert.ok(pub.diagnostics[0].relatedInformation?.length, 'related information from the corpus');
});

test('without a worker the same answers, each file done between other requests', { timeout: 180000 }, async () => {
  await noWorker.openAndWait(notes, SMALL);
  const refs = await noWorker.request('textDocument/references', { textDocument: { uri: notes }, position: at, context: { includeDeclaration: true } }, 120000);
  assert.equal(refs.length, 10_000);
  const check = await noWorker.request('chancery/checkWorkspace', {}, 120000);
  assert.deepEqual(check.skipped.map((x) => path.basename(x.uri)), ['huge.md']);
  noWorker.close(notes);
});
