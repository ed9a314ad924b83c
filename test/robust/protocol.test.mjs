// Hostile protocol traffic (issue 6: "the server must never crash"): positions outside the
// document, unknown documents, changes to documents never opened or with ranges past the end,
// versions going backwards, malformed params and unknown methods. Every request gets an answer
// (a result or a JSON-RPC error), the server stays up, and a normal document checked afterwards
// gets the same diagnostics as on a fresh server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspServer, canonical, errorLogs } from '../harness/lspServer.mjs';
import * as rpc from 'vscode-jsonrpc/node';

const DRAFT = '　　2021年9月17日在杜尚别通过的《上合组织成员国政府间教育合作的协定》和二〇二一年二月三十日，《上合组织\r\n第二行）';
const uri = 'file:///tmp/chancery-protocol/draft.communique';
let server;
before(async () => {
  server = await LspServer.start();
});
after(async () => {
  if (server) await server.stop();
});

/** Sends a request; an error response is an answer too. Returns 'result' | 'error: …'. */
async function answer(method, params) {
  try {
    await server.request(method, params, 30000);
    return 'result';
  } catch (e) {
    if (e instanceof rpc.ResponseError) return `error ${e.code}: ${e.message}`;
    throw e;
  }
}

const positions = [
  { line: 0, character: 0 },
  { line: 0, character: 100000 },
  { line: 1, character: 3 }, // between \r and \n? (line 1 starts after \r\n)
  { line: 99999, character: 0 },
  { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  { line: -1, character: -5 },
  { line: 0.5, character: 1.5 },
];

test('requests at impossible positions and on unknown documents are answered, never fatal', { timeout: 120000 }, async (t) => {
  const first = await server.openAndWait(uri, DRAFT);
  const expected = canonical(first.diagnostics, uri);
  const unknown = 'file:///tmp/chancery-protocol/never-opened.communique';
  const answers = [];
  for (const u of [uri, unknown, 'untitled:x', 'not a uri at all']) {
    const td = { uri: u };
    for (const position of positions) {
      answers.push(await answer('textDocument/hover', { textDocument: td, position }));
      answers.push(await answer('textDocument/completion', { textDocument: td, position }));
      answers.push(await answer('textDocument/definition', { textDocument: td, position }));
      answers.push(await answer('textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } }));
      answers.push(
        await answer('textDocument/codeAction', {
          textDocument: td,
          range: { start: position, end: positions[0] },
          context: { diagnostics: first.diagnostics.map((d) => ({ ...d, data: { index: 9999, version: -3 } })) },
        }),
      );
    }
    for (const m of ['textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/foldingRange']) {
      answers.push(await answer(m, { textDocument: td }));
    }
  }
  // Malformed params and unknown methods.
  for (const [m, p] of [
    ['textDocument/hover', null],
    ['textDocument/hover', {}],
    ['textDocument/hover', { textDocument: null, position: null }],
    ['textDocument/completion', { textDocument: { uri }, position: { line: 'a', character: {} } }],
    ['textDocument/codeAction', { textDocument: { uri }, range: null, context: null }],
    ['textDocument/codeAction', { textDocument: { uri }, range: positions[0], context: { diagnostics: [{}] } }],
    ['chancery/knowledgeBase', { format: 'yaml' }],
    ['chancery/knowledgeBase', null],
    ['chancery/no-such-request', {}],
    ['workspace/executeCommand', { command: 'rm -rf /', arguments: [] }],
  ]) {
    answers.push(await answer(m, p));
  }
  t.diagnostic(`${answers.length} requests: ${answers.filter((a) => a === 'result').length} results, ${answers.filter((a) => a !== 'result').length} errors`);
  await server.ping();
  assert.equal(server.exited, false);
  // The document is untouched by all this: a fresh check gives the same diagnostics.
  const again = await server.openAndWait('file:///tmp/chancery-protocol/again.communique', DRAFT);
  assert.deepEqual(canonical(again.diagnostics, 'file:///tmp/chancery-protocol/again.communique'), expected);
});

test('hostile notifications: changes to unopened documents, ranges past the end, versions going backwards, double open', { timeout: 120000 }, async () => {
  const u = 'file:///tmp/chancery-protocol/notif.communique';
  // Change before open, close before open.
  server.change(u, 5, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '《' }]);
  server.notify('textDocument/didClose', { textDocument: { uri: u } });
  server.open(u, DRAFT, 'communique', 1);
  await server.waitDiagnostics(u, 1, 30000);
  // Ranges past the end (clamped by the reference implementation), negative and reversed ranges.
  server.change(u, 2, [{ range: { start: { line: 500, character: 0 }, end: { line: 900, character: 10 } }, text: '《甲' }]);
  server.change(u, 3, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 2 } }, text: '' }]);
  server.change(u, 4, [{ range: { start: { line: -4, character: -1 }, end: { line: 0, character: 1 } }, text: '乙' }]);
  // Version going backwards, and a full-text change.
  server.change(u, 3, [{ text: '《上合组织' }]);
  server.change(u, 9, [{ text: DRAFT }]);
  // Opened twice.
  server.open(u, '《', 'communique', 10);
  server.change(u, 11, [{ text: DRAFT }]);
  // Malformed notifications.
  server.notify('textDocument/didChange', { textDocument: { uri: u }, contentChanges: null });
  server.notify('textDocument/didChange', null);
  server.notify('textDocument/didOpen', { textDocument: { uri: u } });
  server.notify('workspace/didChangeConfiguration', null);
  server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///etc/passwd', type: 2 }, { uri: 'not a uri', type: 9 }] });
  server.notify('chancery/workspaceTrust', { trusted: 'maybe' });
  server.notify('$/cancelRequest', { id: 'nope' });
  await server.ping();
  assert.equal(server.exited, false);
  // A normal life afterwards: a new document is checked as on a fresh server.
  const fresh = await LspServer.start();
  try {
    const a = await server.openAndWait('file:///tmp/chancery-protocol/after.communique', DRAFT);
    const b = await fresh.openAndWait('file:///tmp/chancery-protocol/after.communique', DRAFT);
    assert.deepEqual(canonical(a.diagnostics), canonical(b.diagnostics));
  } finally {
    await fresh.stop();
  }
  const logs = errorLogs(server);
  if (logs.length) console.error(`server error logs (caught): ${logs.length}\n${logs.map((l) => l.split('\n')[0]).join('\n')}`);
});

