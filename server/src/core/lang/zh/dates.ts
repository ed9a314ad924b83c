/**
 * Reading date expressions of Chinese official texts (the date grammar of the genre).
 *
 * Recognised (arabic digits, full-width digits or Chinese numerals, optional spaces between
 * the parts as web copies have them):
 * - single dates: `2021年9月17日`, `二〇二一年十一月二十五日`, year-less `11月25日`,
 *   month precision `2021年9月`, year-only `2021年`;
 * - ranges: `2021年9月15日至17日`, `2021年9月28日至10月2日`, `2021年12月30日至2022年1月2日`,
 *   `2021年9月至10月`, year ranges `2021至2022年`, `2021—2025年`, `2021年至2022年`;
 * - lists: `2021年3月30日、7月23日和9月2日`.
 * Later parts of a range or list take their missing year and month from the earlier parts.
 *
 * The scanner is linear: it only starts a parse at the beginning of a run of numerals and,
 * when the parse fails, skips the whole run. Writing dates: datesFormat.ts; dates as values
 * (keys, order, impossible dates): core/text/calendar.ts.
 */
import type { DateExpr, DateStyle, SimpleDate } from '../../types';
import {
  CN_DIGITS,
  CN_TENS,
  arabicDigit as arabicValue,
  isArabicDigit as isArabic,
  isChineseNumeral as isCnCode,
  parseTensForm as cnSmall,
} from './numerals';

/** One run of numerals. */
interface Num {
  start: number;
  end: number;
  style: DateStyle;
  /** Value as a year (4 digits), if it can be one. */
  year?: number;
  /** Start of the year digits (a Chinese run may carry a leading numeral of the word before). */
  yearStart: number;
  /** Value as a month or day (1–2 digits, or 十-form), if it can be one. */
  small?: number;
}

/**
 * Scratch numbers: a parse reads at most three numbers at a time (year, month, day) and copies
 * what it keeps, so the readers fill these instead of allocating three objects per date.
 */
const N1: Num = { start: 0, end: 0, style: 'arabic', year: undefined, yearStart: 0, small: undefined };
const N2: Num = { start: 0, end: 0, style: 'arabic', year: undefined, yearStart: 0, small: undefined };
const N3: Num = { start: 0, end: 0, style: 'arabic', year: undefined, yearStart: 0, small: undefined };

/** Reads the run of numerals at `p` into `num` (a scratch number); undefined when there is none. */
function readNum(text: string, p: number, to: number, num: Num): Num | undefined {
  if (p >= to) return undefined;
  const c = text.charCodeAt(p);
  if (isArabic(c)) {
    let e = p;
    let v = 0;
    while (e < to && isArabic(text.charCodeAt(e))) {
      v = v * 10 + arabicValue(text.charCodeAt(e));
      e++;
    }
    const n = e - p;
    num.start = p;
    num.end = e;
    num.style = 'arabic';
    num.year = n === 4 ? v : undefined;
    num.yearStart = p;
    num.small = n <= 2 ? v : undefined;
    return num;
  }
  if (!isCnCode(text.charCodeAt(p))) return undefined;
  let e = p;
  let hasTens = false;
  while (e < to && isCnCode(text.charCodeAt(e))) {
    if (CN_TENS[text[e]] !== undefined) hasTens = true;
    e++;
  }
  const run = text.slice(p, e);
  num.start = p;
  num.end = e;
  num.style = 'chinese';
  num.yearStart = p;
  num.year = undefined;
  num.small = undefined;
  if (!hasTens) {
    if (run.length >= 4) {
      // 二〇二一; a longer run (统一二〇二一年) keeps its last four numerals.
      let v = 0;
      for (let k = run.length - 4; k < run.length; k++) v = v * 10 + CN_DIGITS[run[k]];
      num.year = v;
      num.yearStart = e - 4;
    } else if (run.length === 1) num.small = CN_DIGITS[run];
  } else {
    num.small = cnSmall(run);
  }
  return num;
}

