/**
 * The phrasing model: what the genre writes, learned from the corpus and offered back while typing.
 * This file holds its data types, its version, its text format and the queries on that data; the
 * other files of this folder learn it (learn.ts), complete with it (complete.ts) and write
 * snippets from it (snippetText.ts, snippets.ts). See README.md for the map.
 *
 * The model has three parts (docs/phrasing.md explains the choices and the measured figures):
 *
 * 1. A continuation model: the corpus text (sentences prefixed by a sentence-start marker, the first
 *    sentence of a paragraph by a paragraph-start marker too) indexed by a suffix array. Given the
 *    current sentence before the cursor, every context order (its last few characters) is looked up
 *    as one range of the array; the next character is predicted by interpolating the orders
 *    (Witten–Bell), and a proposal is extended character by character while the corpus keeps it
 *    likely, so it stops where the corpus branches — statistical phrase boundaries, not fixed
 *    n-gram lengths. Chinese has no spaces, so a word-level model would need a segmenter and a
 *    dictionary; characters with variable order need neither and still propose whole phrases.
 * 2. Sentence formulas, mined as branching points of prefix/suffix tries: openers (sentence-initial
 *    strings after which the corpus branches: 各代表团团长强调，), closers (clause-final strings
 *    preceded by many different texts: …十分重要。), connectives (clause-initial strings after a
 *    comma or after a sentence subject: 应继续落实), and frames with a gap (connective…closer pairs
 *    attested with different middles: 支持继续就…开展工作).
 * 3. Templates: reference frames with their variable parts (dates, places, titles) generalised into
 *    slots, offered as snippets whose tab stops have choice lists from the corpus and knowledge base.
 *
 * The model is plain JSON data with a version. What completion derives from it (the suffix array)
 * is not part of the data: modelIndex.ts builds it and the model object holds it, out of its JSON.
 */
import type { Provenance } from '../types';
import type { SlotKind } from './slots';

export const PHRASING_MODEL_VERSION = 1;

/** Marker before every sentence but the first of a paragraph. */
export const SENT = '\u0001';
/** Marker before the first sentence of a paragraph. */
export const PARA = '\u0002';
/** Marker after a paragraph. */
export const END = '\u0003';
export const SENT_U = 1;
export const PARA_U = 2;
export const END_U = 3;

/** Longest sentence formula mined, in characters (openers are offered while the sentence is shorter). */
export const MAX_FORMULA = 16;
/** Attested contexts kept per formula or template. */
export const MAX_CONTEXTS = 5;

export type FormulaKind = 'opener' | 'closer' | 'connective' | 'frame';

export interface Formula {
  kind: FormulaKind;
  /** The formula as written; frames show their gap as …: 支持继续就…开展工作. */
  text: string;
  /** Frames: the fixed parts around the gap; others: [text]. */
  parts: string[];
  /** How many sentences (openers), clauses (closers, connectives, frames) use it. */
  count: number;
  /** Attested contexts (first few occurrences). */
  contexts: Provenance[];
}

export type TemplatePart = string | { slot: SlotKind };

export interface Template {
  /** Readable form: {date}在{place}通过的《{title}》. */
  pattern: string;
  parts: TemplatePart[];
  count: number;
  /** Text written just before the frame (up to 4 characters), most frequent first: 欢迎, 落实 … */
  leads: { text: string; count: number }[];
  contexts: Provenance[];
}

export interface PhrasingModel {
  version: typeof PHRASING_MODEL_VERSION;
  /** The training text: PARA sentence (SENT sentence)* END per paragraph, punctuation folded. */
  text: string;
  /** Source documents' uris. */
  uris: string[];
  /**
   * Sentence anchors, flat quadruples [modelOffset, docIndex, docOffset, line], in model order:
   * a model offset maps back to the corpus (provenance of every proposal).
   */
  anchors: number[];
  formulas: Formula[];
  templates: Template[];
  /** Choice lists for template slots, most frequent first (corpus frames + knowledge base). */
  choices: Record<SlotKind, string[]>;
  stats: {
    documents: number;
    paragraphs: number;
    sentences: number;
    chars: number;
    learnMs: number;
    /** Milliseconds per phase: text, formulas, templates, index (the suffix array). */
    phaseMs?: Record<string, number>;
  };
}

/** The sentence formulas (openers, closers, connectives, frames), most frequent first per kind. */
export function sentenceFormulas(model: PhrasingModel): Formula[] {
  return model.formulas;
}

/** Where a model offset comes from: the corpus uri and offset (for documentation of proposals). */
export function modelProvenance(model: PhrasingModel, at: number): { uri: string; offset: number; line: number; sentence: string } | undefined {
  const a = model.anchors;
  let lo = 0;
  let hi = a.length / 4 - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (a[m * 4] <= at) lo = m;
    else hi = m - 1;
  }
  const start = a[lo * 4];
  let end = model.text.indexOf(SENT, start);
  const pe = model.text.indexOf(END, start);
  if (end < 0 || (pe >= 0 && pe < end)) end = pe;
  if (end < 0) end = model.text.length;
  return { uri: model.uris[a[lo * 4 + 1]], offset: a[lo * 4 + 2] + (at - start), line: a[lo * 4 + 3], sentence: model.text.slice(start, end) };
}
