/**
 * Text segmentation and slot finding for the phrasing learner: paragraphs, sentences, clauses,
 * and the variable parts of reference frames (dates, places, titles) that templates generalise.
 *
 * Only genre punctuation and frame markers live here (a small fixed vocabulary); every phrase,
 * date, place or title comes from the corpus.
 */
import { findDates } from '../lang/zh/dates';
import { foldPunctuation } from '../text/normalize';

/** Sentence terminators of Chinese official prose (after punctuation folding). */
export const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';']);
/** Closing marks that stay with the sentence they close (。” / 。）). */
const CLOSERS = new Set(['”', '’', '）', ')', '》', '〉', '」', '』', '】', '"']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\r' || c === '\n';
}

/** Where the current sentence starts, looking back from `offset`, and whether it opens its paragraph. */
export function sentenceStartBefore(text: string, offset: number, maxBack = 4000): { start: number; first: boolean } {
  const limit = Math.max(0, offset - maxBack);
  let start = -1;
  for (let i = offset - 1; i >= limit; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r' || (c === '\u3000' && text[i - 1] === '\u3000')) {
      // paragraph start: the sentence we are in (if none started yet) is the first one
      if (start < 0) return { start: skipSpaces(text, i + 1, offset), first: true };
      return { start, first: false };
    }
    if (start < 0 && (SENTENCE_END.has(c) || (CLOSERS.has(c) && closesSentence(text, i)))) {
      start = skipSpaces(text, i + 1, offset);
    }
  }
  if (start < 0) return { start: skipSpaces(text, limit, offset), first: limit === 0 };
  return { start, first: false };
}

function closesSentence(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && CLOSERS.has(text[j])) j--;
  return SENTENCE_END.has(text[j]);
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && isSpace(text[i])) i++;
  return i;
}

/** Clause punctuation (，。！？；：、): a phrase proposal may end right after one of these. */
export function isClausePunct(c: string): boolean {
  switch (c) {
    case '，':
    case '。':
    case '！':
    case '？':
    case '；':
    case '：':
    case '、':
      return true;
    default:
      return false;
  }
}

// A superset of the characters foldPunctuation rewrites (ASCII punctuation, dash and quote forms,
// full-width digits and letters): only those are handed to it, the rest of the text is copied as is.
const FOLDABLE = /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e\u00ab\u00bb\u2010-\u2015\u2018-\u201d\u2500\u301c\uff0d\uff1c\uff1e\uff5e\uff10-\uff19\uff21-\uff5a\u0000-\u0008]/g;

/** foldPunctuation (length-preserving) for long texts, plus control characters → space (they are markers in the model). */
export function foldText(s: string): string {
  return s.replace(FOLDABLE, (c) => (c < '\u0009' ? ' ' : foldPunctuation(c)));
}

export type SlotKind = 'date' | 'place' | 'title';

export interface Slot {
  kind: SlotKind;
  start: number;
  end: number;
  text: string;
}

/** Dates with a day (2021年9月17日, ranges, lists) in `s`: the date slots of reference frames. */
export function findDateSlots(s: string): Slot[] {
  const out: Slot[] = [];
  for (const d of findDates(s)) {
    if (d.dates.some((x) => x.day === undefined)) continue;
    out.push({ kind: 'date', start: d.span.start, end: d.span.end, text: d.text });
  }
  return out;
}

/** Top-level 《…》 titles in `s` (spans of the text inside the brackets; nesting balanced). */
export function findTitleSlots(s: string): Slot[] {
  const out: Slot[] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '《') {
      if (depth === 0) open = i + 1;
      depth++;
    } else if (c === '》' && depth > 0) {
      depth--;
      if (depth === 0) out.push({ kind: 'title', start: open, end: i, text: s.slice(open, i) });
    }
  }
  return out;
}

/** Verbs of the reference frames (DATE在PLACE通过的《T》, … 举行的 EVENT): genre vocabulary. */
export const FRAME_VERBS = ['通过', '批准', '签署', '举行', '启动', '发表', '举办', '召开'];
// Sticky: tried only right after each date (a search forward from every date would rescan the
// rest of a long sentence without 在 once per date: quadratic).
const PLACE_RE = new RegExp(`在([^\\s\\d，。、；：《》（）“”]{2,8}?)(?:${FRAME_VERBS.join('|')})`, 'y');

/** Places named in `在PLACE通过/举行…` frames right after a date (how the corpus states where). */
export function findFramePlaces(s: string, dates: Slot[]): Slot[] {
  const out: Slot[] = [];
  for (const d of dates) {
    PLACE_RE.lastIndex = d.end;
    const m = PLACE_RE.exec(s);
    if (m) out.push({ kind: 'place', start: d.end + 1, end: d.end + 1 + m[1].length, text: m[1] });
  }
  return out;
}
