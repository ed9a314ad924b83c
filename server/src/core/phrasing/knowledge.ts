/**
 * Knowledge-base values offered while typing, scored by the continuation model like a phrase: a
 * title inside an open 《 (with its 》), a place right after 在, a full date after a year being typed.
 * The values, ranked by how often the knowledge base holds them, are a table derived from the
 * knowledge base and owned by its index (KNOWN_VALUES).
 */
import type { CompletionEntry } from '../service';
import type { KnowledgeBase } from '../types';
import { derivedOf, type DerivedTable, type IndexLike } from '../knowledge/knowledgeIndex';
import { formatDate } from '../lang/zh/datesFormat';
import { toSimplified } from '../lang/zh/script';
import { isIdeograph } from '../lang/zh/chars';
import { PARTIAL_DATE_END, PLACE_MARKER, TITLE_CLOSE, TITLE_OPEN } from '../lang/zh/phrasing';
import { foldText } from './segment';

/**
 * The knowledge completion reads: a KnowledgeIndex, which keeps the values derived from its
 * knowledge base (KNOWN_VALUES), or a structural stand-in `{ kb }` (scripts and tests), beside
 * which derivedOf keeps them.
 */
export type PhrasingKnowledge = IndexLike;

/** Values with how often the knowledge base holds them, most frequent first. */
export interface KnownValues {
  titles: [string, number][];
  places: [string, number][];
  dates: [string, number][];
}

/** The values a knowledge base offers in their contexts (titles folded like the model's text). */
export function knownValuesOf(kb: KnowledgeBase): KnownValues {
  const titles = new Map<string, number>();
  const places = new Map<string, number>();
  const dates = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string | undefined, n = 1) => k && m.set(k, (m.get(k) ?? 0) + n);
  for (const ins of kb.instruments) {
    bump(titles, foldText(ins.title), Math.max(1, ins.mentions.length));
    for (const a of ins.adoptions) {
      bump(places, a.place);
      if (a.date?.year !== undefined && a.date.month !== undefined && a.date.day !== undefined) bump(dates, formatDate(a.date, 'arabic'));
    }
  }
  for (const e of kb.events) {
    bump(places, e.place);
    for (const d of e.date?.dates ?? []) if (d.year !== undefined && d.month !== undefined && d.day !== undefined) bump(dates, formatDate(d, 'arabic'));
  }
  const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { titles: ranked(titles), places: ranked(places), dates: ranked(dates) };
}

/** knownValuesOf, kept by the knowledge index. */
export const KNOWN_VALUES: DerivedTable<KnownValues, IndexLike> = {
  name: 'phrasing: knowledge-base values',
  build: (index) => knownValuesOf(index.kb),
};

/** At most this many knowledge-base values are scored per request (the most frequent that fit). */
const MAX_KNOWN = 400;

export interface KnowledgeCandidate {
  label: string;
  text: string;
  /** What the candidate adds after the typed part (in the corpus's form). */
  rest: string;
  kind: CompletionEntry['kind'];
  detail: string;
}

/**
 * Knowledge-base values that can continue the text before the cursor: a title inside an open 《
 * (with its 》), a place right after 在, a full date after a year being typed. `rest` is what each
 * adds after the typed part (in the corpus's form), scored by the continuation model like a phrase.
 */
export function knowledgeCandidates(
  text: string,
  offset: number,
  sStart: number,
  knowledge: PhrasingKnowledge | undefined,
): { start: number; items: KnowledgeCandidate[] } | undefined {
  if (!knowledge?.kb || offset <= 0) return undefined;
  const v = derivedOf(knowledge, KNOWN_VALUES);
  const pick = (start: number, values: [string, number][], kind: CompletionEntry['kind'], suffix = '') => {
    const raw = text.slice(start, offset);
    const typed = toSimplified(foldText(raw));
    if (typed.length !== raw.length) return undefined;
    const items: KnowledgeCandidate[] = [];
    for (const [val, n] of values) {
      if (val.length <= typed.length || !val.startsWith(typed)) continue;
      const full = val + (text.startsWith(suffix, offset) ? '' : suffix);
      items.push({ label: val, text: full, rest: full.slice(typed.length), kind, detail: `${n}×` });
      if (items.length >= MAX_KNOWN) break;
    }
    return items.length ? { start, items } : undefined;
  };
  // inside an open 《 of this sentence
  const open = text.lastIndexOf(TITLE_OPEN, offset - 1);
  if (open >= sStart && open < offset && open >= offset - 120 && text.lastIndexOf(TITLE_CLOSE, offset - 1) < open)
    return pick(open + 1, v.titles, 'instrument', TITLE_CLOSE);
  // after 在 (a place partly typed: ideographs only)
  for (let i = offset - 1; i >= Math.max(sStart, offset - 8); i--) {
    if (text[i] === PLACE_MARKER) return pick(i + 1, v.places, 'place');
    if (!isIdeograph(text.charCodeAt(i))) break;
  }
  // a date being typed: 2021年, 2021年9月, 2021年9月1
  const m = PARTIAL_DATE_END.exec(text.slice(Math.max(sStart, offset - 12), offset));
  if (m) return pick(offset - m[0].length, v.dates, 'date');
  return undefined;
}
