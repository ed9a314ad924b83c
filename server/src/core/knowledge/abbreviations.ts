/**
 * Abbreviations declared in a text — `X（以下简称“Y”或“Z”）` — and the alias table they make:
 * full name → short name, by which titles are keyed (上海合作组织 → 上合组织).
 */
import type { Abbreviation } from '../types';
import type { AliasTable } from '../text/normalize';
import { TEXT_LANGUAGE } from '../lang';
import type { ProvenanceMaker } from './provenance';

const { abbreviations: vocab, punctuation, chars } = TEXT_LANGUAGE;
const isWordUnit = chars.isWordUnit;
const QUOTES_OPEN = vocab.quotesOpen;
const QUOTES_CLOSE = vocab.quotesClose;
const CLOSE_PARENS = punctuation.closeParens;
const FULL_NAME_CUTS = vocab.fullNameCuts;

export function extractAbbreviations(text: string, prov: ProvenanceMaker): Abbreviation[] {
  return findAbbreviations(text).map((a) => ({ full: a.full, short: a.short, provenance: prov.make(a.start, a.length) }));
}

/** An abbreviation declaration found in a text, before its provenance is made. */
export interface AbbreviationAt {
  full: string;
  short: string[];
  start: number;
  length: number;
}

/** The declarations of a text (what extractAbbreviations gives, without provenance). */
export function findAbbreviations(text: string): AbbreviationAt[] {
  const out: AbbreviationAt[] = [];
  const re = vocab.declaration;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const open = m.index;
    // The short names: quoted strings up to the closing parenthesis.
    const shorts: string[] = [];
    let i = m.index + m[0].length;
    const lim = Math.min(text.length, i + 80);
    while (i < lim && !CLOSE_PARENS.includes(text[i])) {
      const q = QUOTES_OPEN.indexOf(text[i]);
      if (q >= 0) {
        let j = i + 1;
        while (j < lim && !QUOTES_CLOSE.includes(text[j])) j++;
        if (j > i + 1 && j < lim) shorts.push(text.slice(i + 1, j));
        i = j + 1;
      } else i++;
    }
    if (i >= lim) continue;
    if (!shorts.length) {
      // Unquoted: （以下简称上合组织） or （简称上合组织、本组织）.
      const inner = text.slice(m.index + m[0].length, i).trim();
      for (const part of inner.split(vocab.shortNameSeparators)) if (vocab.shortName.test(part.trim())) shorts.push(part.trim());
      if (!shorts.length) continue;
    }
    // The full name: the word units before the parenthesis, from the first character the
    // short name shares with it (上海合作组织 → 上合组织), else back to the clause boundary.
    let k = open;
    while (k > 0 && open - k < 40 && isWordUnit(text.charCodeAt(k - 1))) k--;
    const run = text.slice(k, open);
    if (!run) continue;
    const first = shorts[0][0];
    const at = run.indexOf(first);
    let full = at >= 0 ? run.slice(at) : run;
    // Trim a leading function word when there was no shared character.
    if (at < 0) {
      let cut = -1;
      for (const w of FULL_NAME_CUTS) cut = Math.max(cut, run.lastIndexOf(w));
      if (cut >= 0) full = run.slice(cut + 1);
    }
    if (!full || shorts.every((s) => s === full)) continue;
    const start = open - full.length;
    out.push({ full, short: shorts, start, length: i + 1 - start });
  }
  return out;
}

/** Declarations of one full name merged: one entry per full name, every short name once. */
export function mergeAbbreviations<T extends { full: string; short: string[] }>(all: T[]): T[] {
  const byFull = new Map<string, T>();
  for (const a of all) {
    const prev = byFull.get(a.full);
    if (!prev) byFull.set(a.full, { ...a, short: [...a.short] });
    else for (const s of a.short) if (!prev.short.includes(s)) prev.short.push(s);
  }
  return [...byFull.values()];
}

/** Full → short pairs used in titles: the first short name of each declaration, longest full names first. */
export function aliasTableOf(abbreviations: readonly { full: string; short: readonly string[] }[]): AliasTable {
  const out: { full: string; short: string }[] = [];
  for (const a of abbreviations) if (a.short[0] && a.full !== a.short[0]) out.push({ full: a.full, short: a.short[0] });
  out.sort((a, b) => b.full.length - a.full.length);
  return out;
}
