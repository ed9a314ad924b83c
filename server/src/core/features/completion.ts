/**
 * Completion. Ghost text (inline.ts) and the completion list do not compete: each position belongs
 * to one of them.
 *
 * The list owns the positions where the drafter chooses among known values, and opens there by
 * itself (the trigger characters 《 〈 在 （):
 * - inside 《…》 (or a nested 〈…〉): the instruments of the knowledge base, and nothing else —
 *   found by any part of the title, its short names or its pinyin initials (titles.ts), ranked by
 *   the frame typed before the bracket (date, place, verb); each with its date and place;
 * - after `《T》（` for a known T: its date and place (`2021年9月17日，杜尚别）`);
 * - after 在 following a date (a reference frame): the places, those of that date first;
 * - after the English or pinyin prefix of a snippet of the genre (stress, qiangdiao), mid-sentence
 *   too: the snippets (snippets.ts), replacing the prefix.
 *
 * Everywhere else ghost text proposes the next phrase, and the list opens only when asked for
 * (invoked): the phrasing model's phrases, formulas and templates, the places after 在, the dates
 * of a year being typed, `（DATE，PLACE）` after a known title. Nothing equal to what is typed is
 * offered.
 */
import type { Cancellation, CompletionEntry, CompletionTrigger } from '../service';
import type { Instrument, SimpleDate, Span } from '../types';
import { dateKey } from '../text/calendar';
import { findDates } from '../lang/zh/dates';
import { formatDate } from '../lang/zh/datesFormat';
import { toSimplified } from '../lang/zh/script';
import { scanReferences } from '../scan/references';
import type { Ctx } from './context';
import { adoptionDetail, fmtDate, mainAdoption } from './presentation';
import { completePhrasing } from '../phrasing/complete';
import { pick } from '../messages';
import { escapeMarkdown } from '../text/markdown';
import { instrumentMarkdown } from './hover';
import { findTitles, type TitleFrame } from './titles';
import { keyWordSnippetEntries, prefixSnippetEntries } from './snippets';

const SENTENCE_END = '。；！？';
const MAX_TITLE_PREFIX = 120;
/** Instruments sent per completion request (ranked; the client asks again as the prefix grows). */
export const MAX_INSTRUMENTS = 60;
/** How many of them carry the full hover as documentation (the others a line, the hover when resolved). */
const FULL_DOCUMENTATION = 1;

/**
 * The characters after which the list may open by itself (it does only at the positions it owns):
 * the title marks, 在, the parenthesis after a title, and the letters of snippet prefixes.
 */
export const TRIGGER_CHARACTERS = ['《', '〈', '在', '（', '(', ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];

export function complete(ctx: Ctx, text: string, offset: number, token?: Cancellation, trigger: CompletionTrigger = { kind: 'invoked' }): CompletionEntry[] {
  if (offset < 0 || offset > text.length) return [];
  const owned = listEntries(ctx, text, offset);
  if (owned) return withoutTyped(text, owned);
  // the other positions belong to ghost text: the list opens there only when asked for
  if (trigger.kind !== 'invoked') return [];
  return withoutTyped(text, textEntries(ctx, text, offset, token));
}

/**
 * The entries of a position the completion list owns (inside a title, after `《T》（`, after 在 in a
 * date frame), or undefined at a position ghost text owns.
 */
export function listEntries(ctx: Ctx, text: string, offset: number): CompletionEntry[] | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const title = titleContext(text, offset);
  // inside a title: instruments only, even none (never phrase fragments: they assemble titles that do not exist)
  if (title) return instrumentEntries(ctx, text, offset, title);
  const paren = afterTitleParen(ctx, text, offset, true);
  if (paren.length) return paren;
  if (dateBeforePlaceMarker(text, offset)) {
    // (the place already typed in full: the position is ghost text's again)
    const places = withoutTyped(text, placeEntries(ctx, text, offset));
    if (places.length) return places;
  }
  // a snippet's English or pinyin prefix being typed (各方qiangdiao)
  return prefixSnippetEntries(ctx, text, offset);
}

