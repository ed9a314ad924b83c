/**
 * A date and place in parentheses after a title or an event name — the genre's way of citing an
 * instrument or a meeting: `《T》（DATE，PLACE）`, `EVENT（DATE，PLACE）`, `（PLACE，DATE）`,
 * `（DATE）`, `（DATE，以视频方式）` (an online mode is no place).
 */
import type { DateExpr } from '../types';
import { TEXT_LANGUAGE } from '../lang';
import { unitSet } from '../lang/codeUnits';
import { skipFwd } from './cursor';
import { dateStartingAt } from './dateTable';
import type { PlaceAt } from './venue';

const { punctuation, places, events, chars } = TEXT_LANGUAGE;
const isWordUnit = chars.isWordUnit;
const OPEN_PAREN = unitSet(punctuation.openParens);
const CLOSE_PAREN = unitSet(punctuation.closeParens);
const LIST_SEPARATOR = unitSet(punctuation.listSeparators);
const DATELINE_JOINER = unitSet(places.datelineJoiners);
/** Words that make the place slot an online mode (以视频方式, 视频, 线上). */
const ONLINE = [...events.onlineModes, ...events.onlineWords];

/** What a parenthesis after a title or a name says. */
export interface Dateline {
  date: DateExpr;
  place?: PlaceAt;
  /** The slot of the place holds an online mode (`（DATE，以视频方式）`). */
  online: boolean;
  /** Offsets of the opening parenthesis and after the closing one. */
  start: number;
  end: number;
}

/** Is the place slot `[s, e)` an online mode? */
function isOnline(text: string, s: number, e: number): boolean {
  const slot = text.slice(s, e);
  for (const w of ONLINE) if (slot.includes(w)) return true;
  return false;
}

/**
 * `（DATE，PLACE）` opening at the first non-space unit at or after `p`: a day- or month-precision
 * date (a year alone is a period: `《甲战略》（2022—2026年）`), a place or an online mode.
 */
export function datelineAt(text: string, p: number): Dateline | undefined {
  p = skipFwd(text, p);
  if (OPEN_PAREN[text.charCodeAt(p)] !== 1) return undefined;
  const start = p;
  p = skipFwd(text, p + 1);
  let date = dateStartingAt(text, p);
  let slot: { start: number; end: number } | undefined;
  const readSlot = (s: number): number => {
    let k = s;
    while (k < text.length && k - s < 16 && (isWordUnit(text.charCodeAt(k)) || DATELINE_JOINER[text.charCodeAt(k)] === 1)) k++;
    if (k > s) slot = { start: s, end: k };
    return k;
  };
  if (date) {
    if (date.dates[0].yearOnly) return undefined;
    p = skipFwd(text, date.span.end);
    if (LIST_SEPARATOR[text.charCodeAt(p)] === 1) p = readSlot(skipFwd(text, p + 1));
  } else {
    p = readSlot(p);
    if (!slot) return undefined;
    p = skipFwd(text, p);
    if (LIST_SEPARATOR[text.charCodeAt(p)] !== 1) return undefined;
    p = skipFwd(text, p + 1);
    date = dateStartingAt(text, p);
    if (!date || date.dates[0].yearOnly) return undefined;
    p = date.span.end;
  }
  p = skipFwd(text, p);
  if (CLOSE_PAREN[text.charCodeAt(p)] !== 1) return undefined;
  const out: Dateline = { date, place: undefined, online: false, start, end: p + 1 };
  if (slot) {
    if (isOnline(text, slot.start, slot.end)) out.online = true;
    else out.place = { text: text.slice(slot.start, slot.end), span: slot };
  }
  return out;
}

/**
 * The parenthesis `（…）` closing at `e - 1` read as a dateline (`EVENT（DATE，PLACE）通过的《T》`):
 * its opening parenthesis is looked for up to 40 units back, without nesting.
 */
export function datelineEndingAt(text: string, e: number): Dateline | undefined {
  if (e <= 0 || CLOSE_PAREN[text.charCodeAt(e - 1)] !== 1) return undefined;
  for (let o = e - 2; o >= 0 && e - o <= 40; o--) {
    const c = text.charCodeAt(o);
    if (CLOSE_PAREN[c] === 1) return undefined;
    if (OPEN_PAREN[c] !== 1) continue;
    const d = datelineAt(text, o);
    return d && d.end === e ? d : undefined;
  }
  return undefined;
}
