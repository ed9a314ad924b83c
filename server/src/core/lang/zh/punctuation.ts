/**
 * Punctuation of Chinese official texts and of drafts copied from the web: title marks (书名号),
 * parentheses and separators in both widths, the stops that end a clause or a name, and the
 * folding of other punctuation forms to the ones official texts use.
 */
import type { ReferenceMention } from '../../types';

/** The title marks 《》 as a pair (a top-level reference's `bracket`). */
export const TITLE_MARKS: ReferenceMention['bracket'] = '《》';
/** The inner title marks 〈〉 as a pair (a nested reference's `bracket`). */
export const INNER_TITLE_MARKS: ReferenceMention['bracket'] = '〈〉';
/** What opens an inner title in a draft: 〈, and the look-alikes < ＜ ‹. */
export const INNER_TITLE_OPENERS = '〈<＜‹';
/** What closes an inner title in a draft: 〉 > ＞ ›. */
export const INNER_TITLE_CLOSERS = '〉>＞›';
/** Besides 《 and 》, what ends a title's body: a line break, 。. */
export const TITLE_BODY_STOPS = '\n\r。';
/** Brackets and dashes inside titles (losing or changing them is a slip, not another title). */
export const TITLE_INNER_PUNCTUATION = '〈〉《》（）()“”—-–－';

/** Opening parentheses, full and half width. */
export const OPEN_PARENS = '（(';
/** Closing parentheses, full and half width. */
export const CLOSE_PARENS = '）)';
/** Commas, full and half width. */
export const COMMAS = '，,';
/** Separators between the date and the place of a parenthesis: commas and 、. */
export const LIST_SEPARATORS = '，,、';
/** The full stop. */
export const FULL_STOP = '。';
/** What ends an event name: clause punctuation, title marks, quotes, line breaks. */
export const NAME_STOPS = '。，；：！？《》〈〉“”「」\n\r,;:!?"';

/** Half-width and other punctuation forms → the full-width forms Chinese official texts use. */
export const PUNCTUATION_FOLDS: Readonly<Record<string, string>> = {
  '(': '（',
  ')': '）',
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '<': '〈',
  '>': '〉',
  '＜': '〈',
  '＞': '〉',
  '«': '《',
  '»': '》',
  '"': '”',
  '“': '“',
  '”': '”',
  '‘': '‘',
  '’': '’',
  // Dashes of every width → the em dash used in 2021—2025年.
  '-': '—',
  '‐': '—',
  '‑': '—',
  '‒': '—',
  '–': '—',
  '―': '—',
  '－': '—',
  '─': '—',
  '~': '—',
  '～': '—',
  '〜': '—',
};

/** Full-width digits and Latin letters (U+FF10–U+FF19, U+FF21–U+FF5A), folded to ASCII. */
export const FULL_WIDTH_ALPHANUMERICS: readonly (readonly [number, number])[] = [
  [0xff10, 0xff19],
  [0xff21, 0xff5a],
];
