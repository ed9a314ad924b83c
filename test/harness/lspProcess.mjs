// The part the two LSP harnesses share — testClient.mjs (TestClient: protocol tests, which keep
// each document's text) and lspServer.mjs (LspServer: the fuzzer, robustness tests and
// benchmarks, which bound every wait): a language server process on stdio, a real JSON-RPC
// connection (vscode-jsonrpc) to it, a record of what it sends, answers to what it asks, and waits
// on events (`waitUntil`) instead of sleeps.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node';
import { ROOT, SERVER, configurationValue } from './lspShared.mjs';

/** Client capabilities: what VS Code announces for the features Chancery serves. */
function capabilities(pull) {
  return {
    general: { positionEncodings: ['utf-16'] },
    window: { workDoneProgress: true, showMessage: {} },
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      applyEdit: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      // Pull diagnostics only when asked: a server may then stop pushing (both would duplicate).
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: {
        completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true },
        contextSupport: true,
      },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } }, isPreferredSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
      foldingRange: {},
    },
  };
}

export class LspProcess {
  /** Starts the server and initializes it (each harness's own `initialize`). */
  static async start(o = {}) {
    const s = new this(o);
    await s.initialize();
    return s;
  }

  /**
   * @param {object} [o]
   * @param {string} [o.serverPath] the bundle to run (default dist/server.js)
   * @param {string[]} [o.nodeArgs] node options before the bundle
   * @param {Record<string, string>} [o.env] extra environment for the server process
   * @param {string} [o.cwd]
   * @param {object} [o.settings] what workspace/configuration answers ({chancery: {...}})
   * @param {any} [o.initializationOptions]
   * @param {string[]} [o.workspaceFolders] folder paths
   * @param {string} [o.locale]
   * @param {boolean} [o.pull] declare pull-diagnostics support
   * @param {number} [stderrKeep] characters of the server's stderr kept
   */
  constructor(o = {}, stderrKeep = 20000) {
    this.options = o;
    this.settings = o.settings ?? {};
    this.logs = []; // window/logMessage params {type, message}
    this.shown = []; // window/showMessage + showMessageRequest
    this.notifications = []; // other notifications {method, params}
    this.progress = []; // $/progress params
    this.serverRequests = []; // server→client requests without a handler here (method)
    this.configurationRequests = 0;
    this.stderr = '';
    this.waiters = new Set();
    this.exited = false;
    this.exitCode = undefined;
    this.proc = spawn(process.execPath, [...(o.nodeArgs ?? []), o.serverPath ?? SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...(o.env ?? {}) },
      cwd: o.cwd ?? ROOT,
    });
    this.pid = this.proc.pid;
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-stderrKeep);
      this.wake();
    });
    this.exitPromise = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        this.exited = true;
        this.exitCode = code ?? signal;
        this.wake();
        resolve(this.exitCode);
      });
    });
    // Writing to a dead server must not crash the harness.
    this.proc.stdin.on('error', () => {});
    const c = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.connection = c;
    c.onError(() => {});
    c.onClose(() => this.wake());
    c.onNotification('textDocument/publishDiagnostics', (p) => {
      this.onPublish(p);
      this.wake();
    });
    const keep = (list, max) => {
      if (list.length > max) list.splice(0, list.length - max);
    };
    c.onNotification('window/logMessage', (p) => {
      this.logs.push(p);
      keep(this.logs, 5000);
      this.wake();
    });
    c.onNotification('window/showMessage', (p) => {
      this.shown.push(p);
      this.wake();
    });
    c.onNotification('$/progress', (p) => {
      this.progress.push(p);
      keep(this.progress, 2000);
      this.wake();
    });
    c.onNotification((method, params) => {
      this.notifications.push({ method, params });
      keep(this.notifications, 2000);
      this.wake();
    });
    c.onRequest('workspace/configuration', (p) => {
      this.configurationRequests++;
      this.wake();
      return p.items.map((i) => configurationValue(this.settings, i.section));
    });
    c.onRequest('workspace/workspaceFolders', () => this.folders());
    c.onRequest('window/showMessageRequest', (p) => {
      this.shown.push(p);
      this.wake();
      return null;
    });
    c.onRequest('workspace/applyEdit', () => ({ applied: false }));
    c.onRequest((method) => {
      // registerCapability, workDoneProgress/create, diagnostic and token refreshes …
      this.serverRequests.push(method);
      keep(this.serverRequests, 2000);
      return null;
    });
    c.listen();
  }

  /** A publishDiagnostics notification: each harness records it its own way. */
  onPublish(_params) {}

  /** The workspace folders as LSP WorkspaceFolder objects, or null when there are none. */
  folders() {
    const f = this.options.workspaceFolders;
    if (!f?.length) return null;
    return f.map((p) => ({ uri: pathToFileURL(p).href, name: path.basename(p) }));
  }

  wake() {
    for (const w of [...this.waiters]) w();
  }

  /**
   * Resolves with the first truthy value of `predicate()`, re-checked on every message from the
   * server; rejects when it throws, on timeout, or when the server exits.
   */
  waitUntil(predicate, what = 'condition', timeoutMs = 30000) {
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
          reject(new Error(`server exited (${this.exitCode}) while waiting for ${what}\n${this.stderr.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** The initialize request's parameters (capabilities of a VS Code–like client). */
  initializeParams(clientName) {
    const o = this.options;
    const folders = this.folders();
    return {
      processId: process.pid,
      clientInfo: { name: clientName },
      locale: o.locale ?? 'en',
      rootUri: folders ? folders[0].uri : null,
      workspaceFolders: folders,
      initializationOptions: o.initializationOptions,
      capabilities: capabilities(o.pull),
    };
  }

  /** Graceful shutdown/exit; kills the process if it does not go. Returns the exit code. */
  async stop(timeoutMs = 5000) {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, timeoutMs))]);
        this.connection.sendNotification('exit');
      } catch {
        /* killed below */
      }
      const t = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
      await this.exitPromise;
      clearTimeout(t);
    }
    this.connection.dispose();
    return this.exitCode;
  }
}