/** What the list offers at a position ghost text owns, when asked for. */
function textEntries(ctx: Ctx, text: string, offset: number, token?: Cancellation): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  out.push(...afterTitleParen(ctx, text, offset, false));
  out.push(...placeEntries(ctx, text, offset));
  out.push(...dateEntries(ctx, text, offset));
  out.push(...keyWordSnippetEntries(ctx, text, offset));
  // The phrasing model proposes formulas (ranked in context) itself; without one, the fallback.
  if (ctx.phrasing === undefined) out.push(...formulaEntries(ctx, text, offset));
  if (token?.isCancellationRequested || ctx.phrasing === undefined) return out;
  try {
    const more = completePhrasing(ctx.phrasing, text, offset, ctx.index, { locale: ctx.locale });
    // The phrasing items are ranked by the keystrokes they are expected to save in this context
    // (knowledge-base places and dates included, scored by the same model): they come first, in
    // their order; then the knowledge-base items of this feature, in theirs. An item both propose
    // keeps this feature's detail and documentation, at the phrasing rank.
    if (!more.length) return out;
    const key = (e: CompletionEntry) => e.label + '\u0000' + e.insertText;
    const own = out.splice(0, out.length);
    const ownByKey = new Map(own.map((e) => [key(e), e]));
    const seen = new Set<string>();
    const add = (e: CompletionEntry, sortText: string) => {
      if (seen.has(key(e))) return;
      seen.add(key(e));
      out.push({ ...e, sortText });
    };
    for (const e of more) add(ownByKey.get(key(e)) ?? e, '0' + (e.sortText ?? ''));
    for (const e of own) add(e, '2' + (e.sortText ?? e.label));
  } catch {
    /* a phrasing failure must not lose the other completions */
  }
  return out;
}

/** Entries that would leave the text as it is (what is typed is already the item) are not offered. */
function withoutTyped(text: string, entries: CompletionEntry[]): CompletionEntry[] {
  return entries.filter((e) => {
    const typed = text.slice(e.replace.start, e.replace.end);
    if (!typed) return true;
    return e.insertText !== typed && e.label !== typed && toSimplified(e.label) !== toSimplified(typed);
  });
}

/** Inside an unclosed 《 (or 〈) on the current line: the bracket and the prefix typed after it. */
export function titleContext(text: string, offset: number): { open: number; bracket: '《' | '〈'; close: string } | undefined {
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

/** The frame written before the bracket at `open` (same sentence, close by): date, place, verb of adoption. */
function titleFrame(ctx: Ctx, text: string, open: number): TitleFrame {
  let from = open;
  const back = Math.max(0, open - 80);
  for (let i = open - 1; i >= back; i--) {
    if (SENTENCE_END.includes(text[i]) || text[i] === '\n') break;
    from = i;
  }
  // the scanner reads the frame of a title: give it one after the bracket
  const probe = text.slice(from, open) + '《\u3007》';
  const m = scanReferences(probe).find((r) => r.span.start === open - from);
  const frame: TitleFrame = {};
  if (!m) return frame;
  const onDate = new Set<Instrument>();
  for (const d of m.date?.dates ?? []) {
    if (d.yearOnly || d.day === undefined) continue;
    const f = ctx.dateFacts.get(dateKey(d.year === undefined ? { month: d.month, day: d.day } : d));
    for (const x of f?.instruments ?? []) onDate.add(x.instrument);
  }
  if (onDate.size) frame.onDate = onDate;
  const place = m.place && ctx.placeFacts.get(toSimplified(m.place.text));
  if (place) frame.atPlace = new Set(place.instruments.map((x) => x.instrument));
  if (m.verb) frame.verb = toSimplified(m.verb.text);
  return frame;
}

function instrumentEntries(ctx: Ctx, text: string, offset: number, c: { open: number; bracket: string; close: string }): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  // 《〈…: the title may start with the nested one (《〈上合组织…构想〉落实措施计划》): those first
  const outer = c.bracket === '〈' && text[c.open - 1] === '《' ? titleItems(ctx, text, offset, c.open - 1, '》', true) : [];
  for (const e of outer) if (e.label.startsWith('〈')) out.push(e);
  // a nested title names another instrument than the frame before the outer bracket
  out.push(...titleItems(ctx, text, offset, c.open, c.close, c.bracket === '《'));
  // the first few carry their full description; the others a line, and the description when the
  // editor shows them (resolveCompletion)
  return out.slice(0, MAX_INSTRUMENTS).map((e, i) =>
    i < FULL_DOCUMENTATION && e.resolve ? { ...e, documentation: instrumentMarkdown(ctx, ctx.index.instrument(e.resolve)!), sortText: String(i).padStart(4, '0') } : { ...e, sortText: String(i).padStart(4, '0') },
  );
}

