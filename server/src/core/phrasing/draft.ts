/**
 * The document cache of the continuation model: what the drafter already wrote in this document is
 * likely to recur (names, titles, enumerations), so the draft before the current sentence is indexed
 * like the corpus and its counts are added to the corpus's.
 */
import { END_U } from './model';
import { encodeDraft } from './encode';
import { SuffixIndex, buildSuffixArray } from './suffixArray';

/**
 * The one draft index last built, keyed by its text: typing inside a sentence leaves the text
 * before it unchanged, so successive requests reuse it. (A memo of one entry: a second document
 * only costs a rebuild.)
 */
let last: { key: string; index: SuffixIndex } | undefined;

/**
 * The draft's text before `end` (at most `window` characters), indexed like the corpus; undefined
 * when there is none.
 */
export function draftIndex(text: string, end: number, window: number): SuffixIndex | undefined {
  if (window <= 0 || end <= 0) return undefined;
  const key = text.slice(Math.max(0, end - window), end);
  if (last?.key === key) return last.index;
  const d = encodeDraft(key);
  const u = new Uint16Array(d.length + 1);
  for (let i = 0; i < d.length; i++) u[i] = d.charCodeAt(i);
  u[d.length] = END_U;
  const index = new SuffixIndex(u, buildSuffixArray(u, 16), 16);
  last = { key, index };
  return index;
}