function skipSpaces(text: string, p: number, to: number): number {
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === 0x20 || c === 0xa0 || c === 0x09) p++;
    else break;
  }
  return p;
}

/** Reads a unit character (年/月/日/号) after optional spaces; returns its end. */
function unitAt(text: string, p: number, to: number, unit: '年' | '月' | '日'): number {
  const q = skipSpaces(text, p, to);
  if (q >= to) return -1;
  const c = text.charCodeAt(q);
  if (c === unit.charCodeAt(0) || (unit === '日' && (c === 0x53f7 || c === 0x865f))) return q + 1;
  return -1;
}

type Precision = 'year' | 'month' | 'day';

interface Part {
  date: SimpleDate;
  start: number;
  end: number;
  style: DateStyle;
  precision: Precision;
}

/** Scratch parts: parseExpr holds the first part while it reads the later ones one at a time. */
const PART_FIRST: Part = { date: { month: 0 }, start: 0, end: 0, style: 'arabic', precision: 'day' };
const PART_NEXT: Part = { date: { month: 0 }, start: 0, end: 0, style: 'arabic', precision: 'day' };

function part(into: Part, date: SimpleDate, start: number, end: number, style: DateStyle, precision: Precision): Part {
  into.date = date;
  into.start = start;
  into.end = end;
  into.style = style;
  into.precision = precision;
  return into;
}

/**
 * A date part: `[Y年][M月][D日]`. `need` is the precision it must have (for later parts of a
 * range/list); the first part may be Y年, Y年M月, Y年M月D日 or M月D日. Fills `into` (a scratch
 * part; its date is a new object) and returns it, or undefined.
 */
function parsePart(text: string, p: number, to: number, need: Precision | undefined, into: Part): Part | undefined {
  const q = skipSpaces(text, p, to);
  const n1 = readNum(text, q, to, N1);
  if (!n1) return undefined;
  // The date's fields, put in an object in reading order (year, month, day) once known.
  let year: number | undefined;
  let start = n1.start;
  let e: number;
  let cur = n1;
  let u = unitAt(text, cur.end, to, '年');
  if (u >= 0) {
    if (cur.year === undefined) return undefined;
    year = cur.year;
    start = cur.yearStart;
    e = u;
    const n2 = need === 'year' ? undefined : readNum(text, skipSpaces(text, e, to), to, N2);
    const u2 = n2 ? unitAt(text, n2.end, to, '月') : -1;
    if (!n2 || u2 < 0 || n2.small === undefined) {
      if (need && need !== 'year') return undefined;
      return part(into, { year, month: 0, yearOnly: true }, start, e, n1.style, 'year');
    }
    cur = n2;
    u = u2;
  } else {
    u = unitAt(text, cur.end, to, '月');
    if (u < 0 || need === 'year') {
      // A bare day (later part of a range or list): `17日`.
      if (need !== 'day') return undefined;
      const ud = unitAt(text, cur.end, to, '日');
      if (ud < 0 || cur.small === undefined) return undefined;
      return part(into, { month: 0, day: cur.small }, start, ud, n1.style, 'day');
    }
    if (cur.small === undefined) return undefined;
  }
  // cur is the month number, u the end of 月.
  if (cur.small === undefined) return undefined;
  const month = cur.small;
  e = u;
  const n3 = readNum(text, skipSpaces(text, e, to), to, N3);
  const u3 = n3 ? unitAt(text, n3.end, to, '日') : -1;
  if (!n3 || u3 < 0 || n3.small === undefined) {
    if (need === 'day') return undefined;
    // Month precision needs a year (a bare `9月` is too common to be a date).
    if (year === undefined && need === undefined) return undefined;
    return part(into, year !== undefined ? { year, month } : { month }, start, e, n1.style, 'month');
  }
  if (need && need !== 'day') return undefined;
  const date: SimpleDate = year !== undefined ? { year, month, day: n3.small } : { month, day: n3.small };
  return part(into, date, start, u3, n1.style, 'day');
}

