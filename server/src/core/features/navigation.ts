/**
 * Navigation: go to definition (the instrument's first mention in the corpus), the instrument id
 * under a position, and every mention of an instrument in a text, whatever its spelling.
 */
import type { Provenance, Span } from '../types';
import type { Ctx } from './context';
import { mentionAt, mentionTitles, nameAt, titleOfMention } from './lookups';

export function definition(ctx: Ctx, text: string, offset: number): Provenance[] {
  const id = instrumentAt(ctx, text, offset);
  const ins = id ? ctx.index.instrument(id) : undefined;
  if (!ins) {
    // An event the corpus records: where it is reported.
    const ev = mentionAt(text, offset) ? undefined : nameAt(text, offset, ctx.eventNames);
    const e = ev && ctx.eventsByName.get(ev.name)?.[0];
    return e ? [e.provenance] : [];
  }
  const first = ins.mentions[0] ?? ins.adoptions[0]?.provenance;
  return first ? [first] : [];
}

export function instrumentAt(ctx: Ctx, text: string, offset: number): string | undefined {
  const m = mentionAt(text, offset);
  return m ? ctx.resolve(titleOfMention(text, m))?.id : undefined;
}

export function mentionsOf(ctx: Ctx, text: string, id: string): Span[] {
  const out: Span[] = [];
  for (const { mention, title } of mentionTitles(text)) {
    if (ctx.resolve(title)?.id === id) out.push(mention.titleSpan);
  }
  return out;
}
