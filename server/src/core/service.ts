/**
 * The language service facade's contract: what the LSP adapter and the CLI call.
 * Implemented by `createLanguageService` in ./languageService.ts. All offsets are UTF-16 offsets into
 * the `text` passed in; conversion to LSP positions lives in server/src/convert.ts.
 */
import type { Finding, FindingCode, KnowledgeBase, Provenance, Severity, Span } from './types';

/** Cooperative cancellation, structurally compatible with LSP's CancellationToken. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface DiagnoseOptions {
  /** Finding codes not to report. */
  disabled?: FindingCode[];
  /** Severity overrides per code ('off' = disabled). */
  severity?: Partial<Record<FindingCode, Severity | 'off'>>;
  /** Titles the user accepted as deliberate variants (exact text as written). */
  acceptedTitles?: string[];
}

export interface HoverResult {
  span: Span;
  /** Markdown; all corpus text in it is escaped (no links/commands/HTML from the corpus). */
  markdown: string;
}

/** How a client came to ask for completions: invoked (typing, Ctrl+Space), a trigger character, re-asking an incomplete list. */
export interface CompletionTrigger {
  kind: 'invoked' | 'character' | 'incomplete';
  character?: string;
}

export type CompletionKind = 'instrument' | 'formula' | 'phrase' | 'template' | 'date' | 'place';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Text to insert; a snippet (with $1, ${1|a,b|}) when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  /** The span of the draft the insertion replaces (usually the typed prefix). */
  replace: Span;
  /** Short line shown beside the label (e.g. date and place of adoption). */
  detail?: string;
  /** Markdown, escaped. */
  documentation?: string;
  /** Lower sorts first. */
  sortText?: string;
  /** What the client filters on, when not the label. */
  filterText?: string;
  /**
   * The instrument (its id) whose full description `resolveCompletion` gives as documentation
   * when the editor shows this item (instruments beyond the first few carry a line only).
   */
  resolve?: string;
}

export interface CodeActionEntry {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  edits: { start: number; end: number; newText: string }[];
  preferred?: boolean;
  /** The finding this action fixes, if any. */
  finding?: Finding;
}

export type SymbolKind = 'paragraph' | 'reference' | 'date' | 'event';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKind;
  span: Span;
  selectionSpan: Span;
  children: SymbolEntry[];
}

export type SemanticTokenType = 'title' | 'date' | 'place' | 'official' | 'formula';

export interface SemanticTokenEntry {
  start: number;
  length: number;
  type: SemanticTokenType;
}

export interface FoldingEntry {
  span: Span;
}

export interface KnowledgeSummary {
  instruments: number;
  events: number;
  abbreviations: number;
  officials: number;
  sources: number;
  problems: number;
}

export interface LanguageService {
  readonly kb: KnowledgeBase;
  summary(): KnowledgeSummary;
  diagnose(text: string, options?: DiagnoseOptions, token?: Cancellation): Finding[];
  hover(text: string, offset: number): HoverResult | undefined;
  /**
   * The completion list at `offset` (features/completion.ts). `trigger` says how the client came to
   * ask (default: invoked); at positions ghost text owns, a trigger character or re-asking an
   * incomplete list gives nothing, so the list does not open by itself there.
   */
  complete(text: string, offset: number, token?: Cancellation, trigger?: CompletionTrigger): CompletionEntry[];
  /** The full documentation of a completion entry's instrument (`CompletionEntry.resolve`), when the editor shows it. */
  resolveCompletion(id: string): string | undefined;
  /** The completions an editor can show inline (ghost text), best first (features/inline.ts). */
  inlineComplete(text: string, offset: number, token?: Cancellation): CompletionEntry[];
  codeActions(text: string, range: Span, findings: Finding[]): CodeActionEntry[];
  symbols(text: string): SymbolEntry[];
  /** Corpus locations of the instrument (or event) under the offset: its first mention first. */
  definition(text: string, offset: number): Provenance[];
  /** The instrument id under the offset, for find-references across documents. */
  instrumentAt(text: string, offset: number): string | undefined;
  /** Spans in `text` that mention the instrument `id` (any variant spelling). */
  mentionsOf(text: string, id: string): Span[];
  /**
   * Semantic tokens of the text; with `span`, only those overlapping it, computed from the whole
   * lines that hold it (what an editor shows: a huge draft need not be scanned for its viewport).
   */
  semanticTokens(text: string, span?: Span): SemanticTokenEntry[];
  folding(text: string): FoldingEntry[];
}
