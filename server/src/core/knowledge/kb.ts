/**
 * The knowledge base: facts of every corpus document merged, with provenance, and an index
 * over it that resolves a title in any typography (half-width punctuation, dash forms,
 * traditional characters, spaces, declared full names such as 上海合作组织 for 上合组织).
 *
 * Conflicts (one instrument with two different dates, places or verbs; one event with two
 * dates or places) are kept: every adoption stays in `Instrument.adoptions` and the
 * disagreement is listed in `KnowledgeBase.conflicts`.
 */
import {
  KNOWLEDGE_BASE_VERSION,
  type Abbreviation,
  type Adoption,
  type Conflict,
  type CorpusDocument,
  type CorpusProblem,
  type EventFact,
  type Instrument,
  type KnowledgeBase,
  type Official,
  type Provenance,
  type ReferenceMention,
  type SimpleDate,
} from '../types';
import { normalizeTitle, type AliasTable } from '../text/normalize';
import { simplified, toSimplified } from '../lang/zh/script';
import { withoutSession } from '../lang/zh/session';
import { dateExprKey, dateKey } from '../text/calendar';
import { findDates } from '../lang/zh/dates';
import { extractOfficials, findAbbreviations, kindOfKey, ProvenanceMaker, type AbbreviationAt } from './extract';
import { scanEvents, scanReferences } from './scan';
import { detach } from '../text/stringCache';

/** Full → short pairs used in titles: the first short name of each declaration, longest full names first. */
export function aliasTableOf(abbreviations: readonly { full: string; short: readonly string[] }[]): AliasTable {
  const out: { full: string; short: string }[] = [];
  for (const a of abbreviations) if (a.short[0] && a.full !== a.short[0]) out.push({ full: a.full, short: a.short[0] });
  out.sort((a, b) => b.full.length - a.full.length);
  return out;
}

function mergeAbbreviations<T extends { full: string; short: string[] }>(all: T[]): T[] {
  const byFull = new Map<string, T>();
  for (const a of all) {
    const prev = byFull.get(a.full);
    if (!prev) byFull.set(a.full, { ...a, short: [...a.short] });
    else for (const s of a.short) if (!prev.short.includes(s)) prev.short.push(s);
  }
  return [...byFull.values()];
}

/** Start of the frame of a mention (date, place, verb or event), for provenance. */
function frameStart(m: ReferenceMention): number {
  let s = m.span.start;
  for (const x of [m.date?.span, m.place?.span, m.verb?.span, m.event?.span]) if (x && x.start < s) s = x.start;
  return s;
}

/**
 * A document's own date: its first full date (year, month and day) in its first 1,000 characters —
 * the dateline of a communiqué (`2021年11月25日，…会议…举行`).
 */
export function documentDate(text: string): SimpleDate | undefined {
  for (const e of findDates(text.slice(0, 1000))) {
    const d = e.dates[0];
    if (d?.year !== undefined && d.month && d.day !== undefined && !d.yearOnly) return d;
  }
  return undefined;
}

/**
 * An adoption date written without a year takes the year of the document's date (the genre leaves
 * out the current year) — unless it falls after that date in the year: an instrument is adopted
 * before the text that cites it, so such a date belongs to an earlier year, and is left as written.
 */
function withDocumentYear(d: SimpleDate | undefined, doc: SimpleDate | undefined): SimpleDate | undefined {
  if (!d || d.year !== undefined || d.yearOnly || !doc || !d.month) return d;
  if (d.month > doc.month || (d.month === doc.month && (d.day ?? 0) > (doc.day ?? 0))) return d;
  return { ...d, year: doc.year, yearFromDocument: true };
}