const RANGE_SEPS = ['至', '到', '——', '—', '–', '-', '~', '～', '〜', '－'];
const LIST_SEPS = ['、', '以及', '和', '及', '与', '與', '或'];

/** Last code units of the range separators: a one-read gate before trying each of them backwards. */
const RANGE_SEP_LAST = new Uint8Array(0x10000);
for (const s of ['至', '到', '——', '—', '–', '-', '~', '～', '〜', '－']) RANGE_SEP_LAST[s.charCodeAt(s.length - 1)] = 1;

const SEP_FIRST = new Uint8Array(0x10000);
for (const s of ['至', '到', '—', '–', '-', '~', '～', '〜', '－', '、', '以及', '和', '及', '与', '與', '或']) SEP_FIRST[s.charCodeAt(0)] = 1;

function sepAt(text: string, p: number, to: number, seps: string[]): number {
  const q = skipSpaces(text, p, to);
  if (q >= to || SEP_FIRST[text.charCodeAt(q)] !== 1) return -1;
  for (const s of seps) if (text.startsWith(s, q) && q + s.length <= to) return q + s.length;
  return -1;
}

/**
 * A later part `d` of a range or list (a new object from parsePart, keys in reading order) with
 * the year and month it omits taken from `prev`, its keys still in reading order (year, month,
 * day) for readable JSON: a missing year makes a new object (assigning it would put `year`
 * last); a month is filled in place (the key is there already).
 */
function fill(prev: SimpleDate, d: SimpleDate): SimpleDate {
  const month = !d.yearOnly && d.month === 0 && !prev.yearOnly ? prev.month : d.month;
  if (d.year === undefined && prev.year !== undefined) {
    const o: SimpleDate = { year: prev.year, month };
    if (d.day !== undefined) o.day = d.day;
    if (d.yearOnly) o.yearOnly = true;
    return o;
  }
  d.month = month;
  return d;
}

function parseExpr(text: string, p: number, to: number): DateExpr | undefined {
  const first = parsePart(text, p, to, undefined, PART_FIRST);
  if (!first) return yearRange(text, p, to);
  let end = first.end;
  let kind: DateExpr['kind'] = 'single';
  const dates: SimpleDate[] = [first.date];
  // Range.
  const r = sepAt(text, end, to, RANGE_SEPS);
  if (r >= 0) {
    const second = parsePart(text, r, to, first.precision, PART_NEXT);
    if (second && (first.precision !== 'day' || second.precision === 'day')) {
      dates.push(fill(first.date, second.date));
      end = second.end;
      kind = 'range';
    }
  }
  // List (day precision).
  if (kind === 'single' && first.precision === 'day') {
    for (;;) {
      const l = sepAt(text, end, to, LIST_SEPS);
      if (l < 0) break;
      const next = parsePart(text, l, to, 'day', PART_NEXT);
      if (!next) break;
      dates.push(fill(dates[dates.length - 1], next.date));
      end = next.end;
      kind = 'list';
    }
  }
  // Every date is in reading order: the first from parsePart, later ones from fill().
  return {
    kind,
    dates,
    style: first.style,
    text: text.slice(first.start, end),
    span: { start: first.start, end },
  };
}

/** `2021至2022年`, `2021—2025年`. */
function yearRange(text: string, p: number, to: number): DateExpr | undefined {
  const n1 = readNum(text, p, to, N1);
  if (!n1 || n1.year === undefined) return undefined;
  const r = sepAt(text, n1.end, to, RANGE_SEPS);
  if (r < 0) return undefined;
  const n2 = readNum(text, skipSpaces(text, r, to), to, N2);
  if (!n2 || n2.year === undefined || n2.style !== n1.style) return undefined;
  const u = unitAt(text, n2.end, to, '年');
  if (u < 0) return undefined;
  return {
    kind: 'range',
    dates: [
      { year: n1.year, month: 0, yearOnly: true },
      { year: n2.year, month: 0, yearOnly: true },
    ],
    style: n1.style,
    text: text.slice(n1.yearStart, u),
    span: { start: n1.yearStart, end: u },
  };
}

