/**
 * Sentence formulas, mined as branching points of prefix/suffix tries over the corpus sentences
 * (model.ts explains the four kinds): openers, closers, connectives, and frames with a gap.
 */
import { closesVariablePart, ENUMERATION_COMMA, isClausePunct, opensVariablePart } from '../lang/zh/phrasing';
import { MAX_CONTEXTS, MAX_FORMULA, type Formula, type FormulaKind } from './model';
import type { ProvenanceOf, SentenceRec } from './encode';

/** A node branches when its most frequent continuation has less than this share. */
const BRANCH_SHARE = 0.75;

interface TrieCounts {
  count: Map<string, number>;
  maxChild: Map<string, number>;
  children: Map<string, number>;
}

function countTrie(keys: Iterable<string[]>): TrieCounts {
  const count = new Map<string, number>();
  for (const ks of keys) for (const k of ks) count.set(k, (count.get(k) ?? 0) + 1);
  const maxChild = new Map<string, number>();
  const children = new Map<string, number>();
  for (const [k, n] of count) {
    if (k.length < 2) continue;
    const parent = k.slice(0, -1);
    const pc = count.get(parent);
    if (pc === undefined) continue;
    if ((maxChild.get(parent) ?? 0) < n) maxChild.set(parent, n);
    children.set(parent, (children.get(parent) ?? 0) + 1);
  }
  return { count, maxChild, children };
}

/** Sentence-initial prefixes (up to a comma, a variable part, or MAX_FORMULA characters). */
function openerPrefixes(s: string): string[] {
  const out: string[] = [];
  for (let k = 1; k <= Math.min(MAX_FORMULA, s.length); k++) {
    const c = s[k - 1];
    if (opensVariablePart(c)) break;
    out.push(s.slice(0, k));
    if (isClausePunct(c)) break;
  }
  return out;
}

/** A clause: text up to and including its punctuation (，；：。！？), with its offset in the sentence. */
function clauses(s: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== ENUMERATION_COMMA && isClausePunct(c)) {
      out.push({ text: s.slice(start, i + 1), start });
      start = i + 1;
    }
  }
  if (start < s.length) out.push({ text: s.slice(start), start });
  return out;
}

/** Clause-final suffixes, reversed (so a prefix trie of them is a suffix trie of clauses). */
function closerSuffixesReversed(clause: string): string[] {
  const out: string[] = [];
  const last = clause[clause.length - 1];
  if (!isClausePunct(last) || last === ENUMERATION_COMMA) return out;
  let r = last;
  for (let k = 2; k <= Math.min(MAX_FORMULA, clause.length); k++) {
    const c = clause[clause.length - k];
    if (closesVariablePart(c) || isClausePunct(c)) break;
    r += c;
    out.push(r);
  }
  return out;
}

const reverse = (s: string) => Array.from(s).reverse().join('');

/**
 * Candidate formulas are mined on at most this many sentences (an even sample of a large corpus):
 * the tries of prefixes and suffixes are the costly part of learning. Their counts and contexts
 * then come from a pass over every sentence, so the frequencies reported are exact.
 */
const MINING_SAMPLE = 8000;

