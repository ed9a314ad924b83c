/**
 * The impossible-date check (date-invalid): month 13, February 30, a range that ends before it
 * starts, and a year written wrong — the wrong number of digits (20014年9月12日, 201年9月12日) or a
 * character that only looks like a digit (2O14年, 2〇14年, 二O一四年). The dates come from the one
 * date pass of the draft (scanText); most are surely possible at a glance, the rest go to
 * dateExprProblem. A year written wrong is no date to that pass (it reads the date after it as
 * one without a year): malformedYearFindings reads it (lang/zh/dates.ts malformedYearBefore).
 *
 * findInvalidDates does the same over a bare text, parsing only windows around the places where a
 * date part or a range ends and could be impossible.
 */
import type { DateExpr, Finding, FindingCode, Message, ReferenceMention } from '../../types';
import { dateExprProblem, daysInMonth } from '../../text/calendar';
import { findDates, malformedYearBefore, type MalformedYear } from '../../lang/zh/dates';
import { arabicDigit, isArabicDigit, isChineseNumeral } from '../../lang/zh/numerals';
import { isPrep } from '../../scan/venue';
import { finding, replaceFix } from './findings';

/**
 * The date-invalid findings of `dates` (the draft's date expressions), appended to `out` when the
 * code is on; returns where the impossible dates start (the reference checks leave those to this one).
 */
export function invalidDateFindings(dates: readonly DateExpr[], out: Finding[], on: (c: FindingCode) => boolean): Set<number> {
  const invalidAt = new Set<number>();
  for (const d of dates) {
    if (surelyPossible(d)) continue;
    const problem = dateExprProblem(d);
    if (!problem) continue;
    invalidAt.add(d.span.start);
    if (on('date-invalid'))
      out.push(finding('date-invalid', d.span.start, d.span.end, { en: `${d.text}: ${problem.en}`, zh: `${d.text}：${problem.zh}` }));
  }
  return invalidAt;
}

/** A date whose year is written wrong, read with that year (its span from the year), and its date-invalid finding. */
export interface MalformedDate {
  expr: DateExpr;
  /** The date-invalid finding (undefined when the code is off). */
  finding?: Finding;
  /** The fix that corrects its look-alikes, if it has one (the corpus's date may replace it). */
  lookalikeFix?: Finding['fixes'][number];
}

const isSpace = (c: number) => c === 0x20 || c === 0xa0 || c === 0x09 || c === 0x3000;

/**
 * Where a reference frame without a date would have its date end: after the 年 right before the
 * preposition of its place (`201年在杜尚别通过的《T》`), or -1.
 */
export function frameYearSlot(text: string, ref: ReferenceMention): number {
  if (ref.date || !ref.place) return -1;
  let k = ref.place.span.start;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  if (k === 0 || !isPrep(text.charCodeAt(k - 1))) return -1;
  k--;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  return text.charCodeAt(k - 1) === 0x5e74 /* 年 */ ? k : -1;
}

/**
 * The years of the draft written wrong, as date-invalid findings appended to `out` (when the code is
 * on) with the fix that corrects a look-alike. A year is read where it is a date: before a month
 * (the draft's year-less date right after it), in the date place of a reference frame, or — a
 * look-alike or five digits and more, which no duration is written with — anywhere. Returns the
 * dates so read, by where the reference checks look for them: the start of the year-less date after
 * the year, or (a year alone) the end of the year.
 */
