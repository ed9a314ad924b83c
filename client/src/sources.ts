// Corpus sources, read-only: a document of the knowledge base opens beside the draft (never in
// place of its tab), in a read-only virtual document whose text is the one the knowledge base was
// built from (chancery/source), at the fact, selected. Hover links to the corpus (file:… #L line,
// column) are turned into links to this command.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as P from '../../server/src/protocol';
import { OPEN_SOURCE, locationOfLink } from './rewrite';

export { OPEN_SOURCE };

export const SOURCE_SCHEME = 'chancery-source';

/** The virtual document of a corpus uri: `chancery-source:/<file name>?<corpus uri>` (the name is its tab title). */
export function sourceDocumentUri(corpusUri: string): vscode.Uri {
  const name = decodeURIComponent(corpusUri.replace(/[?#].*$/, '').replace(/^.*\//, '')) || 'source';
  return vscode.Uri.from({ scheme: SOURCE_SCHEME, path: '/' + name, query: corpusUri });
}

export function registerSources(context: vscode.ExtensionContext, client: () => LanguageClient): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const r = await client().sendRequest<P.SourceResult | null>(P.SourceRequest.method, { uri: uri.query });
      return r ? r.text : vscode.l10n.t('This corpus document is not in the knowledge base any more: {0}', uri.query);
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, provider),
    vscode.commands.registerCommand(OPEN_SOURCE, (where: P.SourceLocation | string) => openSource(typeof where === 'string' ? locationOfLink(where) : where)),
  );
}

/** Opens a corpus document read-only beside the active editor, the fact selected and in view. */
export async function openSource(loc: P.SourceLocation): Promise<vscode.TextEditor | undefined> {
  if (!loc || typeof loc.uri !== 'string') return undefined;
  const doc = await vscode.workspace.openTextDocument(sourceDocumentUri(loc.uri));
  // Colours of the communiqué grammar (titles, dates); the server checks only file and untitled documents.
  const shown = doc.languageId === 'communique' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'communique');
  const start = new vscode.Position(loc.line, loc.character);
  const selection = new vscode.Range(start, start.translate(0, loc.length));
  const editor = await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection });
  // A new editor group lays out after it opens, and a wrapped line (a corpus stored on one line)
  // is scrolled only once its width is known: reveal again when it has settled.
  const reveal = () => editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
  reveal();
  const settled = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
    if (e.textEditor === editor && !e.visibleRanges.some((r) => r.contains(selection.start))) reveal();
  });
  setTimeout(() => (reveal(), settled.dispose()), 300);
  return editor;
}
