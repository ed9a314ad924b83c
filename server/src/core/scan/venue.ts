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

const { places, events, chars } = TEXT_LANGUAGE;
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
/** Marks joining the parts of a transliterated place name. */
const JOINER = unitSet(places.joiners);

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
    if (!isWordUnit(c) && JOINER[c] !== 1) break;
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
  // A place does not end with an adverb or conjunction (正在制定并通过).
  if (NOT_PLACE_END_C[text.charCodeAt(p - 1)] === 1) return -1;
  placePrep = k;
  return placeStart;
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
  if (on) return { p: skipBack(text, p - on.length), online: true };
  const ps = placeBefore(text, p);
  if (ps < 0) return { p, online: false };
  return { p: skipBack(text, placePrep), online: false, place: { text: text.slice(ps, p), span: { start: ps, end: p } } };
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
