/**
 * Landmarks: one pass over a whole text that collects, in text order, the offsets where the
 * whole-text scanners of a check start, so that each of them reads a short list instead of
 * searching the whole text itself:
 * - `markers`: every `chancery-` (readInlineMarkers);
 * - `brackets`: what scanBrackets stops at (bracket characters and paragraph breaks);
 * - `units`: every date unit, 年 and 月 (findDates: every date has one right after a number);
 * - `titles`: every 《 (the reference scanner);
 * - `triggers`: every event trigger, 举行 舉行 … (the event scanner).
 *
 * Why one pass: on Chinese text a native search costs about the same per character for a
 * class of twenty characters as for one (the engine reads every character either way), and
 * indexOf is slower still for a character whose high byte is common (《, U+300A, shares it
 * with 。 and 、): five separate searches cost more than this one pass (bench/README.md).
 */
import { BRACKET_CHARS, BREAK_CHARS, PARAGRAPH_INDENT } from '../text/brackets';
import { TEXT_LANGUAGE } from '../lang';
import { classOf } from '../lang/codeUnits';

/** The common prefix of the inline markers `chancery-accept:` and `chancery-disable:` (diagnostics.ts). */
export const MARKER_PREFIX = 'chancery-';

export interface Landmarks {
  /** MARKER_PREFIX (`chancery-`): readInlineMarkers' `prefixes`. */
  readonly markers: readonly number[];
  /** Bracket characters and paragraph breaks (for PARAGRAPH_INDENT, its second space): scanBrackets' `stops`. */
  readonly brackets: readonly number[];
  /** 年 and 月: findDates' `units`. */
  readonly units: readonly number[];
  /** 《. */
  readonly titles: readonly number[];
  /** First code units of the event triggers (each one of the language's triggers). */
  readonly triggers: readonly number[];
}

const { dateMarks, punctuation, events } = TEXT_LANGUAGE;
/** The last code unit of MARKER_PREFIX, as the pass sees the end of its match. */
const MARKER_END = MARKER_PREFIX.charCodeAt(MARKER_PREFIX.length - 1);
const BRACKET = 1;
const UNIT = 2;
const TITLE = 4;
const TRIGGER = 8;
/** What a stop character is a landmark of (bits above). */
const KIND = new Uint8Array(0x10000);
for (const ch of BRACKET_CHARS + BREAK_CHARS + PARAGRAPH_INDENT) KIND[ch.charCodeAt(0)] |= BRACKET;
for (const ch of dateMarks.units) KIND[ch.charCodeAt(0)] |= UNIT;
KIND[punctuation.titleMarks.charCodeAt(0)] |= TITLE;
/** Second code units of the triggers, by first code unit (every trigger is two code units long). */
const TRIGGER_SECOND = new Map<number, number[]>();
for (const w of events.triggers) {
  const first = w.charCodeAt(0);
  KIND[first] |= TRIGGER;
  let seconds = TRIGGER_SECOND.get(first);
  if (!seconds) TRIGGER_SECOND.set(first, (seconds = []));
  seconds.push(w.charCodeAt(1));
}

/**
 * Every stop character; PARAGRAPH_INDENT only as a pair, as scanBrackets' STOP matches it; and
 * MARKER_PREFIX (which adds little to the pass: the engine reads every character anyway).
 */
const STOP = new RegExp(
  `[${BRACKET_CHARS}${BREAK_CHARS}${classOf(dateMarks.units)}${[...TRIGGER_SECOND.keys()].map((c) => String.fromCharCode(c)).join('')}]|${PARAGRAPH_INDENT}|${MARKER_PREFIX}`,
  'g',
);

/** The landmarks of the whole of `text`. */
export function landmarks(text: string): Landmarks {
  // Plain arrays. (Int32Arrays, off the JS heap, spared the young-generation GC some copying
  // on a 1 MB draft, but made a check of a short text slower until the JIT has optimised the
  // code: a method call per push, typed-array allocations per check.)
  const brackets: number[] = [];
  const units: number[] = [];
  const titles: number[] = [];
  const triggers: number[] = [];
  const markers: number[] = [];
  STOP.lastIndex = 0;
  // test() + lastIndex: no match array per stop. The offset is that of the last code unit of
  // the match: the character itself, or the second space of PARAGRAPH_INDENT (as in scanBrackets).
  while (STOP.test(text)) {
    const i = STOP.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === MARKER_END) {
      // (No other stop is `-`: this is the end of MARKER_PREFIX.)
      markers.push(i + 1 - MARKER_PREFIX.length);
      continue;
    }
    const kind = KIND[c];
    if (kind & BRACKET) brackets.push(i);
    if (kind & TITLE) titles.push(i);
    if (kind & UNIT) units.push(i);
    if (kind & TRIGGER && TRIGGER_SECOND.get(c)!.includes(text.charCodeAt(i + 1))) triggers.push(i);
  }
  return { markers, brackets, units, titles, triggers };
}