/** The instruments for what is typed after the bracket at `open`, closed by `close`. */
function titleItems(ctx: Ctx, text: string, offset: number, open: number, close: string, framed: boolean): CompletionEntry[] {
  const frame = framed ? titleFrame(ctx, text, open) : {};
  const replace: Span = { start: open + 1, end: offset };
  const closeAfter = text[offset] === close;
  const typed = text.slice(open + 1, offset);
  // inside 〈…〉 a title with its own nested title cannot stand
  const found = findTitles(ctx.index, typed, frame, MAX_INSTRUMENTS).filter(({ ins }) => close !== '〉' || !/[〈〉]/.test(ins.title));
  return found.map(({ ins }) => {
    const detail = adoptionDetail(ins) || ins.kind || '';
    return {
      label: ins.title,
      kind: 'instrument' as const,
      insertText: ins.title + (closeAfter ? '' : close),
      replace,
      detail,
      documentation: escapeMarkdown(`《${ins.title}》 ${detail}`),
      resolve: ins.id,
      // the client keeps every item (the server matched them on any part of the title, on short
      // names or pinyin initials) and shows them in this order
      filterText: typed + ins.title,
    };
  });
}

/** A date ends right before the 在 that ends the text before `offset` (a place partly typed after it). */
function dateBeforePlaceMarker(text: string, offset: number): boolean {
  const lo = Math.max(0, offset - 12);
  const at = offset > 0 ? text.lastIndexOf('在', offset - 1) : -1;
  if (at < lo || /[\s，。、；：！？《》（）()]/.test(text.slice(at + 1, offset))) return false;
  return findDates(text, Math.max(0, at - 30), at).some((d) => d.span.end === at && d.dates.some((x) => x.day !== undefined));
}

/**
 * `《T》（` → `DATE，PLACE）` (a position the list owns: `paren`), and `《T》` → `（DATE，PLACE）` (when
 * asked for), for a known T.
 */
function afterTitleParen(ctx: Ctx, text: string, offset: number, paren: boolean): CompletionEntry[] {
  if (!paren) {
    if (text[offset - 1] !== '》' || text[offset] === '（' || text[offset] === '(') return [];
    const open = text.lastIndexOf('《', offset - 1);
    if (open < 0 || offset - 1 - open > MAX_TITLE_PREFIX) return [];
    const ins = ctx.resolve(text.slice(open + 1, offset - 1));
    const a = ins && mainAdoption(ins);
    if (!ins || !a?.date) return [];
    const body = '（' + fmtDate(a.date) + (a.place ? '，' + a.place : '') + '）';
    return [{ label: body, kind: 'date', insertText: body, replace: { start: offset, end: offset }, detail: adoptionDetail(ins), documentation: instrumentMarkdown(ctx, ins), sortText: '0' }];
  }
  const open = text[offset - 1];
  if (open !== '（' && open !== '(') return [];
  const close = offset - 2;
  if (text[close] !== '》') return [];
  const start = text.lastIndexOf('《', close);
  if (start < 0 || close - start > MAX_TITLE_PREFIX) return [];
  const ins = ctx.resolve(text.slice(start + 1, close));
  const a = ins && mainAdoption(ins);
  if (!ins || !a?.date) return [];
  const body = fmtDate(a.date) + (a.place ? '，' + a.place : '');
  const closeParen = open === '(' ? ')' : '）';
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
  // Places adopted at the date typed just before 在 come first (a date without its year matches
  // the month and day).
  const dates = findDates(text, Math.max(0, at - 30), at).filter((d) => d.span.end >= at - 1);
  const keys = new Set((dates[0]?.dates ?? []).map((d) => dateKey(d)));
  const fits = (d: SimpleDate | undefined) => !!d && (keys.has(dateKey(d)) || (d.day !== undefined && keys.has(dateKey({ month: d.month, day: d.day }))));
  const out: CompletionEntry[] = [];
  for (const p of ctx.places) {
    if (typed && !p.startsWith(typed)) continue;
    const f = ctx.placeFacts.get(p)!;
    const matches = f.instruments.some((x) => fits(x.adoption.date)) || f.events.some((e) => e.date?.dates.some(fits));
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
