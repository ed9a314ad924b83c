// The status bar item — "Chancery: 45 instruments" — and corpus problems: a wrong corpus path is
// shown as the user typed it, with "Open Settings" and "Show Log", and the item stays marked until
// a build without problems (chancery/status carries them: protocol.ts KnowledgeStatus).
import * as vscode from 'vscode';
import type * as P from '../../server/src/protocol';

export const SHOW_CORPUS_PROBLEMS = 'chancery.showCorpusProblems';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('chancery.status', vscode.StatusBarAlignment.Right, 100);
  private problems: P.CorpusProblemView[] = [];
  /** The problems last notified (a rebuild with the same ones does not notify again). */
  private notified = '[]';
  private readonly command: vscode.Disposable;
  /** Corpus problems a notification showed (tests read it through the extension's API). */
  readonly shown: string[] = [];

  constructor(private readonly showLog: () => void) {
    this.item.name = 'Chancery';
    this.item.text = '$(book) Chancery';
    this.item.command = 'chancery.showKnowledgeBase';
    this.item.show();
    this.command = vscode.commands.registerCommand(SHOW_CORPUS_PROBLEMS, () => this.notify(true));
  }

  /** What the item shows now (tests). */
  get state(): { text: string; marked: boolean; problems: P.CorpusProblemView[] } {
    return { text: this.item.text, marked: !!this.item.backgroundColor, problems: this.problems };
  }

  update(s: P.KnowledgeStatus): void {
    if (s.corpusProblems) this.problems = s.corpusProblems; // absent while building: the last build's stay
    const marked = this.problems.length > 0;
    const label = vscode.l10n.t('Chancery: {0} instruments', s.instruments.toLocaleString('en'));
    this.item.text = s.state === 'building' ? `$(sync~spin) ${label}` : `${marked ? '$(warning)' : '$(book)'} ${label}`;
    this.item.backgroundColor = marked ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = marked ? SHOW_CORPUS_PROBLEMS : 'chancery.showKnowledgeBase';
    const tip = new vscode.MarkdownString();
    tip.appendText(vscode.l10n.t('Chancery knowledge base: {0} instruments, {1} events, {2} officials from {3} source(s)', s.instruments, s.events, s.officials, s.sources));
    for (const p of this.problems) tip.appendMarkdown('\n\n$(warning) ').appendText(describe(p));
    tip.supportThemeIcons = true;
    this.item.tooltip = tip;
    if (s.state !== 'building') this.notify(false);
  }

  /** Shows the corpus problems with their actions (again when `always`, else only when they changed). */
  private notify(always: boolean): void {
    const key = JSON.stringify(this.problems);
    if (!this.problems.length || (!always && key === this.notified)) {
      this.notified = key;
      return;
    }
    this.notified = key;
    const first = this.problems[0];
    const text =
      this.problems.length === 1
        ? vscode.l10n.t('Chancery: {0}', describe(first))
        : vscode.l10n.t('Chancery: {0} corpus problems; the first: {1}', this.problems.length, describe(first));
    this.shown.push(text);
    const openSettings = vscode.l10n.t('Open Settings');
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(text, openSettings, showLog).then((choice) => {
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'chancery.corpus.paths');
      else if (choice === showLog) this.showLog();
    });
  }

  dispose(): void {
    this.item.dispose();
    this.command.dispose();
  }
}

/** `corpus path "语料/缺失": Corpus path not found: /home/…/语料/缺失` — the path as typed first. */
function describe(p: P.CorpusProblemView): string {
  return p.path ? vscode.l10n.t('corpus path "{0}": {1}', p.path, p.message) : p.message;
}
