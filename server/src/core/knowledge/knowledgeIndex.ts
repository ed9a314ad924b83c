/**
 * Lookups over a knowledge base — a title, event, official, date or place in any typography —
 * and the tables features derive from it (`derived`), kept as long as the index.
 */
import type { Conflict, EventFact, Instrument, KnowledgeBase, Official } from '../types';
import { normalizeTitle, type AliasTable } from '../text/normalize';
import { dateKey } from '../text/calendar';
import { TEXT_LANGUAGE } from '../lang';
import { detach } from '../util/stringCache';
import { aliasTableOf, withoutMemberWords } from './abbreviations';

const { fold, foldMemo } = TEXT_LANGUAGE.script;
const withoutSession = TEXT_LANGUAGE.events.withoutSession;

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
 * owned by the index (see `KnowledgeIndex.derived`). `I` is what the builder reads of the index
 * (a structural part of it, so that tests may pass a stand-in: see `derivedOf`).
 */
export interface DerivedTable<T, I = KnowledgeIndex> {
  /** What it is, for debugging. */
  readonly name: string;
  build(index: I): T;
}

/** A KnowledgeIndex, or a structural stand-in for one (tests pass `{ kb, aliases }`). */
export interface IndexLike {
  readonly kb: KnowledgeBase;
  /** KnowledgeIndex.derived; absent on a stand-in. */
  derived?<T>(table: DerivedTable<T, KnowledgeIndex>): T;
}

/** The tables of stand-ins without `derived` (tests' stubs), kept as long as the stand-in. */
const standIns = new WeakMap<object, Map<object, unknown>>();

/**
 * `table` derived from `index`: the index's own (KnowledgeIndex.derived), or for a structural
 * stand-in without `derived`, one kept beside it as long as it lives.
 */
export function derivedOf<T, I extends IndexLike>(index: I, table: DerivedTable<T, I>): T {
  // An index with `derived` is a KnowledgeIndex, whatever `I` the table reads of it.
  if (index.derived) return index.derived(table as unknown as DerivedTable<T, KnowledgeIndex>);
  let tables = standIns.get(index);
  if (!tables) standIns.set(index, (tables = new Map()));
  if (tables.has(table)) return tables.get(table) as T;
  const value = table.build(index);
  tables.set(table, value);
  return value;
}

/** Lookups over a knowledge base. Cheap to build; immutable. */
export class KnowledgeIndex {
  readonly aliases: AliasTable;
  private readonly tables = new Map<object, unknown>();
  private readonly byId = new Map<string, Instrument>();
  private readonly byKey = new Map<string, Instrument>();
  /** By key without member words (上合组织成员国X → 上合组织X: one instrument). */
  private readonly byLooseKey = new Map<string, Instrument>();
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
      const loose = withoutMemberWords(ins.id, this.aliases);
      if (!this.byLooseKey.has(loose)) this.byLooseKey.set(loose, ins);
      const dates = new Set<string>();
      const places = new Set<string>();
      for (const a of ins.adoptions) {
        if (a.date) dates.add(dateKey(a.date));
        if (a.place) places.add(foldMemo(a.place));
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
      if (e.place) at(this.byPlace, foldMemo(e.place)).events.push(e);
    }
    for (const o of kb.officials) if (!this.officialsByName.has(o.name)) this.officialsByName.set(o.name, o);
  }

  /**
   * The table `table` derived from this knowledge base: built on first use and kept as long as
   * the index (a new knowledge base is a new index, so nothing outlives the data it came from).
   */
  derived<T>(table: DerivedTable<T, KnowledgeIndex>): T {
    const had = this.tables.get(table);
    if (had !== undefined || this.tables.has(table)) return had as T;
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
    const direct = this.byId.get(title);
    if (direct) return direct;
    const k = this.key(title);
    return this.byKey.get(k) ?? this.byLooseKey.get(withoutMemberWords(k, this.aliases));
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
    return this.officialsByName.get(name) ?? this.officialsByName.get(fold(name).replace(/[\s\u3000]+/g, ''));
  }

  /** Instruments adopted and events held on a date (`dateKey`, e.g. 2021-09-17). */
  datesIndex(key: string): FactsAt {
    return this.byDate.get(key) ?? { instruments: [], events: [] };
  }

  /** Instruments adopted and events held at a place (any typography). */
  placeIndex(place: string): FactsAt {
    return this.byPlace.get(place) ?? this.byPlace.get(fold(place).trim()) ?? { instruments: [], events: [] };
  }

  /** Conflicts about an instrument or event id. */
  conflictsOf(id: string): Conflict[] {
    return this.kb.conflicts.filter((c) => c.subject === id);
  }
}
