/**
 * Core data (UTF-16 offsets, findings, entries) ↔ LSP types (line/character positions).
 *
 * The ONE module that converts offsets and positions; it does so through the core's LineIndex
 * (UTF-16 code units, CRLF/LF/CR line ends), so positions agree with what LSP clients count.
 */
import {
  CodeAction,
  CodeActionKind,
  CompletionContext,
  CompletionItem,
  CompletionItemKind,
  CompletionTriggerKind,
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Hover,
  InlineCompletionItem,
  InsertTextFormat,
  Location,
  MarkupKind,
  Position,
  Range,
  SymbolKind,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { LineIndex } from './core/text/positions';
import { pick, type Locale } from './core/messages';
import type {
  CodeActionEntry,
  CompletionEntry,
  CompletionKind,
  CompletionTrigger,
  FoldingEntry,
  HoverResult,
  SemanticTokenEntry,
  SemanticTokenType,
  SymbolEntry,
} from './core/service';
import type { Finding, Message, Provenance, Severity, Span } from './core/types';

export { LineIndex };

export { localeOf, pick, type Locale } from './core/messages';

// ------------------------------------------------------------------------------------------
// positions

export function toPosition(lines: LineIndex, offset: number): Position {
  const p = lines.positionAt(offset);
  return Position.create(p.line, p.character);
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt({ line: position.line, character: position.character });
}

export function toRange(lines: LineIndex, span: Span): Range {
  return Range.create(toPosition(lines, span.start), toPosition(lines, span.end));
}

export function toSpan(lines: LineIndex, range: Range): Span {
  return { start: toOffset(lines, range.start), end: toOffset(lines, range.end) };
}

export function toTextEdit(lines: LineIndex, e: { start: number; end: number; newText: string }): TextEdit {
  return TextEdit.replace(toRange(lines, e), e.newText);
}

// ------------------------------------------------------------------------------------------
// diagnostics

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Resolves a corpus provenance to an LSP location (the server knows the corpus texts). */
export type LocateProvenance = (p: Provenance) => Location | undefined;

/** `data` carried by each diagnostic so code actions can find the finding again. */
export interface DiagnosticData {
  /** Index of the finding in the list computed for `version`. */
  index: number;
  version: number;
}

export function toDiagnostic(
  f: Finding,
  lines: LineIndex,
  locale: Locale,
  locate?: LocateProvenance,
  data?: DiagnosticData,
): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    source: 'chancery',
    message: pick(f.message, locale),
  };
  if (data) d.data = data;
  const related = locate && relatedInformation(f, locate, locale);
  if (related) d.relatedInformation = related;
  return d;
}

/**
 * Where the corpus says what a finding cites (its provenance): at most 10 entries. A large corpus
 * states the same sentence in hundreds of documents: one entry per sentence, with the number of
 * other documents that state it too. Undefined when there is none.
 */
export function relatedInformation(f: Finding, locate: LocateProvenance, locale: Locale): DiagnosticRelatedInformation[] | undefined {
  if (!f.provenance?.length) return undefined;
  const bySentence = new Map<string, { first: Provenance; docs: Set<string> }>();
  for (const p of f.provenance) {
    const s = bySentence.get(p.sentence);
    if (s) s.docs.add(p.uri);
    else bySentence.set(p.sentence, { first: p, docs: new Set([p.uri]) });
  }
  const related: DiagnosticRelatedInformation[] = [];
  for (const { first: p, docs } of [...bySentence.values()].slice(0, 10)) {
    const loc = locate(p);
    const more = docs.size > 1 ? pick({ en: ` (and ${docs.size - 1} more documents)`, zh: `（另有 ${docs.size - 1} 份文件）` }, locale) : '';
    if (loc) related.push({ location: loc, message: (p.sentence.length > 120 ? p.sentence.slice(0, 120) + '…' : p.sentence) + more });
  }
  return related.length ? related : undefined;
}

/** The code of the note published after the first `maxProblems` diagnostics of a document. */
export const TOO_MANY_PROBLEMS = 'too-many-problems';

/**
 * The note that replaces the diagnostics beyond the limit, at the first one left out: how many
 * there are and which setting shows more.
 */
