/**
 * Dates as values, whatever the language they were written in: keys, order, sameness, and what
 * makes a date impossible (month 13, February 30, a range that ends before it starts).
 * Reading and writing dates is the language's (core/lang/zh/dates.ts, datesFormat.ts).
 */
import type { DateExpr, Message, SimpleDate } from '../types';

/** The days of a month (February: 29 when the year is unknown, a leap year or not otherwise). */
export function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a date cannot exist, or undefined: month 13, day 0, February 30 … */
export function dateProblem(d: SimpleDate): Message | undefined {
  if (d.yearOnly) return undefined;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return { en: `month ${d.month} does not exist`, zh: `不存在${d.month}月` };
  if (d.day === undefined) return undefined;
  if (d.day < 1) return { en: `day ${d.day} does not exist`, zh: `不存在${d.day}日` };
  const max = daysInMonth(d.year, d.month);
  if (d.day > max)
    return {
      en: `day ${d.day} does not exist in ${MONTH_EN[d.month - 1]}${d.year !== undefined ? ' ' + d.year : ''}`,
      zh: `${d.year !== undefined ? d.year + '年' : ''}${d.month}月没有${d.day}日`,
    };
  return undefined;
}

/** Orders two dates; missing parts compare as equal. */
export function compareDates(a: SimpleDate, b: SimpleDate): number {
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) return a.year - b.year;
  if (a.yearOnly || b.yearOnly) return 0;
  if (a.month !== b.month) return a.month - b.month;
  if (a.day !== undefined && b.day !== undefined) return a.day - b.day;
  return 0;
}

/** Every problem of a date expression: impossible dates, and a range that ends before it starts. */
export function dateExprProblem(e: Pick<DateExpr, 'kind' | 'dates'>): Message | undefined {
  for (const d of e.dates) {
    const p = dateProblem(d);
    if (p) return p;
  }
  if (e.kind === 'range' && e.dates.length === 2 && compareDates(e.dates[0], e.dates[1]) > 0)
    return {
      en: `the range ends (${dateKey(e.dates[1])}) before it starts (${dateKey(e.dates[0])})`,
      zh: `时间段的结束日期（${dateKey(e.dates[1])}）早于开始日期（${dateKey(e.dates[0])}）`,
    };
  return undefined;
}

export function sameDate(a: SimpleDate, b: SimpleDate): boolean {
  return a.year === b.year && !!a.yearOnly === !!b.yearOnly && (a.yearOnly || (a.month === b.month && a.day === b.day));
}

/** ISO-like key: `2021-09-17`, `2021-09`, `2021`, and `--09-17` for a year-less date. */
export function dateKey(d: SimpleDate): string {
  const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
  const y = d.year !== undefined ? String(d.year) : '-';
  if (d.yearOnly) return y;
  return y + '-' + p2(d.month) + (d.day !== undefined ? '-' + p2(d.day) : '');
}

/** Key of a whole expression: the keys of its dates joined by `/` (range) or `,` (list). */
export function dateExprKey(e: Pick<DateExpr, 'kind' | 'dates'>): string {
  return e.dates.map(dateKey).join(e.kind === 'range' ? '/' : ',');
}