/** Shared (findDates never re-enters itself); lastIndex is set before each use. */
const UNIT_RE = /[年月]/g;

/**
 * All date expressions in `text[from, to)`, in order, with spans in `text`.
 * Year-only dates (`2021年`, `2021—2025年`) are included (`yearOnly`); callers that want
 * dates of adoption use day-precision ones in a frame.
 *
 * `units`, when given, are the offsets of every 年 and 月 of `[from, to)` in text order, from a
 * pass that already read the text (landmarks.ts): the scan reads them instead of searching.
 */
export function findDates(text: string, from = 0, to = text.length, units?: ArrayLike<number>): DateExpr[] {
  const out: DateExpr[] = [];
  from = Math.max(0, from);
  to = Math.min(to, text.length);
  // Every date has a 年 or 月 right after a number: jump from unit to unit, read the number run
  // backwards, then parse forwards from its start. Up to the end of the text, the units come
  // from two native single-character searches, merged (cheaper than a regex call per unit);
  // in a window, from a regex scan of the class [年月] (which stops at the first unit of
  // either kind: no search runs past the window to the far next 年 or 月).
  const whole = to === text.length && !units;
  let nextYear = whole ? text.indexOf('年', from) : -1;
  let nextMonth = whole ? text.indexOf('月', from) : -1;
  let nextUnit = 0;
  let pos = from;
  let lastEnd = from;
  for (;;) {
    let u: number;
    if (units) {
      // The first listed unit at or after pos (pos only grows: one walk over the list).
      while (nextUnit < units.length && units[nextUnit] < pos) nextUnit++;
      u = nextUnit < units.length ? units[nextUnit] : -1;
    } else if (whole) {
      if (nextYear >= 0 && nextYear < pos) nextYear = text.indexOf('年', pos);
      if (nextMonth >= 0 && nextMonth < pos) nextMonth = text.indexOf('月', pos);
      u = nextYear < 0 ? nextMonth : nextMonth < 0 || nextYear < nextMonth ? nextYear : nextMonth;
    } else {
      UNIT_RE.lastIndex = pos;
      u = UNIT_RE.test(text) ? UNIT_RE.lastIndex - 1 : -1;
    }
    if (u < 0 || u >= to) break;
    pos = u + 1;
    let b = u;
    while (b > lastEnd && isSpaceCode(text.charCodeAt(b - 1))) b--;
    let r0 = b;
    while (r0 > lastEnd && isNumCode(text.charCodeAt(r0 - 1))) r0--;
    if (r0 === b) continue;
    // A run cut by the window start is not a date start.
    if (r0 === from && from > 0 && isNumCode(text.charCodeAt(from - 1))) continue;
    // A year range 2021至2022年 starts at the first year.
    let start = r0;
    let q = r0;
    while (q > lastEnd && isSpaceCode(text.charCodeAt(q - 1))) q--;
    if (q > lastEnd && RANGE_SEP_LAST[text.charCodeAt(q - 1)] === 1) {
      for (const sep of RANGE_SEPS) {
        if (q - sep.length > lastEnd && text.startsWith(sep, q - sep.length)) {
          let q2 = q - sep.length;
          while (q2 > lastEnd && isSpaceCode(text.charCodeAt(q2 - 1))) q2--;
          let r1 = q2;
          while (r1 > lastEnd && isNumCode(text.charCodeAt(r1 - 1))) r1--;
          if (r1 < q2) start = r1;
          break;
        }
      }
    }
    let e = start === r0 ? plainDate(text, r0, to) : undefined;
    if (!e) e = parseExpr(text, start, to);
    if (!e && start !== r0) e = parseExpr(text, r0, to);
    if (e && e.span.start < lastEnd) e = undefined;
    if (e) {
      out.push(e);
      lastEnd = e.span.end;
      pos = e.span.end;
    }
  }
  return out;
}

