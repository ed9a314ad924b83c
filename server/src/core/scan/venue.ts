/**
 * Where and how a meeting was held or an instrument adopted, read leftwards from a trigger or a
 * verb: `在PLACE`, the online mode (`以视频方式`), the adverbs before a trigger, and the date
 * before them all.
 */
import type { DateExpr, Span } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { lastUnits, unitSet } from '../lang/codeUnits';
import { endingWord, skipBack } from './cursor';
import type { DateTable } from './dateTable';

const { places, events, chars, frames } = TEXT_LANGUAGE;
const isWordUnit = chars.isWordUnit;

/** Prepositions of place and time, by code unit. */
const PREP = unitSet(places.prepositions);
/** Is `c` a preposition of place or time (在 于 於)? */
export function isPrep(c: number): boolean {
  return PREP[c] === 1;
}
/** The code units before a preposition that make it another word, and those a place does not end with. */
const NOT_PREP_BEFORE_C = unitSet(places.notPrepositionAfter);
const NOT_PLACE_END_C = unitSet(places.notPlaceEnd);
/** Units that end place names and are function words too (都, 及): read with care (isPlaceSpan). */
const AMBIGUOUS_END_C = unitSet(places.ambiguousEnds);
/** Marks joining the parts of a transliterated place name. */
const JOINER = unitSet(places.joiners);
/** Event positions (上, 期间): a place never ends with one (在会上通过: no place). */
const POSITIONS = frames.eventPositions;
const POSITION_LAST = lastUnits(POSITIONS);
/** Verbs of adoption and event triggers: a place never holds one (在杜尚别签署及通过: no place). */
const ACTS = [...frames.adoptionVerbs, ...events.triggers];
/** One-unit connectors that join the places of a list (撒马尔罕和西安), and two-unit ones (以及). */
const LIST_CONNECTORS = frames.connectors.filter((w) => w.length <= 2);
const LIST_CONNECTOR_LAST = lastUnits(LIST_CONNECTORS);
/** The connectors of a list that are no word units (、): a place never ends or starts with one. */
const LIST_MARK = unitSet(LIST_CONNECTORS.filter((w) => w.length === 1 && !isWordUnit(w.charCodeAt(0))).join(''));

/**
 * Can `text[s, e)` be a place as far as its last units go? Not when it ends with a function word
 * (正在制定并), an event position (会上), or — for a place ending with a unit that is also a function
 * word (成都, 埃及: 都 "all", 及 "and") — when what precedes that unit could not end a place (以及,
 * 会上都) or the stretch holds a verb of adoption or a trigger (审议并通过 … 签署及).
 */
export function isPlaceSpan(text: string, s: number, e: number): boolean {
  if (e <= s) return false;
  const last = text.charCodeAt(e - 1);
  if (LIST_MARK[last] === 1 || LIST_MARK[text.charCodeAt(s)] === 1) return false;
  if (NOT_PLACE_END_C[last] === 1) return false;
  if (POSITION_LAST[last] === 1 && endingWord(text, e, POSITIONS)) return false;
  if (AMBIGUOUS_END_C[last] !== 1) return true;
  const stem = e - 1;
  if (stem <= s) return false;
  const before = text.charCodeAt(stem - 1);
  if (NOT_PLACE_END_C[before] === 1 || AMBIGUOUS_END_C[before] === 1) return false;
  if (POSITION_LAST[before] === 1 && endingWord(text, stem, POSITIONS)) return false;
  const stretch = text.slice(s, e);
  for (const w of ACTS) if (stretch.includes(w)) return false;
  return true;
}

/**
 * The places of a list written as one place (`撒马尔罕和西安`, `阿拉木图、比什凯克`): split at the
 * connectors that have at least two word units each side (呼和浩特, 埃及 stay whole). One span
 * for a single place.
 */
export function placeParts(text: string, s: number, e: number): Span[] {
  // Most places hold no connector: one table read per unit, no list.
  let i0 = s + 1;
  while (i0 < e - 1 && LIST_CONNECTOR_LAST[text.charCodeAt(i0)] !== 1) i0++;
  if (i0 >= e - 1) return [{ start: s, end: e }];
  const out: Span[] = [];
  let start = s;
  for (let i = s + 1; i < e - 1; i++) {
    if (LIST_CONNECTOR_LAST[text.charCodeAt(i)] !== 1) continue;
    const w = endingWord(text, i + 1, LIST_CONNECTORS);
    if (!w) continue;
    const cs = i + 1 - w.length;
    // 、 always separates; a word connector (和, 及) only between two words of two units or more.
    const min = LIST_MARK[text.charCodeAt(i)] === 1 ? 1 : 2;
    if (cs - start < min || e - (i + 1) < min) continue;
    out.push({ start, end: cs });
    start = i + 1;
  }
  out.push({ start, end: e });
  return out;
}