/** Builds the knowledge base of a set of decoded documents. Pure and synchronous. */
export function buildKnowledgeBase(docs: CorpusDocument[], problems: CorpusProblem[] = []): KnowledgeBase {
  // Abbreviations first: the declared names of every document decide the title keys of all.
  // Then one document at a time: its scans are merged and dropped before the next (short-lived
  // objects, no heap of every document's mentions at once); the merge order is the documents'
  // order as before, for instruments, events and officials alike.
  const declared: AbbreviationAt[][] = docs.map((d) => findAbbreviations(d.text));
  const aliases = aliasTableOf(mergeAbbreviations(declared.flat()));
  const found: Abbreviation[] = [];
  const keyCache = new Map<string, string>();
  const key = (title: string): string => {
    let k = keyCache.get(title);
    if (k === undefined) {
      k = normalizeTitle(title, aliases);
      keyCache.set(title, k);
    }
    return k;
  };

  const instruments = new Map<string, Instrument>();
  const addMention = (f: { prov: ProvenanceMaker; date?: SimpleDate }, m: ReferenceMention): Instrument => {
    const id = key(m.title);
    let ins = instruments.get(id);
    if (!ins) {
      ins = { id, title: m.title, kind: kindOfKey(id), adoptions: [], mentions: [], implements: [], implementedBy: [] };
      instruments.set(id, ins);
    }
    ins.mentions.push(f.prov.make(m.span.start, m.span.end - m.span.start));
    if (m.date || m.verb || m.event) {
      const s = frameStart(m);
      const a: Adoption = { provenance: f.prov.make(s, m.span.end - s) };
      if (m.date) a.date = withDocumentYear(m.date.dates[0], f.date);
      if (m.place) a.place = m.place.text;
      if (m.verb) a.verb = simplified(m.verb.text);
      if (m.event) a.event = m.event.name;
      ins.adoptions.push(a);
    }
    return ins;
  };
  // Events. A name with a session number (第二十次…) is one event: another date for it is a
  // conflict. A series without numbers (元首理事会会议) recurs: an occurrence in another year
  // is another event (id `name@year`); another date in the same year is a conflict.
  const events = new Map<string, EventFact>();
  const eventOccurrences = new Map<string, EventFact[]>();
  const officials: Official[] = [];
  const seenOfficial = new Set<string>();
  for (let di = 0; di < docs.length; di++) {
    const text = docs[di].text;
    const f = { prov: new ProvenanceMaker(docs[di].uri, text), date: documentDate(text) };
    for (const a of declared[di]) found.push({ full: a.full, short: a.short, provenance: f.prov.make(a.start, a.length) });
    for (const m of scanReferences(text)) {
      const outer = addMention(f, m);
      for (const n of m.inner) {
        const inner = addMention(f, n);
        if (inner === outer) continue;
        if (!outer.implements.includes(inner.id)) outer.implements.push(inner.id);
        if (!inner.implementedBy.includes(outer.id)) inner.implementedBy.push(outer.id);
      }
    }
    for (const e of scanEvents(text)) {
      const base = key(e.name);
      let id = base;
      const year = e.date?.dates[0]?.year;
      const first = events.get(base);
      const firstYear = first?.date?.dates[0]?.year;
      if (first && e.session === undefined && year !== undefined && firstYear !== undefined && year !== firstYear) id = `${base}@${year}`;
      const fact: EventFact = {
        id,
        name: e.name,
        online: e.online,
        provenance: f.prov.make(e.frameSpan.start, e.frameSpan.end - e.frameSpan.start),
      };
      if (e.session !== undefined) fact.session = e.session;
      if (e.date) fact.date = e.date;
      if (e.place) fact.place = e.place;
      if (!events.has(id)) events.set(id, fact);
      let occ = eventOccurrences.get(id);
      if (!occ) eventOccurrences.set(id, (occ = []));
      occ.push(fact);
    }
    for (const o of extractOfficials(text, f.prov)) {
      const k = o.name + '\u0000' + o.country;
      if (seenOfficial.has(k)) continue;
      seenOfficial.add(k);
      officials.push(o);
    }
  }
  const abbreviations = mergeAbbreviations(found);

  const conflicts: Conflict[] = [];
  /** One pass over the occurrences of a subject: the first provenance of each distinct value per field. */
  const check = (subject: string, items: readonly { date?: string; place?: string; verb?: string; provenance: Provenance }[], fields: Conflict['field'][]) => {
    for (const field of fields) {
      let first: string | undefined;
      let byValue: Map<string, Provenance> | undefined;
      for (const it of items) {
        const v = it[field];
        if (v === undefined) continue;
        if (first === undefined) first = v;
        else if (v !== first) {
          if (!byValue) {
            byValue = new Map();
            byValue.set(first, items.find((x) => x[field] === first)!.provenance);
          }
          if (!byValue.has(v)) byValue.set(v, it.provenance);
        }
      }
      if (byValue) conflicts.push({ subject, field, values: [...byValue].map(([value, provenance]) => ({ value, provenance })) });
    }
  };
  for (const ins of instruments.values()) {
    if (ins.adoptions.length < 2) continue;
    check(
      ins.id,
      ins.adoptions.map((a) => ({ date: a.date && dateKey(a.date), place: a.place && simplified(a.place), verb: a.verb, provenance: a.provenance })),
      ['date', 'place', 'verb'],
    );
  }
  for (const [id, occ] of eventOccurrences) {
    if (occ.length < 2) continue;
    check(id, occ.map((e) => ({ date: e.date && dateExprKey(e.date), place: e.place && simplified(e.place), provenance: e.provenance })), ['date', 'place']);
  }

  return {
    version: KNOWLEDGE_BASE_VERSION,
    sources: docs.map((d) => ({ uri: d.uri, chars: d.text.length, encoding: d.encoding })),
    problems: [...problems],
    instruments: [...instruments.values()],
    events: [...events.values()],
    abbreviations,
    officials,
    conflicts,
  };
}

