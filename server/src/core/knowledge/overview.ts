/**
 * The overview of a knowledge base — what it was built from and what it holds — collected once,
 * in the order a reader looks things up: instruments and events newest first, places by how much
 * happened there, officials by country, sources in natural name order (doc2 before doc10).
 * Its views render from it: the server's knowledge-base view and read-only document
 * (server/src/host/views.ts) and the CLI's `kb` text output (server/src/cli.ts).
 */
import { documentName } from '../corpus/files';
import { formatDate, formatDateExpr } from '../lang/zh/datesFormat';
import type { Abbreviation, Adoption, Conflict, CorpusProblem, CorpusSource, EventFact, KnowledgeBase, Official, Provenance, SimpleDate } from '../types';

export interface InstrumentOverview {
  id: string;
  title: string;
  kind?: string;
  /** How many times the corpus mentions it. */
  mentions: number;
  /** In how many corpus documents. */
  documents: number;
  /** The first mention (where a reader opens it when it has no adoption). */
  firstMention?: Provenance;
  /** The first adoption the corpus records. */
  adoption?: Adoption;
  /** The first adoption with a date (it may be `adoption`). */
  datedAdoption?: Adoption;
}

export interface PlaceOverview {
  name: string;
  /** Instruments adopted, approved or signed there, newest first. */
  instruments: { id: string; title: string; adoption: Adoption }[];
  /** Events held there, newest first. */
  events: EventFact[];
}

export interface OfficialOverview {
  name: string;
  country: string;
  role: string;
  /** Every statement of it (one per document that lists the official). */
  provenance: Provenance[];
}

export interface SourceOverview extends CorpusSource {
  /** The document's file name (decoded). */
  name: string;
}

export interface KnowledgeOverview {
  sources: SourceOverview[];
  problems: readonly CorpusProblem[];
  instruments: InstrumentOverview[];
  events: EventFact[];
  places: PlaceOverview[];
  officials: OfficialOverview[];
  abbreviations: readonly Abbreviation[];
  conflicts: readonly Conflict[];
}

export function knowledgeOverview(kb: KnowledgeBase): KnowledgeOverview {
  const instruments = kb.instruments.map((i) => ({
    id: i.id,
    title: i.title,
    kind: i.kind,
    mentions: i.mentions.length,
    documents: new Set(i.mentions.map((m) => m.uri)).size,
    firstMention: i.mentions[0],
    adoption: i.adoptions[0],
    datedAdoption: i.adoptions.find((a) => a.date),
  }));
  instruments.sort((a, b) => dateOrder(b.datedAdoption?.date) - dateOrder(a.datedAdoption?.date) || compareNames(a.title, b.title));
  const events = [...kb.events].sort((a, b) => dateOrder(b.date?.dates[0]) - dateOrder(a.date?.dates[0]) || compareNames(a.name, b.name));

  const places = new Map<string, PlaceOverview>();
  const place = (name: string) => {
    let p = places.get(name);
    if (!p) places.set(name, (p = { name, instruments: [], events: [] }));
    return p;
  };
  for (const i of kb.instruments) {
    const seen = new Set<string>();
    for (const a of i.adoptions) {
      if (!a.place || seen.has(a.place)) continue;
      seen.add(a.place);
      place(a.place).instruments.push({ id: i.id, title: i.title, adoption: a });
    }
  }
  for (const e of events) if (e.place) place(e.place).events.push(e);
  for (const p of places.values()) p.instruments.sort((a, b) => dateOrder(b.adoption.date) - dateOrder(a.adoption.date) || compareNames(a.title, b.title));
  const placeList = [...places.values()].sort(
    (a, b) => b.instruments.length + b.events.length - (a.instruments.length + a.events.length) || compareNames(a.name, b.name),
  );

  const officials = new Map<string, OfficialOverview>();
  for (const o of kb.officials) {
    const key = `${o.name}\u0000${o.country}\u0000${o.role}`;
    const had = officials.get(key);
    if (had) had.provenance.push(o.provenance);
    else officials.set(key, { name: o.name, country: o.country, role: o.role, provenance: [o.provenance] });
  }

  return {
    sources: kb.sources.map((s) => ({ ...s, name: documentName(s.uri) })).sort((a, b) => compareNames(a.name, b.name) || compareNames(a.uri, b.uri)),
    problems: kb.problems,
    instruments,
    events,
    places: placeList,
    officials: [...officials.values()].sort((a, b) => compareNames(a.country, b.country) || compareNames(a.name, b.name)),
    abbreviations: kb.abbreviations,
    conflicts: kb.conflicts,
  };
}

/** A date as the genre writes it (2021年9月17日); '' for none. */
export function dateText(d: SimpleDate | undefined): string {
  if (!d) return '';
  try {
    return formatDate(d, 'arabic');
  } catch {
    return '';
  }
}

/** An adoption as one line: `2021年9月17日 · 杜尚别 · 批准`. */
export function adoptionText(a: Adoption | undefined): string {
  return a ? [dateText(a.date), a.place, a.verb].filter(Boolean).join(' · ') : '';
}

/** When and where an event was held: `2021年9月15日至17日 · 杜尚别` (`online` says how it was held). */
export function eventText(e: EventFact, online?: string): string {
  return [e.date ? formatDateExpr(e.date) : '', e.place, e.online ? online : ''].filter(Boolean).join(' · ');
}

/** `uri (chars chars, encoding), …` or `none`: the sources line of the CLI's text. */
export function sourcesLine(o: KnowledgeOverview): string {
  return o.sources.map((s) => `${s.uri} (${s.chars} chars, ${s.encoding})`).join(', ') || 'none';
}

/** A date as one sortable number (undated: 0; a year-less date sorts by month and day). */
export function dateOrder(d: SimpleDate | undefined): number {
  if (!d) return 0;
  return (d.year ?? 0) * 10000 + (d.yearOnly ? 0 : d.month * 100 + (d.day ?? 0));
}

const NAMES = new Intl.Collator('en', { numeric: true });

/** Names in natural order: doc2 before doc10. */
export function compareNames(a: string, b: string): number {
  return NAMES.compare(a, b);
}

/**
 * Per corpus document, the latest date of an adoption or an event it records (as `dateOrder`):
 * roughly the document's own date, by which sources are listed newest first.
 */
export function documentDates(kb: KnowledgeBase): Map<string, number> {
  const out = new Map<string, number>();
  const see = (uri: string, d: SimpleDate | undefined) => {
    const n = dateOrder(d);
    if (n > (out.get(uri) ?? 0)) out.set(uri, n);
  };
  for (const ins of kb.instruments) for (const a of ins.adoptions) see(a.provenance.uri, a.date);
  for (const e of kb.events) for (const d of e.date?.dates ?? []) see(e.provenance.uri, d);
  return out;
}
