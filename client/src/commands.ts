// The commands that ask the server and show its answer: rebuild the knowledge base, check every
// draft of the workspace (how many drafts had findings, with "Show Problems"), insert a reference.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as P from '../../server/src/protocol';

/** What "Check all drafts" reported last (tests read it through the extension's API). */
export interface CheckReport {
  message: string;
  drafts: number;
  withFindings: number;
  total: number;
}

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient, onStatus: (s: P.KnowledgeStatus) => void): { lastCheck?: CheckReport } {
  const state: { lastCheck?: CheckReport } = {};
  const cmd = (id: string, fn: () => Promise<unknown>) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  cmd('chancery.rebuildKnowledgeBase', async () => onStatus(await client().sendRequest<P.KnowledgeStatus>(P.RebuildRequest.method)));
  cmd('chancery.checkWorkspace', async () => {
    const r = await client().sendRequest<P.CheckWorkspaceResult>(P.CheckWorkspaceRequest.method);
    const withFindings = r.files.filter((f) => f.findings > 0).length;
    const message =
      r.total > 0
        ? vscode.l10n.t('Chancery: {0} finding(s) in {1} of {2} draft(s).', r.total, withFindings, r.files.length)
        : vscode.l10n.t('Chancery: no findings in {0} draft(s).', r.files.length);
    state.lastCheck = { message, drafts: r.files.length, withFindings, total: r.total };
    const show = vscode.l10n.t('Show Problems');
    // Not awaited: the command is done when the check is; the notification waits for the user.
    void (r.total > 0 ? vscode.window.showInformationMessage(message, show) : vscode.window.showInformationMessage(message)).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return state.lastCheck;
  });
  cmd('chancery.insertReference', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const items = (await client().sendRequest<P.ReferenceItem[]>(P.ReferencesRequest.method)).map((r) => ({ label: r.title, description: r.detail, detail: r.insertText, r }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Instrument to reference'), matchOnDescription: true });
    if (picked) await editor.edit((e) => editor.selections.forEach((s) => e.replace(s, picked.r.insertText)));
  });
  return state;
}
