/**
 * Text normalisation used to match titles and names whatever their typography:
 * half-width punctuation copied from the web, other dash forms, traditional characters,
 * stray spaces, and declared abbreviations (上海合作组织 → 上合组织).
 *
 * Every function here maps one UTF-16 unit of input to at most one unit of output except
 * `normalizeTitle`, which may also remove characters (spaces) and rewrite aliases; callers
 * that need spans keep the original text and replace whole titles.
 */
import { toSimplified } from '../lang/zh/script';

/** Half-width and other punctuation forms → the full-width forms Chinese official texts use. */
const PUNCT: Record<string, string> = {
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

/** True for characters that `foldPunctuation` rewrites. */
export function isFoldablePunctuation(ch: string): boolean {
  return ch in PUNCT || (ch >= '\uff10' && ch <= '\uff19') || (ch >= '\uff21' && ch <= '\uff5a');
}

/** Every character `foldPunctuation` rewrites, as one character class (built from PUNCT). */
const FOLDABLE = new RegExp(
  `[${Object.keys(PUNCT)
    .map((c) => c.replace(/[\\\]^-]/g, '\\$&'))
    .join('')}\uff10-\uff19\uff21-\uff5a]`,
  'g',
);

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
  let s = foldPunctuation(toSimplified(title)).replace(/[\s\u3000]+/g, '');
  for (const { full, short } of aliases) {
    if (full && short && s.includes(full)) s = s.split(full).join(short);
  }
  return s;
}
