/**
 * The variable parts of reference frames that templates generalise into slots: dates with a day,
 * top-level 《titles》, and places named in 在PLACE通过/举行… frames. The frame grammar is Chinese
 * (lang/zh/phrasing.ts); every value comes from the text.
 */
import { findDates } from '../lang/zh/dates';
import { FRAME_PLACE, TITLE_CLOSE, TITLE_OPEN } from '../lang/zh/phrasing';

export type SlotKind = 'date' | 'place' | 'title';

export interface Slot {
  kind: SlotKind;
  start: number;
  end: number;
  text: string;
}

/** Dates with a day (2021年9月17日, ranges, lists) in `s`: the date slots of reference frames. */
export function findDateSlots(s: string): Slot[] {
  const out: Slot[] = [];
  for (const d of findDates(s)) {
    if (d.dates.some((x) => x.day === undefined)) continue;
    out.push({ kind: 'date', start: d.span.start, end: d.span.end, text: d.text });
  }
  return out;
}

/** Top-level 《…》 titles in `s` (spans of the text inside the brackets; nesting balanced). */
export function findTitleSlots(s: string): Slot[] {
  const out: Slot[] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === TITLE_OPEN) {
      if (depth === 0) open = i + 1;
      depth++;
    } else if (c === TITLE_CLOSE && depth > 0) {
      depth--;
      if (depth === 0) out.push({ kind: 'title', start: open, end: i, text: s.slice(open, i) });
    }
  }
  return out;
}

/** Places named in `在PLACE通过/举行…` frames right after a date (how the corpus states where). */
export function findFramePlaces(s: string, dates: Slot[]): Slot[] {
  const out: Slot[] = [];
  for (const d of dates) {
    FRAME_PLACE.lastIndex = d.end;
    const m = FRAME_PLACE.exec(s);
    if (m) out.push({ kind: 'place', start: d.end + 1, end: d.end + 1 + m[1].length, text: m[1] });
  }
  return out;
}
