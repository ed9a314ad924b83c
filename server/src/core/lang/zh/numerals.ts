/**
 * Numerals of Chinese text: arabic, full-width and Chinese (二〇二一, 十七, 廿五, 第二十次), read and
 * written. The one table of their values; dates, session numbers and the date checks use it.
 */

/** The value of each Chinese digit numeral (〇 and its look-alikes ○ Ｏ are zero; 两 is two). */
export const CN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** Tens numerals of dates: 十, and 廿 (20), 卅 (30). */
export const CN_TENS: Readonly<Record<string, number>> = { 十: 10, 廿: 20, 卅: 30 };

/** Digit value by code unit (-1: not a digit numeral). */
const DIGIT = new Int8Array(0x10000).fill(-1);
for (const [ch, v] of Object.entries(CN_DIGITS)) DIGIT[ch.charCodeAt(0)] = v;
/** 1 for every Chinese numeral of dates (digits and tens), by code unit. */
const NUMERAL = new Uint8Array(0x10000);
for (const ch of [...Object.keys(CN_DIGITS), ...Object.keys(CN_TENS)]) NUMERAL[ch.charCodeAt(0)] = 1;

/** A Chinese numeral of dates (a digit, 十, 廿 or 卅). */
export function isChineseNumeral(c: number): boolean {
  return NUMERAL[c] === 1;
}

/** The value of a Chinese digit numeral, or -1. */
export function chineseDigit(c: number): number {
  return DIGIT[c];
}

/** An arabic digit, half- or full-width. */
export function isArabicDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** The value of an arabic digit (half- or full-width). */
export function arabicDigit(c: number): number {
  return c >= 0xff10 ? c - 0xff10 : c - 0x30;
}

/**
 * A cardinal number: arabic (`20`) or Chinese (`二十`, `一百零五`, `十`); undefined when `s` is
 * neither (as in session numbers, 第二十次).
 */
export function parseCardinal(s: string): number | undefined {
  if (s.length === 0) return undefined;
  let arabic = true;
  for (let i = 0; i < s.length && arabic; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) arabic = false;
  }
  if (arabic) return Number(s);
  let total = 0;
  let cur = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = DIGIT[c];
    if (v >= 0) cur = v;
    else if (c === 0x5341 /* 十 */) {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (c === 0x767e /* 百 */) {
      total += (cur || 1) * 100;
      cur = 0;
    } else return undefined;
  }
  return total + cur;
}

/**
 * A month or day in the tens form: 十 → 10, 十一 → 11, 二十 → 20, 三十一 → 31, 廿五 → 25;
 * undefined when `run` is not of that form. A leading numeral of the previous word (统一十一月) is
 * tolerated: the last tens numeral is used.
 */
export function parseTensForm(run: string): number | undefined {
  let t = -1;
  for (let k = run.length - 1; k >= 0; k--)
    if (CN_TENS[run[k]] !== undefined) {
      t = k;
      break;
    }
  if (t < 0) return undefined;
  const after = run.slice(t + 1);
  if (after.length > 1) return undefined;
  const ones = after ? CN_DIGITS[after] : 0;
  if (ones === undefined) return undefined;
  const tensCh = run[t];
  if (tensCh !== '十') return CN_TENS[tensCh] + ones;
  const before = t > 0 ? CN_DIGITS[run[t - 1]] : undefined;
  if (before === 0) return undefined;
  return (before ?? 1) * 10 + ones;
}

const ONES = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A year digit by digit: 2021 → 二〇二一. */
export function chineseYear(y: number): string {
  let s = '';
  for (const ch of String(y)) s += ONES[ch.charCodeAt(0) - 48];
  return s;
}

/** A month or day: 9 → 九, 10 → 十, 17 → 十七, 21 → 二十一. */
export function chineseSmall(n: number): string {
  if (n < 10) return ONES[n];
  const t = Math.floor(n / 10);
  const o = n % 10;
  return (t === 1 ? '' : ONES[t]) + '十' + (o ? ONES[o] : '');
}
