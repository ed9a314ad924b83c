// Hostile documents through the server (issue 6): binary bytes, lone surrogates, 100,000 nested 《,
// a single 100,000-character line, an empty file, a large draft (50 MB is in bench/robust.mjs), and
// a draft file that changes encoding (GB18030 → UTF-16) through the CLI. Each gets a result or a
// clear message; the server never crashes or hangs (every wait is bounded; times are reported
// with t.diagnostic, not asserted).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspServer, errorLogs, CLI, EMBEDDED_CORPUS, ROOT } from '../harness/lspServer.mjs';
import { mulberry32 } from '../harness/prng.mjs';
import { hostileDocuments } from '../../bench/robust.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const corpus = readFileSync(EMBEDDED_CORPUS, 'utf8');
const BOUND = 90000; // ms: generous bound for a loaded 2-core CI machine; real figures are reported

describe('hostile documents through the server', () => {
  let server;
  before(async () => {
    server = await LspServer.start();
  });
  after(async () => {
    if (server) await server.stop();
  });

  /** Opens `text`, waits for diagnostics, edits in the middle, hovers, closes; returns figures. */
  async function survive(t, name, text, languageId = 'communique') {
    const uri = `file:///tmp/chancery-hostile/${name}.communique`;
    const { diagnostics, ms } = await server.openAndWait(uri, text, languageId, BOUND);
    assert.ok(Array.isArray(diagnostics), `${name}: a result`);
    const doc = TextDocument.create(uri, languageId, 1, text);
    const mid = doc.positionAt(text.length >> 1);
    const t1 = performance.now();
    const before = server.seq;
    server.change(uri, 2, [{ range: { start: mid, end: mid }, text: '《上合组织' }]);
    const pub = await server.waitDiagnostics(uri, 2, BOUND, before);
    const editMs = performance.now() - t1;
    assert.ok(Array.isArray(pub.diagnostics));
    const t2 = performance.now();
    await server.hover(uri, mid, BOUND);
    await server.completion(uri, doc.positionAt(0), BOUND);
    const hoverMs = performance.now() - t2;
    server.close(uri);
    await server.ping(BOUND);
    const fig = `${name}: ${text.length} chars, first diagnostics ${ms.toFixed(0)} ms (${diagnostics.length}), edit→diagnostics ${editMs.toFixed(0)} ms, hover+completion ${hoverMs.toFixed(0)} ms, RSS ${server.rssKb()} kB`;
    t.diagnostic(fig);
    return { ms, editMs, count: diagnostics.length };
  }

  const docs = hostileDocuments({ largeChars: 2_000_000, corpus });
  for (const [name, text] of Object.entries(docs)) {
    test(`hostile document through the server: ${name}`, { timeout: 4 * BOUND }, async (t) => {
      await survive(t, name, text);
      assert.equal(server.exited, false);
    });
  }

  test('the server logged no errors for hostile documents and is still up', async () => {
    await server.ping(BOUND);
    assert.deepEqual(errorLogs(server), []);
  });
});

// A draft file that changes encoding on disk: the CLI decodes UTF-8, GB18030 and UTF-16 (with
// and without BOM) to the same findings, or says clearly that it cannot.
test('CLI: a draft that changes encoding (UTF-8 → GB18030 → UTF-16) gives the same result or a clear message', { timeout: 120000 }, (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chancery-enc-'));
  try {
    const draft =
      '　　2021年9月17日在杜尚别通过的《上海合作组织成员国政府间教育合作协定》和二〇二一年二月三十日签署的《上合组织不存在纲要》。\n' +
      corpus.slice(0, 2000);
    const file = path.join(dir, 'draft.communique');
    const run = (bytes) => {
      writeFileSync(file, bytes);
      const r = spawnSync(process.execPath, [CLI, 'check', file], { encoding: 'utf8', timeout: 60000, cwd: ROOT });
      return r;
    };
    const utf8 = run(Buffer.from(draft, 'utf8'));
    assert.ok(utf8.status === 0 || utf8.status === 1, `UTF-8: exit ${utf8.status}\n${utf8.stderr}`);
    assert.ok(utf8.stdout.length > 0, 'UTF-8: findings printed');
    const variants = {
      gb18030: iconv.encode(draft, 'gb18030'),
      'utf-16le-bom': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(draft, 'utf16le')]),
      'utf-16be-bom': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(draft, 'utf16be')]),
      'utf-16le': iconv.encode(draft, 'utf16le'),
    };
    for (const [enc, bytes] of Object.entries(variants)) {
      const t0 = performance.now();
      const r = run(bytes);
      const ms = performance.now() - t0;
      t.diagnostic(`${enc}: exit ${r.status} in ${ms.toFixed(0)} ms`);
      assert.equal(r.signal, null, `${enc}: no hang/kill`);
      assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?\n/, `${enc}: no stack trace\n${r.stderr}`);
      if (r.status === 0 || r.status === 1) {
        // Decoded: the same findings as the UTF-8 file (file name is the same).
        assert.equal(r.stdout, utf8.stdout, `${enc}: same findings as UTF-8`);
      } else {
        assert.ok(r.stderr.trim().length > 0, `${enc}: a clear message when it cannot decode`);
      }
    }
    // Undecodable bytes: a result or a clear message, never a crash.
    const rng = mulberry32(3);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rng() * 256)));
    const r = run(junk);
    assert.equal(r.signal, null);
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?\n/, `binary: no stack trace\n${r.stderr}`);
    assert.ok(r.status === 0 || r.status === 1 || r.stderr.trim().length > 0, `binary: result or message (exit ${r.status})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
