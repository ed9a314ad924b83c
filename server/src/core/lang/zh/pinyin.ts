/**
 * Pinyin initials of Chinese text (上合组织经济论坛构想 → shzzjjltgx), so that a title can be found by
 * typing the first letters of its syllables. Without a dictionary: the 3,755 characters of GB2312's
 * first level — the common characters, which titles of the genre are written in — are ordered by
 * their pinyin, so a character's initial is the block its GB2312 code falls in. Characters of the
 * second level (ordered by radical), and characters outside GB2312, have no initial here; a
 * character with several readings gets the one GB2312 files it under. (A pinyin dictionary package
 * would read every character and every reading: this is the cheap version.)
 */
import * as iconv from 'iconv-lite';

/** First GB2312 code of each initial's block (level 1: 0xB0A1–0xD7F9), in code order. */
const BLOCKS: readonly [number, string][] = [
  [0xb0a1, 'a'],
  [0xb0c5, 'b'],
  [0xb2c1, 'c'],
  [0xb4ee, 'd'],
  [0xb6ea, 'e'],
  [0xb7a2, 'f'],
  [0xb8c1, 'g'],
  [0xb9fe, 'h'],
  [0xbbf7, 'j'],
  [0xbfa6, 'k'],
  [0xc0ac, 'l'],
  [0xc2e8, 'm'],
  [0xc4c3, 'n'],
  [0xc5b6, 'o'],
  [0xc5be, 'p'],
  [0xc6da, 'q'],
  [0xc8bb, 'r'],
  [0xc8f6, 's'],
  [0xcbfa, 't'],
  [0xcdda, 'w'],
  [0xcef4, 'x'],
  [0xd1b9, 'y'],
  [0xd4d1, 'z'],
];
const LEVEL1_END = 0xd7f9;

function initialOfCode(code: number): string {
  if (code < BLOCKS[0][0] || code > LEVEL1_END) return '';
  let lo = 0;
  let hi = BLOCKS.length - 1;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (BLOCKS[m][0] <= code) lo = m;
    else hi = m - 1;
  }
  return BLOCKS[lo][1];
}

/** Initial per ideograph, filled as characters are met (a few thousand at most). */
const memo = new Map<number, string>();

function initialOf(ch: string, c: number): string {
  let i = memo.get(c);
  if (i === undefined) {
    const b = iconv.encode(ch, 'gb2312');
    memo.set(c, (i = b.length === 2 ? initialOfCode((b[0] << 8) | b[1]) : ''));
  }
  return i;
}

/**
 * The initials of `text` (simplified characters): one letter per character of GB2312's first
 * level; ASCII letters and digits as they are (lower case); everything else left out.
 */
export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      if (/[0-9A-Za-z]/.test(ch)) out += ch.toLowerCase();
      continue;
    }
    if (c < 0x4e00 || c > 0x9fff) continue;
    out += initialOf(ch, c);
  }
  return out;
}

/**
 * Whether `typed` is something to match against initials: ASCII letters, nothing else (one letter
 * too: the list keeps the titles with that initial while the next letters are typed).
 */
export function isInitialsQuery(typed: string): boolean {
  return /^[A-Za-z]+$/.test(typed);
}
