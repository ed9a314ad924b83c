/**
 * Dates for the frame scanners: the date expression ending or starting exactly at an offset.
 */
import type { DateExpr } from '../types';
import { findDates } from '../lang/zh/dates';
import { TEXT_LANGUAGE } from '../lang';
import { unitSet } from '../lang/codeUnits';

/** Code units that can occur inside a date expression (numerals, units, separators, spaces). */
const DATE_CHAR = unitSet(TEXT_LANGUAGE.dateMarks.chars);
/** The code units a date ends with (day, month or year). */
const DATE_END = unitSet(TEXT_LANGUAGE.dateMarks.ends);

/**
 * The date expression ending exactly at an offset, read on demand: back over the run of
 * date characters before it (a safe start: no date expression extends past such a run), then
 * forwards with findDates. Frames ask for a handful of offsets per title, so scanning costs
 * stay proportional to the frames, not to the text. Memoised per scan.
 */
export class DateTable {
  private readonly memo = new Map<number, DateExpr | null>();
  /**
   * With `all` (every date of the text, from one findDates pass, in text order: their ends
   * increase) lookups are binary searches over the ends, no map to fill.
   */
  private readonly all: readonly DateExpr[] | undefined;
  /** The ends of `all`, packed (a search touches no date objects). */
  private readonly ends: Int32Array | undefined;
  constructor(
    private readonly text: string,
    all?: readonly DateExpr[],
  ) {
    this.all = all;
    if (all) {
      const ends = new Int32Array(all.length);
      for (let k = 0; k < all.length; k++) ends[k] = all[k].span.end;
      this.ends = ends;
    }
  }
  at(end: number): DateExpr | undefined {
    const text = this.text;
    // A date ends with a day, month or year unit: anything else is answered without a lookup
    // (most frames ask at offsets that are not date ends).
    if (end <= 0 || DATE_END[text.charCodeAt(end - 1)] !== 1) return undefined;
    const ends = this.ends;
    if (ends) {
      let lo = 0;
      let hi = ends.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const e = ends[mid];
        if (e < end) lo = mid + 1;
        else if (e > end) hi = mid - 1;
        else return this.all![mid];
      }
      return undefined;
    }
    const m = this.memo.get(end);
    if (m !== undefined) return m ?? undefined;
    let d: DateExpr | undefined;
    let s = end;
    while (s > 0 && end - s < 120 && DATE_CHAR[text.charCodeAt(s - 1)] === 1) s--;
    const ds = findDates(text, s, end);
    const last = ds[ds.length - 1];
    if (last && last.span.end === end) d = last;
    this.memo.set(end, d ?? null);
    return d;
  }
}

/** The date expression starting exactly at `p`, if any. */
export function dateStartingAt(text: string, p: number): DateExpr | undefined {
  const d = findDates(text, p, Math.min(text.length, p + 60))[0];
  return d && d.span.start === p ? d : undefined;
}
