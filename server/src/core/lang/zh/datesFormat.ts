/**
 * Writing dates the way Chinese official texts do: `2021年9月17日`, `二〇二一年十一月二十五日`, a range
 * within one month as `2021年9月15日至17日`, a list as `2021年3月30日、7月23日和9月2日`.
 * Reading them: dates.ts.
 */
import type { DateExpr, DateStyle, SimpleDate } from '../../types';
import { chineseSmall as cnSmallStr, chineseYear as cnYear } from './numerals';

/** `2021年9月17日` or `二〇二一年九月十七日`; a year-less date gives `9月17日`. */
export function formatDate(d: SimpleDate, style: DateStyle): string {
  const y = (n: number) => (style === 'chinese' ? cnYear(n) : String(n));
  const s = (n: number) => (style === 'chinese' ? cnSmallStr(n) : String(n));
  let out = '';
  if (d.year !== undefined) out += y(d.year) + '年';
  if (d.yearOnly) return out;
  out += s(d.month) + '月';
  if (d.day !== undefined) out += s(d.day) + '日';
  return out;
}

/**
 * Formats a date expression the way the genre writes it: a range within one month as
 * `2021年9月15日至17日`, a list as `2021年3月30日、7月23日和9月2日`, a year range as `2021至2022年`.
 */
export function formatDateExpr(e: Pick<DateExpr, 'kind' | 'dates' | 'style'>): string {
  const { dates, style } = e;
  if (dates.length === 0) return '';
  if (e.kind === 'single' || dates.length === 1) return formatDate(dates[0], style);
  if (e.kind === 'range' && dates[0].yearOnly && dates[1].yearOnly) {
    const y0 = formatDate(dates[0], style);
    return y0.slice(0, -1) + '至' + formatDate(dates[1], style);
  }
  const parts: string[] = [formatDate(dates[0], style)];
  for (let k = 1; k < dates.length; k++) parts.push(shortAfter(dates[k - 1], dates[k], style));
  if (e.kind === 'range') return formatRange(dates[0], dates[1], style);
  let out = parts[0];
  for (let k = 1; k < parts.length; k++) out += (k === parts.length - 1 ? '和' : '、') + parts[k];
  return out;
}

/** `d` written after `prev`, dropping the year (and month, inside a range of one month) it repeats. */
function shortAfter(prev: SimpleDate, d: SimpleDate, style: DateStyle): string {
  if (d.yearOnly || prev.yearOnly) return formatDate(d, style);
  if (d.year !== prev.year) return formatDate(d, style);
  const noYear: SimpleDate = { month: d.month, day: d.day };
  return formatDate(noYear, style);
}

/** Range-within-one-month form used by ranges: `至17日`. */
function rangeEnd(prev: SimpleDate, d: SimpleDate, style: DateStyle): string {
  if (d.yearOnly || prev.yearOnly || d.year !== prev.year) return formatDate(d, style);
  if (d.month === prev.month && d.day !== undefined && prev.day !== undefined)
    return (style === 'chinese' ? cnSmallStr(d.day) : String(d.day)) + '日';
  return formatDate({ month: d.month, day: d.day }, style);
}

// formatDateExpr's range branch uses rangeEnd; kept separate so lists keep the month.
export function formatRange(a: SimpleDate, b: SimpleDate, style: DateStyle): string {
  return formatDate(a, style) + '至' + rangeEnd(a, b, style);
}