export function tooManyProblems(firstOmitted: Span, total: number, shown: number, lines: LineIndex, locale: Locale): Diagnostic {
  return {
    range: toRange(lines, firstOmitted),
    severity: DiagnosticSeverity.Information,
    code: TOO_MANY_PROBLEMS,
    source: 'chancery',
    message: pick(
      {
        en: `Chancery shows the first ${shown} of the ${total} problems in this document; the others begin here. Set chancery.diagnostics.maxProblems to show more (0: all).`,
        zh: `本文档共有 ${total} 个问题，Chancery 只显示前 ${shown} 个，其余从此处开始。可调整 chancery.diagnostics.maxProblems 设置以显示更多（0 表示全部显示）。`,
      },
      locale,
    ),
  };
}

// ------------------------------------------------------------------------------------------
// code actions

export function toCodeAction(
  entry: CodeActionEntry,
  uri: string,
  version: number | undefined,
  lines: LineIndex,
  diagnostics: Diagnostic[],
): CodeAction {
  const edits = entry.edits.map((e) => toTextEdit(lines, e));
  const edit: WorkspaceEdit =
    version === undefined
      ? { changes: { [uri]: edits } }
      : { documentChanges: [{ textDocument: { uri, version }, edits }] };
  const action: CodeAction = {
    title: entry.title,
    kind: entry.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    edit,
  };
  if (entry.preferred) action.isPreferred = true;
  if (entry.finding) {
    const f = entry.finding;
    const matching = diagnostics.filter(
      (d) => d.code === f.code && sameRange(d.range, toRange(lines, f)),
    );
    if (matching.length) action.diagnostics = matching;
  }
  return action;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

// ------------------------------------------------------------------------------------------
// hover, completion

export function toHover(h: HoverResult, lines: LineIndex): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(lines, h.span) };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  instrument: CompletionItemKind.Reference,
  formula: CompletionItemKind.Snippet,
  phrase: CompletionItemKind.Text,
  template: CompletionItemKind.Snippet,
  date: CompletionItemKind.Constant,
  place: CompletionItemKind.Value,
};

export function toCompletionItem(e: CompletionEntry, lines: LineIndex): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: COMPLETION_KIND[e.kind] ?? CompletionItemKind.Text,
    textEdit: TextEdit.replace(toRange(lines, e.replace), e.insertText),
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.sortText) item.sortText = e.sortText;
  if (e.filterText) item.filterText = e.filterText;
  if (e.resolve) item.data = { instrument: e.resolve };
  return item;
}

/** How the client came to ask for completions (LSP CompletionContext → the core's trigger). */
export function toCompletionTrigger(c: CompletionContext | undefined): CompletionTrigger {
  if (c?.triggerKind === CompletionTriggerKind.TriggerCharacter) return { kind: 'character', character: c.triggerCharacter };
  if (c?.triggerKind === CompletionTriggerKind.TriggerForIncompleteCompletions) return { kind: 'incomplete' };
  return { kind: 'invoked' };
}

/** An inline (ghost-text) completion item, or undefined when its range spans lines (LSP forbids it). */
export function toInlineCompletionItem(e: CompletionEntry, lines: LineIndex): InlineCompletionItem | undefined {
  const range = toRange(lines, e.replace);
  if (range.start.line !== range.end.line) return undefined;
  return { insertText: e.insertText, range };
}

// ------------------------------------------------------------------------------------------
// symbols, folding

const SYMBOL_KIND: Record<SymbolEntry['kind'], SymbolKind> = {
  paragraph: SymbolKind.String,
  reference: SymbolKind.Object,
  date: SymbolKind.Constant,
  event: SymbolKind.Event,
};

