/**
 * Chancery's custom LSP messages, declared once. The server (server.ts), the VS Code client
 * (client/src/extension.ts) and the protocol tests all use these names and shapes.
 *
 * Plain method names and types, no library classes: the server (vscode-languageserver) and the
 * client (vscode-languageclient) bundle different vscode-jsonrpc versions, so each side wraps the
 * method name in its own library's call (`sendRequest(X.method, params)`).
 */
import type { KnowledgeSummary } from './core/service';

/** A request declaration: method name + parameter/result types (for `typeof X.params`). */
interface Req<P, R> {
  readonly method: string;
  readonly params?: P;
  readonly result?: R;
}
const req = <P, R>(method: string): Req<P, R> => ({ method });

/** The settings object, as `workspace/configuration` (section `chancery`) and `initializationOptions` carry it. */
export interface ChancerySettings {
  corpus: {
    /** Corpus files or folders; relative paths are resolved against each workspace folder. */
    paths: string[];
    /** Include the embedded corpus (dist/corpus). */
    includeBuiltin: boolean;
  };
  diagnostics: {
    /** Finding codes not to report. */
    disabled: string[];
    /** Severity per finding code: error | warning | information | hint | off. */
    severity: Record<string, string>;
    /**
     * At most this many problems per document are published (the first ones in the text), then
     * one note saying how many there are; 0 for no limit. A pasted file with 100,000 stray
     * brackets would otherwise send 100,000 diagnostics the editor cannot use and hold them.
     */
    maxProblems: number;
  };
  /** Titles accepted as deliberate variants in this workspace (exact text as written). */
  acceptedTitles: string[];
}

/**
 * A corpus path that could not be read, or was refused, and what is wrong (in the user's language).
 */
export interface CorpusProblemView {
  /**
   * The path as the user typed it in `chancery.corpus.paths` (or a file inside a corpus folder, as
   * a path); absent for a refused path, which the message quotes as typed.
   */
  path?: string;
  message: string;
}

/** Size of the knowledge base, as shown in the client's status bar. */
export interface KnowledgeStatus extends KnowledgeSummary {
  /** 'building' while a rebuild runs, 'ready' after, 'error' when it failed. */
  state: 'building' | 'ready' | 'error';
  /** Total characters of corpus text. */
  chars: number;
  /** Human-readable line for tooltips. */
  message?: string;
  /**
   * The corpus problems of the last build (refused paths, paths not found, files that could not
   * be read). A client that sets `initializationOptions.clientShowsCorpusProblems` shows them
   * itself (the VS Code client: a notification with actions, a marked status bar item) and the
   * server then does not show its own warning for them.
   */
  corpusProblems?: CorpusProblemView[];
}

/**
 * `chancery/status` — sent by the SERVER to the client after every knowledge-base (re)build
 * and when a build starts. The client shows it in its status bar item.
 */
export const StatusNotification = req<KnowledgeStatus, void>('chancery/status');

export interface KnowledgeBaseParams {
  /**
   * 'markdown' (a readable summary in the user's language, dates as the genre writes them;
   * default) or 'json' (the whole serialised knowledge base).
   */
  format?: 'markdown' | 'json';
}
export interface KnowledgeBaseResult {
  format: 'markdown' | 'json';
  content: string;
}

/** `chancery/knowledgeBase` — sent by the CLIENT: the current knowledge base, as markdown or JSON. */
export const KnowledgeBaseRequest = req<KnowledgeBaseParams, KnowledgeBaseResult>('chancery/knowledgeBase');

/** `chancery/rebuild` — sent by the CLIENT: reload the corpus and rebuild the knowledge base now. */
export const RebuildRequest = req<void, KnowledgeStatus>('chancery/rebuild');

export interface CheckWorkspaceResult {
  /** Every draft checked (with 0 findings too): `files.length` drafts were checked. */
  files: { uri: string; findings: number; errors: number; warnings: number }[];
  total: number;
  /** Drafts that were not read, and why (over the size limit, not a regular file, not text). */
  skipped?: { uri: string; reason: string }[];
}

/**
 * `chancery/checkWorkspace` — sent by the CLIENT: check every draft (.communique/.txt/.md) under
 * the workspace folders; the server publishes diagnostics for each (as each is done) and returns a
 * summary. Files over the corpus's size limit are skipped (listed in `skipped`).
 */
