/**
 * What every feature of the language service shares: the knowledge index, small lookup tables
 * derived from the knowledge base once (places, dates, officials), title resolution, reference
 * scanning around an offset, paragraph splitting and Markdown escaping.
 */
import type { Adoption, EventFact, Instrument, KnowledgeBase, Official, ReferenceMention, SimpleDate, Span } from '../types';
import { KnowledgeIndex } from '../knowledge/kb';
import { scanReferences } from '../knowledge/scan';
import { dateKey } from '../text/calendar';
import { formatDate } from '../lang/zh/datesFormat';
import { openableUri } from '../corpus/files';
import { documentFormat } from '../corpus/formats';
import { detach } from '../text/stringCache';
import { linkDestination } from '../text/markdown';

import type { Locale } from '../messages';

export type { Locale };

/** A phrasing model as core/phrasing/model.ts produces it (opaque here). */
export type PhrasingModelLike = unknown;

export interface PhrasingApi {
  completePhrasing?: (model: any, text: string, offset: number, index?: KnowledgeIndex) => import('../service').CompletionEntry[];
  /** Strings, or the phrasing model's Formula objects ({kind, text}). */
  sentenceFormulas?: (model: any) => unknown[];
}

export interface Fact {
  instruments: { instrument: Instrument; adoption: Adoption }[];
  events: EventFact[];
}

export interface Ctx {
  index: KnowledgeIndex;
  kb: KnowledgeBase;
  locale: Locale;
  phrasing?: PhrasingModelLike;
  phrasingApi: PhrasingApi;
  /** Known place names, longest first. */
  places: string[];
  placeFacts: Map<string, Fact>;
  /** By dateKey, and by month-day (`--09-17`) for year-less dates. */
  dateFacts: Map<string, Fact>;
  /** Officials, longest name first. */
  officials: Official[];
  /** Event names the corpus records, longest first, and the events by name. */
  eventNames: string[];
  eventsByName: Map<string, EventFact[]>;
  /** Sentence formulas (openings) learned from the corpus, most frequent first. */
  formulas: string[];
  resolve(title: string): Instrument | undefined;
}

function fact(map: Map<string, Fact>, key: string): Fact {
  let f = map.get(key);
  if (!f) map.set(key, (f = { instruments: [], events: [] }));
  return f;
}

function monthDayKey(d: SimpleDate): string | undefined {
  if (d.yearOnly || d.day === undefined) return undefined;
  return dateKey({ month: d.month, day: d.day });
}

export function createContext(
  kb: KnowledgeBase,
  opts: {
    phrasing?: PhrasingModelLike;
    phrasingApi?: PhrasingApi;
    /** Sentence openers to use when there is no phrasing model (the check worker gets only these). */
    formulas?: readonly string[];
    locale?: Locale;
    resolveTitle?: (t: string, index: KnowledgeIndex) => Instrument | undefined;
  },
): Ctx {
  const index = new KnowledgeIndex(kb);
  const placeFacts = new Map<string, Fact>();
  const dateFacts = new Map<string, Fact>();
  for (const ins of kb.instruments) {
    for (const a of ins.adoptions) {
      if (a.place) fact(placeFacts, a.place).instruments.push({ instrument: ins, adoption: a });
      if (a.date) {
        fact(dateFacts, dateKey(a.date)).instruments.push({ instrument: ins, adoption: a });
        const md = monthDayKey(a.date);
        if (md && a.date.year !== undefined) fact(dateFacts, md).instruments.push({ instrument: ins, adoption: a });
      }
    }
  }
  for (const e of kb.events) {
    if (e.place) fact(placeFacts, e.place).events.push(e);
    for (const d of e.date?.dates ?? []) {
      fact(dateFacts, dateKey(d)).events.push(e);
      const md = monthDayKey(d);
      if (md && d.year !== undefined) fact(dateFacts, md).events.push(e);
    }
  }
  const places = [...placeFacts.keys()].filter((p) => p.length > 0).sort((a, b) => b.length - a.length);
  const officials = [...kb.officials].filter((o) => o.name).sort((a, b) => b.name.length - a.name.length);
  const eventsByName = new Map<string, EventFact[]>();
  for (const e of kb.events) {
    if (!e.name || e.name.length < 4) continue;
    const list = eventsByName.get(e.name) ?? [];
    list.push(e);
    eventsByName.set(e.name, list);
  }
  const eventNames = [...eventsByName.keys()].sort((a, b) => b.length - a.length);
  const api = opts.phrasingApi ?? {};
  let formulas: string[] = opts.formulas ? [...opts.formulas] : [];
  if (opts.phrasing && api.sentenceFormulas) {
    try {
      formulas = api
        .sentenceFormulas(opts.phrasing)
        .map((f) => (typeof f === 'string' ? f : (f as { kind?: string; text?: string }).kind === 'opener' ? (f as { text?: string }).text : undefined))
        .filter((f): f is string => typeof f === 'string' && f.length >= 2 && !f.includes('…'));
    } catch {
      formulas = [];
    }
  }
  const cache = new Map<string, Instrument | undefined>();
  const resolve = (title: string): Instrument | undefined => {
    if (cache.has(title)) return cache.get(title);
    let ins: Instrument | undefined;
    try {
      ins = index.byTitle(title) ?? opts.resolveTitle?.(title, index);
    } catch {
      ins = undefined;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(detach(title), ins); // the cache outlives the draft the title was cut from
    return ins;
  };
  return {
    index,
    kb,
    locale: opts.locale ?? 'en',
    phrasing: opts.phrasing,
    phrasingApi: api,
    places,
    placeFacts,
    dateFacts,
    officials,
    eventNames,
    eventsByName,
    formulas,
    resolve,
  };
}

// ------------------------------------------------------------------------------------------
// text helpers

/** The window of `text` worth scanning around `offset`: its line, at most `radius` each side. */
export function windowAround(text: string, offset: number, radius = 3000): Span {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  if (offset - start > radius) start = offset - radius;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end - offset > radius) end = offset + radius;
  // Do not start inside a 《…》 that opened just before the window.
  const open = text.lastIndexOf('《', start);
  if (open >= 0 && start - open < 400 && text.indexOf('》', open) >= start) start = open;
  return { start: Math.max(0, start), end: Math.min(text.length, end) };
}

