// Hostile corpora (issue 6): undecodable files, a folder of 10,000 small files, symlink loops,
// a path that does not exist, a file removed while indexing, a file that changes encoding.
// First through the core's loadCorpus with real temp dirs, then through the server with
// chancery.corpus.paths: clear messages (CorpusProblem / window/logMessage), the rest of the
// corpus still loads, the server stays up.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { LspServer } from '../harness/lspServer.mjs';
import { mulberry32 } from '../harness/prng.mjs';
import { core } from '../harness/core.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

const GOOD_TITLE = '《上合组织成员国鲁棒性测试专用合作纲要》';
const good = (n) => `　　2020年11月30日在比什凯克通过的${GOOD_TITLE}第${n}条。\n`;

/** Random bytes that are not UTF-8, not UTF-16 text: NULs, C0 controls, lone continuation bytes. */
function junk(n, seed = 7) {
  const rng = mulberry32(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = i % 3 === 0 ? 0 : Math.floor(rng() * 256);
  return b;
}

let root;
before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'chancery-corpus-'));
});
after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh folder under the test root. */
function folder(name) {
  const d = path.join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

const uriOf = (p) => pathToFileURL(p).href;
const mentions = (problems, p) => problems.filter((x) => x.uri === uriOf(p) || x.uri === p || x.uri.endsWith(path.basename(p)));
function assertClear(problem) {
  assert.ok(problem.message && problem.message.en.trim().length > 5 && problem.message.zh.trim().length > 1, `clear bilingual message: ${JSON.stringify(problem)}`);
}

describe('core loadCorpus on hostile folders', () => {
  test('undecodable file: a problem for it, the good files still load', async () => {
    const d = folder('undecodable');
    writeFileSync(path.join(d, 'good.txt'), good(1));
    writeFileSync(path.join(d, 'binary.txt'), junk(4096));
    const { docs, problems } = await core.loadCorpus([d], core.nodeCorpusReader);
    assert.equal(docs.filter((x) => x.text.includes(GOOD_TITLE)).length, 1);
    const p = mentions(problems, path.join(d, 'binary.txt'));
    assert.equal(p.length, 1, `one problem for binary.txt: ${JSON.stringify(problems)}`);
    assertClear(p[0]);
  });

  test('a file in GB18030, UTF-16LE/BE (BOM) decodes to the same text as UTF-8', async () => {
    const d = folder('encodings');
    const text = good(2) + '　　各代表团团长强调，上合组织成员国将进一步促进政策沟通。\n';
    writeFileSync(path.join(d, 'utf8.txt'), text);
    writeFileSync(path.join(d, 'gb18030.txt'), iconv.encode(text, 'gb18030'));
    writeFileSync(path.join(d, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]));
    writeFileSync(path.join(d, 'utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]));
    const { docs, problems } = await core.loadCorpus([d], core.nodeCorpusReader);
    assert.deepEqual(problems, []);
    assert.equal(docs.length, 4);
    for (const doc of docs) assert.equal(doc.text.replace(/^\ufeff/, ''), text, `${doc.uri} (${doc.encoding})`);
  });

  test('a folder of 10,000 small files loads completely', { timeout: 120000 }, async (t) => {
    const d = folder('many');
    for (let i = 0; i < 10000; i++) writeFileSync(path.join(d, `f${String(i).padStart(5, '0')}.txt`), good(i));
    const t0 = performance.now();
    const { docs, problems } = await core.loadCorpus([d], core.nodeCorpusReader);
    const ms = performance.now() - t0;
    t.diagnostic(`10,000 files loaded in ${ms.toFixed(0)} ms`);
    assert.deepEqual(problems, []);
    assert.equal(docs.length, 10000);
    const t1 = performance.now();
    const kb = core.buildKnowledgeBase(docs, problems);
    t.diagnostic(`knowledge base of 10,000 files built in ${(performance.now() - t1).toFixed(0)} ms`);
    assert.ok(kb.instruments.length >= 1);
  });

  test('symlink loops terminate; files are read once', { timeout: 60000 }, async () => {
    const d = folder('loops');
    writeFileSync(path.join(d, 'good.txt'), good(3));
    mkdirSync(path.join(d, 'sub'));
    writeFileSync(path.join(d, 'sub', 'inner.txt'), good(4));
    symlinkSync(d, path.join(d, 'sub', 'back-to-top')); // directory loop
    symlinkSync(path.join(d, 'loop-b'), path.join(d, 'loop-a')); // a → b → a (ELOOP)
    symlinkSync(path.join(d, 'loop-a'), path.join(d, 'loop-b'));
    symlinkSync(path.join(d, 'missing-target'), path.join(d, 'dangling.txt'));
    const { docs, problems } = await core.loadCorpus([d], core.nodeCorpusReader);
    const texts = docs.map((x) => x.text).sort();
    assert.deepEqual(texts, [good(3), good(4)].sort(), `each file once: ${docs.map((x) => x.uri).join(', ')}`);
    for (const p of problems) assertClear(p);
  });

  // A symlink "bomb": 28 folders, each with two links to the next. Walking every path would
  // visit 2^28 folders (the loader only checked a folder's ancestors: 2^14 paths already took
  // 10.7 s); walking each real folder once visits 29.
  test('a symlink bomb (each folder links twice to the next, 28 levels) loads each folder once', { timeout: 20000 }, async (t) => {
    const d = folder('bomb');
    const N = 28;
    for (let i = 0; i <= N; i++) {
      mkdirSync(path.join(d, `d${i}`));
      writeFileSync(path.join(d, `d${i}`, 'f.txt'), good(100 + i));
    }
    for (let i = 0; i < N; i++) {
      symlinkSync(path.join(d, `d${i + 1}`), path.join(d, `d${i}`, 'a'));
      symlinkSync(path.join(d, `d${i + 1}`), path.join(d, `d${i}`, 'b'));
    }
    const t0 = performance.now();
    const { docs } = await core.loadCorpus([path.join(d, 'd0')], core.nodeCorpusReader);
    t.diagnostic(`symlink bomb of ${N} levels loaded in ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(docs.length, N + 1);
  });

  test('a path that does not exist: a clear problem, the other paths still load', async () => {
    const d = folder('exists');
    writeFileSync(path.join(d, 'good.txt'), good(5));
    const missing = path.join(root, 'no', 'such', 'folder');
    const { docs, problems } = await core.loadCorpus([missing, d], core.nodeCorpusReader);
    assert.equal(docs.length, 1);
    const p = mentions(problems, missing);
    assert.equal(p.length, 1, JSON.stringify(problems));
    assertClear(p[0]);
  });

  test('a file removed while indexing (between readdir and readFile): a problem, the rest loads', async () => {
    const d = folder('vanishing');
    for (const n of ['a', 'b', 'c']) writeFileSync(path.join(d, `${n}.txt`), good(n.charCodeAt(0)));
    const victim = path.join(d, 'b.txt');
    const reader = {
      ...core.nodeCorpusReader,
      stat: (p) => core.nodeCorpusReader.stat(p),
      readFile: (p, n) => core.nodeCorpusReader.readFile(p, n),
      realpath: core.nodeCorpusReader.realpath ? (p) => core.nodeCorpusReader.realpath(p) : undefined,
      async readdir(p) {
        const names = await core.nodeCorpusReader.readdir(p);
        if (p === d || path.resolve(p) === d) unlinkSync(victim); // gone after the listing
        return names;
      },
    };
    if (!reader.realpath) delete reader.realpath;
    const { docs, problems } = await core.loadCorpus([d], reader);
    assert.equal(docs.length, 2, docs.map((x) => x.uri).join(', '));
    const p = mentions(problems, victim);
    assert.equal(p.length, 1, JSON.stringify(problems));
    assertClear(p[0]);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the server

describe('server with a hostile chancery.corpus.paths', () => {
  let server;
  let dirs;
  after(async () => {
    if (server) await server.stop();
  });

  test('loads the good files, logs the bad ones, stays up', { timeout: 180000 }, async (t) => {
    const ws = folder('ws');
    const bad = folder('ws/bad');
    writeFileSync(path.join(bad, 'good.txt'), good(9));
    writeFileSync(path.join(bad, 'binary.txt'), junk(8192, 11));
    symlinkSync(bad, path.join(bad, 'self')); // loop
    const many = folder('ws/many');
    for (let i = 0; i < 10000; i++) writeFileSync(path.join(many, `m${i}.txt`), `　　第${i}段。\n`);
    const missing = path.join(ws, 'does-not-exist');
    dirs = { ws, bad, many, missing };
    const chancery = { corpus: { paths: [bad, many, missing], includeBuiltin: true } };
    const t0 = performance.now();
    server = await LspServer.start({ settings: { chancery }, initializationOptions: chancery, workspaceFolders: [ws] });
    // The knowledge base is ready when the server says so (chancery/status) …
    await server.waitFor(
      () => server.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready' && n.params.sources >= 10001),
      150000,
      'chancery/status ready with ≥ 10,001 sources',
    );
    t.diagnostic(`initialize → knowledge base of ${10001 + 1} files ready in ${(performance.now() - t0).toFixed(0)} ms, RSS ${server.rssKb()} kB`);
    // … and the instrument of the good file is known: hover on it.
    const uri = uriOf(path.join(ws, 'draft.communique'));
    const draft = `　　${GOOD_TITLE}。`;
    await server.openAndWait(uri, draft);
    const hover = await server.hover(uri, { line: 0, character: 4 });
    assert.ok(hover && JSON.stringify(hover.contents).includes('比什凯克'), `hover shows the good file's facts: ${JSON.stringify(hover)}`);
    // Clear messages in the output channel (window/logMessage) for the binary file and the missing path.
    const logs = server.logs.map((l) => l.message).join('\n');
    assert.match(logs, /binary\.txt/, 'the undecodable file is named in the log');
    assert.match(logs, /does-not-exist/, 'the missing path is named in the log');
    await server.ping();
    assert.equal(server.exited, false);
  });

  test('a corpus file that changes encoding (UTF-8 → GB18030 → UTF-16) and then disappears', { timeout: 120000 }, async (t) => {
    assert.ok(server && dirs, 'the previous test started the server');
    const file = path.join(dirs.bad, 'good.txt');
    const uri = uriOf(path.join(dirs.ws, 'draft.communique'));
    const readies = () => server.notifications.filter((n) => n.method === 'chancery/status' && n.params?.state === 'ready').length;
    const hoverText = async () => JSON.stringify((await server.hover(uri, { line: 0, character: 4 }))?.contents ?? null);
    const steps = [
      ['gb18030', (text) => iconv.encode(text, 'gb18030'), '杜尚别'],
      ['utf-16le with BOM', (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), '塔什干'],
      ['utf-16be with BOM', (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]), '撒马尔罕'],
    ];
    for (const [encoding, encode, place] of steps) {
      const before = readies();
      writeFileSync(file, encode(good(9).replace('比什凯克', place)));
      server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
      const t0 = performance.now();
      await server.waitFor(() => readies() > before, 60000, `rebuild after the file became ${encoding}`);
      const h = await hoverText();
      t.diagnostic(`${encoding}: rebuilt in ${(performance.now() - t0).toFixed(0)} ms`);
      assert.match(h, new RegExp(place), `${encoding}: the re-encoded file is read (${h.slice(0, 300)})`);
    }
    const before = readies();
    unlinkSync(file);
    server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 3 }] });
    await server.waitFor(() => readies() > before, 60000, 'rebuild after the file was deleted');
    assert.doesNotMatch(await hoverText(), /撒马尔罕/, 'the deleted file is forgotten');
    await server.ping();
  });
});
