/**
 * Shared data types of the Chancery core.
 *
 * Everything here is plain, serialisable data. The core never imports `vscode` or
 * `vscode-languageserver`; offsets are UTF-16 code-unit offsets into the text they
 * were computed from (the same unit JavaScript strings and LSP use).
 */

/** A half-open range of UTF-16 offsets `[start, end)` in one text. */
export interface Span {
  start: number;
  end: number;
}

/** A message in both user-facing languages. */
export interface Message {
  en: string;
  zh: string;
}

/** Where a fact was read: corpus document, offset, and the sentence around it. */
export interface Provenance {
  /** The corpus document's uri (file:// uri, or `builtin:/…` for the embedded corpus). */
  uri: string;
  /** UTF-16 offset of the fact in the document's decoded text. */
  offset: number;
  /** Length of the fact's text (UTF-16 units). */
  length: number;
  /** 0-based line of `offset` in the document. */
  line: number;
  /** UTF-16 offset of the fact in its line (an editor opens the source there without the text). */
  column: number;
  /** The sentence that contains the fact, as written in the corpus. */
  sentence: string;
}

/** A calendar date as written; `year` may be missing (`11月25日`, year from context). */
export interface SimpleDate {
  year?: number;
  /** 1–12 as written (an impossible 13 is kept so it can be reported); 0 for a year-only date. */
  month: number;
  day?: number;
  /** A year-only date (`2021年`, `2021至2022年`): `month` is 0 and means nothing. */
  yearOnly?: boolean;
  /**
   * Knowledge base only: the corpus wrote the date without a year (`11月24日在…通过的`) and the
   * year is that of the document's own date — the genre leaves out the current year.
   */
  yearFromDocument?: boolean;
}

/** How a date was written, so a fix can be given in the draft's own style. */
export type DateStyle = 'arabic' | 'chinese';

/**
 * A date expression: one date, a range (`2021年9月15日至17日`) or a list
 * (`2021年3月30日、7月23日和9月2日`). Missing year/month in later parts are filled from earlier ones.
 */
export interface DateExpr {
  kind: 'single' | 'range' | 'list';
  dates: SimpleDate[];
  style: DateStyle;
  /** The text as written. */
  text: string;
  span: Span;
}

/** The act by which an instrument came into force in the corpus's words. */
export type Verb = '通过' | '批准' | '签署' | string;

/** The frame a reference was found in (DESIGN.md "Reference frames vary"). */
export type FrameKind =
  | 'date-place-verb' // DATE在PLACE通过的《T》
  | 'date-verb' // DATE通过的《T》
  | 'event-verb' // EVENT上通过的…和《T》
  | 'parenthetical' // 《T》（DATE，PLACE）
  | 'bare'; // 《T》 with no date

/** One 《…》 (or nested 〈…〉) title occurrence in a text, with whatever frame surrounds it. */
export interface ReferenceMention {
  /** The title as written, without the outer brackets. */
  title: string;
  /** Span of the title text, without brackets. */
  titleSpan: Span;
  /** Span including the brackets. */
  span: Span;
  /** Bracket pair used: 《》 at top level, 〈〉 nested. */
  bracket: '《》' | '〈〉';
  /** Nested references inside this title (the 〈…〉 parts). */
  inner: ReferenceMention[];
  frame: FrameKind;
  date?: DateExpr;
  place?: { text: string; span: Span };
  verb?: { text: Verb; span: Span };
  /** When adopted at an event (`…会议上通过的…和《T》`), the event mention. */
  event?: { name: string; span: Span };
}

/** A dated act concerning an instrument, as the corpus records it. */
export interface Adoption {
  date?: SimpleDate;
  place?: string;
  verb?: Verb;
  /** The event at which it was adopted, when the frame names one. */
  event?: string;
  provenance: Provenance;
}

export interface Instrument {
  /** Stable id: the normalised title. */
  id: string;
  /** The title as the corpus writes it (first attestation). */
  title: string;
  /** Head noun: 协定, 协议, 构想, 纲要, 声明, 计划, 路线图, 备忘录, 条例, 章程, 战略, 公约, 报告 … */
  kind?: string;
  /** Every dated act found; more than one distinct date/place is a conflict (see KnowledgeBase.conflicts). */
  adoptions: Adoption[];
  /** Every mention in the corpus. */
  mentions: Provenance[];
  /** Ids of instruments nested in this title (〈…〉): this one implements them. */
  implements: string[];
  /** Ids of instruments whose titles nest this one. */
  implementedBy: string[];
}

export interface EventFact {
  id: string;
  /** Name as written, e.g. 上合组织成员国第二十次经贸部长会议. */
  name: string;
  /** Session number when the name carries one (第二十次 → 20, 第三届 → 3, 首次 → 1). */
  session?: number;
  date?: DateExpr;
  place?: string;
  /** Held by video (以视频方式/以视频形式). */
  online: boolean;
  provenance: Provenance;
}

export interface Abbreviation {
  full: string;
  short: string[];
  provenance: Provenance;
}

export interface Official {
  name: string;
  country: string;
  role: string;
  provenance: Provenance;
}

export interface Conflict {
  /** Instrument or event id. */
  subject: string;
  field: 'date' | 'place' | 'verb';
  values: { value: string; provenance: Provenance }[];
}

export interface CorpusSource {
  uri: string;
  /** Characters of decoded text. */
  chars: number;
  encoding: string;
}

/** A problem met while loading a corpus: reported, never fatal. */
export interface CorpusProblem {
  uri: string;
  message: Message;
}

export const KNOWLEDGE_BASE_VERSION = 1;

/** Everything learned from a corpus. Serialisable (JSON); every fact carries provenance. */
export interface KnowledgeBase {
  version: typeof KNOWLEDGE_BASE_VERSION;
  sources: CorpusSource[];
  problems: CorpusProblem[];
  instruments: Instrument[];
  events: EventFact[];
  abbreviations: Abbreviation[];
  officials: Official[];
  conflicts: Conflict[];
}

/** One decoded corpus document. */
export interface CorpusDocument {
  uri: string;
  text: string;
  encoding: string;
}

// ---------------------------------------------------------------------------------------------
// Findings

/**
 * Every finding code, in the order the docs list them: the one list the types, the default
 * severities (features/fixes.ts), the settings and the CLI read. package.json repeats it in the
 * settings' enums (a unit test keeps the two equal).
 */
export const FINDING_CODES = [
  'title-misquoted',
  'title-variant',
  'title-unknown',
  'date-mismatch',
  'place-mismatch',
  'verb-mismatch',
  'date-invalid',
  'date-inconsistent',
  'bracket-unclosed',
  'bracket-unopened',
  'event-mismatch',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** True for a string that is a finding code. */
export function isFindingCode(s: unknown): s is FindingCode {
  return typeof s === 'string' && (FINDING_CODES as readonly string[]).includes(s);
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: Message;
  edits: TextEdit[];
  /** True where the fix is unambiguous (LSP isPreferred). */
  preferred?: boolean;
}

/** A finding on a draft: pure data. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: Message;
  start: number;
  end: number;
  fixes: Fix[];
  /** Where the corpus says otherwise (for related information in LSP). */
  provenance?: Provenance[];
}
