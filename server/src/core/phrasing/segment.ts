/**
 * Sentence boundaries and text folding for the phrasing model: where the sentence being typed
 * starts, and the folding that gives the corpus and the draft the same typography (and keeps
 * control characters from posing as the model's markers). The punctuation itself is Chinese
 * vocabulary (lang/zh/phrasing.ts).
 */
import { foldPunctuation } from '../text/normalize';
import { CLOSING_MARKS, PHRASING_FOLDABLE, SENTENCE_END } from '../lang/zh/phrasing';

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
    if (start < 0 && (SENTENCE_END.has(c) || (CLOSING_MARKS.has(c) && closesSentence(text, i)))) {
      start = skipSpaces(text, i + 1, offset);
    }
  }
  if (start < 0) return { start: skipSpaces(text, limit, offset), first: limit === 0 };
  return { start, first: false };
}

function closesSentence(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && CLOSING_MARKS.has(text[j])) j--;
  return SENTENCE_END.has(text[j]);
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && isSpace(text[i])) i++;
  return i;
}

/** foldPunctuation (length-preserving) for long texts, plus control characters → space (they are markers in the model). */
export function foldText(s: string): string {
  return s.replace(PHRASING_FOLDABLE, (c) => (c < '\u0009' ? ' ' : foldPunctuation(c)));
}
