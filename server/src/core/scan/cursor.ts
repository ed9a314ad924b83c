/**
 * Moving over a text from an offset: skipping the spaces between the parts of a frame, and the
 * word (of a list) that ends at an offset. The scanners' shared primitives.
 */
import { TEXT_LANGUAGE } from '../lang';

/** Space inside a line (the language's). */
export const isSpace = TEXT_LANGUAGE.chars.isInlineSpace;

/** The offset before the spaces that end at `p`. */
export function skipBack(text: string, p: number): number {
  while (p > 0 && isSpace(text.charCodeAt(p - 1))) p--;
  return p;
}

/** The offset after the spaces that start at `p` (not beyond `to`). */
export function skipFwd(text: string, p: number, to = text.length): number {
  while (p < to && isSpace(text.charCodeAt(p))) p++;
  return p;
}

/** Does `s` end at `p`? */
export function endsAt(text: string, p: number, s: string): boolean {
  return p >= s.length && text.startsWith(s, p - s.length);
}

/** The first of `words` that ends at `p`. */
export function endingWord(text: string, p: number, words: readonly string[]): string | undefined {
  for (const w of words) if (endsAt(text, p, w)) return w;
  return undefined;
}
