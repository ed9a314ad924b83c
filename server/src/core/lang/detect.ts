/**
 * Is a text written in the language Chancery reads? Asked for a document the editor did not hand to
 * the server (an untitled tab it detected as another language), so that the client can offer to
 * check it. Written against the `Language` interface: what a word unit is, the language says.
 */
import { TEXT_LANGUAGE } from './index';
import type { Language } from './types';

/** Fewer word units than this is too little text to tell (a line of a note, a code comment). */
export const MIN_WORD_UNITS = 20;

/**
 * True when `text` has at least MIN_WORD_UNITS word units of the language (Chinese: ideographs)
 * and they are at least half of its letters and digits (code, English prose or a table of numbers
 * with a few Chinese words is not a draft).
 */
export function isTextOfLanguage(text: string, lang: Language = TEXT_LANGUAGE): boolean {
  let units = 0;
  let others = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lang.chars.isWordUnit(c)) units++;
    else if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) others++;
  }
  return units >= MIN_WORD_UNITS && units >= others;
}
