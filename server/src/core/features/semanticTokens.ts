/**
 * Semantic tokens: titles (《…》 with their brackets), dates, places and officials the knowledge
 * base knows, and sentence formulas at sentence starts. Overlaps are resolved by the encoder
 * (the outer, earlier token wins), so a place inside a title stays part of the title.
 */
import type { SemanticTokenEntry } from '../service';
import { scanReferences } from '../knowledge/scan';
import { findDates } from '../text/dates';
import { Ctx, findNames, paragraphs } from './context';

const SENTENCE_END = new Set([...'。；！？'].map((c) => c.charCodeAt(0)));

export function semanticTokens(ctx: Ctx, text: string): SemanticTokenEntry[] {
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
    for (const p of paragraphs(text)) {
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
