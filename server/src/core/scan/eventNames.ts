/**
 * Event names: where one ends (its last head noun before a stop) and where one starts (back to a
 * clause boundary), and the name as it is cited.
 */
import { TEXT_LANGUAGE } from '../lang';
import { firstUnits, lastUnits, unitSet } from '../lang/codeUnits';
import { isSpace, skipFwd } from './cursor';

const { events, punctuation, abbreviations, frames, dateMarks } = TEXT_LANGUAGE;

/** Head nouns of event names. */
const EVENT_NOUNS = events.nouns;
/** First code units of event nouns: a one-read gate before comparing words. */
const NOUN_FIRST = firstUnits(EVENT_NOUNS);
/** Lengths of the event nouns by first code unit, longest first (会 starts many words: no scan of the whole list). */
const NOUNS_BY_FIRST: string[][] = [];
/** Code unit → 1 + index in NOUNS_BY_FIRST (0: no event noun starts with it). */
const NOUN_LIST_OF = new Uint8Array(0x10000);
for (const n of EVENT_NOUNS) {
  const c = n.charCodeAt(0);
  if (NOUN_LIST_OF[c] === 0) {
    NOUNS_BY_FIRST.push([]);
    NOUN_LIST_OF[c] = NOUNS_BY_FIRST.length;
  }
  NOUNS_BY_FIRST[NOUN_LIST_OF[c] - 1].push(n);
}
for (const list of NOUNS_BY_FIRST) list.sort((a, b) => b.length - a.length);
const NOUN_LAST = lastUnits(EVENT_NOUNS);

/** Does an event noun end at `p`? (One table read first: most positions end no noun.) */
export function endsWithEventNoun(text: string, p: number): boolean {
  if (p <= 0 || NOUN_LAST[text.charCodeAt(p - 1)] !== 1) return false;
  for (const n of EVENT_NOUNS) if (p >= n.length && text.startsWith(n, p - n.length)) return true;
  return false;
}

/** What a code unit is to the name scanners (one read per character). */
const OPEN = 1;
const CLOSE = 2;
/** Ends a name outside parentheses. */
const STOP = 3;
/** Ends a name inside parentheses too (the full stop, a line feed). */
const HARD_STOP = 4;
const DIGITS = '0123456789';
/** The full-width forms of the digits (U+FF10–U+FF19). */
const FULL_WIDTH_DIGITS = DIGITS.replace(/./g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function kinds(open: string, close: string, stops: string, hard: string): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const ch of stops) t[ch.charCodeAt(0)] = STOP;
  for (const ch of hard) t[ch.charCodeAt(0)] = HARD_STOP;
  for (const ch of open) t[ch.charCodeAt(0)] = OPEN;
  for (const ch of close) t[ch.charCodeAt(0)] = CLOSE;
  return t;
}
/** Reading forwards: parentheses nest; stops, digits (half and full width) end the name. */
const END_KIND = kinds(punctuation.openParens, punctuation.closeParens, punctuation.nameStops + DIGITS + FULL_WIDTH_DIGITS, punctuation.fullStop + '\n');
/** Reading backwards: closing parentheses open a nesting; stops and ASCII digits end the name. */
const START_KIND = kinds(punctuation.closeParens, punctuation.openParens, punctuation.nameStops + DIGITS, '');

/** End of an event name starting at `p`: the last event head noun before a stop, or -1. */
export function eventNameEnd(text: string, p: number, limit = 80): number {
  const to = Math.min(text.length, p + limit);
  let last = -1;
  let depth = 0;
  for (let i = p; i < to; i++) {
    const c = text.charCodeAt(i);
    const k = END_KIND[c];
    if (k !== 0) {
      if (k === OPEN) depth++;
      else if (k === CLOSE) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 || k === HARD_STOP) break;
    }
    if (NOUN_FIRST[c] === 1) {
      // The longest noun starting here gives the largest end; later positions end later still.
      for (const n of NOUNS_BY_FIRST[NOUN_LIST_OF[c] - 1])
        if (text.startsWith(n, i)) {
          if (i + n.length > last) last = i + n.length;
          break;
        }
    }
  }
  return last;
}

/** Start of an event name ending at `e`, read backwards up to a clause boundary, or -1. */
export function eventNameStart(text: string, e: number, limit = 80): number {
  let depth = 0;
  let i = e - 1;
  const min = Math.max(0, e - limit);
  for (; i >= min; i--) {
    const c = text.charCodeAt(i);
    const k = START_KIND[c];
    if (k === OPEN) depth++;
    else if (k === CLOSE) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (k === STOP || isSpace(c))) break;
  }
  return i + 1;
}

