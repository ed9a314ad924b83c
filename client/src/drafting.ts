// What the VS Code client adds to the server's completions while drafting (the server decides what
// is offered where; these are editor states only the client sees):
// - no ghost text while a snippet's placeholders are active (Tab moves to the next placeholder, it
//   does not accept ghost text): a snippet item, once inserted, reports the text that ends it, and
//   the session lasts until the cursor reaches that end or leaves its line; nor while text is
//   selected (a choice placeholder selects its first choice);
// - the list of titles opens by itself when the cursor lands in an empty 《》 (a template's title
//   tab stop), where the server offers the instruments ranked by the date and place before it;
// - a completion request VS Code makes by itself right after a character was typed (its quick
//   suggestions: the same "invoked" kind as Ctrl+Space in the protocol) goes to the server as a
//   typed character, so that the list opens only at the positions it owns (after 在 in a date
//   frame, a snippet prefix, a title) and ghost text keeps the others. VS Code handles its trigger
//   characters only when they do not continue a word, and in Chinese text 在 and the letters of a
//   prefix do: quick suggestions are what opens the list there.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

const SNIPPET_STARTED = 'chancery.snippetStarted';

/** The last character typed: its document, where it ends, when. */
let typed: { uri: string; offset: number; at: number; ch: string } | undefined;
/** A completion request this soon after a character was typed at its position comes from typing. */
const TYPING_MS = 600;

/** The snippet session being filled in: its document, line, and the text that ends it. */
let session: { uri: string; line: number; tail: string } | undefined;

/** The literal text after a snippet's last numbered tab stop (before $0): it ends the snippet. */
export function snippetTail(body: string): string {
  const m = /\$(?:\d+|\{\d+(?:[:|][^}]*)?\})(?!.*\$(?:[1-9]|\{[1-9]))(.*)$/s.exec(body);
  return (m ? m[1] : '').replace(/\$0|\$\{0\}/g, '').replace(/\\(.)/g, '$1');
}

function inSnippet(editor: vscode.TextEditor | undefined): boolean {
  if (!session || !editor || editor.document.uri.toString() !== session.uri) return false;
  const pos = editor.selection.active;
  if (pos.line !== session.line) return false;
  const rest = editor.document.lineAt(pos.line).text.slice(pos.character);
  // still before the end of the snippet: its closing text lies ahead on the line
  return session.tail.length > 0 && rest.includes(session.tail);
}

export function draftingMiddleware(): Middleware {
  return {
    provideInlineCompletionItems: (document, position, context, token, next) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document === document && (!editor.selection.isEmpty || inSnippet(editor))) return undefined;
      return next(document, position, context, token);
    },
    provideCompletionItem: async (document, position, context, token, next) => {
      if (
        context.triggerKind === vscode.CompletionTriggerKind.Invoke &&
        typed &&
        typed.uri === document.uri.toString() &&
        typed.offset === document.offsetAt(position) &&
        Date.now() - typed.at < TYPING_MS
      ) {
        context = { triggerKind: vscode.CompletionTriggerKind.TriggerCharacter, triggerCharacter: typed.ch };
      }
      const result = await next(document, position, context, token);
      const items = Array.isArray(result) ? result : result?.items ?? [];
      for (const item of items) {
        if (item.insertText instanceof vscode.SnippetString) {
          item.command = { title: '', command: SNIPPET_STARTED, arguments: [document.uri.toString(), snippetTail(item.insertText.value)] };
        }
      }
      return result;
    },
  };
}

/** `languages`: the document languages Chancery serves. */
export function registerDrafting(context: vscode.ExtensionContext, languages: () => readonly string[]): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SNIPPET_STARTED, (uri: string, tail: string) => {
      const editor = vscode.window.activeTextEditor;
      session = editor && tail ? { uri, line: editor.selection.active.line, tail } : undefined;
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const c = e.contentChanges[e.contentChanges.length - 1];
      if (!c || !c.text || e.contentChanges.length !== 1) return;
      typed = { uri: e.document.uri.toString(), offset: c.rangeOffset + c.text.length, at: Date.now(), ch: c.text[c.text.length - 1] };
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (session && !inSnippet(e.textEditor)) session = undefined;
      if (!languages().includes(e.textEditor.document.languageId)) return;
      const sel = e.selections[0];
      if (e.selections.length !== 1 || !sel.isEmpty || sel.active.character === 0) return;
      const line = e.textEditor.document.lineAt(sel.active.line).text;
      if (line[sel.active.character - 1] === '《' && line[sel.active.character] === '》') {
        void vscode.commands.executeCommand('editor.action.triggerSuggest', { auto: true });
      }
    }),
  );
}
