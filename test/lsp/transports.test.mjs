// The server bundle speaks LSP over each transport main.ts accepts: --stdio (the other tests),
// --node-ipc (the VS Code client) and --socket=PORT; without one it says how to start it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { SERVER } from '../harness/testClient.mjs';

async function initializeAndHover(conn) {
  conn.listen();
  const init = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: {} });
  assert.equal(init.serverInfo.name, 'chancery');
  const ready = new Promise((resolve) => conn.onNotification('chancery/status', (s) => s.state === 'ready' && resolve(s)));
  await conn.sendNotification('initialized', {});
  await ready;
  const uri = 'untitled:transport';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'communique', version: 1, text: '《上合组织经济论坛构想》' } });
  const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.match(h.contents.value, /2021年9月17日/);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
}

test('--node-ipc', { timeout: 60000 }, async () => {
  const child = spawn(process.execPath, [SERVER, '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const exited = new Promise((r) => child.on('exit', r));
  const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  await initializeAndHover(conn);
  assert.equal(await exited, 0);
  conn.dispose();
});

test('--socket=PORT', { timeout: 60000 }, async () => {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const connected = new Promise((r) => server.once('connection', r));
  const child = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((r) => child.on('exit', r));
  const socket = await connected;
  const conn = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  await initializeAndHover(conn);
  assert.equal(await exited, 0);
  conn.dispose();
  server.close();
});

test('no transport: a usage line and exit code 2', () => {
  const r = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--stdio/);
});