/** An event key without its session number. */
export function eventBaseKey(key: string): string {
  return withoutSession(key, '#');
}

export interface FactsAt {
  instruments: Instrument[];
  events: EventFact[];
}

/**
 * A table derived from a knowledge base by a feature (the event series of the event check, the
 * title matcher's n-gram postings …): declared once where it is built, built on first use, and
 * owned by the index (see `KnowledgeIndex.derived`).
 */
export interface DerivedTable<T> {
  /** What it is, for debugging. */
  readonly name: string;
  build(index: KnowledgeIndex): T;
}

/** Lookups over a knowledge base. Cheap to build; immutable. */
export class KnowledgeIndex {
  readonly aliases: AliasTable;
  private readonly tables = new Map<DerivedTable<unknown>, unknown>();
  private readonly byId = new Map<string, Instrument>();
  private readonly byKey = new Map<string, Instrument>();
  private readonly eventsByKey = new Map<string, EventFact>();
  private readonly eventsByBase = new Map<string, EventFact[]>();
  private readonly eventsByName = new Map<string, EventFact[]>();
  private readonly officialsByName = new Map<string, Official>();
  private readonly byDate = new Map<string, FactsAt>();
  private readonly byPlace = new Map<string, FactsAt>();
  private readonly keyCache = new Map<string, string>();