/** Reading a cited name backwards: parentheses nest, stops end the name; digits are read on. */
const CITED_KIND = kinds(punctuation.closeParens, punctuation.openParens, punctuation.nameStops, '');
const DIGIT = unitSet(DIGITS + FULL_WIDTH_DIGITS);
/** Units right after the number of a date (年, 月, 日 …): digits before one are a date, not a name. */
const DATE_UNIT = unitSet(dateMarks.ends);
/** What a parenthesis of a date or a list holds (a citation before this one, not a part of the name). */
const CITATION_MARK = unitSet(DIGITS + FULL_WIDTH_DIGITS + punctuation.commas + punctuation.listSeparators);
const CITING = events.citingVerbs;
const CONNECTORS = frames.connectors;
const PARTICLE = unitSet(frames.verbParticles);

/**
 * Start of the name of an event cited in parentheses ending at `e` (`回顾了EVENT（DATE，PLACE）`):
 * back to a clause boundary, a date, or the parenthesis of a citation before it (`EVENT1（…）和
 * EVENT2（…）`: EVENT2 starts after the connector); then after the last verb citing it (回顾了,
 * 高度评价) in that stretch. Digits that are no date belong to the name (建交30周年视频峰会).
 */
export function citedNameStart(text: string, e: number, limit = 80): number {
  const min = Math.max(0, e - limit);
  let depth = 0;
  let i = e - 1;
  let start = -1;
  for (; i >= min; i--) {
    const c = text.charCodeAt(i);
    const k = CITED_KIND[c];
    if (k === OPEN) {
      // A parenthesis before the name (reading backwards, a closing one): part of the name
      // (（总理）), or a citation before this one, whose date or commas show it.
      if (depth === 0) {
        let o = i - 1;
        let marks = false;
        while (o >= min && CITED_KIND[text.charCodeAt(o)] !== CLOSE) {
          if (CITATION_MARK[text.charCodeAt(o)] === 1) marks = true;
          o--;
        }
        if (marks) {
          start = i + 1;
          break;
        }
      }
      depth++;
    } else if (k === CLOSE) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (k === STOP || isSpace(c))) break;
    else if (depth === 0 && DIGIT[c] === 1) {
      // Digits followed by a date unit end the name (2021年EVENT…): the name starts after the unit.
      let d = i + 1;
      while (d < e && DIGIT[text.charCodeAt(d)] === 1) d++;
      if (DATE_UNIT[text.charCodeAt(d)] === 1) {
        start = d + 1;
        break;
      }
    }
  }
  if (start < 0) start = i + 1;
  start = skipFwd(text, start, e);
  // After a citation before it: the connector (和, 以及, 、).
  for (const w of CONNECTORS) if (text.startsWith(w, start)) {
    start = skipFwd(text, start + w.length, e);
    break;
  }
  // After the first citing verb of the stretch and its particle (回顾了), and the verbs that follow
  // it at once (应落实, 高度评价): a name may hold such a word itself (…中小企业支持论坛).
  const stretch = text.slice(start, e);
  let cut = -1;
  for (const v of CITING) {
    const k = stretch.indexOf(v);
    if (k >= 0 && k + v.length < stretch.length && (cut < 0 || k < cut)) cut = k;
  }
  if (cut < 0) return start;
  let at = cut;
  for (let again = true; again; ) {
    again = false;
    for (const v of CITING) {
      const k = stretch.indexOf(v, at);
      if (k >= 0 && k - at <= 1 && k + v.length < stretch.length) {
        at = k + v.length;
        if (PARTICLE[stretch.charCodeAt(at)] === 1 && at + 1 < stretch.length) at++;
        again = true;
        break;
      }
    }
  }
  return skipFwd(text, start + at, e);
}

/** Does a name read by citedNameStart end with an event noun, and is it a name (not empty)? */
export function citedEventName(text: string, e: number): number {
  if (!endsWithEventNoun(text, e)) return -1;
  const s = citedNameStart(text, e);
  return s < e ? s : -1;
}

/** The name as it should be cited: without the declarations it carries (（以下简称“上合组织”）). */
export function cleanEventName(raw: string): string {
  return abbreviations.withoutDeclarations(raw);
}
