// VS Code client: starts the language server (dist/server.js over IPC) and wires what VS Code shows
// of it. Wiring only: every feature lives in the server and its core; each view is its own file —
// status.ts (status bar, corpus problems), knowledgeView.ts (the side-bar tree, the overview
// document), sources.ts (read-only corpus sources), plainText.ts (untitled tabs in another
// language), commands.ts, walkthrough.ts, middleware.ts (hover links, the Markdown outline).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import * as P from '../../server/src/protocol';
import launch from '../../server/launch.json';
import { registerCommands } from './commands';
import { registerKnowledgeView } from './knowledgeView';
import { middleware } from './middleware';
import { PlainTextOffer } from './plainText';
import { registerSources } from './sources';
import { StatusItem } from './status';
import { registerWalkthrough } from './walkthrough';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext) {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // Node options and environment for a long session (server/launch.json says why).
    run: { module, transport: TransportKind.ipc, options: { execArgv: launch.execArgv, env: { ...process.env, ...launch.env } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const languages = () => vscode.workspace.getConfiguration('chancery').get<string[]>('languages', ['communique', 'plaintext', 'markdown']);
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages().flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    synchronize: { configurationSection: 'chancery' },
    initializationOptions: {
      ...JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('chancery'))),
      workspaceTrusted: vscode.workspace.isTrusted,
      clientShowsCorpusProblems: true, // status.ts
    },
    middleware,
  };
  const c = (client = new LanguageClient('chancery', 'Chancery', serverOptions, clientOptions));
  const the = () => c;

  const status = new StatusItem(() => c.outputChannel.show(true));
  const view = registerKnowledgeView(context, the);
  const onStatus = (s: P.KnowledgeStatus) => {
    status.update(s);
    if (s.state !== 'building') view.tree.refresh();
  };
  registerSources(context, the);
  const commands = registerCommands(context, the, onStatus);
  registerWalkthrough(context);
  const plainText = new PlainTextOffer(the, languages);

  context.subscriptions.push(
    status,
    plainText,
    vscode.workspace.onDidGrantWorkspaceTrust(() => c.sendNotification(P.WorkspaceTrustNotification.method, { trusted: true })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('chancery.languages')) vscode.window.showInformationMessage(vscode.l10n.t('Chancery: reload the window to apply the new document languages.'));
    }),
    c.onNotification(P.StatusNotification.method, onStatus),
  );
  await c.start();
  // What the extension tests read (test/e2e/suite): the state of what VS Code shows.
  return { status: () => status.state, corpusProblemsShown: () => [...status.shown], switchOffered: (uri: vscode.Uri) => plainText.offered(uri), lastCheck: () => commands.lastCheck, knowledgeTree: view.tree, expandKnowledgeView: view.expand };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
