// VS Code client: starts the language server (dist/server.js over IPC) and forwards commands to it.
// Wiring only: every feature lives in the server and its core.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import * as P from '../../server/src/protocol';
import launch from '../../server/launch.json';
import { draftingMiddleware, registerDrafting } from './drafting';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // Node options and environment for a long session (server/launch.json says why).
    run: { module, transport: TransportKind.ipc, options: { execArgv: launch.execArgv, env: { ...process.env, ...launch.env } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const languages = vscode.workspace.getConfiguration('chancery').get<string[]>('languages', ['communique', 'plaintext', 'markdown']);
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    synchronize: { configurationSection: 'chancery' },
    initializationOptions: { ...JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('chancery'))), workspaceTrusted: vscode.workspace.isTrusted },
    middleware: draftingMiddleware(),
  };
  client = new LanguageClient('chancery', 'Chancery', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = 'chancery.showKnowledgeBase';
  status.text = '$(book) Chancery';
  status.show();
  const showStatus = (s: P.KnowledgeStatus) => {
    status.text = s.state === 'building' ? '$(sync~spin) Chancery' : `$(book) ${vscode.l10n.t('{0} instruments', s.instruments)}`;
    status.tooltip = vscode.l10n.t('Chancery knowledge base: {0} instruments, {1} events, {2} officials from {3} source(s)', s.instruments, s.events, s.officials, s.sources);
  };

  const cmd = (id: string, fn: () => Promise<unknown>) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  cmd('chancery.showKnowledgeBase', async () => {
    const r: P.KnowledgeBaseResult = await client!.sendRequest(P.KnowledgeBaseRequest.method, { format: 'markdown' });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: r.content }));
  });
  cmd('chancery.rebuildKnowledgeBase', async () => showStatus(await client!.sendRequest<P.KnowledgeStatus>(P.RebuildRequest.method)));
  cmd('chancery.checkWorkspace', async () => {
    const r = await client!.sendRequest<P.CheckWorkspaceResult>(P.CheckWorkspaceRequest.method);
    vscode.window.showInformationMessage(vscode.l10n.t('Chancery: {0} finding(s) in {1} file(s)', r.total, r.files.length));
  });
  cmd('chancery.insertReference', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const items = (await client!.sendRequest<P.ReferenceItem[]>(P.ReferencesRequest.method)).map((r) => ({ label: r.title, description: r.detail, detail: r.insertText, r }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Instrument to reference'), matchOnDescription: true });
    if (picked) await editor.edit((e) => editor.selections.forEach((s) => e.replace(s, picked.r.insertText)));
  });

  context.subscriptions.push(
    status,
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.sendNotification(P.WorkspaceTrustNotification.method, { trusted: true })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('chancery.languages')) vscode.window.showInformationMessage(vscode.l10n.t('Chancery: reload the window to apply the new document languages.'));
    }),
  );
  registerDrafting(context, languages);
  context.subscriptions.push(client.onNotification(P.StatusNotification.method, showStatus));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
