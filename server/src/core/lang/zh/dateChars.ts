/**
 * The characters of date expressions as the scanners see them around a date (the date grammar
 * itself is the date parser's): the run a date is made of, the characters a date ends with, and
 * the units that follow the number of every date.
 */

/** Code units that can occur inside a date expression (numerals, units, separators, spaces). */
export const DATE_CHARS = '0123456789０１２３４５６７８９〇零一二两三四五六七八九十廿卅○Ｏ年月日号號至到—–-~～〜－、和及与與或以 \u00a0\t';

/** The last character of every date: 日/号/號 (day), 月 (month), 年 (year). */
export const DATE_ENDS = '日月年号號';

/** The units right after a number in every date, 年 and 月 (what findDates' `units` lists). */
export const DATE_UNITS = '年月';
