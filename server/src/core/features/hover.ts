/**
 * Hover: on a referenced instrument (anywhere inside 《…》 or a nested 〈…〉), on a date the corpus
 * knows, on a place, on an official's name. Every piece of corpus text is escaped, so nothing
 * from a corpus can become a link, a command, HTML or an image; the only links are the ones built
 * here from corpus uris (file and line).
 */
import type { HoverResult } from '../service';
import { pick } from '../messages';
import { escapeMarkdown, mdTitle } from '../text/markdown';
import type { Instrument, Provenance } from '../types';
import { findDates } from '../lang/zh/dates';
import { dateKey } from '../text/calendar';
import { lineMark } from '../corpus/formats';
import { documentName } from '../corpus/files';
import type { Ctx, Fact } from './context';
import { mentionAt, nameAt, titleOfMention } from './lookups';
import { corpusLink, fmtDate } from './presentation';

const MAX_MENTIONS = 12;

export function hover(ctx: Ctx, text: string, offset: number): HoverResult | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const m = mentionAt(text, offset);
  if (m) {
    // 《协定》 declared short for a title, 本《倡议》, 该《协定》: the title they stand for.
    const ins = ctx.resolve(titleOfMention(text, m));
    if (ins) return { span: m.span, markdown: instrumentMarkdown(ctx, ins, m.title) };
    return {
      span: m.span,
      markdown: `${mdTitle(m.title)}\n\n${pick({ en: 'Not in the knowledge base.', zh: '知识库中没有此文件。' }, ctx.locale)}`,
    };
  }
  const date = dateAt(ctx, text, offset);
  if (date) return date;
  const place = nameAt(text, offset, ctx.places);
  if (place) {
    const f = ctx.placeFacts.get(place.name);
    if (f) return { span: place.span, markdown: factMarkdown(ctx, `**${escapeMarkdown(place.name)}**`, f, 'place') };
  }
  const off = nameAt(
    text,
    offset,
    ctx.officials.map((o) => o.name),
  );
  if (off) {
    const o = ctx.officials.filter((x) => x.name === off.name);
    const lines = [`**${escapeMarkdown(off.name)}**`, ''];
    for (const x of o) lines.push(`- ${escapeMarkdown(x.country)} ${escapeMarkdown(x.role)} — ${provLink(x.provenance)}`);
    return { span: off.span, markdown: lines.join('\n') };
  }
  const ev = nameAt(text, offset, ctx.eventNames);
  if (ev) {
    const lines = [`**${escapeMarkdown(ev.name)}**`, ''];
    for (const e of ctx.eventsByName.get(ev.name) ?? []) {
      const parts = [e.date?.text, e.place, e.online ? pick({ en: 'by video', zh: '视频方式' }, ctx.locale) : ''].filter(Boolean).map((x) => escapeMarkdown(String(x)));
      lines.push(`- ${pick({ en: 'Held', zh: '举行' }, ctx.locale)}${parts.length ? ': ' + parts.join(', ') : ''} — ${provLink(e.provenance)}`);
    }
    return { span: ev.span, markdown: lines.join('\n') };
  }
  return undefined;
}

function provLink(p: Provenance): string {
  return `[${escapeMarkdown(documentName(p.uri))}${lineMark(p.uri, p.line)}](${corpusLink(p.uri, p.line)})`;
}

function excerpt(p: Provenance, max = 80): string {
  const s = p.sentence ?? '';
  return escapeMarkdown(s.length > max ? s.slice(0, max) + '…' : s);
}

