// The commands the Getting Started walkthrough (package.json contributes.walkthroughs) runs: open
// the sample draft (a copy the user may edit and fix), and add a corpus folder to the settings.
// The hover step completes when a Chancery hover was shown (context key chancery.hoverShown).
import * as path from 'node:path';
import * as vscode from 'vscode';

export const OPEN_SAMPLE = 'chancery.openSample';
export const ADD_CORPUS_FOLDER = 'chancery.addCorpusFolder';
export const HOVER_SHOWN = 'chancery.hoverShown';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SAMPLE, async () => {
      // A fresh copy each time, in the extension's storage: the shipped sample stays as it is.
      const source = vscode.Uri.file(context.asAbsolutePath(path.join('samples', 'draft.communique')));
      const copy = vscode.Uri.joinPath(context.globalStorageUri, 'sample', vscode.l10n.t('sample-draft') + '.communique');
      if (copy.scheme !== 'file') {
        // Storage the language server cannot read as a file: an untitled Communiqué with the sample's text.
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
        return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'communique', content: text }), { preview: false });
      }
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(copy, '..'));
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === copy.toString());
      if (!open?.isDirty) await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(source));
      return vscode.window.showTextDocument(copy, { preview: false });
    }),
    vscode.commands.registerCommand(ADD_CORPUS_FOLDER, async (given?: vscode.Uri) => {
      const picked = given ? [given] : await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Add as corpus') });
      if (!picked?.length) return undefined;
      const config = vscode.workspace.getConfiguration('chancery');
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      const inspect = config.inspect<string[]>('corpus.paths');
      const now = (target === vscode.ConfigurationTarget.Workspace ? inspect?.workspaceValue : inspect?.globalValue) ?? [];
      const p = picked[0].fsPath;
      if (!now.includes(p)) await config.update('corpus.paths', [...now, p], target);
      void vscode.window.showInformationMessage(vscode.l10n.t('Chancery: {0} is now read as corpus; the knowledge base is being rebuilt.', p));
      return p;
    }),
  );
}