export function toDocumentSymbol(s: SymbolEntry, lines: LineIndex): DocumentSymbol {
  const range = toRange(lines, s.span);
  let selectionRange = toRange(lines, s.selectionSpan);
  // LSP requires the selection range to be contained in the range.
  if (s.selectionSpan.start < s.span.start || s.selectionSpan.end > s.span.end) selectionRange = range;
  const sym: DocumentSymbol = {
    name: s.name.trim() || '…',
    kind: SYMBOL_KIND[s.kind] ?? SymbolKind.String,
    range,
    selectionRange,
    children: s.children.map((c) => toDocumentSymbol(c, lines)),
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}

/**
 * The outline sent for a document: its first `limit` paragraphs (with their references). A very
 * large draft has hundreds of thousands of paragraphs: more than any outline view can show.
 */
export const MAX_OUTLINE_PARAGRAPHS = 5000;

export function toOutline(entries: SymbolEntry[], lines: LineIndex, limit = MAX_OUTLINE_PARAGRAPHS): { symbols: DocumentSymbol[]; total: number } {
  return { symbols: entries.slice(0, limit).map((s) => toDocumentSymbol(s, lines)), total: entries.length };
}

export function toFoldingRanges(entries: FoldingEntry[], lines: LineIndex): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const e of entries) {
    const start = lines.positionAt(e.span.start).line;
    let endOffset = e.span.end;
    const end = lines.positionAt(endOffset).line;
    if (end > start) out.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// semantic tokens

export const SEMANTIC_TOKEN_TYPES: SemanticTokenType[] = ['title', 'date', 'place', 'official', 'formula'];
/** LSP token type names announced in the legend (standard names where one fits, so themes colour them). */
export const SEMANTIC_LEGEND = {
  tokenTypes: ['string', 'number', 'namespace', 'class', 'keyword'],
  tokenModifiers: [] as string[],
};

/**
 * Encodes token entries as the LSP relative integer array. Tokens that cross a line end are
 * split per line (LSP tokens are single-line).
 */
export function encodeSemanticTokens(entries: SemanticTokenEntry[], lines: LineIndex): number[] {
  const sorted = [...entries].sort((a, b) => a.start - b.start || b.length - a.length);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  const push = (line: number, char: number, length: number, type: number) => {
    if (length <= 0) return;
    const dl = line - prevLine;
    const dc = dl === 0 ? char - prevChar : char;
    data.push(dl, dc, length, type, 0);
    prevLine = line;
    prevChar = char;
  };
  for (const t of sorted) {
    const type = SEMANTIC_TOKEN_TYPES.indexOf(t.type);
    if (type < 0 || t.length <= 0) continue;
    // Overlapping tokens are not allowed: keep the first (outermost).
    if (t.start < lastEnd) continue;
    lastEnd = t.start + t.length;
    const a = lines.positionAt(t.start);
    const b = lines.positionAt(t.start + t.length);
    if (a.line === b.line) {
      push(a.line, a.character, b.character - a.character, type);
    } else {
      for (let line = a.line; line <= b.line; line++) {
        const startChar = line === a.line ? a.character : 0;
        const lineStart = lines.offsetAt({ line, character: 0 });
        const lineEndOffset = line === b.line ? t.start + t.length : lines.offsetAt({ line: line + 1, character: 0 });
        // Exclude the line break itself from the token.
        let endChar = lineEndOffset - lineStart;
        if (line !== b.line) endChar = Math.max(startChar, endChar - 1);
        push(line, startChar, endChar - startChar, type);
      }
    }
  }
  return data;
}

/**
 * The edit that turns the previous encoded tokens into the new ones (`semanticTokens/full/delta`):
 * the middle between their common beginning and end, aligned to whole tokens (5 integers). After
 * a keystroke in a large draft that is a few tokens instead of the whole set.
 */
export function tokensDelta(prev: ArrayLike<number>, next: ArrayLike<number>): { start: number; deleteCount: number; data: number[] }[] {
  let a = 0;
  const max = Math.min(prev.length, next.length);
  while (a < max && prev[a] === next[a]) a++;
  a -= a % 5;
  let b = 0; // common end, counted from the back, not overlapping the common beginning
  while (b < max - a && prev[prev.length - 1 - b] === next[next.length - 1 - b]) b++;
  b -= b % 5;
  if (a === prev.length && a === next.length) return [];
  return [{ start: a, deleteCount: prev.length - b - a, data: Array.prototype.slice.call(next, a, next.length - b) as number[] }];
}

/** Applies LSP text edits to a text (used by tests and by the workspace check). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ ...toSpan(lines, e.range), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of spans) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