export function malformedYearFindings(
  text: string,
  dates: readonly DateExpr[],
  refs: readonly ReferenceMention[],
  out: Finding[],
  on: (c: FindingCode) => boolean,
): Map<number, MalformedDate> {
  const found = new Map<number, MalformedDate>();
  let byStart: Map<number, DateExpr> | undefined;
  let slots: Set<number> | undefined;
  for (let i = text.indexOf('年'); i >= 0; i = text.indexOf('年', i + 1)) {
    const m = malformedYearBefore(text, i + 1);
    if (!m) continue;
    byStart ??= new Map(dates.map((d) => [d.span.start, d]));
    let p = i + 1;
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    const after = byStart.get(p);
    const month = after && after.dates[0].year === undefined && !after.dates[0].yearOnly ? after : undefined;
    if (!month && m.problem !== 'lookalike' && m.written.length < 5) {
      slots ??= frameSlots(text, refs);
      if (!slots.has(m.end)) continue;
    }
    const expr = withYear(text, m, month);
    const md: MalformedDate = { expr };
    if (m.corrected) md.lookalikeFix = replaceFix(m.start, m.start + m.written.length, m.corrected);
    if (on('date-invalid')) {
      const why = yearProblem(m);
      md.finding = finding('date-invalid', expr.span.start, expr.span.end, { en: `${expr.text}: ${why.en}`, zh: `${expr.text}：${why.zh}` }, md.lookalikeFix ? [md.lookalikeFix] : []);
      out.push(md.finding);
    }
    found.set(month ? month.span.start : m.end, md);
  }
  return found;
}

/** The frame year slots of `refs` and their inner references. */
function frameSlots(text: string, refs: readonly ReferenceMention[]): Set<number> {
  const out = new Set<number>();
  const visit = (r: ReferenceMention) => {
    const k = frameYearSlot(text, r);
    if (k >= 0) out.add(k);
    r.inner.forEach(visit);
  };
  refs.forEach(visit);
  return out;
}

/** The date a year written wrong begins: with the year-less date after it, or the year alone. */
function withYear(text: string, m: MalformedYear, after: DateExpr | undefined): DateExpr {
  if (!after) return { kind: 'single', dates: [{ year: m.value, month: 0, yearOnly: true }], style: m.style, text: text.slice(m.start, m.end), span: { start: m.start, end: m.end } };
  const dates = after.dates.map((d) => (d.year === undefined ? { ...d, year: m.value } : d));
  return { ...after, dates, style: m.style, text: text.slice(m.start, after.span.end), span: { start: m.start, end: after.span.end } };
}

/** What is wrong with a year, in both languages. */
function yearProblem(m: MalformedYear): Message {
  const q = m.lookalikes.map((c) => `“${c}”`).join('、');
  if (m.problem === 'lookalike')
    return { en: `in the year “${m.written}”, ${q} only looks like a digit`, zh: `年份“${m.written}”中的${q}不是数字，只是形似` };
  const n = [...m.written].length;
  const extra = m.lookalikes.length ? { en: `, and ${q} only looks like a digit`, zh: `，且${q}不是数字` } : { en: '', zh: '' };
  return { en: `the year “${m.written}” has ${n} digits, not 4${extra.en}`, zh: `年份“${m.written}”为${n}位，不是4位${extra.zh}` };
}

/** Characters where a date part or a range ends: the only places an impossible date shows. */
const DATE_STOPS = /[月日号號至到—–－~～〜-]/g;
/** A Chinese numeral of dates, as a one-character string (undefined: none). */
function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && isChineseNumeral(ch.charCodeAt(0));
}

/** The value of the arabic digit (half- or full-width) at `i`, or -1 (none, or outside the text). */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return isArabicDigit(c) ? arabicDigit(c) : -1;
}

/** The arabic number ending just before `end` (spaces skipped): value, digit count, start. */
function numberBefore(text: string, end: number): { v: number; n: number; start: number } {
  let j = end - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x3000)) j--;
  let v = 0;
  let n = 0;
  let scale = 1;
  while (n < 6 && digitAt(text, j) >= 0) {
    v += digitAt(text, j) * scale;
    scale *= 10;
    n++;
    j--;
  }
  return { v, n, start: j + 1 };
}

/** The arabic number starting at `start` (spaces skipped) and the character after it. */
function numberAfter(text: string, start: number): { v: number; n: number; unit: string } {
  let j = start;
  while (j < text.length && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x3000)) j++;
  let v = 0;
  let n = 0;
  while (n < 6 && digitAt(text, j) >= 0) {
    v = v * 10 + digitAt(text, j);
    n++;
    j++;
  }
  while (j < text.length && text.charCodeAt(j) === 0x20) j++;
  return { v, n, unit: text[j] ?? '' };
}

