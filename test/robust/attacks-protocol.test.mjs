// Protocol conformance (#12 item 14). A second `initialize` was accepted and changed the locale
// and settings of a running server; requests after `shutdown` were served and diagnostics
// published; a bad Content-Length header (negative, not a number, missing) left the server alive
// but deaf forever. Now: the second initialize is refused (InvalidRequest), requests after shutdown
// are answered with InvalidRequest and nothing is published, and a bad header is logged and the
// server exits non-zero (the client restarts it). Raw bytes on stdin for the headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as rpc from 'vscode-jsonrpc/node';
import { LspServer, SERVER } from '../harness/lspServer.mjs';

const DRAFT = '　　2021年9月17日在杜尚别通过的《上合组织成员国政府间教育合作的协定》和二〇二一年二月三十日。';

/** The error code a request is answered with (or 'result'). */
async function codeOf(s, method, params) {
  try {
    await s.request(method, params, 30000);
    return 'result';
  } catch (e) {
    if (e instanceof rpc.ResponseError) return e.code;
    throw e;
  }
}

test('a second initialize is refused and changes nothing', { timeout: 60000 }, async () => {
  const s = await LspServer.start({ locale: 'en' });
  try {
    const uri = 'file:///tmp/chancery-protocol-conf/a.communique';
    const before = (await s.openAndWait(uri, DRAFT)).diagnostics.map((d) => d.message);
    s.close(uri);
    const params = { ...s.initializeParams('second'), locale: 'zh', initializationOptions: { diagnostics: { disabled: ['date-invalid', 'title-misquoted'] } } };
    assert.equal(await codeOf(s, 'initialize', params), rpc.ErrorCodes.InvalidRequest);
    const after = (await s.openAndWait(uri, DRAFT)).diagnostics.map((d) => d.message);
    assert.deepEqual(after, before, 'same findings, same language');
    assert.match(after.join('\n'), /[a-z]{4}/, 'still in English');
  } finally {
    await s.stop();
  }
});

test('after shutdown: requests answered with InvalidRequest, no diagnostics published, exit 0', { timeout: 60000 }, async () => {
  const s = await LspServer.start();
  try {
    await afterShutdown(s);
  } finally {
    if (!s.exited) await s.kill();
  }
});

async function afterShutdown(s) {
  const uri = 'file:///tmp/chancery-protocol-conf/b.communique';
  await s.openAndWait(uri, DRAFT);
  // an edit whose check is due after the shutdown
  s.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '《' }]);
  assert.equal(await codeOf(s, 'shutdown', null), 'result');
  const seq = s.seq;
  const td = { textDocument: { uri } };
  const position = { line: 0, character: 20 };
  for (const [method, params] of [
    ['textDocument/hover', { ...td, position }],
    ['textDocument/completion', { ...td, position }],
    ['textDocument/documentSymbol', td],
    ['textDocument/diagnostic', td],
    ['chancery/knowledgeBase', { format: 'markdown' }],
    ['chancery/rebuild', {}],
    ['chancery/checkWorkspace', {}],
  ]) {
    assert.equal(await codeOf(s, method, params), rpc.ErrorCodes.InvalidRequest, method);
  }
  s.open('file:///tmp/chancery-protocol-conf/c.communique', DRAFT);
  s.change(uri, 3, [{ text: DRAFT + '《' }]);
  // Nothing is published (a bounded wait for what must not come).
  const published = await s.waitFor(() => s.seq > seq, 1500, 'a publication').then(() => true, () => false);
  assert.equal(published, false, 'no diagnostics after shutdown');
  s.notify('exit');
  assert.equal(await Promise.race([s.exitPromise, new Promise((r) => setTimeout(() => r('still running'), 10000))]), 0);
}

/** Starts the server, writes `bytes` on its stdin, and resolves with its exit code and stderr (or 'alive' after `ms`). */
function rawServer(bytes, ms = 20000) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      resolve({ code: 'alive', stdout, stderr });
    }, ms);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.on('error', () => {});
    p.stdin.write(bytes);
  });
}

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const framed = (body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

for (const [name, header] of [
  ['negative', 'Content-Length: -5\r\n\r\n'],
  ['not a number', 'Content-Length: twelve\r\n\r\n'],
  ['missing', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
]) {
  test(`a ${name} Content-Length: logged, and the server exits non-zero instead of going deaf`, { timeout: 60000 }, async () => {
    const r = await rawServer(framed(initialize) + header + '{"jsonrpc":"2.0","id":2,"method":"shutdown"}' + framed(initialize));
    assert.notEqual(r.code, 'alive', 'the server does not stay alive and deaf');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr + r.stdout, /Content-Length/i, 'the bad header is named');
    assert.match(r.stdout, /"id":1,"result"/, 'the request before it was answered');
  });
}
