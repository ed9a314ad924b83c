/**
 * What every feature of the language service shares, built once per knowledge base: the knowledge
 * index, small lookup tables derived from the knowledge base (places, dates, officials, events),
 * the sentence formulas, the phrasing model, and title resolution.
 * Finding things in a draft is lookups.ts; showing knowledge-base facts is presentation.ts.
 */
import type { Adoption, EventFact, Instrument, KnowledgeBase, Official, SimpleDate } from '../types';
import { KnowledgeIndex } from '../knowledge/knowledgeIndex';
import { dateKey } from '../text/calendar';
import { detach } from '../util/stringCache';
import { sentenceFormulas, type PhrasingModel } from '../phrasing/model';
import type { Locale } from '../messages';

export interface Fact {
  instruments: { instrument: Instrument; adoption: Adoption }[];
  events: EventFact[];
}

export interface Ctx {
  index: KnowledgeIndex;
  kb: KnowledgeBase;
  locale: Locale;
  /** The phrasing model (learnPhrasing), when there is one: phrase completions come from it. */
  phrasing?: PhrasingModel;
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
  /**
   * Without a phrasing model: the openings (up to the first comma) of the corpus sentences the
   * knowledge base quotes, most frequent first (computed on first use).
   */
  quotedOpenings(): string[];
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
    phrasing?: PhrasingModel;
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
  let formulas: string[] = opts.formulas ? [...opts.formulas] : [];
  if (opts.phrasing) {
    try {
      formulas = sentenceFormulas(opts.phrasing)
        .filter((f) => f.kind === 'opener' && typeof f.text === 'string' && f.text.length >= 2 && !f.text.includes('…'))
        .map((f) => f.text);
    } catch {
      formulas = [];
    }
  }
  let openings: string[] | undefined;
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
    places,
    placeFacts,
    dateFacts,
    officials,
    eventNames,
    eventsByName,
    formulas,
    quotedOpenings: () => (openings ??= quotedOpenings(kb)),
    resolve,
  };
}

/** The openings (up to the first comma) of the corpus sentences the knowledge base quotes, most frequent first. */
function quotedOpenings(kb: KnowledgeBase): string[] {
  const counts = new Map<string, number>();
  const sentences = new Set<string>();
  for (const ins of kb.instruments) for (const p of ins.mentions) sentences.add(p.sentence);
  for (const e of kb.events) sentences.add(e.provenance.sentence);
  for (const s of sentences) {
    const head = s.replace(/^[\s\u3000]+/, '').split(/[，。；：]/)[0];
    if (head.length >= 2 && head.length <= 16 && !/[《》\d]/.test(head)) counts.set(head, (counts.get(head) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k).slice(0, 50);
}
