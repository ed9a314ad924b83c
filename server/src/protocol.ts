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

/** Size of the knowledge base, as shown in the client's status bar. */
export interface KnowledgeStatus extends KnowledgeSummary {
  /** 'building' while a rebuild runs, 'ready' after, 'error' when it failed. */
  state: 'building' | 'ready' | 'error';
  /** Total characters of corpus text. */
  chars: number;
  /** Human-readable line for tooltips. */
  message?: string;
}

/**
 * `chancery/status` — sent by the SERVER to the client after every knowledge-base (re)build
 * and when a build starts. The client shows it in its status bar item.
 */
export const StatusNotification = req<KnowledgeStatus, void>('chancery/status');

export interface KnowledgeBaseParams {
  /** 'markdown' (a readable summary, default) or 'json' (the whole serialised knowledge base). */
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