/**
 * Could the date part or range ending at `k` (月, 日, 至, a dash) be impossible? False only
 * where it surely is not: a month 1–12, a day that exists in the month before it, a range whose
 * second number of the same unit is not smaller. Chinese numerals are always looked at.
 */
function suspicious(text: string, k: number): boolean {
  let ch = text[k];
  if (ch === '号' || ch === '號') ch = '日';
  const before = numberBefore(text, k);
  if (ch === '月' || ch === '日') {
    if (before.n === 0) return isNumeralChar(text[before.start - 1] ?? '') || isNumeralChar(text[k - 1] ?? '');
    if (before.n >= 3 || before.v === 0) return true;
    if (ch === '月') return before.v > 12;
    if (before.v <= 28) return false;
    // Day 29–31: fine when the month before it has that many days (February depends on the year).
    const m = text[before.start - 1] === '月' ? numberBefore(text, before.start - 1) : undefined;
    if (!m || m.n === 0 || m.v < 1 || m.v > 12 || m.v === 2) return true;
    return before.v > daysInMonth(undefined, m.v);
  }
  // 至 or a dash: a range, suspicious unless its two ends of one unit are in order.
  let j = k - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x3000)) j--;
  let prev = text[j] ?? '';
  if (prev === '号' || prev === '號') prev = '日';
  const isDigit = digitAt(text, j) >= 0;
  if (!isDigit && prev !== '日' && prev !== '月' && prev !== '年') return isNumeralChar(prev);
  const left = isDigit ? numberBefore(text, j + 1) : numberBefore(text, j);
  const right = numberAfter(text, k + 1);
  if (left.n === 0 || right.n === 0) return isNumeralChar(text[j] ?? '') || isNumeralChar(text[k + 1] ?? '') || left.n === 0 && !isDigit;
  const unitOk = isDigit ? left.n === 4 && right.n === 4 : right.unit === prev || (prev === '日' && (right.unit === '号' || right.unit === '號'));
  return !(unitOk && right.v >= left.v);
}

const BEFORE = 80;
const AFTER = 40;

/**
 * Every date expression of `text` with a problem (impossible date, reversed range) — the same
 * as filtering `findDates(text)`, but only windows around suspicious places are parsed, so a
 * draft full of valid dates costs little more than one regular-expression scan.
 */
export function findInvalidDates(text: string): DateExpr[] {
  const triggers: number[] = [];
  DATE_STOPS.lastIndex = 0;
  while (DATE_STOPS.test(text)) {
    const k = DATE_STOPS.lastIndex - 1;
    if (suspicious(text, k)) triggers.push(k);
  }
  const out: DateExpr[] = [];
  const seen = new Set<number>();
  let i = 0;
  while (i < triggers.length) {
    // Merge overlapping windows.
    const from = Math.max(0, triggers[i] - BEFORE);
    let to = Math.min(text.length, triggers[i] + AFTER);
    const inWindow: number[] = [triggers[i++]];
    while (i < triggers.length && triggers[i] - BEFORE <= to) {
      to = Math.min(text.length, triggers[i] + AFTER);
      inWindow.push(triggers[i++]);
    }
    for (const d of findDates(text, from, to)) {
      if (seen.has(d.span.start) || !inWindow.some((t) => t >= d.span.start - 1 && t <= d.span.end)) continue;
      if (!dateExprProblem(d)) continue;
      seen.add(d.span.start);
      out.push(d);
    }
  }
  return out;
}

/**
 * A date expression that cannot have a problem, decided with a few reads: not a range, and
 * every date a year, or a month 1–12 with no day or a day 1–28 (every month has those).
 * Anything else goes to dateExprProblem.
 */
function surelyPossible(e: DateExpr): boolean {
  if (e.kind === 'range') return false;
  for (const d of e.dates) {
    if (d.yearOnly) continue;
    const m = d.month;
    if (!(m >= 1 && m <= 12 && (m | 0) === m)) return false;
    const day = d.day;
    if (day !== undefined && !(day >= 1 && day <= 28)) return false;
  }
  return true;
}
