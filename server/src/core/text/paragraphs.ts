/**
 * Paragraphs of a draft as features see them (outline, folding, sentence formulas): split at blank
 * lines when the text has any, else at every line, and at the two-ideographic-space indentation.
 * (A corpus document's paragraphs are corpus/split.ts's: every line break ends one there.)
 */
import type { Span } from '../types';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\r' || c === '\n';
}

/** A blank line: a text that has one separates its paragraphs by them (see `paragraphs`). */
export const BLANK_LINE = /\n[ \t\u3000]*\r?\n/;

/**
 * Paragraphs, trimmed: a text with blank lines is split at blank lines (markdown-style wrapped
 * paragraphs); otherwise every line is a paragraph. Inside a line, the two-ideographic-space
 * indentation also starts a paragraph (corpus documents stored on one line).
 */
export function paragraphs(text: string, blankLines = BLANK_LINE.test(text)): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      if (blankLines) {
        // End the paragraph only at a blank line.
        let j = i + 1;
        if (c === '\r' && text[j] === '\n') j++;
        while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u3000')) j++;
        if (j < text.length && text[j] !== '\n' && text[j] !== '\r') continue;
      }
      push(start, i);
      start = i + 1;
    } else if (c === '\u3000' && text[i + 1] === '\u3000' && i > start) {
      let j = i;
      while (j > start && isSpace(text[j - 1])) j--;
      if (j > start && text[j - 1] !== '\n' && text[j - 1] !== '\r') {
        push(start, i);
        start = i;
      }
      while (text[i + 1] === '\u3000') i++;
    }
  }
  push(start, text.length);
  return out;
}
