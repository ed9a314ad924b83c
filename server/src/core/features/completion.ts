/**
 * Completion:
 * - after 《 (or a nested 〈): the instruments of the knowledge base, ranked by the date and place
 *   typed just before the bracket; each shows date and place, with the hover text as documentation;
 * - after `《T》（` for a known T: its date and place (`2021年9月17日，杜尚别）`);
 * - after 在: the places of the knowledge base (those matching the date just typed first);
 * - after a year being typed (`2021年`, `2021年9月`): the corpus's known dates of that period;
 * - at a sentence start: the corpus's sentence formulas;
 * - whatever the phrasing model proposes (completePhrasing), merged in.
 */
import type { Cancellation, CompletionEntry } from '../service';
import type { Instrument, Span } from '../types';
import { dateKey } from '../text/calendar';
import { findDates } from '../lang/zh/dates';
import { formatDate } from '../lang/zh/datesFormat';
import type { Ctx } from './context';
import { adoptionDetail, fmtDate, mainAdoption } from './presentation';
import { completePhrasing } from '../phrasing/complete';
import { pick } from '../messages';
import { escapeMarkdown } from '../text/markdown';
import { instrumentMarkdown } from './hover';

const SENTENCE_END = '。；！？';
const MAX_TITLE_PREFIX = 120;
/** Instruments sent per completion request (ranked), and how many carry the full hover as documentation. */
export const MAX_INSTRUMENTS = 300;
const FULL_DOCUMENTATION = 40;

export function complete(ctx: Ctx, text: string, offset: number, token?: Cancellation): CompletionEntry[] {
  if (offset < 0 || offset > text.length) return [];
  const out: CompletionEntry[] = [];
  const title = titleContext(text, offset);
  if (title) out.push(...instrumentEntries(ctx, text, offset, title));
  else {
    out.push(...afterTitleParen(ctx, text, offset));
    out.push(...placeEntries(ctx, text, offset));
    out.push(...dateEntries(ctx, text, offset));
    // The phrasing model proposes formulas (ranked in context) itself; without one, the fallback.
    if (ctx.phrasing === undefined) out.push(...formulaEntries(ctx, text, offset));
  }
  if (token?.isCancellationRequested) return out;
  if (ctx.phrasing !== undefined) {
    try {
      const more = completePhrasing(ctx.phrasing, text, offset, ctx.index);
      // The phrasing items are ranked by the keystrokes they are expected to save in this context
      // (knowledge-base titles, places and dates included, scored by the same model): they come
      // first, in their order; then the knowledge-base items of this feature, in theirs.
      // An item both propose keeps this feature's detail and documentation, at the phrasing rank.
      if (more.length) {
        const key = (e: CompletionEntry) => e.label + '\u0000' + e.insertText;
        const own = out.splice(0, out.length);
        const ownByKey = new Map(own.map((e) => [key(e), e]));
        const seen = new Set<string>();
        const add = (e: CompletionEntry, sortText: string) => {
          if (seen.has(key(e))) return;
          seen.add(key(e));
          out.push({ ...e, sortText });
        };
        // Right after 《 (nothing of the title typed yet) the instruments come first: the drafter
        // is choosing a title; once part of it is typed, the items go by expected savings
        const choosing = !!title && title.open === offset - 1;
        for (const e of more) add(ownByKey.get(key(e)) ?? e, (choosing && e.kind !== 'instrument' ? '2' : '0') + (e.sortText ?? ''));
        for (const e of own) add(e, (choosing ? '1' : '2') + (e.sortText ?? e.label));
      }
    } catch {
      /* a phrasing failure must not lose the other completions */
    }
  }
  return out;
}

/** Inside an unclosed 《 (or 〈) on the current line: the bracket and the prefix typed after it. */
function titleContext(text: string, offset: number): { open: number; bracket: '《' | '〈'; close: string } | undefined {
  const lo = Math.max(0, offset - MAX_TITLE_PREFIX);
  for (let i = offset - 1; i >= lo; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r' || c === '》' || SENTENCE_END.includes(c)) return undefined;
    if (c === '〉') {
      // a closed nested title: keep looking for the outer 《
      continue;
    }
    if (c === '〈') {
      // Nested only when inside an open 《.
      const outer = text.lastIndexOf('《', i);
      const closed = text.lastIndexOf('》', i);
      if (outer >= 0 && outer > closed) return { open: i, bracket: '〈', close: '〉' };
      continue;
    }
    if (c === '《') return { open: i, bracket: '《', close: '》' };
  }
  return undefined;
}