export const CheckWorkspaceRequest = req<void, CheckWorkspaceResult>('chancery/checkWorkspace');

export interface ReferenceItem {
  /** Instrument id. */
  id: string;
  title: string;
  kind?: string;
  /** e.g. "2021年9月17日 · 杜尚别 · 通过". */
  detail: string;
  /** The full reference frame to insert: `2021年9月17日在杜尚别通过的《…》`. */
  insertText: string;
}

/**
 * `chancery/references` — sent by the CLIENT for the "insert reference" quick pick: every
 * instrument of the knowledge base with the full reference text to insert.
 */
export const ReferencesRequest = req<void, ReferenceItem[]>('chancery/references');

export interface TrustParams {
  trusted: boolean;
}

/**
 * `chancery/workspaceTrust` — sent by the CLIENT when the user grants workspace trust after start
 * (the initial state travels in initializationOptions.workspaceTrusted). The server then reads
 * corpus paths outside the workspace folders too and rebuilds the knowledge base.
 */
export const WorkspaceTrustNotification = req<TrustParams, void>('chancery/workspaceTrust');


// ---------------------------------------------------------------------------------------------
// The knowledge-base view, sources, plain text

/** Where a fact is in its corpus document: what a click on it opens (read-only, `chancery/source`). */
export interface SourceLocation {
  /** The corpus document's uri as the knowledge base knows it (`builtin:/…`, `file://…`). */
  uri: string;
  /** 0-based line and UTF-16 column in the text read from the document (a paragraph of a Word document). */
  line: number;
  character: number;
  /** Length of the fact (0: the position only). */
  length: number;
}

/** One row of the knowledge-base view (a tree): a section, an entry, or a fact of an entry. */
export interface KnowledgeViewItem {
  /** Unique in the view; `chancery/knowledgeView` with `parent: id` lists its children. */
  id: string;
  /** What the row is (the client picks its icon): a section, an entry of a section, a fact, a "… more" row. */
  kind: 'section' | 'instrument' | 'event' | 'place' | 'official' | 'source' | 'problem' | 'fact' | 'more';
  /** In the user's language; dates as the genre writes them (2021年9月17日). */
  label: string;
  description?: string;
  /** Plain text. */
  tooltip?: string;
  /** What a click opens. */
  source?: SourceLocation;
  /** The row has children. */
  expandable?: boolean;
}

export interface KnowledgeViewParams {
  /** The row whose children are asked for; absent for the sections (instruments, events, places, officials, sources). */
  parent?: string;
}

/**
 * `chancery/knowledgeView` — sent by the CLIENT for its knowledge-base view (a tree in the side
 * bar): the sections, or the children of a row. Localised; lists in the order a reader looks
 * things up (instruments and events newest first, sources in natural name order).
 */
export const KnowledgeViewRequest = req<KnowledgeViewParams, KnowledgeViewItem[]>('chancery/knowledgeView');

export interface SourceParams {
  /** A corpus document's uri (`builtin:/…`, `file://…`), or the file:// target of a hover link to it. */
  uri: string;
}
export interface SourceResult {
  /** The document's uri as the knowledge base knows it. */
  uri: string;
  /** Its file name. */
  name: string;
  /** The text read from it (decoded; a Word document's or a web page's text): what provenance lines and columns count in. */
  text: string;
}

/**
 * `chancery/source` — sent by the CLIENT to show a corpus document read-only: its text as the
 * knowledge base read it. Only documents of the current knowledge base are served (null otherwise).
 */
export const SourceRequest = req<SourceParams, SourceResult | null>('chancery/source');

export interface DetectDraftParams {
  /** The beginning of a document (the client sends at most DETECT_DRAFT_CHARS characters). */
  text: string;
}
export interface DetectDraftResult {
  /** The text is in the language Chancery reads: worth checking as a communiqué. */
  draft: boolean;
}
/** How much of a document the client sends with `chancery/detectDraft`. */
export const DETECT_DRAFT_CHARS = 4000;

/**
 * `chancery/detectDraft` — sent by the CLIENT for a document it does not hand to the server (an
 * untitled tab that the editor detected as another language): is it a draft Chancery should check?
 * The client then offers to switch the document to Communiqué.
 */
export const DetectDraftRequest = req<DetectDraftParams, DetectDraftResult>('chancery/detectDraft');
