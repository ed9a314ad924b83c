// Unit tests of core/corpus: decoding, loading files and folders, splitting paragraphs and sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);

const iconv = require('iconv-lite');
const { decodeBytes, loadCorpus, memoryCorpusReader, nodeCorpusReader, builtinCorpusDir, splitParagraphs, splitSentences } = core;

const ZH = '　　各代表团团长欢迎2021年9月17日在杜尚别通过的《上合组织旅游和文化之都条例》。';

test('decodeBytes: UTF-8 with and without BOM', () => {
  const bytes = new TextEncoder().encode(ZH);
  assert.deepEqual(decodeBytes(bytes), { text: ZH, encoding: 'utf-8' });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
  assert.deepEqual(decodeBytes(bom), { text: ZH, encoding: 'utf-8-bom' });
});

test('decodeBytes: UTF-16 LE and BE with BOM', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ZH, 'utf16le')]);
  assert.deepEqual(decodeBytes(le), { text: ZH, encoding: 'utf-16le' });
  const be = Buffer.from(le);
  for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
  assert.deepEqual(decodeBytes(be), { text: ZH, encoding: 'utf-16be' });
});

test('decodeBytes: UTF-16 LE and BE without BOM are detected from Chinese text, with or without ASCII', () => {
  for (const text of [ZH, '上海合作组织成员国政府首脑（总理）理事会第二十次会议联合公报', ZH + '\n' + ZH + '\r\n2021']) {
    const le = Buffer.from(text, 'utf16le');
    assert.deepEqual(decodeBytes(le), { text, encoding: 'utf-16le' }, JSON.stringify(text));
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    assert.deepEqual(decodeBytes(be), { text, encoding: 'utf-16be' }, JSON.stringify(text));
  }
  // English in UTF-16 without BOM is not guessed (too little to tell it from binary data).
  assert.ok('error' in decodeBytes(Buffer.from('Hello, world.\n', 'utf16le')));
  // An odd number of bytes is not UTF-16.
  assert.ok('error' in decodeBytes(Buffer.concat([Buffer.from(ZH, 'utf16le'), Buffer.from([0])])));
});

test('decodeBytes: GB18030 and GBK bytes are detected', () => {
  const gb = iconv.encode(ZH, 'gb18030');
  assert.deepEqual(decodeBytes(gb), { text: ZH, encoding: 'gb18030' });
  const gbk = iconv.encode('上海合作组织成员国政府首脑（总理）理事会', 'gbk');
  assert.equal(decodeBytes(gbk).text, '上海合作组织成员国政府首脑（总理）理事会');
});

test('decodeBytes: Big5 (traditional Chinese) is told from GB18030, which would decode it into the wrong characters', () => {
  const TW = '　　各代表團團長歡迎2021年9月17日在杜尚別通過的《上合組織旅遊和文化之都條例》。';
  const big5 = iconv.encode(TW, 'big5');
  assert.notEqual(iconv.decode(big5, 'gb18030'), TW);
  assert.deepEqual(decodeBytes(big5), { text: TW, encoding: 'big5' });
  assert.deepEqual(decodeBytes(iconv.encode('Note 1: ' + TW + '\n(2021)', 'big5')), { text: 'Note 1: ' + TW + '\n(2021)', encoding: 'big5' });
  // traditional characters in GBK stay GB18030
  assert.deepEqual(decodeBytes(iconv.encode(TW, 'gbk')), { text: TW, encoding: 'gb18030' });
  // and what is read from a Big5 corpus file is learned, as written
  const kb = core.buildKnowledgeBase([{ uri: 'memory:/tw.txt', text: decodeBytes(big5).text, encoding: 'big5' }]);
  assert.deepEqual(kb.instruments.map((i) => [i.title, i.adoptions[0]?.place]), [['上合組織旅遊和文化之都條例', '杜尚別']]);
});

test('decodeBytes: binary data is an error', () => {
  assert.ok('error' in decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])));
  const noise = new Uint8Array(4096);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = (x >> 16) & 0xff || 1;
  }
  assert.ok('error' in decodeBytes(noise));
  assert.ok('error' in decodeBytes(new TextEncoder().encode('abc\x01\x02\x03\x04\x05')));
});

