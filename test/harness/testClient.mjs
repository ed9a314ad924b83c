// A small LSP test client: spawns `node dist/server.js --stdio` and drives it with a real JSON-RPC
// connection (LspProcess, lspProcess.mjs, shared with the fuzzer's LspServer). It keeps
// each open document's text (applying incremental edits with the reference TextDocument.update),
// records what the server sends, answers the server's requests (workspace/configuration from
// `settings`, registrations, progress creation), and offers `waitFor(predicate)` so tests wait for
// events instead of sleeping.
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError, CancellationTokenSource } from 'vscode-jsonrpc/node';
import { ROOT, SERVER } from './lspShared.mjs';
import { LspProcess } from './lspProcess.mjs';

export { ROOT, SERVER, ResponseError };

export class TestClient extends LspProcess {
  /** @param {object} [o] LspProcess's options (settings, initializationOptions, workspaceFolders, locale, pull, env …) */
  constructor(o = {}) {
    super(o);
    this.docs = new Map(); // uri -> TextDocument
    this.published = new Map(); // uri -> [publishDiagnostics params], in order
  }

  onPublish(p) {
    const list = this.published.get(p.uri) ?? [];
    list.push(p);
    this.published.set(p.uri, list);
  }

  /** Resolves with the first truthy value of `predicate()`, re-checked on every message from the server. */
  waitFor(predicate, what = 'condition', timeoutMs = 30000) {
    return this.waitUntil(predicate, what, timeoutMs);
  }

  async initialize() {
    this.initializeResult = await this.connection.sendRequest('initialize', this.initializeParams('chancery-lsp-tests'));
    await this.connection.sendNotification('initialized', {});
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
    return token ? this.connection.sendRequest(method, params, token) : params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params);
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
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
}

export const fileUri = (p) => pathToFileURL(p).href;