function instrumentEntries(ctx: Ctx, text: string, offset: number, c: { open: number; bracket: string; close: string }): CompletionEntry[] {
  // The date and place typed just before the bracket (same sentence, close by).
  let from = c.open;
  const back = Math.max(0, c.open - 80);
  for (let i = c.open - 1; i >= back; i--) {
    if (SENTENCE_END.includes(text[i]) || text[i] === '\n') break;
    from = i;
  }
  const before = text.slice(from, c.open);
  const dates = findDates(text, from, c.open).filter((d) => !d.dates[0]?.yearOnly);
  const date = dates[dates.length - 1];
  const dateKeys = new Set((date?.dates ?? []).map((d) => dateKey(d)));
  let place: string | undefined;
  let placeAt = -1;
  for (const p of ctx.places) {
    const i = before.lastIndexOf(p);
    if (i > placeAt) {
      placeAt = i;
      place = p;
    }
  }
  const replace: Span = { start: c.open + 1, end: offset };
  const closeAfter = text[offset] === c.close;
  const typed = text.slice(c.open + 1, offset);
  const ranked: { ins: Instrument; key: string }[] = [];
  for (const ins of ctx.index.instruments() as Instrument[]) {
    if (typed && !ins.title.includes(typed) && !ins.id.includes(typed)) continue;
    const dm = ins.adoptions.some((a) => a.date && (dateKeys.has(dateKey(a.date)) || (a.date.year !== undefined && dateKeys.has(dateKey({ month: a.date.month, day: a.date.day })))));
    const pm = !!place && ins.adoptions.some((a) => a.place === place);
    const rank = dm && pm ? 0 : dm ? 1 : pm ? 2 : 3;
    const mentions = String(99999 - Math.min(99999, ins.mentions.length)).padStart(5, '0');
    ranked.push({ ins, key: `${rank}${mentions}${ins.title}` });
  }
  // A large knowledge base has thousands of instruments: send the best MAX_INSTRUMENTS for what is
  // typed (the client asks again as the prefix grows), full documentation for the first few.
  ranked.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return ranked.slice(0, MAX_INSTRUMENTS).map(({ ins, key }, i) => ({
    label: ins.title,
    kind: 'instrument' as const,
    insertText: ins.title + (closeAfter ? '' : c.close),
    replace,
    detail: adoptionDetail(ins) || ins.kind,
    documentation: i < FULL_DOCUMENTATION ? instrumentMarkdown(ctx, ins) : escapeMarkdown(`《${ins.title}》 ${adoptionDetail(ins)}`),
    sortText: key,
    filterText: ins.title,
  }));
}

/** `《T》（` → `DATE，PLACE）`, and `《T》` → `（DATE，PLACE）`, for a known T. */
function afterTitleParen(ctx: Ctx, text: string, offset: number): CompletionEntry[] {
  if (text[offset - 1] === '》' && text[offset] !== '（' && text[offset] !== '(') {
    const open = text.lastIndexOf('《', offset - 1);
    if (open < 0 || offset - 1 - open > MAX_TITLE_PREFIX) return [];
    const ins = ctx.resolve(text.slice(open + 1, offset - 1));
    const a = ins && mainAdoption(ins);
    if (!ins || !a?.date) return [];
    const body = '（' + fmtDate(a.date) + (a.place ? '，' + a.place : '') + '）';
    return [{ label: body, kind: 'date', insertText: body, replace: { start: offset, end: offset }, detail: adoptionDetail(ins), documentation: instrumentMarkdown(ctx, ins), sortText: '0' }];
  }
  const paren = text[offset - 1];
  if (paren !== '（' && paren !== '(') return [];
  const close = offset - 2;
  if (text[close] !== '》') return [];
  const open = text.lastIndexOf('《', close);
  if (open < 0 || close - open > MAX_TITLE_PREFIX) return [];
  const ins = ctx.resolve(text.slice(open + 1, close));
  const a = ins && mainAdoption(ins);
  if (!ins || !a?.date) return [];
  const body = fmtDate(a.date) + (a.place ? '，' + a.place : '');
  const closeParen = paren === '(' ? ')' : '）';
  return [
    {
      label: body,
      kind: 'date',
      insertText: body + (text[offset] === closeParen ? '' : closeParen),
      replace: { start: offset, end: offset },
      detail: adoptionDetail(ins),
      documentation: instrumentMarkdown(ctx, ins),
      sortText: '0',
    },
  ];
}

