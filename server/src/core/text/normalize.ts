/**
 * Text normalisation used to match titles and names whatever their typography:
 * half-width punctuation copied from the web, other dash forms, traditional characters,
 * stray spaces, and declared abbreviations (上海合作组织 → 上合组织).
 *
 * Every function here maps one UTF-16 unit of input to at most one unit of output except
 * `normalizeTitle`, which may also remove characters (spaces) and rewrite aliases; callers
 * that need spans keep the original text and replace whole titles.
 */
import { TEXT_LANGUAGE } from '../lang';
import { classOf } from '../lang/codeUnits';

const { punctuation, script } = TEXT_LANGUAGE;
/** Punctuation forms → the forms official texts use (the language's table). */
const PUNCT = punctuation.folds;
/** Ranges of full-width forms folded to ASCII (code unit − 0xFEE0). */
const WIDTH = punctuation.fullWidthFolded;

/** True for characters that `foldPunctuation` rewrites. */
export function isFoldablePunctuation(ch: string): boolean {
  if (ch in PUNCT) return true;
  for (const [from, to] of WIDTH) if (ch >= String.fromCharCode(from) && ch <= String.fromCharCode(to)) return true;
  return false;
}

/** Every character `foldPunctuation` rewrites, as one character class (built from PUNCT and WIDTH). */
const FOLDABLE = new RegExp(
  `[${classOf(Object.keys(PUNCT).join(''))}${WIDTH.map(([from, to]) => `\\u${hex4(from)}-\\u${hex4(to)}`).join('')}]`,
  'g',
);

function hex4(c: number): string {
  return c.toString(16).padStart(4, '0');
}

function foldOne(ch: string): string {
  return PUNCT[ch] ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/**
 * Width and punctuation folding, length-preserving (one unit in, one unit out):
 * half-width punctuation → full-width, dash forms → —, full-width digits/letters → ASCII.
 * One native regex pass; text with nothing to fold is returned as it is.
 */
export function foldPunctuation(s: string): string {
  return s.replace(FOLDABLE, foldOne);
}

/**
 * Full name → short name pairs used inside titles. The core learns these from 以下简称
 * declarations in the corpus; callers pass what the knowledge base holds.
 */
export type AliasTable = ReadonlyArray<{ full: string; short: string }>;

/**
 * The key under which a title is looked up: simplified characters, folded punctuation, no
 * white space, each declared full name replaced by its (first) short name.
 */
export function normalizeTitle(title: string, aliases: AliasTable = []): string {
  let s = foldPunctuation(script.fold(title)).replace(/[\s\u3000]+/g, '');
  for (const { full, short } of aliases) {
    if (full && short && s.includes(full)) s = s.split(full).join(short);
  }
  return s;
}
