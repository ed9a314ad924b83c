// A small LSP test client: spawns `node dist/server.js --stdio` and drives it with a real JSON-RPC
// connection (vscode-languageserver-protocol's createProtocolConnection over the child's stdio).
// It keeps each open document's text (applying incremental edits with the reference
// TextDocument.update), records what the server sends, answers the server's requests
// (workspace/configuration from `settings`, registrations, progress creation), and offers
// `waitFor(predicate)` so tests wait for events instead of sleeping.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ResponseError,
  CancellationTokenSource,
} from 'vscode-languageserver-protocol/node';

import { ROOT, SERVER, configurationValue } from '../../scripts/lsp-shared.mjs';

export { ROOT, SERVER, ResponseError };

export class TestClient {
  /**
   * @param {object} [o]
   * @param {object} [o.settings] what workspace/configuration answers, e.g. {chancery: {...}}
   * @param {any} [o.initializationOptions]
   * @param {string[]} [o.workspaceFolders] folder paths
   * @param {string} [o.locale]
   * @param {boolean} [o.pull] declare pull-diagnostics support
   * @param {Record<string, string>} [o.env] extra environment for the server process
   */
  static async start(o = {}) {
    const c = new TestClient(o);
    await c.initialize();
    return c;
  }

  constructor(o = {}) {
    this.o = o;
    this.settings = o.settings ?? {};
    this.docs = new Map(); // uri -> TextDocument
    this.published = new Map(); // uri -> [{version, diagnostics}]
    this.notifications = []; // {method, params}
    this.logs = [];
    this.shown = [];
    this.progress = []; // $/progress params
    this.configurationRequests = 0;
    this.stderr = '';
    this.waiters = new Set();
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: o.cwd ?? ROOT, env: { ...process.env, ...(o.env ?? {}) } });
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-20000)));
    this.exited = false;
    this.exit = new Promise((resolve) =>
      this.proc.on('exit', (code) => {
        this.exited = true;
        this.wake();
        resolve(code);
      }),
    );
    this.proc.stdin.on('error', () => {});
    const conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn = conn;
    conn.onError(() => {});
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.wake();
    });
    conn.onNotification('window/logMessage', (p) => {
      this.logs.push(p);
      this.wake();
    });
    conn.onNotification('window/showMessage', (p) => {
      this.shown.push(p);
      this.wake();
    });
    conn.onNotification('$/progress', (p) => {
      this.progress.push(p);
      this.wake();
    });
    conn.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    conn.onRequest('workspace/configuration', (p) => {
      this.configurationRequests++;
      this.wake();
      return p.items.map((i) => configurationValue(this.settings, i.section));
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onRequest('workspace/semanticTokens/refresh', () => null);
    conn.onRequest('window/showMessageRequest', (p) => {
      this.shown.push(p);
      return null;
    });
    conn.onRequest('workspace/workspaceFolders', () => this.folders());
    conn.listen();
  }

  folders() {
    return (this.o.workspaceFolders ?? []).map((p) => ({ uri: pathToFileURL(p).href, name: path.basename(p) }));
  }

  wake() {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first truthy value of `predicate()`, re-checked on every message from the server. */
  waitFor(predicate, what = 'condition', timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        let v;
        try {
          v = predicate();
        } catch (e) {
          done();
          return reject(e);
        }
        if (v) {
          done();
          resolve(v);
        } else if (this.exited) {
          done();
          reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  async initialize() {
    const o = this.o;
    const folders = this.folders();
    this.initializeResult = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'chancery-lsp-tests' },
      locale: o.locale ?? 'en',
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      initializationOptions: o.initializationOptions,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          ...(o.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } }, isPreferredSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
          foldingRange: {},
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return this.initializeResult;
  }

  /** Waits for the knowledge base to be ready (the n-th `chancery/status` ready notification). */
  ready(n = 1, timeoutMs = 60000) {
    return this.waitFor(() => this.statuses().filter((s) => s.state === 'ready').length >= n && this.statuses().filter((s) => s.state === 'ready')[n - 1], `knowledge base ready #${n}`, timeoutMs);
  }

  statuses() {
    return this.notifications.filter((n) => n.method === 'chancery/status').map((n) => n.params);
  }

  request(method, params, token) {
    return token ? this.conn.sendRequest(method, params, token) : params === undefined ? this.conn.sendRequest(method) : this.conn.sendRequest(method, params);
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  open(uri, text, languageId = 'communique') {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Applies incremental changes ({range, text}) locally and sends them; returns the new version. */
  change(uri, changes) {
    const d = this.docs.get(uri);
    const version = d.version + 1;
    this.docs.set(uri, TextDocument.update(d, changes, version));
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri) {
    this.docs.delete(uri);
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri) {
    return this.docs.get(uri).getText();
  }

  /** Position of the `n`-th occurrence of `needle` in the open document (+ `delta` characters). */
  positionOf(uri, needle, delta = 0, n = 0) {
    const t = this.text(uri);
    let i = -1;
    for (let k = 0; k <= n; k++) {
      i = t.indexOf(needle, i + 1);
      if (i < 0) throw new Error(`${needle} not found`);
    }
    return this.docs.get(uri).positionAt(i + delta);
  }

  /** The diagnostics published for exactly `version` (waits for them). */
  diagnostics(uri, version = this.docs.get(uri)?.version, timeoutMs = 30000) {
    return this.waitFor(
      () => {
        const l = this.published.get(uri) ?? [];
        const hit = l.find((p) => p.version === version);
        return hit && hit.diagnostics;
      },
      `diagnostics of ${uri} v${version}`,
      timeoutMs,
    );
  }

  hover(uri, position) {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  completion(uri, position) {
    return this.request('textDocument/completion', { textDocument: { uri }, position });
  }

  codeActions(uri, range, diagnostics = []) {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** Applies a WorkspaceEdit to the document text (does not send it); returns the new text. */
  applyEdit(uri, edit) {
    const edits = edit.changes?.[uri] ?? edit.documentChanges?.filter((c) => c.textDocument?.uri === uri).flatMap((c) => c.edits) ?? [];
    return TextDocument.applyEdits(this.docs.get(uri), edits);
  }

  cancellable() {
    return new CancellationTokenSource();
  }

  async stop() {
    if (!this.exited) {
      try {
        await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        this.notify('exit');
      } catch {
        /* killed below */
      }
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
      await this.exit;
      clearTimeout(t);
    }
    this.conn.dispose();
  }
}

export const fileUri = (p) => pathToFileURL(p).href;