/** `n` ASCII digits at `p`, followed by no further digit of any width: their value, or -1. */
function asciiDigits(text: string, p: number, n: number): number {
  let v = 0;
  for (let k = p; k < p + n; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + (c - 0x30);
  }
  return isArabic(text.charCodeAt(p + n)) ? -1 : v;
}

/**
 * The commonest date of the genre, `2021年9月17日` (ASCII digits: four, then one or two, then
 * one or two; no spaces; 日/号/號), with no separator or space after it, read directly: exactly
 * what parseExpr gives for it (a single date of day precision: the range and list separators it
 * would look for are not there), without its general machinery: most dates of the genre take
 * this path. Anything else (undefined) goes to parseExpr.
 */
function plainDate(text: string, p: number, to: number): DateExpr | undefined {
  const year = asciiDigits(text, p, 4);
  if (year < 0 || text.charCodeAt(p + 4) !== 0x5e74 /* 年 */) return undefined;
  let q = p + 5;
  const mLen = isArabic(text.charCodeAt(q + 1)) ? 2 : 1;
  const month = asciiDigits(text, q, mLen);
  if (month < 0 || text.charCodeAt(q + mLen) !== 0x6708 /* 月 */) return undefined;
  q += mLen + 1;
  const dLen = isArabic(text.charCodeAt(q + 1)) ? 2 : 1;
  const day = asciiDigits(text, q, dLen);
  const unit = text.charCodeAt(q + dLen);
  if (day < 0 || (unit !== 0x65e5 /* 日 */ && unit !== 0x53f7 /* 号 */ && unit !== 0x865f) /* 號 */) return undefined;
  const end = q + dLen + 1;
  if (end > to) return undefined;
  // What parseExpr would read next: spaces (skipped before a separator) or a separator.
  if (end < to) {
    const c = text.charCodeAt(end);
    if (isSpaceCode(c) || SEP_FIRST[c] === 1) return undefined;
  }
  return { kind: 'single', dates: [{ year, month, day }], style: 'arabic', text: text.slice(p, end), span: { start: p, end } };
}

function isNumCode(c: number): boolean {
  return isArabic(c) || isCnCode(c);
}
function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x09;
}

// ---------------------------------------------------------------------------------------------
// Years written wrong

/**
 * Characters that only look like a digit, with the digit they are taken for: Latin letters in place
 * of 0 and 1, and — among arabic digits — the Chinese zeros. (Among Chinese numerals the Latin and
 * full-width O are taken for 〇.)
 */
const DIGIT_LOOKALIKES: Readonly<Record<string, number>> = { O: 0, o: 0, Ｏ: 0, ｏ: 0, '〇': 0, '○': 0, l: 1, I: 1, '|': 1, ｌ: 1, Ｉ: 1, '｜': 1 };
/** The letters that look like 〇 among Chinese numerals (○ is a common typographic zero and is left alone). */
const ZERO_LOOKALIKES = new Set(['O', 'o', 'Ｏ', 'ｏ']);
/** Chinese digits of years (no tens: 二〇二一). */
const CN_YEAR_DIGITS = '〇零一二三四五六七八九';

/** A year that is not one as written: the wrong number of digits, or a look-alike in place of a digit. */
export interface MalformedYear {
  /** The year as written (without 年) and where it starts; `end` is after 年. */
  written: string;
  start: number;
  end: number;
  style: DateStyle;
  /** 'length': not four digits; 'lookalike': a character that only looks like a digit. */
  problem: 'length' | 'lookalike';
  /** The look-alike characters found. */
  lookalikes: string[];
  /** The year with its look-alikes replaced by the digits they stand for, when that makes four digits. */
  corrected?: string;
  /** Its value as a number (look-alikes read as the digits they stand for). */
  value: number;
}

