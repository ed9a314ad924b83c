/**
 * Hover: on a referenced instrument (anywhere inside 《…》 or a nested 〈…〉), on a date the corpus
 * knows, on a place, on an official's name. Every piece of corpus text is escaped, so nothing
 * from a corpus can become a link, a command, HTML or an image; the only links are the ones built
 * here from corpus uris (file, line and column).
 *
 * A large corpus states the same fact in hundreds of documents: identical facts are one line with
 * the number of documents (presentation.ts), lists are ordered by date and capped with a count.
 * Labels follow the user's language: full-width punctuation in Chinese.
 */
import type { HoverResult } from '../service';
import { pick, type Locale } from '../messages';
import { escapeMarkdown, mdTitle } from '../text/markdown';
import type { Adoption, EventFact, Instrument, Message, Provenance } from '../types';
import { findDates } from '../lang/zh/dates';
import { dateKey } from '../text/calendar';
import { formatDateExpr } from '../lang/zh/datesFormat';
import type { Ctx, Fact } from './context';
import { mentionAt, nameAt, titleOfMention } from './lookups';
import { adoptionLine, count, dateOrder, fmtDate, groupFacts, moreLine, perDocument, sourceLink, sourcesMarkdown } from './presentation';

/** At most this many lines of one list (adoptions, documents, instruments at a place …). */
const MAX_LINES = 8;
/** Documents quoted under "Mentioned …". */
const MAX_DOCUMENTS = 5;

export function hover(ctx: Ctx, text: string, offset: number): HoverResult | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const m = mentionAt(text, offset);
  if (m) {
    // 《协定》 declared short for a title, 本《倡议》, 该《协定》: the title they stand for.
    const ins = ctx.resolve(titleOfMention(text, m));
    if (ins) return { span: m.span, markdown: instrumentMarkdown(ctx, ins, m.title) };
    return {
      span: m.span,
      markdown: `${mdTitle(m.title)}\n\n${pick({ en: 'Not in the knowledge base.', zh: '知识库中没有这份文书。' }, ctx.locale)}`,
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
    const groups = groupFacts(
      ctx.officials.filter((x) => x.name === off.name),
      (x) => `${x.country}\u0000${x.role}`,
      (x) => x.provenance,
    );
    const lines = [`**${escapeMarkdown(off.name)}**`, ''];
    for (const g of groups.slice(0, MAX_LINES)) lines.push(`- ${escapeMarkdown(g.fact.country + g.fact.role)} — ${sourcesMarkdown(ctx.index, g.provenance, ctx.locale)}`);
    pushDefined(lines, moreLine(groups.length - MAX_LINES, ctx.locale));
    return { span: off.span, markdown: lines.join('\n') };
  }
  const ev = nameAt(text, offset, ctx.eventNames);
  if (ev) {
    const held = pick({ en: 'Held: ', zh: '举行：' }, ctx.locale);
    const groups = groupFacts(ctx.eventsByName.get(ev.name) ?? [], (e) => eventWhen(ctx.locale, e), (e) => e.provenance).sort(
      (a, b) => dateOrder(a.fact.date?.dates[0]) - dateOrder(b.fact.date?.dates[0]),
    );
    const lines = [`**${escapeMarkdown(ev.name)}**`, ''];
    for (const g of groups.slice(0, MAX_LINES)) lines.push(`- ${held}${escapeMarkdown(g.key) || '—'} — ${sourcesMarkdown(ctx.index, g.provenance, ctx.locale)}`);
    pushDefined(lines, moreLine(groups.length - MAX_LINES, ctx.locale));
    return { span: ev.span, markdown: lines.join('\n') };
  }
  return undefined;
}

function pushDefined(lines: string[], line: string | undefined): void {
  if (line !== undefined) lines.push(line);
}

/** `2021年9月15日至17日 · 杜尚别 · by video`: when and where an event was held. */
function eventWhen(locale: Locale, e: EventFact): string {
  return [e.date ? formatDateExpr(e.date) : '', e.place, e.online ? pick({ en: 'by video', zh: '视频方式' }, locale) : ''].filter(Boolean).join(' · ');
}

function excerpt(p: Provenance, max = 80): string {
  const s = p.sentence ?? '';
  return escapeMarkdown(s.length > max ? s.slice(0, max) + '…' : s);
}

/** `text：` in Chinese, `text:` in English. */
function heading(m: Message, locale: Locale): string {
  return pick({ en: m.en + ':', zh: m.zh + '：' }, locale);
}