test('a request cancelled right away is answered (cancelled or result), and the server goes on', { timeout: 60000 }, async () => {
  const u = 'file:///tmp/chancery-protocol/cancel.communique';
  await server.openAndWait(u, DRAFT.repeat(200));
  const outcomes = [];
  for (let i = 0; i < 20; i++) {
    const source = new rpc.CancellationTokenSource();
    const p = server.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 20 } }, source.token);
    source.cancel();
    outcomes.push(await p.then(() => 'result', (e) => (e instanceof rpc.ResponseError ? `error ${e.code}` : `fail ${e}`)));
  }
  assert.ok(outcomes.every((o) => o === 'result' || o === 'error -32800'), outcomes.join(', '));
  await server.ping();
});

// Responses a strict client (VS Code) would reject, found by the fuzzers (see core-fuzz.test.mjs):
// a document symbol with a reversed range, a completion edit ending before it starts.
test('responses on edge-case drafts are valid for a strict client (symbols, completion edits, tokens, folding)', { timeout: 60000 }, async () => {
  const { validateResponse } = await import('../harness/responses.mjs');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const problems = [];
  const drafts = ['《　　<l>》', '在', '在杜尚别', '《上合组织　　〈上合组织纲要〉行动计划》。', '\r\n《\r\n》\r', '《〈》〉', ''];
  for (const [i, text] of drafts.entries()) {
    const u = `file:///tmp/chancery-protocol/strict-${i}.communique`;
    const doc = TextDocument.create(u, 'communique', 1, text);
    const { diagnostics } = await server.openAndWait(u, text);
    problems.push(...validateResponse('diagnostics', diagnostics, doc).map((p) => `${JSON.stringify(text)} ${p}`));
    const td = { textDocument: { uri: u } };
    for (const [kind, method] of [['symbols', 'textDocument/documentSymbol'], ['tokens', 'textDocument/semanticTokens/full'], ['folding', 'textDocument/foldingRange']]) {
      problems.push(...validateResponse(kind, await server.request(method, td), doc).map((p) => `${JSON.stringify(text)} ${p}`));
    }
    for (let off = 0; off <= text.length; off++) {
      const position = doc.positionAt(off);
      problems.push(...validateResponse('completion', await server.completion(u, position), doc, position).map((p) => `${JSON.stringify(text)} @${off} ${p}`));
      problems.push(...validateResponse('hover', await server.hover(u, position), doc, position).map((p) => `${JSON.stringify(text)} @${off} ${p}`));
    }
    server.close(u);
  }
  assert.deepEqual(problems, []);
});