/**
 * The year written wrong that ends with the 年 just before `end` (spaces allowed before 年 as in
 * dates), or undefined when there is none there or it is a year as it should be: four arabic
 * digits, or four Chinese digits. A run of at least three digits of the wrong length (201, 20014),
 * or digits with look-alikes among them (2O14, 2〇14, 二O一四, 2l14), is one; a run that is not a
 * year attempt (十年, 今年, 3年, a code like AB2O14) is not. Callers decide where such a year is a
 * date (before a month, in a reference frame): 100年 alone is a duration.
 */
export function malformedYearBefore(text: string, end: number): MalformedYear | undefined {
  if (end <= 0 || text.charCodeAt(end - 1) !== 0x5e74 /* 年 */) return undefined;
  let e = end - 1;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  let s = e;
  let arabic = 0;
  let chinese = 0;
  const looks: string[] = [];
  while (s > 0 && e - s < 9) {
    const ch = text[s - 1];
    const c = ch.charCodeAt(0);
    if (isArabic(c)) arabic++;
    else if (CN_YEAR_DIGITS.includes(ch) && !(ch === '〇' && arabic > 0)) chinese++;
    else if (DIGIT_LOOKALIKES[ch] !== undefined || ZERO_LOOKALIKES.has(ch)) looks.push(ch);
    else break;
    s--;
  }
  if (s === e || e - s > 8) return undefined;
  // A run glued to a Latin letter or a digit is a code, not a year.
  const before = s > 0 ? text.charCodeAt(s - 1) : 0;
  if ((before >= 0x41 && before <= 0x5a) || (before >= 0x61 && before <= 0x7a) || isArabic(before)) return undefined;
  const written = text.slice(s, e);
  const chars = [...written];
  // Arabic and Chinese digits in one run: only the Chinese zero, a look-alike among arabic digits (2〇14).
  if (arabic && chinese && chinese !== chars.filter((ch) => ch === '〇').length) return undefined;
  const style: DateStyle = arabic ? 'arabic' : 'chinese';
  const lookalikes = arabic ? chars.filter((ch) => !isArabic(ch.charCodeAt(0))) : chars.filter((ch) => ZERO_LOOKALIKES.has(ch));
  if (style === 'arabic' ? arabic < 2 : chinese < 2) return undefined;
  if (!arabic && chars.some((ch) => !CN_YEAR_DIGITS.includes(ch) && !ZERO_LOOKALIKES.has(ch))) return undefined;
  let corrected: string;
  let value = 0;
  if (style === 'arabic') {
    // Look-alikes become digits of the width the run's digits have (２Ｏ１４ → ２０１４).
    const wide = chars.some((ch) => ch.charCodeAt(0) >= 0xff10 && isArabic(ch.charCodeAt(0)));
    corrected = chars.map((ch) => (isArabic(ch.charCodeAt(0)) ? ch : String.fromCharCode((wide ? 0xff10 : 0x30) + DIGIT_LOOKALIKES[ch]))).join('');
    for (const ch of corrected) value = value * 10 + arabicValue(ch.charCodeAt(0));
  } else {
    corrected = chars.map((ch) => (ZERO_LOOKALIKES.has(ch) ? '〇' : ch)).join('');
    for (const ch of corrected) value = value * 10 + CN_DIGITS[ch];
  }
  if (lookalikes.length) {
    return { written, start: s, end, style, problem: chars.length === 4 ? 'lookalike' : 'length', lookalikes, corrected: chars.length === 4 ? corrected : undefined, value };
  }
  if (chars.length === 4 || chars.length < 3) return undefined;
  return { written, start: s, end, style, problem: 'length', lookalikes: [], value };
}
