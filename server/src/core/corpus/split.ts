/**
 * Splitting decoded text into paragraphs and sentences (spans into the text, never copies).
 *
 * Paragraphs end at line breaks (LF, CRLF, CR, U+2028/2029) and before the run of ideographic
 * spaces (`　　`, two U+3000 or more) that starts each paragraph of web copies, which often
 * put a whole document on one line. Sentences end after 。！？； (and their half-width forms
 * when followed by CJK or the end), together with closing quotes or brackets right after them.
 * Spans exclude surrounding white space; empty paragraphs and sentences are dropped.
 */
import type { Span } from '../types';
import { isCjk } from '../lang/zh/chars';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x0c || c === 0x0b || c === 0xfeff;
}
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function pushTrimmed(out: Span[], text: string, start: number, end: number): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

/** Paragraph separators: a line break, or a run of two or more ideographic spaces. */
const PARA_SEP = /\r\n|[\n\r\u2028\u2029]|\u3000{2,}/g;

export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  // The regex scans in native code; only separators come back to JS.
  // test() leaves lastIndex after the separator and allocates no match array; the start is
  // found by stepping back over it (\r\n, or a run of U+3000).
  PARA_SEP.lastIndex = 0;
  while (PARA_SEP.test(text)) {
    const e = PARA_SEP.lastIndex;
    let b = e - 1;
    const c = text.charCodeAt(b);
    if (c === 0x3000) while (b > start && text.charCodeAt(b - 1) === 0x3000) b--;
    else if (c === 0x0a && b > start && text.charCodeAt(b - 1) === 0x0d) b--;
    pushTrimmed(out, text, start, b);
    start = e;
  }
  pushTrimmed(out, text, start, text.length);
  return out;
}

/** 1 = sentence terminator (。！？； and half-width !?;), 2 = closing quote or bracket. */
const KIND = new Uint8Array(0x10000);
for (const ch of '。！？；!?;') KIND[ch.charCodeAt(0)] = 1;
for (const ch of '”’」』）)》〉"\'】') KIND[ch.charCodeAt(0)] = 2;


/** Sentences of `text` (within `within`, or each paragraph of the whole text). */
export function splitSentences(text: string, within?: Span): Span[] {
  return sentencesOf(text, within ? [within] : splitParagraphs(text));
}

/** Sentences of each of `parts` (paragraph spans already computed). */
export function sentencesOf(text: string, parts: readonly Span[]): Span[] {
  const out: Span[] = [];
  const re = /[。！？；!?;\n\r\u2028\u2029]/g;
  for (const p of parts) {
    let start = Math.max(0, p.start);
    const end = Math.min(p.end, text.length);
    re.lastIndex = start;
    while (re.test(text)) {
      const i = re.lastIndex - 1;
      if (i >= end) break;
      const c = text.charCodeAt(i);
      if (isBreak(c)) {
        pushTrimmed(out, text, start, i);
        start = i + 1;
        continue;
      }
      if (c < 0x80) {
        // Half-width ! ? ; end a sentence only inside Chinese text.
        const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
        const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
        if (!isCjk(prev) && !(next === -1 || isCjk(next) || isSpace(next))) continue;
      }
      let e = i + 1;
      while (e < end && KIND[text.charCodeAt(e)] !== 0) e++;
      pushTrimmed(out, text, start, e);
      start = e;
      re.lastIndex = e;
    }
    pushTrimmed(out, text, start, end);
  }
  return out;
}

/** The sentence span containing `offset` (binary search over `sentences`), or undefined. */
export function sentenceAt(sentences: Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
