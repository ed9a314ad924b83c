// server/src/host/corpusPaths.ts: which corpus paths the server reads (settings + workspace folders
// + trust → paths and problems), with the file system faked. Loaded from the TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { corpusPaths } = source('host/corpusPaths');

/**
 * A fake file system: `files` exist; `links` maps a symlink's path to its target. realpath
 * resolves links in any prefix and throws for what does not exist.
 */
function probes({ files = [], links = {}, home = '/home/u', cwd = '/cwd' } = {}) {
  const resolve = (p) => {
    for (const [link, target] of Object.entries(links)) {
      if (p === link || p.startsWith(link + '/')) return target + p.slice(link.length);
    }
    return p;
  };
  const exists = (p) => files.some((f) => f === p || f.startsWith(p + '/'));
  return {
    home,
    cwd,
    exists: (p) => exists(resolve(p)),
    realpath: (p) => {
      const r = resolve(p);
      if (!exists(r)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return r;
    },
  };
}

const BUILTIN = '/ext/dist/corpus';
const run = (input, fs = probes()) => corpusPaths({ builtin: undefined, paths: [], folders: [], trusted: true, ...input }, fs);

test('the embedded corpus first when included, nothing else by default', () => {
  assert.deepEqual(run({ builtin: BUILTIN }), { paths: [BUILTIN], problems: [] });
  assert.deepEqual(run({}), { paths: [], problems: [] });
  assert.deepEqual(run({ builtin: BUILTIN, paths: ['/data/c'] }).paths, [BUILTIN, '/data/c']);
});

test('absolute paths are read as written (normalised), blank ones skipped, duplicates once', () => {
  const r = run({ paths: ['/data/a/../c', '  ', '', '/data/c'] });
  assert.deepEqual(r, { paths: ['/data/c'], problems: [] });
});

test('without workspace folders a relative path is resolved against cwd', () => {
  assert.deepEqual(run({ paths: ['corpus'] }, probes({ cwd: '/work' })).paths, ['/work/corpus']);
});

test('a relative path is resolved against each folder that lists it, with that folder\'s settings', () => {
  const fs = probes({ files: ['/ws1/corpus/a.txt', '/ws2/corpus/b.txt', '/ws2/notes/n.txt'] });
  // The same settings in both folders: both resolutions, those that exist.
  const same = run({ folders: [{ path: '/ws1', paths: ['corpus'] }, { path: '/ws2', paths: ['corpus'] }] }, fs);
  assert.deepEqual(same, { paths: ['/ws1/corpus', '/ws2/corpus'], problems: [] });
  // Each folder its own list: each relative path only against the folder that lists it.
  const own = run({ folders: [{ path: '/ws1', paths: ['corpus'] }, { path: '/ws2', paths: ['notes'] }] }, fs);
  assert.deepEqual(own, { paths: ['/ws1/corpus', '/ws2/notes'], problems: [] });
  // The window's list is not read when there are folders.
  assert.deepEqual(run({ paths: ['corpus'], folders: [{ path: '/ws2', paths: [] }] }, fs).paths, []);
});

test('of the resolutions, those that exist; the first when none does (so that its absence is reported)', () => {
  const fs = probes({ files: ['/ws2/corpus/b.txt'] });
  const folders = [{ path: '/ws1', paths: ['corpus'] }, { path: '/ws2', paths: ['corpus'] }];
  assert.deepEqual(run({ folders }, fs).paths, ['/ws2/corpus']);
  assert.deepEqual(run({ folders }, probes()).paths, ['/ws1/corpus']);
});

test('~/ is the home folder; file:// uris are paths; a bad file uri is a problem', () => {
  const fs = probes({ home: '/home/ann' });
  assert.deepEqual(run({ paths: ['~/corpus', pathToFileURL('/data/x y').href] }, fs).paths, ['/home/ann/corpus', '/data/x y']);
  const bad = run({ paths: [' file://host/share '] }, fs);
  assert.deepEqual(bad.paths, []);
  assert.deepEqual(bad.problems, ['chancery.corpus.paths: "file://host/share" is not a valid file uri; ignored']);
});

test('a relative path that climbs out of every workspace folder is refused', () => {
  const r = run({ folders: [{ path: '/ws', paths: ['../secret', 'corpus/../corpus'] }] }, probes({ files: ['/ws/corpus/a.txt', '/secret/s.txt'] }));
  assert.deepEqual(r.paths, ['/ws/corpus']);
  assert.deepEqual(r.problems, ['chancery.corpus.paths: "../secret" is a relative path that leads outside the workspace folders; ignored (use an absolute path)']);
  // Into another workspace folder is inside.
  const into = run({ folders: [{ path: '/a/ws1', paths: ['../ws2/corpus'] }, { path: '/a/ws2', paths: [] }] }, probes({ files: ['/a/ws2/corpus/c.txt'] }));
  assert.deepEqual(into, { paths: ['/a/ws2/corpus'], problems: [] });
});

test('trusted: absolute paths outside the workspace are read', () => {
  const r = run({ trusted: true, folders: [{ path: '/ws', paths: ['/secret', 'corpus'] }] }, probes({ files: ['/secret/s.txt', '/ws/corpus/a.txt'] }));
  assert.deepEqual(r, { paths: ['/secret', '/ws/corpus'], problems: [] });
});

test('untrusted: nothing outside the workspace folders is read, inside is', () => {
  const fs = probes({ files: ['/secret/s.txt', '/ws/corpus/a.txt'] });
  const r = run({ trusted: false, builtin: BUILTIN, folders: [{ path: '/ws', paths: ['/secret', 'corpus', '/ws/corpus'] }] }, fs);
  assert.deepEqual(r.paths, [BUILTIN, '/ws/corpus']);
  assert.deepEqual(r.problems, [
    'chancery.corpus.paths: "/secret" is outside the workspace folders and the workspace is not trusted; ignored (trust the workspace to read it)',
  ]);
});

test('untrusted: symlinks are resolved — a link inside that points outside is outside; a linked folder holds what is in it', () => {
  const fs = probes({ files: ['/secret/s.txt', '/real/ws/corpus/a.txt'], links: { '/ws/link-to-secret': '/secret', '/ws': '/real/ws' } });
  // The workspace folder is itself a link (/ws → /real/ws): paths written either way are inside.
  const r = run({ trusted: false, folders: [{ path: '/ws', paths: ['link-to-secret', 'corpus', '/real/ws/corpus'] }] }, fs);
  assert.deepEqual(r.paths, ['/ws/corpus', '/real/ws/corpus']);
  assert.deepEqual(r.problems, [
    'chancery.corpus.paths: "link-to-secret" is outside the workspace folders and the workspace is not trusted; ignored (trust the workspace to read it)',
  ]);
  // Trusted, the link is read.
  assert.deepEqual(run({ trusted: true, folders: [{ path: '/ws', paths: ['link-to-secret'] }] }, fs).paths, ['/ws/link-to-secret']);
});

test('nested workspace folders: each resolution of a relative path is checked on its own (#12)', () => {
  // "../up" from /n is /up (outside every folder); from /n/inner it is /n/up (inside /n).
  const fs = probes({ files: ['/up/secret.txt', '/n/up/good.txt'] });
  const folders = [{ path: '/n', paths: ['../up'] }, { path: '/n/inner', paths: ['../up'] }];
  for (const trusted of [true, false]) {
    const r = run({ trusted, folders }, fs);
    assert.deepEqual(r.paths, ['/n/up'], `trusted: ${trusted}`);
    assert.deepEqual(r.problems, ['chancery.corpus.paths: "../up" is a relative path that leads outside the workspace folders; ignored (use an absolute path)']);
  }
});

test('untrusted: the loader is given the real paths of the workspace folders and the embedded corpus as its only roots', () => {
  const fs = probes({ files: ['/real/ws/corpus/a.txt', BUILTIN + '/c.txt'], links: { '/ws': '/real/ws' } });
  const r = run({ trusted: false, builtin: BUILTIN, folders: [{ path: '/ws', paths: ['corpus'] }] }, fs);
  assert.deepEqual(r.allowedRoots, ['/real/ws', BUILTIN]);
  assert.equal(run({ trusted: true, builtin: BUILTIN, folders: [{ path: '/ws', paths: ['corpus'] }] }, fs).allowedRoots, undefined);
});