export function instrumentMarkdown(ctx: Ctx, ins: Instrument, written?: string): string {
  const out: string[] = [];
  out.push(`${mdTitle(ins.title)}${ins.kind ? ` — ${escapeMarkdown(ins.kind)}` : ''}`);
  if (written !== undefined && written !== ins.title) {
    out.push('', `${pick({ en: 'Written here as', zh: '此处写作' }, ctx.locale)} ${mdTitle(written)}`);
  }
  out.push('');
  if (ins.adoptions.length) {
    for (const a of ins.adoptions.slice(0, 5)) {
      const parts = [
        a.date
          ? `${pick({ en: 'date', zh: '日期' }, ctx.locale)}: ${escapeMarkdown(fmtDate(a.date))}${a.date.yearFromDocument ? pick({ en: ' (the year of the document: the corpus writes no year)', zh: '（语料未写年份，取文件日期的年份）' }, ctx.locale) : ''}`
          : '',
        a.place ? `${pick({ en: 'place', zh: '地点' }, ctx.locale)}: ${escapeMarkdown(a.place)}` : '',
        a.verb ? `${pick({ en: 'verb', zh: '动词' }, ctx.locale)}: ${escapeMarkdown(a.verb)}` : '',
        a.event ? `${pick({ en: 'at', zh: '会议' }, ctx.locale)}: ${escapeMarkdown(a.event)}` : '',
      ].filter(Boolean);
      if (parts.length) out.push(`- ${pick({ en: 'Adopted', zh: '通过' }, ctx.locale)} — ${parts.join(', ')} (${provLink(a.provenance)})`);
    }
  } else {
    out.push(`- ${pick({ en: 'No date of adoption in the corpus.', zh: '语料中没有通过日期。' }, ctx.locale)}`);
  }
  for (const c of ctx.kb.conflicts.filter((x) => x.subject === ins.id)) {
    const values = c.values.map((v) => `${escapeMarkdown(v.value)} (${provLink(v.provenance)})`).join(' / ');
    out.push(`- ${pick({ en: `The corpus disagrees on the ${c.field}`, zh: `语料中${c.field === 'date' ? '日期' : c.field === 'place' ? '地点' : '动词'}不一致` }, ctx.locale)}: ${values}`);
  }
  const n = ins.mentions.length;
  out.push('', `${pick({ en: `Mentioned ${n} time${n === 1 ? '' : 's'} in the corpus:`, zh: `语料中提及 ${n} 次：` }, ctx.locale)}`, '');
  for (const p of ins.mentions.slice(0, MAX_MENTIONS)) out.push(`- ${provLink(p)} — ${excerpt(p)}`);
  if (n > MAX_MENTIONS) out.push(`- … ${pick({ en: `${n - MAX_MENTIONS} more`, zh: `另有 ${n - MAX_MENTIONS} 处` }, ctx.locale)}`);
  const rel = (ids: string[]) =>
    ids
      .map((id) => ctx.index.instrument(id))
      .filter((x): x is Instrument => !!x)
      .map((x) => mdTitle(x.title))
      .join('、');
  if (ins.implements.length) out.push('', `${pick({ en: 'Implements', zh: '落实' }, ctx.locale)}: ${rel(ins.implements)}`);
  if (ins.implementedBy.length) out.push('', `${pick({ en: 'Implemented by', zh: '被以下文件落实' }, ctx.locale)}: ${rel(ins.implementedBy)}`);
  return out.join('\n');
}

function dateAt(ctx: Ctx, text: string, offset: number): HoverResult | undefined {
  const from = Math.max(0, offset - 40);
  const to = Math.min(text.length, offset + 40);
  for (const e of findDates(text, from, to)) {
    if (offset < e.span.start || offset > e.span.end) continue;
    const merged: Fact = { instruments: [], events: [] };
    for (const d of e.dates) {
      if (d.yearOnly || d.day === undefined) continue;
      const f = ctx.dateFacts.get(dateKey(d.year === undefined ? { month: d.month, day: d.day } : d));
      if (!f) continue;
      for (const x of f.instruments) if (!merged.instruments.includes(x)) merged.instruments.push(x);
      for (const x of f.events) if (!merged.events.includes(x)) merged.events.push(x);
    }
    if (!merged.instruments.length && !merged.events.length) return undefined;
    return { span: e.span, markdown: factMarkdown(ctx, `**${escapeMarkdown(e.text)}**`, merged, 'date') };
  }
  return undefined;
}

function factMarkdown(ctx: Ctx, head: string, f: Fact, what: 'date' | 'place'): string {
  const out = [head, ''];
  if (f.instruments.length) {
    out.push(what === 'date' ? pick({ en: 'Adopted or signed that day:', zh: '当日通过或签署：' }, ctx.locale) : pick({ en: 'Adopted or signed there:', zh: '在此通过或签署：' }, ctx.locale), '');
    const seen = new Set<string>();
    for (const { instrument, adoption } of f.instruments) {
      if (seen.has(instrument.id)) continue;
      seen.add(instrument.id);
      const extra = what === 'date' ? adoption.place : fmtDate(adoption.date);
      out.push(
        `- ${mdTitle(instrument.title)}${adoption.verb ? ` (${escapeMarkdown(adoption.verb)}${extra ? '，' + escapeMarkdown(extra) : ''})` : ''} — ${provLink(adoption.provenance)}`,
      );
      if (seen.size >= 15) break;
    }
    out.push('');
  }
  if (f.events.length) {
    out.push(what === 'date' ? pick({ en: 'Held that day:', zh: '当日举行：' }, ctx.locale) : pick({ en: 'Held there:', zh: '在此举行：' }, ctx.locale), '');
    for (const e of f.events.slice(0, 15)) {
      const extra = what === 'date' ? e.place : e.date?.text;
      out.push(`- ${escapeMarkdown(e.name)}${extra ? ` (${escapeMarkdown(extra)})` : ''}${e.online ? pick({ en: ' — by video', zh: '（视频方式）' }, ctx.locale) : ''} — ${provLink(e.provenance)}`);
    }
  }
  return out.join('\n').trimEnd();
}