export function instrumentMarkdown(ctx: Ctx, ins: Instrument, written?: string): string {
  const { locale } = ctx;
  const out: string[] = [];
  out.push(`${mdTitle(ins.title)}${ins.kind ? ` — ${escapeMarkdown(ins.kind)}` : ''}`);
  if (written !== undefined && written !== ins.title) {
    out.push('', `${pick({ en: 'Written here as', zh: '此处写作' }, locale)} ${mdTitle(written)}`);
  }
  out.push('');
  if (ins.adoptions.length) {
    // One line per distinct fact (date, place, act, event), in date order, with its documents.
    const groups = groupFacts(ins.adoptions, (a) => adoptionLine(a, locale), (a) => a.provenance).sort(
      (a, b) => dateOrder(a.fact.date) - dateOrder(b.fact.date),
    );
    out.push(heading({ en: 'Adopted, approved or signed', zh: '通过、批准或签署' }, locale), '');
    for (const g of groups.slice(0, MAX_LINES)) out.push(`- ${escapeMarkdown(g.key) || '—'} — ${sourcesMarkdown(ctx.index, g.provenance, locale)}`);
    pushDefined(out, moreLine(groups.length - MAX_LINES, locale));
  } else {
    out.push(`- ${pick({ en: 'No date of adoption in the corpus.', zh: '语料中没有通过日期。' }, locale)}`);
  }
  for (const c of ctx.kb.conflicts.filter((x) => x.subject === ins.id)) {
    // The values as the genre writes them, each with every document that states it.
    const value = (a: Adoption) => (c.field === 'date' ? fmtDate(a.date) : c.field === 'place' ? a.place : a.verb) ?? '';
    const stated = groupFacts(ins.adoptions.filter(value), value, (a) => a.provenance);
    const groups = stated.length > 1 ? stated : groupFacts(c.values, (v) => v.value, (v) => v.provenance);
    const values = groups
      .map((g) => pick({ en: `${escapeMarkdown(g.key)} (${sourcesMarkdown(ctx.index, g.provenance, locale)})`, zh: `${escapeMarkdown(g.key)}（${sourcesMarkdown(ctx.index, g.provenance, locale)}）` }, locale))
      .join(' / ');
    const field = { date: { en: 'date', zh: '日期' }, place: { en: 'place', zh: '地点' }, verb: { en: 'act (adopted, approved, signed)', zh: '通过方式' } }[c.field];
    out.push(`- ${pick({ en: `The corpus disagrees on the ${field.en}: `, zh: `语料中${field.zh}不一致：` }, locale)}${values}`);
  }
  const n = ins.mentions.length;
  const docs = perDocument(ctx.index, ins.mentions);
  out.push(
    '',
    docs.length > 1
      ? pick({ en: `Mentioned ${count(n)} times in ${count(docs.length)} documents (newest first):`, zh: `语料中 ${count(docs.length)} 份文件提及 ${count(n)} 次（按日期由近及远）：` }, locale)
      : pick({ en: `Mentioned ${n} time${n === 1 ? '' : 's'} in the corpus:`, zh: `语料中提及 ${n} 次：` }, locale),
    '',
  );
  // One line per document (its first mention); a one-document corpus shows its mentions.
  const shown = docs.length > 1 ? docs.map((d) => d.first) : ins.mentions;
  for (const p of shown.slice(0, MAX_DOCUMENTS)) out.push(`- ${sourceLink(p)} — ${excerpt(p)}`);
  pushDefined(
    out,
    docs.length > 1
      ? moreLine(docs.length - MAX_DOCUMENTS, locale, { en: 'documents', zh: '份文件' })
      : moreLine(n - MAX_DOCUMENTS, locale, { en: 'mentions', zh: '处' }),
  );
  const rel = (ids: string[]) =>
    ids
      .map((id) => ctx.index.instrument(id))
      .filter((x): x is Instrument => !!x)
      .map((x) => mdTitle(x.title))
      .join('、');
  if (ins.implements.length) out.push('', `${heading({ en: 'Implements', zh: '落实' }, locale)} ${rel(ins.implements)}`);
  if (ins.implementedBy.length) out.push('', `${heading({ en: 'Implemented by', zh: '被以下文书落实' }, locale)} ${rel(ins.implementedBy)}`);
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

/**
 * What happened on a date or at a place: each instrument once (its fact as the link to where the
 * corpus states it), newest first, then the events held; both lists capped with a count.
 */
function factMarkdown(ctx: Ctx, head: string, f: Fact, what: 'date' | 'place'): string {
  const { locale } = ctx;
  const out = [head, ''];
  const byInstrument = new Map<string, { instrument: Instrument; adoption: Adoption }>();
  for (const x of f.instruments) if (!byInstrument.has(x.instrument.id)) byInstrument.set(x.instrument.id, x);
  const instruments = [...byInstrument.values()].sort((a, b) => dateOrder(b.adoption.date) - dateOrder(a.adoption.date));
  if (instruments.length) {
    const n = count(instruments.length);
    out.push(
      what === 'date'
        ? pick({ en: `Adopted, approved or signed that day (${n}):`, zh: `当日通过、批准或签署（${n} 份）：` }, locale)
        : pick({ en: `Adopted, approved or signed there (${n}, newest first):`, zh: `在此通过、批准或签署（${n} 份，按日期由近及远）：` }, locale),
      '',
    );
    for (const { instrument, adoption } of instruments.slice(0, MAX_LINES)) {
      const fact = (what === 'date' ? [adoption.place, adoption.verb] : [fmtDate(adoption.date), adoption.verb]).filter(Boolean).join(' · ');
      out.push(`- ${mdTitle(instrument.title)} — ${sourceLink(adoption.provenance, fact || undefined)}`);
    }
    pushDefined(out, moreLine(instruments.length - MAX_LINES, locale, { en: 'instruments', zh: '份文书' }));
    out.push('');
  }
  const events = groupFacts(f.events, (e) => e.id, (e) => e.provenance)
    .map((g) => g.fact)
    .sort((a, b) => dateOrder(b.date?.dates[0]) - dateOrder(a.date?.dates[0]));
  if (events.length) {
    out.push(
      what === 'date'
        ? pick({ en: 'Held that day:', zh: '当日举行：' }, locale)
        : pick({ en: `Held there (${count(events.length)}, newest first):`, zh: `在此举行（${count(events.length)} 次，按日期由近及远）：` }, locale),
      '',
    );
    for (const e of events.slice(0, MAX_LINES)) {
      const fact = (what === 'date' ? [e.place] : [e.date ? formatDateExpr(e.date) : '']).filter(Boolean).join(' · ');
      const online = e.online ? pick({ en: ' (by video)', zh: '（视频方式）' }, locale) : '';
      out.push(`- ${escapeMarkdown(e.name)}${online} — ${sourceLink(e.provenance, fact || undefined)}`);
    }
    pushDefined(out, moreLine(events.length - MAX_LINES, locale, { en: 'events', zh: '次' }));
  }
  return out.join('\n').trimEnd();
}