/** All mentions (top-level and nested) in `text[from,to)`, flattened, outer before inner. */
export function flatMentions(ms: ReferenceMention[]): ReferenceMention[] {
  const out: ReferenceMention[] = [];
  const walk = (m: ReferenceMention) => {
    out.push(m);
    for (const i of m.inner ?? []) walk(i);
  };
  for (const m of ms) walk(m);
  return out;
}

/** The innermost mention whose brackets contain `offset` (a cursor just after 》 counts). */
export function mentionAt(text: string, offset: number): ReferenceMention | undefined {
  const w = windowAround(text, offset);
  let best: ReferenceMention | undefined;
  for (const m of flatMentions(scanReferences(text, w.start, w.end))) {
    if (offset >= m.span.start && offset <= m.span.end) {
      if (!best || m.span.end - m.span.start <= best.span.end - best.span.start) best = m;
    }
  }
  return best;
}

/** An occurrence of one of `names` (longest first) that covers `offset`. */
export function nameAt(text: string, offset: number, names: string[]): { name: string; span: Span } | undefined {
  for (const name of names) {
    const from = Math.max(0, offset - name.length);
    const i = text.indexOf(name, from);
    if (i >= 0 && i <= offset && offset <= i + name.length) return { name, span: { start: i, end: i + name.length } };
  }
  return undefined;
}

/**
 * Occurrences of `names` in `text`, leftmost first; where several start at one position the
 * longest wins, and an occurrence never overlaps the one before. One pass over the text, the names
 * bucketed by their first character (linear in the text: a 52 M-character draft names a place
 * hundreds of thousands of times).
 */
export function findNames(text: string, names: string[]): { name: string; span: Span }[] {
  // names by the UTF-16 unit they start with, longest first
  const byFirst = new Map<number, string[]>();
  for (const name of names) {
    if (!name) continue;
    const list = byFirst.get(name.charCodeAt(0));
    if (!list) byFirst.set(name.charCodeAt(0), [name]);
    else if (!list.includes(name)) list.push(name);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const starts = new Uint8Array(65536);
  for (const c of byFirst.keys()) starts[c] = 1;
  const out: { name: string; span: Span }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!starts[text.charCodeAt(i)]) continue;
    const name = byFirst.get(text.charCodeAt(i))!.find((n) => text.startsWith(n, i));
    if (!name) continue;
    out.push({ name, span: { start: i, end: i + name.length } });
    i += name.length - 1;
  }
  return out;
}

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

// ------------------------------------------------------------------------------------------
// presentation

/** A date as the corpus's genre writes it (arabic). */
export function fmtDate(d: SimpleDate | undefined): string {
  if (!d) return '';
  try {
    return formatDate(d, 'arabic');
  } catch {
    return dateKey(d);
  }
}

/** The first adoption with a date (the one a full reference uses). */
export function mainAdoption(ins: Instrument): Adoption | undefined {
  return ins.adoptions.find((a) => a.date && a.place) ?? ins.adoptions.find((a) => a.date) ?? ins.adoptions[0];
}

/** `2021年9月17日 · 杜尚别 · 通过` */
export function adoptionDetail(ins: Instrument): string {
  const a = mainAdoption(ins);
  if (!a) return ins.kind ?? '';
  return [fmtDate(a.date), a.place, a.verb].filter(Boolean).join(' · ');
}

/** The full reference frame, `2021年9月17日在杜尚别通过的《T》`, from the knowledge base. */
export function fullReference(ins: Instrument, title = ins.title): { prefix: string; text: string; detail: string } {
  const a = mainAdoption(ins);
  let prefix = '';
  if (a?.date) prefix += fmtDate(a.date);
  if (a?.place) prefix += '在' + a.place;
  if (a?.verb && (a.date || a.place)) prefix += a.verb + '的';
  else if (prefix) prefix += '的';
  return { prefix, text: prefix + '《' + title + '》', detail: adoptionDetail(ins) };
}

/**
 * A file:// (or other) link target for a corpus uri, with the line as a fragment (`#L12`) — none for
 * a Word document or a web page, whose own lines are not those of the text read from it.
 */
export function corpusLink(uri: string, line: number): string {
  const target = linkDestination(openableUri(uri));
  return documentFormat(uri) ? target : `${target}#L${line + 1}`;
}
