// Attacks on the corpus loader (#12): reading is bounded before it starts, and an untrusted
// workspace reads nothing outside its folders, whatever a path or a symbolic link says.
// Through the core's loadCorpus with real files; the server's use of it is in attacks-server.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, openSync, ftruncateSync, closeSync, realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { core } from '../unit/helpers.mjs';

const { loadCorpus, nodeCorpusReader } = core;
const GOOD = '　　2020年11月30日在比什凯克通过的《上合组织成员国攻击测试专用合作纲要》。\n';
let root;
before(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-attacks-')));
});
after(() => rmSync(root, { recursive: true, force: true }));

const rss = () => process.memoryUsage().rss;

test('device and kernel files are never read: /dev/zero, /proc/self/pagemap, a link to them inside a corpus folder', async () => {
  const dir = path.join(root, 'devices');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'good.txt'), GOOD);
  symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
  symlinkSync('/proc/self/pagemap', path.join(dir, 'pagemap.txt'));
  const before = rss();
  const r = await loadCorpus(['/dev/zero', '/proc/self/pagemap', dir], nodeCorpusReader);
  assert.equal(r.docs.length, 1);
  assert.ok(r.docs[0].uri.endsWith('good.txt'));
  const text = r.problems.map((p) => p.message.en).join('\n');
  assert.match(text, /\/dev\/zero: not a file or folder|\/dev\/zero: a device or system file/);
  assert.match(text, /pagemap: a device or system file/);
  // a link to a device inside a folder is not a regular file: skipped like any other non-document
  assert.ok(!r.docs.some((d) => d.uri.endsWith('zero.txt')));
  for (const p of r.problems) assert.ok(p.message.zh.length > 0);
  assert.ok(rss() - before < 200 * 1024 * 1024, `memory grew by ${rss() - before} bytes`);
});

test('a sparse 1.5 GB file is refused by its size before a byte is read; a file of the limit is read', async () => {
  const dir = path.join(root, 'sparse');
  mkdirSync(dir);
  const big = path.join(dir, 'archive.txt');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 1.5 * 1024 * 1024 * 1024);
  closeSync(fd);
  writeFileSync(path.join(dir, 'good.txt'), GOOD);
  const before = rss();
  const r = await loadCorpus([dir], nodeCorpusReader);
  assert.deepEqual(r.docs.map((d) => path.basename(d.uri)), ['good.txt']);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0].message.en, /archive\.txt: larger than 64 MB/);
  assert.match(r.problems[0].message.zh, /超过 64 MB/);
  assert.ok(rss() - before < 100 * 1024 * 1024, `memory grew by ${rss() - before} bytes`);
  // the limit is an option: a smaller one refuses the good file too, by name
  const small = await loadCorpus([path.join(dir, 'good.txt')], nodeCorpusReader, { maxFileBytes: 10 });
  assert.equal(small.docs.length, 0);
  assert.match(small.problems[0].message.en, /good\.txt: larger than/);
});

test('a file that is longer than its reported size is cut off at the limit, not read whole', async () => {
  // /proc/self/status reports size 0 but has content: the bounded reader must stop at the limit
  // (read through a reader that does not refuse system paths, as a FUSE or network mount could behave).
  const dir = path.join(root, 'liar');
  mkdirSync(dir);
  const f = path.join(dir, 'grows.txt');
  writeFileSync(f, 'x'.repeat(5000));
  await assert.rejects(nodeCorpusReader.readFile(f, 100), (e) => e instanceof core.TooLarge);
  assert.equal((await nodeCorpusReader.readFile(f, 5000)).length, 5000);
});

test('a FIFO with no writer, named or inside a corpus folder, does not hang the loader', async () => {
  const dir = path.join(root, 'fifo');
  mkdirSync(dir);
  execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  writeFileSync(path.join(dir, 'good.txt'), GOOD);
  const r = await loadCorpus([dir, path.join(dir, 'pipe.txt')], nodeCorpusReader);
  assert.deepEqual(r.docs.map((d) => path.basename(d.uri)), ['good.txt']);
  assert.match(r.problems.map((p) => p.message.en).join('\n'), /pipe\.txt: not a file or folder/);
  // and the reader itself refuses it without blocking
  await assert.rejects(nodeCorpusReader.readFile(path.join(dir, 'pipe.txt'), 1000));
});

test('allowedRoots (an untrusted workspace): a link to a file or folder outside is not followed', async () => {
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(ws, 'corpus'), { recursive: true });
  mkdirSync(path.join(outside, 'secrets'), { recursive: true });
  writeFileSync(path.join(outside, 'secret.txt'), '　　2021年1月1日在机密城通过的《机密文件》。\n');
  writeFileSync(path.join(outside, 'secrets', 'more.txt'), '　　2021年1月2日在机密城通过的《另一份机密文件》。\n');
  writeFileSync(path.join(ws, 'corpus', 'good.txt'), GOOD);
  symlinkSync('../../outside/secret.txt', path.join(ws, 'corpus', 'leak.txt'));
  symlinkSync(path.join(outside, 'secrets'), path.join(ws, 'corpus', 'linked'));
  const r = await loadCorpus([path.join(ws, 'corpus')], nodeCorpusReader, { allowedRoots: [ws] });
  assert.deepEqual(r.docs.map((d) => path.basename(d.uri)), ['good.txt']);
  assert.ok(!r.docs.some((d) => d.text.includes('机密')));
  const text = r.problems.map((p) => p.message.en).join('\n');
  assert.match(text, /leak\.txt: it leads outside the workspace folders/);
  assert.match(text, /linked: it leads outside the workspace folders/);
  // a path named directly outside the roots is refused the same way
  const direct = await loadCorpus([path.join(outside, 'secret.txt')], nodeCorpusReader, { allowedRoots: [ws] });
  assert.equal(direct.docs.length, 0);
  // trusted (no allowedRoots): the links are followed
  const trusted = await loadCorpus([path.join(ws, 'corpus')], nodeCorpusReader);
  assert.equal(trusted.docs.length, 3);
});
