// server/src/host/corpusWatch.ts (#12 item 8): on Linux corpus folders are watched one by one —
// folders, never files, found by an asynchronous walk, capped — and a change in a file of a nested
// folder is noticed; watchers of folders that stay are kept from one update to the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { source } from '../harness/sources.mjs';

const { CorpusWatch, MAX_WATCHED_FOLDERS } = source('host/corpusWatch');

test('folders are watched one by one (not their files), a change deep down is noticed, watchers are kept', async () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-watch-')));
  try {
    for (let d = 0; d < 5; d++) {
      mkdirSync(path.join(root, `d${d}`, 'inner'), { recursive: true });
      for (let f = 0; f < 50; f++) writeFileSync(path.join(root, `d${d}`, `f${f}.txt`), 'x');
    }
    const changed = [];
    const logs = [];
    const w = new CorpusWatch({ changed: (p) => changed.push(p), log: (m) => logs.push(m), perFolder: true });
    await w.update([root]);
    assert.equal(w.size, 11, 'the root, 5 folders and their 5 inner folders: no file');
    await w.update([root]);
    assert.equal(w.size, 11);
    writeFileSync(path.join(root, 'd3', 'inner', 'new.txt'), 'y');
    const deadline = Date.now() + 10000;
    while (!changed.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(changed.includes(path.join(root, 'd3', 'inner')), `noticed: ${changed.join(', ')}`);
    await w.update([]);
    assert.equal(w.size, 0);
    w.dispose();
    assert.deepEqual(logs, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test(`at most ${MAX_WATCHED_FOLDERS} folders, with one note`, async () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-watch-many-')));
  try {
    for (let d = 0; d < MAX_WATCHED_FOLDERS + 10; d++) mkdirSync(path.join(root, `d${d}`));
    const logs = [];
    const w = new CorpusWatch({ changed: () => undefined, log: (m) => logs.push(m), perFolder: true });
    await w.update([root]);
    assert.equal(w.size, MAX_WATCHED_FOLDERS);
    await w.update([root]);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /more than \d+ folders/);
    w.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
