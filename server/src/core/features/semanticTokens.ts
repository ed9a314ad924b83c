/**
 * Semantic tokens: titles (《…》 with their brackets), dates, places and officials the knowledge
 * base knows, and sentence formulas at sentence starts. Overlaps are resolved by the encoder
 * (the outer, earlier token wins), so a place inside a title stays part of the title.
 */
import type { SemanticTokenEntry } from '../service';
import type { Span } from '../types';
import { scanReferences } from '../scan';
import { findDates } from '../lang/zh/dates';
import type { Ctx } from './context';
import { findNames } from './lookups';
import { BLANK_LINE, paragraphs } from '../text/paragraphs';

const SENTENCE_END = new Set([...'。；！？'].map((c) => c.charCodeAt(0)));

/** `blankLines`: how the text separates paragraphs, when `text` is a part of the document (semanticTokensIn). */
export function semanticTokens(ctx: Ctx, text: string, blankLines?: boolean): SemanticTokenEntry[] {
  const out: SemanticTokenEntry[] = [];
  for (const m of scanReferences(text)) out.push({ start: m.span.start, length: m.span.end - m.span.start, type: 'title' });
  for (const d of findDates(text)) out.push({ start: d.span.start, length: d.span.end - d.span.start, type: 'date' });
  for (const p of findNames(text, ctx.places)) out.push({ start: p.span.start, length: p.span.end - p.span.start, type: 'place' });
  for (const o of findNames(text, ctx.officials.map((x) => x.name))) out.push({ start: o.span.start, length: o.span.end - o.span.start, type: 'official' });
  if (ctx.formulas.length) {
    // Formulas by first character, so each sentence start tries only the few that can match.
    const byFirst = new Map<string, string[]>();
    for (const f of ctx.formulas) {
      const list = byFirst.get(f[0]) ?? [];
      list.push(f);
      byFirst.set(f[0], list);
    }
    for (const p of paragraphs(text, blankLines)) {
      let s = p.start;
      while (s < p.end) {
        let best = '';
        for (const f of byFirst.get(text[s]) ?? []) if (f.length > best.length && text.startsWith(f, s)) best = f;
        if (best) out.push({ start: s, length: best.length, type: 'formula' });
        let e = s;
        while (e < p.end && !SENTENCE_END.has(text.charCodeAt(e))) e++;
        s = e + 1;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || b.length - a.length);
}

/**
 * The tokens overlapping `span`, from the whole lines that hold it (a paragraph starts at a line
 * start, so titles, dates and sentence formulas read there as in the whole text): for an editor's
 * visible range of a huge draft.
 */
export function semanticTokensIn(ctx: Ctx, text: string, span: Span): SemanticTokenEntry[] {
  const from = Math.max(0, Math.min(span.start, text.length));
  const to = Math.max(from, Math.min(span.end, text.length));
  // whole lines; whole paragraphs where blank lines separate them (a paragraph wrapped over lines)
  const blankLines = BLANK_LINE.test(text);
  const lineStart = (i: number) => {
    while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
    return i;
  };
  /** The start of the line before the one starting at `s` (CRLF counted as one break). */
  const previousLine = (s: number) => lineStart(text[s - 1] === '\n' && text[s - 2] === '\r' ? s - 2 : s - 1);
  let start = lineStart(from);
  if (blankLines)
    while (start > 0) {
      const p = previousLine(start);
      if (/^[ \t\u3000]*[\r\n]*$/.test(text.slice(p, start))) break;
      start = p;
    }
  // to the end of the line only: no token spans a line break (the scanners stop at line ends)
  let end = to;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return semanticTokens(ctx, text.slice(start, end), blankLines)
    .map((t) => ({ ...t, start: t.start + start }))
    .filter((t) => t.start < to && t.start + t.length > from);
}
