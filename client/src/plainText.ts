// Plain text: a draft pasted into an untitled tab is often detected by VS Code as another language
// (and then gets no checking). When the server says its text is in the language Chancery reads
// (chancery/detectDraft), a status bar item offers to switch the tab to Communiqué; when the
// detected language is one Chancery does not check at all, a notification offers it once too.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as P from '../../server/src/protocol';

export const SWITCH_TO_COMMUNIQUE = 'chancery.switchToCommunique';
const ASK_DELAY_MS = 400;

export class PlainTextOffer implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('chancery.switchLanguage', vscode.StatusBarAlignment.Right, 101);
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Per untitled document: the version last asked about and the answer. */
  private readonly answers = new Map<string, { version: number; draft: boolean }>();
  /** Documents already offered by a notification (once each). */
  private readonly notified = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: () => LanguageClient,
    private readonly checkedLanguages: () => readonly string[],
  ) {
    this.item.name = vscode.l10n.t('Chancery: switch to Communiqué');
    this.item.text = `$(law) ${vscode.l10n.t('Check as Communiqué')}`;
    this.item.tooltip = vscode.l10n.t('This text looks like a communiqué draft: switch the language of this tab to Communiqué to check it');
    this.item.command = SWITCH_TO_COMMUNIQUE;
    this.subscriptions.push(
      vscode.commands.registerCommand(SWITCH_TO_COMMUNIQUE, (uri?: vscode.Uri) => this.switch(uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.soon(0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.soon(ASK_DELAY_MS)),
      vscode.workspace.onDidOpenTextDocument(() => this.soon(ASK_DELAY_MS)),
    );
    this.soon(0);
  }

  /** Whether the switch is offered for `uri` now (tests). */
  offered(uri: vscode.Uri): boolean {
    const doc = vscode.window.activeTextEditor?.document;
    return !!doc && doc.uri.toString() === uri.toString() && this.answers.get(uri.toString())?.draft === true && doc.languageId !== 'communique';
  }

  private soon(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), ms);
  }

  private async check(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'untitled' || doc.languageId === 'communique') {
      this.item.hide();
      return;
    }
    const key = doc.uri.toString();
    let answer = this.answers.get(key);
    if (!answer || answer.version !== doc.version) {
      const c = this.client();
      if (!c.isRunning()) return;
      const r = await c.sendRequest<P.DetectDraftResult>(P.DetectDraftRequest.method, { text: doc.getText().slice(0, P.DETECT_DRAFT_CHARS) });
      answer = { version: doc.version, draft: !!r?.draft };
      this.answers.set(key, answer);
    }
    if (vscode.window.activeTextEditor?.document !== doc) return; // the user moved on meanwhile
    if (!answer.draft) {
      this.item.hide();
      return;
    }
    this.item.show();
    if (!this.checkedLanguages().includes(doc.languageId) && !this.notified.has(key)) {
      this.notified.add(key);
      const yes = vscode.l10n.t('Check as Communiqué');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Chancery: this text looks like a communiqué draft, but the tab is {0}, which Chancery does not check.', doc.languageId),
        yes,
      );
      if (choice === yes) await this.switch(doc.uri);
    }
  }

  private async switch(uri?: vscode.Uri): Promise<void> {
    const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (!doc) return;
    await vscode.languages.setTextDocumentLanguage(doc, 'communique');
    this.item.hide();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
