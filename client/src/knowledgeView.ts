// The knowledge-base view: a tree in Chancery's side bar (instruments, events, places, officials,
// sources) whose rows the server gives (chancery/knowledgeView), localised; a click opens the
// source at the fact, read-only, beside the draft. And the overview as a read-only Markdown
// document (chancery/knowledgeBase) shown rendered: never an Untitled tab that asks to be saved.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as P from '../../server/src/protocol';
import { OPEN_SOURCE } from './sources';

export const VIEW_ID = 'chancery.knowledgeBase';
export const KB_SCHEME = 'chancery-kb';

const ICONS: Record<P.KnowledgeViewItem['kind'], string> = {
  section: 'folder-library',
  instrument: 'book',
  event: 'calendar',
  place: 'location',
  official: 'person',
  source: 'file-text',
  problem: 'warning',
  fact: 'quote',
  more: 'ellipsis',
};
const SECTION_ICONS: Record<string, string> = {
  'section:instruments': 'book',
  'section:events': 'calendar',
  'section:places': 'location',
  'section:officials': 'person',
  'section:sources': 'files',
};

export class KnowledgeTree implements vscode.TreeDataProvider<P.KnowledgeViewItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  /** The parent of each row given out (TreeView.reveal walks up with getParent). */
  private readonly parents = new Map<string, P.KnowledgeViewItem | undefined>();

  constructor(private readonly client: () => LanguageClient) {}

  /** A new knowledge base: every row again. */
  refresh(): void {
    this.parents.clear();
    this.changed.fire();
  }

  async getChildren(parent?: P.KnowledgeViewItem): Promise<P.KnowledgeViewItem[]> {
    const c = this.client();
    if (!c.isRunning()) return [];
    const rows = await c.sendRequest<P.KnowledgeViewItem[]>(P.KnowledgeViewRequest.method, { parent: parent?.id });
    for (const r of rows) this.parents.set(r.id, parent);
    return rows;
  }

  getParent(x: P.KnowledgeViewItem): P.KnowledgeViewItem | undefined {
    return this.parents.get(x.id);
  }

  getTreeItem(x: P.KnowledgeViewItem): vscode.TreeItem {
    const item = new vscode.TreeItem(x.label, x.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = x.id;
    item.description = x.description;
    item.tooltip = x.tooltip;
    item.contextValue = x.kind;
    item.iconPath = new vscode.ThemeIcon(SECTION_ICONS[x.id] ?? ICONS[x.kind] ?? 'circle-small', x.kind === 'problem' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    if (x.source) item.command = { command: OPEN_SOURCE, title: vscode.l10n.t('Open the source'), arguments: [x.source] };
    return item;
  }
}

export function registerKnowledgeView(context: vscode.ExtensionContext, client: () => LanguageClient) {
  const tree = new KnowledgeTree(client);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const kbDocument = vscode.Uri.from({ scheme: KB_SCHEME, path: '/' + vscode.l10n.t('Chancery knowledge base') + '.md' });
  const changedDocument = new vscode.EventEmitter<vscode.Uri>();
  const document: vscode.TextDocumentContentProvider = {
    onDidChange: changedDocument.event,
    async provideTextDocumentContent() {
      const r = await client().sendRequest<P.KnowledgeBaseResult>(P.KnowledgeBaseRequest.method, { format: 'markdown' });
      return r.content;
    },
  };
  context.subscriptions.push(
    view,
    vscode.workspace.registerTextDocumentContentProvider(KB_SCHEME, document),
    changedDocument,
    vscode.commands.registerCommand('chancery.showKnowledgeBase', () => vscode.commands.executeCommand(`${VIEW_ID}.focus`)),
    vscode.commands.registerCommand('chancery.openKnowledgeBaseDocument', async () => {
      changedDocument.fire(kbDocument);
      const doc = await vscode.workspace.openTextDocument(kbDocument); // Markdown by its name
      // Rendered by VS Code's Markdown preview (its extension starts on the command); the text
      // itself where there is no preview.
      await vscode.commands.executeCommand('markdown.showPreview', kbDocument).then(undefined, () => vscode.window.showTextDocument(doc, { preview: true }));
    }),
  );
  return {
    tree,
    /** Opens a section of the view (`instruments` …) and shows its rows. */
    async expand(section: string): Promise<void> {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      const row = (await tree.getChildren()).find((r) => r.id === `section:${section}`);
      if (row) await view.reveal(row, { expand: true, select: false, focus: false });
    },
  };
}
