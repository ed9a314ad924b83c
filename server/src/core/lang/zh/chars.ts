/**
 * Classes of characters of Chinese text, by UTF-16 code unit: the one definition of each range
 * (every scanner tests code units, not strings, on its hot path).
 */

/** A CJK ideograph: unified ideographs and extension A (U+3400–U+9FFF), compatibility ideographs (U+F900–U+FAFF). */
export function isIdeograph(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** CJK symbols and punctuation (U+3000–U+303F): 、。〈〉《》「」 and the ideographic space. */
export function isCjkPunctuation(c: number): boolean {
  return c >= 0x3000 && c <= 0x303f;
}

/** Half-width and full-width forms (U+FF00–U+FFEF): （），：；０-９ … */
export function isFullWidthForm(c: number): boolean {
  return c >= 0xff00 && c <= 0xffef;
}

/**
 * A character of East Asian text, wide in a line: ideographs, CJK punctuation and symbols, kana
 * and the other U+3000–U+9FFF blocks, full-width forms.
 */
export function isCjk(c: number): boolean {
  return (c >= 0x3000 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || isFullWidthForm(c);
}

/** Space inside a line: ASCII space, tab, no-break space, ideographic space. */
export function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;
}