test('memory corpus: folders recursive and sorted, other extensions skipped', async () => {
  const reader = memoryCorpusReader({
    '/c/b.txt': 'B。',
    '/c/a.md': 'A。',
    '/c/sub/z.txt': 'Z。',
    '/c/image.png': new Uint8Array([1, 2, 3]),
    '/c/notes.pdf': '%PDF-1.4',
  });
  const { docs, problems } = await loadCorpus(['/c'], reader);
  assert.deepEqual(problems, []);
  assert.deepEqual(docs.map((d) => d.uri), ['memory:/c/a.md', 'memory:/c/b.txt', 'memory:/c/sub/z.txt']);
  assert.equal(docs[0].text, 'A。');
});

test('problems, never throws: missing path, binary file, file removed while indexing', async () => {
  const base = memoryCorpusReader({ '/c/good.txt': ZH, '/c/bin.txt': new Uint8Array([0, 1, 2, 0, 255]), '/c/gone.txt': 'x' });
  const reader = { ...base, readFile: async (p, n) => (p.endsWith('gone.txt') ? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) : base.readFile(p, n)) };
  const { docs, problems } = await loadCorpus(['/c', '/nowhere'], reader);
  assert.deepEqual(docs.map((d) => d.uri), ['memory:/c/good.txt']);
  assert.equal(problems.length, 3);
  const byUri = Object.fromEntries(problems.map((p) => [p.uri, p.message]));
  assert.match(byUri['memory:/c/bin.txt'].en, /bin\.txt.*binary/);
  assert.match(byUri['memory:/c/bin.txt'].zh, /已跳过/);
  assert.match(byUri['memory:/c/gone.txt'].en, /removed/);
  assert.match(byUri['memory:/nowhere'].en, /not found/);
  assert.match(byUri['memory:/nowhere'].zh, /找不到/);
});