  constructor(readonly kb: KnowledgeBase) {
    this.aliases = aliasTableOf(kb.abbreviations);
    const at = (m: Map<string, FactsAt>, k: string): FactsAt => {
      let f = m.get(k);
      if (!f) m.set(k, (f = { instruments: [], events: [] }));
      return f;
    };
    for (const ins of kb.instruments) {
      this.byId.set(ins.id, ins);
      // Ids are keys under the same alias table: no need to normalise titles again.
      if (!this.byKey.has(ins.id)) this.byKey.set(ins.id, ins);
      const dates = new Set<string>();
      const places = new Set<string>();
      for (const a of ins.adoptions) {
        if (a.date) dates.add(dateKey(a.date));
        if (a.place) places.add(simplified(a.place));
      }
      for (const d of dates) at(this.byDate, d).instruments.push(ins);
      for (const p of places) at(this.byPlace, p).instruments.push(ins);
    }
    for (const e of kb.events) {
      this.eventsByKey.set(e.id, e);
      const at2 = e.id.lastIndexOf('@');
      const k = at2 > 0 && /^@\d+$/.test(e.id.slice(at2)) ? e.id.slice(0, at2) : e.id;
      if (!this.eventsByKey.has(k)) this.eventsByKey.set(k, e);
      let named = this.eventsByName.get(k);
      if (!named) this.eventsByName.set(k, (named = []));
      named.push(e);
      const base = eventBaseKey(k);
      let list = this.eventsByBase.get(base);
      if (!list) this.eventsByBase.set(base, (list = []));
      if (!list.includes(e)) list.push(e);
      if (e.date) for (const d of new Set(e.date.dates.map(dateKey))) at(this.byDate, d).events.push(e);
      if (e.place) at(this.byPlace, simplified(e.place)).events.push(e);
    }
    for (const o of kb.officials) if (!this.officialsByName.has(o.name)) this.officialsByName.set(o.name, o);
  }

  /**
   * The table `table` derived from this knowledge base: built on first use and kept as long as
   * the index (a new knowledge base is a new index, so nothing outlives the data it came from).
   */
  derived<T>(table: DerivedTable<T>): T {
    if (this.tables.has(table)) return this.tables.get(table) as T;
    const value = table.build(this);
    this.tables.set(table, value);
    return value;
  }

  /** The lookup key of a title or name (any typography). */
  key(title: string): string {
    let k = this.keyCache.get(title);
    if (k === undefined) {
      title = detach(title); // the cache outlives the draft the title was cut from
      k = normalizeTitle(title, this.aliases);
      if (this.keyCache.size > 10000) this.keyCache.clear();
      this.keyCache.set(title, k);
    }
    return k;
  }

  instrument(id: string): Instrument | undefined {
    return this.byId.get(id);
  }

  /** The instrument a title names, whatever its typography; undefined when unknown. */
  byTitle(title: string): Instrument | undefined {
    return this.byId.get(title) ?? this.byKey.get(this.key(title));
  }

  instruments(): readonly Instrument[] {
    return this.kb.instruments;
  }

  /** An event by id, or the first occurrence of a name (any typography). */
  event(name: string): EventFact | undefined {
    return this.eventsByKey.get(name) ?? this.eventsByKey.get(this.key(name));
  }

  /** Every occurrence of an event name (a series without numbers recurs: one per year). */
  eventsNamed(name: string): EventFact[] {
    return this.eventsByName.get(this.key(name)) ?? [];
  }

  /**
   * Events whose name is the given one up to the session number (第二十次/第三届/首次), for
   * a draft that cites a known series with another session: 第二十一次经贸部长会议 → 第二十次….
   */
  eventsLike(name: string): EventFact[] {
    return this.eventsByBase.get(eventBaseKey(this.key(name))) ?? [];
  }

  events(): readonly EventFact[] {
    return this.kb.events;
  }

  officialByName(name: string): Official | undefined {
    return this.officialsByName.get(name) ?? this.officialsByName.get(toSimplified(name).replace(/[\s\u3000]+/g, ''));
  }

  /** Instruments adopted and events held on a date (`dateKey`, e.g. 2021-09-17). */
  datesIndex(key: string): FactsAt {
    return this.byDate.get(key) ?? { instruments: [], events: [] };
  }

  /** Instruments adopted and events held at a place (any typography). */
  placeIndex(place: string): FactsAt {
    return this.byPlace.get(place) ?? this.byPlace.get(toSimplified(place).trim()) ?? { instruments: [], events: [] };
  }

  /** Conflicts about an instrument or event id. */
  conflictsOf(id: string): Conflict[] {
    return this.kb.conflicts.filter((c) => c.subject === id);
  }
}
