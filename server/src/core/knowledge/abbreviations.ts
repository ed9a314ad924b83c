/**
 * Abbreviations declared in a text — `X（以下简称“Y”或“Z”）` — and the alias table they make:
 * full name → short name, by which titles are keyed (上海合作组织 → 上合组织). A title declares
 * its short title the same way: `《T》（以下简称《协定》）`, `《T》（以下简称“《协定》”）` (kept with
 * their title marks: `full` 《T》, `short` 《协定》); such a declaration holds in its own text only
 * (titleRefs.ts), and makes no alias.
 */
import type { Abbreviation } from '../types';
import type { AliasTable } from '../text/normalize';
import { TEXT_LANGUAGE } from '../lang';
import type { ProvenanceMaker } from './provenance';

const { abbreviations: vocab, punctuation, chars, script } = TEXT_LANGUAGE;
const isWordUnit = chars.isWordUnit;
const QUOTES_OPEN = vocab.quotesOpen;
const QUOTES_CLOSE = vocab.quotesClose;
const CLOSE_PARENS = punctuation.closeParens;
const FULL_NAME_CUTS = vocab.fullNameCuts;
const [TITLE_OPEN, TITLE_CLOSE] = punctuation.titleMarks;

/** Is a declared name a title with its marks (《协定》)? */
export function isTitleName(name: string): boolean {
  return name.length > 2 && name.startsWith(TITLE_OPEN) && name.endsWith(TITLE_CLOSE) && !name.includes(TITLE_OPEN, 1);
}

/** The 《 of the title whose 》 is at `close`, on the same line and within 300 units, or -1. */
function titleOpening(text: string, close: number): number {
  for (let k = close - 1; k >= 0 && close - k <= 300; k--) {
    const c = text[k];
    if (c === TITLE_OPEN) return k;
    if (c === TITLE_CLOSE || c === '\n' || c === '\r') return -1;
  }
  return -1;
}

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
      // Unquoted: （以下简称上合组织）, （简称上合组织、本组织）, （以下简称《协定》）.
      const inner = text.slice(m.index + m[0].length, i).trim();
      for (const raw of inner.split(vocab.shortNameSeparators)) {
        const part = raw.trim();
        if (vocab.shortName.test(part) || isTitleName(part)) shorts.push(part);
      }
      if (!shorts.length) continue;
    }
    // After a title: 《T》（以下简称《协定》）.
    let before = open;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\u3000')) before--;
    if (text[before - 1] === TITLE_CLOSE) {
      const t = titleOpening(text, before - 1);
      if (t < 0) continue;
      const full = text.slice(t, before);
      if (!isTitleName(full) || shorts.every((x) => x === full)) continue;
      out.push({ full, short: shorts, start: t, length: i + 1 - t });
      continue;
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

/**
 * Full → short pairs used in titles: the first short name of each declaration of a name (titles'
 * declarations hold in their own text only), as written and in the folded script (keys are
 * folded), longest full names first.
 */
export function aliasTableOf(abbreviations: readonly { full: string; short: readonly string[] }[]): AliasTable {
  const out: { full: string; short: string }[] = [];
  const seen = new Set<string>();
  const add = (full: string, short: string) => {
    if (!full || !short || full === short || seen.has(full)) return;
    seen.add(full);
    out.push({ full, short });
  };
  for (const a of abbreviations) {
    const short = a.short[0];
    if (!short || isTitleName(a.full)) continue;
    add(a.full, short);
    add(script.fold(a.full), script.fold(short));
  }
  out.sort((a, b) => b.full.length - a.full.length);
  return out;
}

/**
 * A title key without the member words that follow a declared organisation name
 * (上合组织成员国X → 上合组织X): titles whose keys are equal under it are one instrument
 * (《上海合作组织成员国X》, 《上合组织成员国X》, 《上合组织X》). Not part of the key itself: a slip inside
 * the member word (上合组织成员X) must stay one edit away from the title it misquotes.
 */
export function withoutMemberWords(key: string, aliases: AliasTable): string {
  for (const { short } of aliases) {
    for (const w of vocab.memberWords) {
      const both = short + w;
      if (key.includes(both)) key = key.split(both).join(short);
    }
  }
  return key;
}