test('real files: GB18030, UTF-16 BOM, binary, symlink loop, sorted walk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chancery-corpus-'));
  try {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b-gb.txt'), iconv.encode(ZH, 'gb18030'));
    fs.writeFileSync(path.join(dir, 'a-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ZH, 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'c-bin.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    fs.writeFileSync(path.join(dir, 'sub', 'd.md'), '# 标题\n\n正文。');
    fs.writeFileSync(path.join(dir, 'sub', 'e.pdf'), '%PDF');
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    const { docs, problems } = await loadCorpus([dir], nodeCorpusReader);
    assert.deepEqual(
      docs.map((d) => [path.basename(new URL(d.uri).pathname), d.encoding]),
      [['a-utf16.txt', 'utf-16le'], ['b-gb.txt', 'gb18030'], ['d.md', 'utf-8']],
    );
    assert.ok(docs[0].uri.startsWith('file://'));
    assert.equal(docs[1].text, ZH);
    assert.equal(problems.length, 2, JSON.stringify(problems));
    assert.ok(problems.some((p) => /c-bin\.txt/.test(p.message.en)));
    assert.ok(problems.some((p) => /loop/.test(p.message.en)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('cancellation stops the walk', async () => {
  const files = {};
  for (let i = 0; i < 20; i++) files[`/c/${String(i).padStart(2, '0')}.txt`] = '文。';
  const token = { isCancellationRequested: false };
  const seen = [];
  const { docs } = await loadCorpus(['/c'], memoryCorpusReader(files), {
    token,
    onProgress: (p) => {
      seen.push(p.uri);
      if (p.files === 3) token.isCancellationRequested = true;
    },
  });
  assert.equal(docs.length, 3);
  assert.equal(seen.length, 3);
});

test('embedded corpus: builtin:/ uri (from the sources, the repository\'s server/corpus; a bundle finds its dist/corpus)', async () => {
  assert.equal(builtinCorpusDir(), path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'corpus'));
  const { docs, problems } = await loadCorpus([builtinCorpusDir()]);
  assert.deepEqual(problems, []);
  assert.deepEqual(docs.map((d) => d.uri), ['builtin:/sco-2021-heads-of-government-communique.zh.txt']);
  assert.ok(docs[0].text.startsWith('上海合作组织成员国政府首脑（总理）理事会第二十次会议联合公报'));
});

test('splitParagraphs: line breaks and the leading 　　 of web copies', () => {
  const t = '标题\r\n　　第一段。第二句！\n\n　　第二段；　　第三段？  \r末段';
  const ps = splitParagraphs(t).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(ps, ['标题', '第一段。第二句！', '第二段；', '第三段？', '末段']);
});

test('splitSentences: 。！？； with closing quotes, within a span or per paragraph', () => {
  const t = '　　他说：“好。”然后走了！真的？是；不是。尾巴';
  const ss = splitSentences(t).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(ss, ['他说：“好。”', '然后走了！', '真的？', '是；', '不是。', '尾巴']);
  const w = splitSentences(t, { start: 2, end: 9 }).map((s) => t.slice(s.start, s.end));
  assert.deepEqual(w, ['他说：“好。”']);
  // sentences never cross paragraphs
  const u = '第一段没有句号　　第二段。';
  assert.deepEqual(splitSentences(u).map((s) => u.slice(s.start, s.end)), ['第一段没有句号', '第二段。']);
  // half-width ; inside Chinese ends a sentence; in ASCII it does not
  const v = '甲;乙。a;b';
  assert.deepEqual(splitSentences(v).map((s) => v.slice(s.start, s.end)), ['甲;', '乙。', 'a;b']);
});

test('the embedded corpus splits into the title and its 97 paragraphs', () => {
  const t = fs.readFileSync(path.join(builtinCorpusDir(), 'sco-2021-heads-of-government-communique.zh.txt'), 'utf8');
  const ps = splitParagraphs(t);
  assert.equal(ps.length, 98);
  assert.equal(t.slice(ps[0].start, ps[0].end), '上海合作组织成员国政府首脑（总理）理事会第二十次会议联合公报');
  assert.equal(t.slice(ps[97].start, ps[97].end), '（新华社努尔苏丹11月25日电）');
});

test('file:// uris name local paths', async () => {
  const { pathToFileURL } = await import('node:url');
  const { docs, problems } = await loadCorpus([pathToFileURL(builtinCorpusDir()).href]);
  assert.deepEqual(problems, []);
  assert.equal(docs.length, 1);
  assert.equal(docs[0].uri, 'builtin:/sco-2021-heads-of-government-communique.zh.txt');
});

test('corpus limits: too many files, characters or folder entries stop loading with one clear problem; what was read is kept', async () => {
  const files = {};
  for (let i = 0; i < 30; i++) files[`/big/sub${i % 3}/f${String(i).padStart(2, '0')}.txt`] = `第${i}号文件。`.repeat(10);
  const reader = memoryCorpusReader(files);
  const all = await loadCorpus(['/big'], reader);
  assert.equal(all.docs.length, 30);
  assert.deepEqual(all.problems, []);
  for (const [opts, what] of [
    [{ maxFiles: 12 }, /more than 12 files/],
    [{ maxChars: 500 }, /more than 500 characters/],
    [{ maxEntries: 10 }, /more than 10 folder entries/],
  ]) {
    const r = await loadCorpus(['/big'], reader, opts);
    assert.ok(r.docs.length > 0 && r.docs.length < 30, `${JSON.stringify(opts)}: ${r.docs.length} read`);
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    assert.match(r.problems[0].message.en, what);
    assert.match(r.problems[0].message.en, /too large.*chancery\.corpus\.paths/);
    assert.match(r.problems[0].message.zh, /语料过大/);
    // the documents read are a prefix of the full load, in the same order
    assert.deepEqual(r.docs.map((d) => d.uri), all.docs.slice(0, r.docs.length).map((d) => d.uri));
  }
  assert.equal((await loadCorpus(['/big'], reader, { maxFiles: 12 })).docs.length, 12);
  assert.deepEqual(core.CORPUS_LIMITS, { maxFiles: 20000, maxChars: 100000000, maxEntries: 1000000, maxFileBytes: 64 * 1024 * 1024 });
});
