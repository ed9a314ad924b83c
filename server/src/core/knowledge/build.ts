/**
 * Building the knowledge base: the facts of every corpus document merged, with provenance.
 * Titles are keyed in any typography (half-width punctuation, dash forms, traditional
 * characters, spaces, declared full names such as 上海合作组织 for 上合组织).
 *
 * Conflicts (one instrument with two different dates, places or verbs; one event with two
 * dates or places) are kept: every adoption stays in `Instrument.adoptions` and the
 * disagreement is listed in `KnowledgeBase.conflicts` (conflicts.ts).
 */
import {
  KNOWLEDGE_BASE_VERSION,
  type Abbreviation,
  type Adoption,
  type CorpusDocument,
  type CorpusProblem,
  type EventFact,
  type Instrument,
  type KnowledgeBase,
  type Official,
  type ReferenceMention,
  type SimpleDate,
} from '../types';
import { normalizeTitle } from '../text/normalize';
import { findDates } from '../lang/zh/dates';
import { TEXT_LANGUAGE } from '../lang';
import { ProvenanceMaker } from './provenance';
import { aliasTableOf, findAbbreviations, mergeAbbreviations, withoutMemberWords, type AbbreviationAt } from './abbreviations';
import { extractDocument } from './extract';
import { instrumentKind, kindOfKey } from './kinds';
import { findConflicts } from './conflicts';

const foldMemo = TEXT_LANGUAGE.script.foldMemo;
/** An official's key: one person is one entry, whatever script or sentence introduced them. */
const personKey = (name: string): string => foldMemo(name);

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
  // The instruments by key without member words (上合组织成员国X and 上合组织X: one instrument).
  const byLooseKey = new Map<string, Instrument>();
  const addMention = (f: { prov: ProvenanceMaker; date?: SimpleDate }, m: ReferenceMention): Instrument => {
    const id = key(m.title);
    let ins = instruments.get(id);
    if (!ins) {
      const loose = withoutMemberWords(id, aliases);
      ins = byLooseKey.get(loose);
      if (!ins) byLooseKey.set(loose, (ins = { id, title: m.title, kind: kindOfKey(id), adoptions: [], mentions: [], implements: [], implementedBy: [] }));
      instruments.set(id, ins);
    }
    ins.mentions.push(f.prov.make(m.span.start, m.span.end - m.span.start));
    if (m.date || m.verb || m.event) {
      const s = frameStart(m);
      const a: Adoption = { provenance: f.prov.make(s, m.span.end - s) };
      if (m.date) a.date = withDocumentYear(m.date.dates[0], f.date);
      if (m.place) a.place = m.place.text;
      if (m.verb) a.verb = foldMemo(m.verb.text);
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
    const facts = extractDocument(docs[di].uri, text, declared[di]);
    const f: { prov: ProvenanceMaker; date?: SimpleDate } = { prov: facts.prov, date: documentDate(text) };
    for (const a of facts.abbreviations) found.push(a);
    for (const m of facts.references) {
      const outer = addMention(f, m);
      // 《协定》 declared short for a title without a kind of its own: the short title says what it is.
      const written = facts.written.get(m);
      if (!outer.kind && written) outer.kind = instrumentKind(written);
      for (const n of m.inner) {
        const inner = addMention(f, n);
        if (inner === outer) continue;
        if (!outer.implements.includes(inner.id)) outer.implements.push(inner.id);
        if (!inner.implementedBy.includes(outer.id)) inner.implementedBy.push(outer.id);
      }
    }
    for (const e of facts.events) {
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
    for (const o of facts.officials) {
      const k = personKey(o.name);
      if (seenOfficial.has(k)) continue;
      seenOfficial.add(k);
      officials.push(o);
    }
  }
  const abbreviations = mergeAbbreviations(found);
  const distinct = [...new Set(instruments.values())];
  const conflicts = findConflicts(distinct, eventOccurrences);

  return {
    version: KNOWLEDGE_BASE_VERSION,
    sources: docs.map((d) => ({ uri: d.uri, chars: d.text.length, encoding: d.encoding })),
    problems: [...problems],
    instruments: distinct,
    events: [...events.values()],
    abbreviations,
    officials,
    conflicts,
  };
}
