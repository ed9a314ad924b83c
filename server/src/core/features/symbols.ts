/**
 * Document symbols: an outline of paragraphs, each named by its opening formula (a sentence
 * formula of the corpus when one matches, otherwise its first clause), with the references it
 * contains (and their nested 〈…〉 references) under it.
 */
import type { SymbolEntry } from '../service';
import type { ReferenceMention } from '../types';
import { scanReferences } from '../scan';
import type { Ctx } from './context';
import { adoptionDetail } from './presentation';
import { paragraphs } from '../text/paragraphs';
import { pick } from '../messages';

const MAX_NAME = 24;

export function symbols(ctx: Ctx, text: string): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  const mentions = scanReferences(text);
  let k = 0;
  for (const p of paragraphs(text)) {
    const body = text.slice(p.start, p.end);
    const formula = openingFormula(ctx, body);
    const children: SymbolEntry[] = [];
    while (k < mentions.length && mentions[k].span.start < p.start) k++;
    while (k < mentions.length && mentions[k].span.start < p.end) {
      children.push(referenceSymbol(ctx, mentions[k], p));
      k++;
    }
    out.push({
      name: formula,
      detail: children.length ? pick({ en: `${children.length} reference(s)`, zh: `${children.length} 处引用` }, ctx.locale) : undefined,
      kind: 'paragraph',
      span: p,
      selectionSpan: { start: p.start, end: p.start + Math.min(formula.length, p.end - p.start) },
      children,
    });
  }
  return out;
}

function referenceSymbol(ctx: Ctx, m: ReferenceMention, within: { start: number; end: number }): SymbolEntry {
  const ins = ctx.resolve(m.title);
  // A title running past its paragraph is clipped to it; titles nested after the clip are dropped.
  const span = { start: m.span.start, end: Math.max(m.span.start, Math.min(m.span.end, within.end)) };
  const selStart = Math.min(Math.max(span.start, m.titleSpan.start), span.end);
  return {
    name: m.bracket === '〈〉' ? `〈${m.title}〉` : `《${m.title}》`,
    detail: ins ? adoptionDetail(ins) || ins.kind : pick({ en: 'not in the knowledge base', zh: '知识库中没有' }, ctx.locale),
    kind: 'reference',
    span,
    selectionSpan: { start: selStart, end: Math.max(selStart, Math.min(span.end, m.titleSpan.end)) },
    children: (m.inner ?? []).filter((i) => i.span.start < span.end).map((i) => referenceSymbol(ctx, i, span)),
  };
}

/** The longest corpus formula the paragraph opens with, else its first clause (shortened). */
export function openingFormula(ctx: Ctx, body: string): string {
  let best = '';
  for (const f of ctx.formulas) if (f.length > best.length && body.startsWith(f)) best = f;
  if (best) return best;
  const clause = body.split(/[，。；：！？,;:]/)[0] || body;
  return clause.length > MAX_NAME ? clause.slice(0, MAX_NAME) + '…' : clause;
}