/** After 在 (possibly with a partial place typed): known places. */
function placeEntries(ctx: Ctx, text: string, offset: number): CompletionEntry[] {
  const lo = Math.max(0, offset - 12);
  // (lastIndexOf with fromIndex -1 searches from 0: at offset 0 there is nothing before.)
  const at = offset > 0 ? text.lastIndexOf('在', offset - 1) : -1;
  if (at < lo) return [];
  const typed = text.slice(at + 1, offset);
  if (/[\s，。、；：！？《》（）()]/.test(typed)) return [];
  // Places adopted at the date typed just before 在 come first.
  const dates = findDates(text, Math.max(0, at - 30), at).filter((d) => d.span.end >= at - 1);
  const keys = new Set((dates[0]?.dates ?? []).map((d) => dateKey(d)));
  const out: CompletionEntry[] = [];
  for (const p of ctx.places) {
    if (typed && !p.startsWith(typed)) continue;
    const f = ctx.placeFacts.get(p)!;
    const matches = f.instruments.some((x) => x.adoption.date && keys.has(dateKey(x.adoption.date))) || f.events.some((e) => e.date?.dates.some((d) => keys.has(dateKey(d))));
    const what = [...new Set(f.instruments.map((x) => '《' + x.instrument.title + '》'))].slice(0, 3).join('、');
    out.push({
      label: p,
      kind: 'place',
      insertText: p,
      replace: { start: at + 1, end: offset },
      detail: what || f.events[0]?.name,
      documentation: escapeMarkdown(what),
      sortText: (matches ? '0' : '1') + String(999 - Math.min(999, f.instruments.length + f.events.length)).padStart(3, '0'),
    });
  }
  return out;
}

/** A year (or year and month) being typed: the corpus's dates in that period. */
function dateEntries(ctx: Ctx, text: string, offset: number): CompletionEntry[] {
  const m = /(\d{4})年(?:(\d{1,2})月?)?$/.exec(text.slice(Math.max(0, offset - 10), offset));
  if (!m) return [];
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const start = offset - m[0].length;
  const out: CompletionEntry[] = [];
  for (const [key, f] of ctx.dateFacts) {
    if (!/^\d{4}-\d\d-\d\d$/.test(key)) continue;
    const [y, mo, d] = key.split('-').map(Number);
    if (y !== year || (month !== undefined && mo !== month && !String(mo).startsWith(String(month)))) continue;
    const label = formatDate({ year: y, month: mo, day: d }, 'arabic');
    const what = [
      ...new Set([...f.instruments.map((x) => '《' + x.instrument.title + '》'), ...f.events.map((e) => e.name)]),
    ].slice(0, 3);
    out.push({
      label,
      kind: 'date',
      insertText: label,
      replace: { start, end: offset },
      detail: what.join('、'),
      documentation: escapeMarkdown(what.join('；')),
      sortText: key,
    });
  }
  return out;
}

/** At a sentence start (optionally with a few characters typed): the corpus's sentence formulas. */
function formulaEntries(ctx: Ctx, text: string, offset: number): CompletionEntry[] {
  let s = offset;
  while (s > 0 && offset - s <= 12) {
    const c = text[s - 1];
    if (SENTENCE_END.includes(c) || c === '\n' || c === '\r' || c === '\u3000' || c === '”' && SENTENCE_END.includes(text[s - 2] ?? '')) break;
    if ('，、：《》（）'.includes(c)) return [];
    s--;
  }
  if (offset - s > 12) return [];
  if (s > 0 && !(SENTENCE_END.includes(text[s - 1]) || '\n\r\u3000”'.includes(text[s - 1]))) return [];
  const typed = text.slice(s, offset);
  const formulas = ctx.formulas.length ? ctx.formulas : ctx.quotedOpenings();
  const out: CompletionEntry[] = [];
  formulas.forEach((f, i) => {
    if (typed && !f.startsWith(typed)) return;
    out.push({
      label: f,
      kind: 'formula',
      insertText: f,
      replace: { start: s, end: offset },
      detail: pick({ en: 'sentence formula from the corpus', zh: '语料中的句首套语' }, ctx.locale),
      documentation: escapeMarkdown(f),
      sortText: String(i).padStart(4, '0'),
    });
  });
  return out;
}
