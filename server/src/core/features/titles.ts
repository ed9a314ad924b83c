/**
 * Finding instruments by what is typed after 《: any part of the title (经济论坛 finds
 * 《上合组织经济论坛构想》), the title written with a declared full name or short name (上海合作组织 /
 * 上合组织), traditional characters or half-width punctuation, or the pinyin initials of the title
 * (jjlt, shzz…). Ranked by the frame written before the bracket — the date, the place and the verb
 * of adoption (2021年9月17日在杜尚别批准的《) — then titles that start with what is typed before those
 * that contain it, then the most cited.
 *
 * The searchable form of every title is a table derived from the knowledge base (TITLE_SEARCH),
 * built once per knowledge base; the pinyin initials only when first asked for. A request is one
 * pass over the titles (a substring test each) and no sort: instruments go into buckets by rank.
 */
import type { Instrument } from '../types';
import { derivedOf, type DerivedTable, type KnowledgeIndex } from '../knowledge/knowledgeIndex';
import { normalizeTitle } from '../text/normalize';
import { isInitialsQuery, pinyinInitials } from '../lang/zh/pinyin';

interface TitleRow {
  ins: Instrument;
  /** The title as looked up (normalizeTitle: simplified, folded, short names). */
  key: string;
}

interface TitleTable {
  /** Most cited first, then by title. */
  rows: TitleRow[];
  /** Pinyin initials of each row's key (same order), computed on first use. */
  initials?: string[];
}

/** The instruments in their search form, kept by the knowledge index. */
export const TITLE_SEARCH: DerivedTable<TitleTable> = {
  name: 'completion: instruments by title',
  build: (index) => {
    const rows = index.instruments().map((ins) => ({ ins, key: normalizeTitle(ins.title, index.aliases) }));
    rows.sort((a, b) => b.ins.mentions.length - a.ins.mentions.length || (a.ins.title < b.ins.title ? -1 : a.ins.title > b.ins.title ? 1 : 0));
    return { rows };
  },
};

/** What is written before the bracket: the date (its keys), the place and the verb of adoption. */
export interface TitleFrame {
  /** Instruments adopted on the date written before the bracket. */
  onDate?: ReadonlySet<Instrument>;
  /** Instruments adopted at the place written before the bracket. */
  atPlace?: ReadonlySet<Instrument>;
  /** The verb of adoption written before the bracket (通过, 批准, 签署). */
  verb?: string;
}

export type TitleMatch = 'start' | 'middle' | 'initials';

export interface FoundTitle {
  ins: Instrument;
  match: TitleMatch;
  /** How much of the frame the instrument fits: date 4 + place 2 + verb 1. */
  fit: number;
}

const MATCHES: TitleMatch[] = ['start', 'middle', 'initials'];

/**
 * The instruments whose title holds `typed` (or whose initials do), best first, at most `limit`:
 * by how well they fit the frame, then titles starting with what is typed, then the most cited.
 */
export function findTitles(index: KnowledgeIndex, typed: string, frame: TitleFrame, limit: number): FoundTitle[] {
  const table = derivedOf(index, TITLE_SEARCH);
  const q = typed ? normalizeTitle(typed, index.aliases) : '';
  const initialsQuery = isInitialsQuery(typed) ? typed.toLowerCase() : undefined;
  const initials = initialsQuery ? (table.initials ??= table.rows.map((r) => pinyinInitials(r.key))) : undefined;
  // buckets[(7 − fit) · 3 + match]: row numbers, in the rows' order (most cited first), each
  // bucket holding at most `limit` (no more can be sent); read in order
  const buckets: number[][] = Array.from({ length: 8 * MATCHES.length }, () => []);
  const fits = new Uint8Array(table.rows.length);
  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const { ins, key } = rows[i];
    let match: number;
    if (!q) match = 0;
    else {
      const at = key.indexOf(q);
      if (at === 0) match = 0;
      else if (at > 0) match = 1;
      else if (initials && initials[i].includes(initialsQuery!)) match = 2;
      else continue;
    }
    const fit = (frame.onDate?.has(ins) ? 4 : 0) + (frame.atPlace?.has(ins) ? 2 : 0) + (frame.verb && adoptedBy(ins, frame.verb) ? 1 : 0);
    const b = buckets[(7 - fit) * MATCHES.length + match];
    if (b.length < limit) {
      b.push(i);
      fits[i] = fit;
    }
  }
  const out: FoundTitle[] = [];
  for (let k = 0; k < buckets.length && out.length < limit; k++) {
    for (const i of buckets[k]) {
      if (out.length >= limit) break;
      out.push({ ins: rows[i].ins, match: MATCHES[k % MATCHES.length], fit: fits[i] });
    }
  }
  return out;
}

function adoptedBy(ins: Instrument, verb: string): boolean {
  for (const a of ins.adoptions) if (a.verb === verb) return true;
  return false;
}
