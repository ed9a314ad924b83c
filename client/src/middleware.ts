// What the client changes in the server's answers before VS Code shows them:
// - hovers: links to the corpus open the read-only source beside the draft (sources.ts), and the
//   walkthrough's hover step is marked done;
// - the outline of a Markdown file with headings: the headings alone (VS Code's Markdown outline),
//   since a second outline would add a level to the breadcrumbs.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { OPEN_SOURCE, hasMarkdownHeading, withSourceLinks } from './rewrite';
import { HOVER_SHOWN } from './walkthrough';

export const middleware: Middleware = {
  async provideHover(document, position, token, next) {
    const hover = await next(document, position, token);
    if (!hover) return hover;
    void vscode.commands.executeCommand('setContext', HOVER_SHOWN, true);
    const contents = hover.contents.map((c) => {
      const value = typeof c === 'string' ? c : 'value' in c && !('language' in c) ? c.value : undefined;
      if (value === undefined) return c;
      const md = new vscode.MarkdownString(withSourceLinks(value));
      md.isTrusted = { enabledCommands: [OPEN_SOURCE] };
      return md;
    });
    return new vscode.Hover(contents, hover.range);
  },
  async provideDocumentSymbols(document, token, next) {
    if (document.languageId === 'markdown' && hasMarkdownHeading(document.getText())) return [];
    return next(document, token);
  },
};