/** Set by placeBefore when it finds a place: the offset of its preposition. */
let placePrep = -1;

/** The offset of the preposition of the place the last successful placeBefore found. */
export function placePreposition(): number {
  return placePrep;
}

/**
 * `在PLACE` ending at `p` (PLACE: 1–16 word units, or a transliteration with joiners; spaces
 * allowed after the preposition): the start of PLACE (its preposition in `placePreposition()`),
 * or -1. Callers make the place object only when they keep it.
 */
export function placeBefore(text: string, p: number): number {
  let j = p - 1;
  while (j >= 0 && p - j <= 17) {
    const c = text.charCodeAt(j);
    if (PREP[c] === 1) break;
    // 、 joins the places of a list (在塔什干、莫斯科和聊城): read on, split by placeParts.
    if (!isWordUnit(c) && JOINER[c] !== 1 && LIST_MARK[c] !== 1) break;
    j--;
  }
  // j: the preposition, or the first non-place character (spaces may separate 在 and the place).
  const placeStart = j + 1;
  if (placeStart >= p) return -1;
  let k = j;
  if (k >= 0 && PREP[text.charCodeAt(k)] !== 1) {
    k = skipBack(text, placeStart) - 1;
    if (k === j) return -1;
  }
  if (k < 0 || PREP[text.charCodeAt(k)] !== 1) return -1;
  // 关于/对于/由于/至于… are not `于PLACE`; 存在/正在/现在… are not `在PLACE`.
  if (k > 0 && NOT_PREP_BEFORE_C[text.charCodeAt(k - 1)] === 1) return -1;
  // A place does not end with an adverb or conjunction (正在制定并通过), nor with 上 (在会上通过).
  if (!isPlaceSpan(text, placeStart, p)) return -1;
  placePrep = k;
  return placeStart;
}

/**
 * `在PLACE` ending at `p` as `placeBefore` reads it, split into the places of a list
 * (`在撒马尔罕和西安`): undefined when there is no place. Only a frame that pairs the places with
 * dates and titles (分别, 先后) reads a list; a list is no place anywhere else.
 */
export function placeListBefore(text: string, p: number): Span[] | undefined {
  const ps = placeBefore(text, p);
  if (ps < 0) return undefined;
  const parts = placeParts(text, ps, p);
  // One place: placeBefore has checked it already.
  if (parts.length > 1) for (const x of parts) if (!isPlaceSpan(text, x.start, x.end)) return undefined;
  return parts;
}


const ONLINE = events.onlineModes;
/** Last code units of the online modes: a one-read gate. */
const ONLINE_LAST = lastUnits(ONLINE);
const ADVERBS = events.adverbs;
const ADVERB_LAST = lastUnits(ADVERBS);

/** A place as written. */
export interface PlaceAt {
  text: string;
  span: Span;
}

/** What precedes an event trigger (举行…): `DATE`, `DATE在PLACE`, `DATE以视频方式`, then 成功/顺利. */
export interface EventLeft {
  date?: DateExpr;
  place?: PlaceAt;
  online: boolean;
  start: number;
}

/**
 * The venue written just before offset `p` of an event frame: the online mode or `在PLACE`.
 * Returns where the text before the venue ends (`p` itself when there is none).
 */
export function venueBefore(text: string, p: number): { p: number; online: boolean; place?: PlaceAt } {
  const on = ONLINE_LAST[text.charCodeAt(p - 1)] === 1 ? endingWord(text, p, ONLINE) : undefined;
  let online = false;
  if (on) {
    p = skipBack(text, p - on.length);
    online = true;
  }
  // 在新德里以视频方式举行: a host city and the online mode. A list of places (在杜尚别和撒马尔罕)
  // is passed over, and is no place.
  const ps = placeBefore(text, p);
  if (ps < 0) return { p, online };
  const before = skipBack(text, placePrep);
  if (placeParts(text, ps, p).length > 1) return { p: before, online };
  return { p: before, online, place: { text: text.slice(ps, p), span: { start: ps, end: p } } };
}

/** The left of an event trigger at `t`: adverbs, the venue, and the date before them. */
export function eventLeft(text: string, t: number, dates: DateTable): EventLeft {
  let p = skipBack(text, t);
  const adv = ADVERB_LAST[text.charCodeAt(p - 1)] === 1 ? endingWord(text, p, ADVERBS) : undefined;
  if (adv) p = skipBack(text, p - adv.length);
  const venue = venueBefore(text, p);
  const { online, place } = venue;
  p = venue.p;
  const date = dates.at(p);
  if (date) {
    let s = date.span.start;
    if (s > 0 && PREP[text.charCodeAt(s - 1)] === 1) s--; // 于2021年…
    return { date, place, online, start: s };
  }
  return { place, online, start: p };
}