export function mineFormulas(sentences: SentenceRec[], minCount: number, prov: ProvenanceOf): Formula[] {
  const stride = Math.max(1, Math.ceil(sentences.length / MINING_SAMPLE));
  const sample = stride === 1 ? sentences : sentences.filter((_, i) => i % stride === 0);
  // Openers: branching nodes of the trie of sentence beginnings.
  const openT = countTrie(sample.map((x) => openerPrefixes(x.s)));
  const openers = new Map<string, Formula>();
  /** Sentence subjects: opener nodes without punctuation with several different continuations. */
  const subjects = new Set<string>();
  for (const [k, n] of openT.count) {
    if (n < minCount || k.length < 2) continue;
    const last = k[k.length - 1];
    const branching = (openT.maxChild.get(k) ?? 0) < BRANCH_SHARE * n;
    if (isClausePunct(last) ? k.length >= 3 : branching) openers.set(k, formula('opener', k, n));
    if (!isClausePunct(last) && branching && (openT.children.get(k) ?? 0) >= 3) subjects.add(k);
  }
  // Closers: branching nodes (leftwards) of the trie of clause endings.
  const closeT = countTrie(sample.flatMap((x) => clauses(x.s).map((c) => closerSuffixesReversed(c.text))));
  /** Closers keyed by their reversed text. */
  const closersRev = new Map<string, Formula>();
  const closers = new Set<string>();
  const openerTexts = [...openers.keys()].filter((o) => isClausePunct(o[o.length - 1]));
  for (const [k, n] of closeT.count) {
    if (n < minCount || k.length < 4) continue;
    if ((closeT.maxChild.get(k) ?? 0) < BRANCH_SHARE * n) {
      const text = reverse(k);
      // the verb and comma that end an opener (各代表团团长强调，) are not closers
      if (openerTexts.some((o) => o.endsWith(text))) continue;
      closersRev.set(k, formula('closer', text, n));
      closers.add(text);
    }
  }
  // Connectives: branching clause beginnings after a comma, or after a sentence subject.
  const clauseStarts = (cs: { text: string; start: number }[]): { text: string; start: number }[] => {
    const out = cs.slice(1);
    const first = cs[0]?.text ?? '';
    for (let k = Math.min(MAX_FORMULA, first.length); k >= 2; k--)
      if (subjects.has(first.slice(0, k))) {
        out.push({ text: first.slice(k), start: k });
        break;
      }
    return out;
  };
  const connT = countTrie(sample.flatMap((x) => clauseStarts(clauses(x.s)).map((c) => openerPrefixes(c.text))));
  const connectives = new Map<string, Formula>();
  for (const [k, n] of connT.count) {
    if (n < minCount || k.length < 2 || isClausePunct(k[k.length - 1])) continue;
    if ((connT.maxChild.get(k) ?? 0) < BRANCH_SHARE * n && !openers.has(k)) connectives.set(k, formula('connective', k, n));
  }
  // Frames: connective … closer in one clause, attested with different middles.
  const frames = new Map<string, { f: Formula; gaps: Set<string> }>();
  // One pass over every sentence: exact counts (when mined on a sample), attested contexts, frames.
  // The candidates are walked as character tries, so the pass allocates no strings.
  const exact = stride > 1;
  if (exact) for (const m of [openers, closersRev, connectives]) for (const f of m.values()) f.count = 0;
  const seen = (f: Formula | undefined, x: SentenceRec, start: number, length: number) => {
    if (!f) return;
    if (exact) f.count++;
    if (f.contexts.length < MAX_CONTEXTS) f.contexts.push(prov(x, start, length));
  };
  const openTrie = charTrie(openers);
  const closeTrie = charTrie(closersRev);
  const connTrie = charTrie(connectives);
  const subjTrie = charTrie(new Map([...subjects].map((k) => [k, formula('opener', k, 0)])));
  for (const x of sentences) {
    const t = x.s;
    walk(openTrie, t, 0, 1, (f) => seen(f, x, 0, f.text.length));
    // clause starts: after the sentence subject, and after each clause punctuation but 、
    let subjEnd = -1;
    walk(subjTrie, t, 0, 1, (f) => (subjEnd = f.text.length));
    let clauseStart = 0;
    for (let i = 0; i <= t.length; i++) {
      const endOfClause = i === t.length || (t[i] !== ENUMERATION_COMMA && isClausePunct(t[i]));
      if (!endOfClause) continue;
      const end = i < t.length ? i + 1 : i; // the clause with its punctuation
      if (i < t.length) walk(closeTrie, t, i, -1, (f) => seen(f, x, end - f.text.length, f.text.length));
      const starts = clauseStart === 0 ? (subjEnd > 0 && subjEnd < end ? [subjEnd] : []) : [clauseStart];
      for (const cs of starts) {
        let conn: Formula | undefined;
        walk(connTrie, t, cs, 1, (f) => {
          seen(f, x, cs, f.text.length);
          conn = f;
        });
        if (!conn || i >= t.length) continue;
        let clo: Formula | undefined;
        walk(closeTrie, t, i, -1, (f) => (clo = f));
        if (!clo || cs + conn.text.length > end - clo.text.length - 1) continue;
        const a = conn.text;
        const b = clo.text;
        const key = a + '…' + b;
        let e = frames.get(key);
        if (!e) frames.set(key, (e = { f: { kind: 'frame', text: key, parts: [a, b], count: 0, contexts: [] }, gaps: new Set() }));
        e.f.count++;
        if (e.gaps.size < 2) e.gaps.add(t.slice(cs + a.length, end - b.length));
        if (e.f.contexts.length < MAX_CONTEXTS) e.f.contexts.push(prov(x, cs, end - cs));
      }
      clauseStart = end;
    }
  }
  const out = [...openers.values(), ...closersRev.values(), ...connectives.values()];
  for (const { f, gaps } of frames.values()) if (f.count >= minCount && gaps.size >= 2) out.push(f);
  const order: Record<FormulaKind, number> = { opener: 0, closer: 1, connective: 2, frame: 3 };
  out.sort((a, b) => order[a.kind] - order[b.kind] || b.count - a.count || b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  return out;
}

interface CharTrie {
  next: Map<number, CharTrie>;
  f?: Formula;
}

/** A trie of the map's keys (as stored: closers reversed). */
function charTrie(m: Map<string, Formula>): CharTrie {
  const root: CharTrie = { next: new Map() };
  for (const [k, f] of m) {
    let n = root;
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      let nx = n.next.get(c);
      if (!nx) n.next.set(c, (nx = { next: new Map() }));
      n = nx;
    }
    n.f = f;
  }
  return root;
}

/** Walk `t` from `i` in direction `dir` along the trie, calling `hit` for every formula on the way. */
function walk(trie: CharTrie, t: string, i: number, dir: 1 | -1, hit: (f: Formula) => void): void {
  let n: CharTrie | undefined = trie;
  for (let j = i; j >= 0 && j < t.length; j += dir) {
    n = n.next.get(t.charCodeAt(j));
    if (!n) return;
    if (n.f) hit(n.f);
  }
}

function formula(kind: FormulaKind, text: string, count: number): Formula {
  return { kind, text, parts: [text], count, contexts: [] };
}
