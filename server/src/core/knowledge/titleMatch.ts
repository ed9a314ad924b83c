/**
 * Matching a title as a draft writes it against the titles the knowledge base knows.
 *
 * - `exact`: written as the corpus writes it (any spelling the corpus attests);
 * - `variant`: the same title once normalised (half-width punctuation, dash forms, traditional
 *   characters, spaces, 上海合作组织 for 上合组织 …); `departs` says whether the draft's typography
 *   departs from the corpus's (the alias form alone does not) and `suggestion` is the fix;
 * - `misquote`: close to exactly one known title, in a way that is a slip and not a different
 *   instrument: one character dropped, added, replaced (where the result is no word the corpus
 *   knows) or two transposed, a known near-synonym (协定/协议, 构想/纲要 …), or brackets/dashes lost;
 * - `different`: close to a known title but differing in a content word (a replaced word-like
 *   span, a replaced character that forms a word the corpus uses, any change in a number) —
 *   most likely another instrument the drafter is citing;
 * - `unknown`: close to nothing.
 *
 * Candidates come from a character-bigram inverted index over the normalised keys (built once
 * per index and kept by it), so a lookup never compares against every title; results are cached per
 * title string. Nothing here names an instrument: all titles come from the knowledge base.
 */
import { distance } from 'fastest-levenshtein';
import type { Instrument, KnowledgeBase, Message } from '../types';
import { foldPunctuation, normalizeTitle, type AliasTable } from '../text/normalize';
import { SliceCache } from '../util/stringCache';
import { TEXT_LANGUAGE } from '../lang';
import { classOf, unitOf } from '../lang/codeUnits';
import { derivedOf, type DerivedTable, type IndexLike } from './knowledgeIndex';
import { withoutMemberWords } from './abbreviations';

const { instruments: vocab, punctuation, script, chars } = TEXT_LANGUAGE;
const isWordUnit = chars.isWordUnit;

/** What matching needs from a KnowledgeIndex (knowledgeIndex.ts); structural so tests can pass a stub. */
export interface TitleIndexLike extends IndexLike {
  readonly aliases?: AliasTable;
}

export type TitleMatchKind = 'exact' | 'variant' | 'misquote' | 'different' | 'unknown';

export type TitleDiff =
  | 'dropped'
  | 'added'
  | 'replaced'
  | 'transposed'
  | 'near-synonym'
  | 'punctuation'
  | 'number'
  | 'content-word'
  | 'ambiguous'
  | 'several-edits';

export interface TitleMatch {
  kind: TitleMatchKind;
  instrument?: Instrument;
  /** Why, in English (the agreed signature's field). */
  reason?: string;
  /** Why, in both languages. */
  why?: Message;
  diff?: TitleDiff;
  /** For a variant: true when the draft's typography departs from every spelling the corpus uses. */
  departs?: boolean;
  /** For a variant that departs, or a misquote: the text to put between the brackets instead. */
  suggestion?: string;
}

const SYN = new Map<string, Set<string>>();
/** Near-synonyms drafters confuse (the language's): a title differing by one of them is a misquote. */
const NEAR_SYNONYMS = vocab.nearSynonyms;
for (const [a, b] of NEAR_SYNONYMS) {
  if (!SYN.has(a)) SYN.set(a, new Set());
  if (!SYN.has(b)) SYN.set(b, new Set());
  SYN.get(a)!.add(b);
  SYN.get(b)!.add(a);
}
const MAX_SYN = Math.max(...NEAR_SYNONYMS.flat().map((s) => s.length));

/** Brackets and dashes inside titles: losing or changing them is a slip, not another title. */
const TITLE_PUNCT = new RegExp(`[${classOf(punctuation.titleInnerPunctuation)}]`, 'g');

/**
 * Tables built from the knowledge base for matching (PREPARED). Only `keys`/`byKey` are built eagerly (an
 * exact title needs nothing else); the rest is built on first need, so a draft whose titles are
 * all exact never pays for candidate retrieval.
 */
interface Prepared {
  aliases: AliasTable;
  instruments: readonly Instrument[];
  keys: string[];
  byKey: Map<string, Instrument>;
  /** By key without member words (上合组织成员国X and 上合组织X: one instrument). */
  byLooseKey: Map<string, Instrument>;
  /** Every spelling the corpus attests (as written), and with only the alias rewriting applied. */
  spellings: Map<string, { written: Set<string>; aliased: Set<string> }>;
  /** Bigram → instrument indices (lazy). */
  postings?: Map<number, number[]>;
  /** Per instrument, the set of its key's bigrams (lazy). */
  grams: (Set<number> | undefined)[];
  /** CJK bigrams the corpus uses anywhere: its vocabulary, roughly (lazy). */
  vocabulary?: Set<number>;
  /** normalizeTitle memo for this knowledge base's aliases. */
  norm: Map<string, string>;
  /** Results per title as written (titles are fresh slices of drafts: see SliceCache). */
  cache: SliceCache<TitleMatch>;
}


/** A bigram as a small integer (a V8 Smi, so Map/Set lookups stay fast); collisions only widen the candidate set. */
function bigram(s: string, i: number): number {
  return (s.charCodeAt(i) * 65599 + s.charCodeAt(i + 1)) & 0x3fffffff;
}

const CJK_BASE = 0x3400;
const CJK_SPAN = 0x9fff - CJK_BASE + 1;


/** An exact key for a pair of CJK ideographs in U+3400–U+9FFF (a Smi), or -1. */
function cjkPair(a: number, b: number): number {
  if (a < CJK_BASE || a > 0x9fff || b < CJK_BASE || b > 0x9fff) return -1;
  return (a - CJK_BASE) * CJK_SPAN + (b - CJK_BASE);
}

function aliasesOf(index: TitleIndexLike): AliasTable {
  if (index.aliases) return index.aliases;
  const out: { full: string; short: string }[] = [];
  for (const a of index.kb.abbreviations) if (a.short.length) out.push({ full: a.full, short: a.short[0] });
  return out;
}

/** Only the alias rewriting of normalizeTitle (no width, script or space folding). */
function applyAliases(s: string, aliases: AliasTable): string {
  for (const { full, short } of aliases) if (full && short && s.includes(full)) s = s.split(full).join(short);
  return s;
}

function addVocabulary(vocab: Set<number>, s: string): void {
  for (let i = 0; i + 1 < s.length; i++) {
    const k = cjkPair(s.charCodeAt(i), s.charCodeAt(i + 1));
    if (k >= 0) vocab.add(k);
  }
}

function normOf(p: Prepared, title: string): string {
  let k = p.norm.get(title);
  if (k === undefined) {
    k = normalizeTitle(title, p.aliases);
    // Titles of drafts come here (detached by matchTitle); bounded like the result cache.
    if (p.norm.size > 100_000) p.norm.clear();
    p.norm.set(title, k);
  }
  return k;
}

/** The matching tables of a knowledge base (owned by its index: see derivedOf). */
const PREPARED: DerivedTable<Prepared, TitleIndexLike> = {
  name: 'titleMatch.prepared',
  build(index) {
    const instruments = index.kb.instruments;
    const p: Prepared = { aliases: aliasesOf(index), instruments, keys: [], byKey: new Map(), byLooseKey: new Map(), spellings: new Map(), grams: [], norm: new Map(), cache: new SliceCache<TitleMatch>() };
    for (const inst of instruments) {
      // An instrument's id is its normalised title (types.ts), under the same alias table.
      const key = inst.id;
      p.norm.set(inst.title, key);
      p.keys.push(key);
      if (!p.byKey.has(key)) p.byKey.set(key, inst);
      if (!p.byKey.has(inst.id)) p.byKey.set(inst.id, inst);
      const loose = withoutMemberWords(key, p.aliases);
      if (!p.byLooseKey.has(loose)) p.byLooseKey.set(loose, inst);
    }
    return p;
  },
};

/** Spellings of an instrument attested in the corpus: titles in its mentions' sentences with its key. */
function spellingsOf(p: Prepared, inst: Instrument): { written: Set<string>; aliased: Set<string> } {
  let sp = p.spellings.get(inst.id);
  if (sp) return sp;
  const key = normOf(p, inst.title);
  const written = new Set<string>([inst.title]);
  for (const m of inst.mentions) for (const t of titlesIn(m.sentence)) if (t !== inst.title && !written.has(t) && normOf(p, t) === key) written.add(t);
  sp = { written, aliased: new Set([...written].map((s) => applyAliases(s, p.aliases))) };
  p.spellings.set(inst.id, sp);
  return sp;
}

const EMPTY: number[] = [];

/** The distinct bigrams of an instrument's key (lazy, cached). */
function gramsOf(p: Prepared, n: number): Set<number> {
  let g = p.grams[n];
  if (!g) {
    const key = p.keys[n];
    g = new Set<number>();
    for (let i = 0; i + 1 < key.length; i++) g.add(bigram(key, i));
    p.grams[n] = g;
  }
  return g;
}

function postingsOf(p: Prepared): Map<number, number[]> {
  if (p.postings) return p.postings;
  const postings = new Map<number, number[]>();
  p.keys.forEach((key, n) => {
    const seen = new Set<number>();
    for (let i = 0; i + 1 < key.length; i++) {
      const g = bigram(key, i);
      if (seen.has(g)) continue;
      seen.add(g);
      let list = postings.get(g);
      if (!list) postings.set(g, (list = []));
      list.push(n);
    }
  });
  return (p.postings = postings);
}

function vocabularyOf(p: Prepared, kb: KnowledgeBase): Set<number> {
  if (p.vocabulary) return p.vocabulary;
  const vocabulary = new Set<number>();
  const seen = new Set<string>();
  const add = (s: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    addVocabulary(vocabulary, s);
  };
  for (const inst of p.instruments) {
    add(inst.title);
    for (const m of inst.mentions) add(m.sentence);
  }
  for (const e of kb.events) {
    add(e.name);
    add(e.provenance.sentence);
  }
  return (p.vocabulary = vocabulary);
}

const TITLE_OPEN = unitOf(punctuation.titleMarks[0]);
const TITLE_CLOSE = unitOf(punctuation.titleMarks[1]);
const INNER_OPEN = unitOf(punctuation.innerTitleMarks[0]);
const INNER_CLOSE = unitOf(punctuation.innerTitleMarks[1]);

/** The 《…》 and 〈…〉 titles in a sentence (flat, both levels). */
function titlesIn(s: string): string[] {
  const out: string[] = [];
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === TITLE_OPEN || c === INNER_OPEN) stack.push(i);
    else if ((c === TITLE_CLOSE || c === INNER_CLOSE) && stack.length) out.push(s.slice(stack.pop()! + 1, i));
  }
  return out;
}

/** The corpus title, with a declared full name where the draft wrote the full name (上海合作组织). */
function keepAliasForm(title: string, written: string, aliases: AliasTable): string {
  for (const { full, short } of aliases) {
    if (full && short && written.includes(full) && !title.includes(full) && title.includes(short)) title = title.split(short).join(full);
  }
  return title;
}

/** Folds the draft's typography only (length may change where spaces are dropped). */
function foldTypography(s: string): string {
  return foldPunctuation(script.fold(s)).replace(/[\s\u3000]+/g, '');
}

/** Matches `title` (without its brackets) against the knowledge base behind `index`. */
export function matchTitle(title: string, index: TitleIndexLike): TitleMatch {
  const p = derivedOf(index, PREPARED);
  // Computed on a detached copy of the title: the cached result outlives the draft's text.
  return p.cache.resolve(title, (own) => matchUncached(own, p, index.kb), 50_000);
}

function matchUncached(title: string, p: Prepared, kb: KnowledgeBase): TitleMatch {
  const key = normOf(p, title);
  const inst = p.byKey.get(key);
  if (inst) {
    if (title === inst.title) return { kind: 'exact', instrument: inst };
    const sp = spellingsOf(p, inst);
    if (sp.written.has(title)) return { kind: 'exact', instrument: inst };
    const aliased = applyAliases(title, p.aliases);
    if (sp.aliased.has(aliased)) {
      return {
        kind: 'variant',
        instrument: inst,
        departs: false,
        reason: 'the full name for a declared abbreviation',
        why: { en: 'the full name for a declared abbreviation', zh: '以全称代替已声明的简称' },
      };
    }
    // The draft's typography departs: suggest its own text with the typography folded when that
    // is a spelling the corpus uses (so an alias form stays), else the corpus's title.
    const folded = foldTypography(title);
    const suggestion = sp.aliased.has(applyAliases(folded, p.aliases)) ? folded : inst.title;
    return {
      kind: 'variant',
      instrument: inst,
      departs: true,
      suggestion,
      reason: 'typography differs from the corpus (punctuation width, dash form, traditional characters or spaces)',
      why: {
        en: 'typography differs from the corpus (punctuation width, dash form, traditional characters or spaces)',
        zh: '书写形式与语料不同（标点全半角、连接号、繁体字或空格）',
      },
    };
  }
  // With or without the member word after a declared name (上合组织成员国X / 上合组织X): the same
  // instrument, as the alias form is; only the typography may depart.
  const loose = p.byLooseKey.get(withoutMemberWords(key, p.aliases));
  if (loose) {
    const folded = foldTypography(title);
    if (folded === title) return { kind: 'variant', instrument: loose, departs: false, reason: 'with or without the member word after a declared name', why: { en: 'with or without the member word after a declared name', zh: '声明的名称后有无“成员国”' } };
    return {
      kind: 'variant',
      instrument: loose,
      departs: true,
      suggestion: folded,
      reason: 'typography differs from the corpus (punctuation width, dash form, traditional characters or spaces)',
      why: { en: 'typography differs from the corpus (punctuation width, dash form, traditional characters or spaces)', zh: '书写形式与语料不同（标点全半角、连接号、繁体字或空格）' },
    };
  }
  return nearest(key, p, kb, title);
}

interface Classified {
  n: number;
  kind: 'misquote' | 'different';
  diff: TitleDiff;
  dist: number;
}

function nearest(key: string, p: Prepared, kb: KnowledgeBase, written: string): TitleMatch {
  if (key.length < 2 || p.instruments.length === 0) return { kind: 'unknown' };
  // Candidate retrieval: titles sharing at least half of the key's bigrams. By pigeonhole such a
  // title is in one of the (q − ⌈q/2⌉ + 1) rarest posting lists of the key's bigrams, so common
  // bigrams (上合, 组织 …, in every title of a large corpus) never enumerate the whole base.
  const postings = postingsOf(p);
  const grams: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i + 1 < key.length; i++) {
    const g = bigram(key, i);
    if (!seen.has(g)) {
      seen.add(g);
      grams.push(g);
    }
  }
  const q = grams.length;
  const lists = grams.map((g) => postings.get(g) ?? EMPTY).sort((x, y) => x.length - y.length);
  const probe = q - Math.ceil(q / 2) + 1;
  const candidates = new Set<number>();
  for (let j = 0; j < probe && j < lists.length; j++) for (const n of lists[j]) candidates.add(n);
  const cands: { n: number; shared: number }[] = [];
  for (const n of candidates) {
    const k = p.keys[n];
    if (Math.abs(k.length - key.length) > 6) continue;
    const kg = gramsOf(p, n);
    let shared = 0;
    for (const g of grams) if (kg.has(g)) shared++;
    // Overlap relative to the larger of the two bigram sets.
    if (shared / Math.max(q, kg.size) >= 0.5) cands.push({ n, shared });
  }
  if (cands.length === 0) return { kind: 'unknown' };
  cands.sort((a, b) => b.shared - a.shared);
  const top = cands.slice(0, 8);
  const classified: Classified[] = [];
  for (const { n } of top) {
    const c = classify(key, p.keys[n], () => vocabularyOf(p, kb));
    if (c) classified.push({ n, ...c, dist: distance(key, p.keys[n]) });
  }
  const misquotes = classified.filter((c) => c.kind === 'misquote').sort((a, b) => a.dist - b.dist);
  if (misquotes.length === 1 || (misquotes.length > 1 && misquotes[0].dist < misquotes[1].dist)) {
    const best = misquotes[0];
    const inst = p.instruments[best.n];
    return { kind: 'misquote', instrument: inst, diff: best.diff, suggestion: keepAliasForm(inst.title, written, p.aliases), ...explain(best.diff) };
  }
  if (misquotes.length > 1) {
    return { kind: 'different', instrument: p.instruments[misquotes[0].n], diff: 'ambiguous', ...explain('ambiguous') };
  }
  const diffs = classified.sort((a, b) => a.dist - b.dist);
  if (diffs.length) {
    const best = diffs[0];
    return { kind: 'different', instrument: p.instruments[best.n], diff: best.diff, ...explain(best.diff) };
  }
  return { kind: 'unknown' };
}

const EXPLAIN: Record<TitleDiff, Message> = {
  dropped: { en: 'a character is missing', zh: '缺少一个字' },
  added: { en: 'a character was added', zh: '多了一个字' },
  replaced: { en: 'a character was replaced', zh: '有一个字写错' },
  transposed: { en: 'two characters are transposed', zh: '有两个字顺序颠倒' },
  'near-synonym': { en: 'a near-synonym replaces the word the title uses', zh: '用了近义词代替标题原词' },
  punctuation: { en: 'brackets or dashes differ', zh: '书名号、括号或连接号不同' },
  number: { en: 'a number differs (most likely another instrument)', zh: '数字不同（很可能是另一份文件）' },
  'content-word': { en: 'a content word differs (most likely another instrument)', zh: '实词不同（很可能是另一份文件）' },
  ambiguous: { en: 'close to several known titles', zh: '与多个已知标题相近' },
  'several-edits': { en: 'several parts differ', zh: '多处不同' },
};

function explain(d: TitleDiff): { reason: string; why: Message } {
  return { reason: EXPLAIN[d].en, why: EXPLAIN[d] };
}

function hasDigit(s: string): boolean {
  return /[0-9]/.test(s);
}

/** How the draft key `q` differs from the known key `k`; undefined when not close at all. */
function classify(q: string, k: string, vocabulary: () => Set<number>): { kind: 'misquote' | 'different'; diff: TitleDiff } | undefined {
  let pre = 0;
  const min = Math.min(q.length, k.length);
  while (pre < min && q.charCodeAt(pre) === k.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < min - pre && q.charCodeAt(q.length - 1 - suf) === k.charCodeAt(k.length - 1 - suf)) suf++;
  const a = q.slice(pre, q.length - suf);
  const b = k.slice(pre, k.length - suf);
  // Brackets or dashes lost or changed, the words intact.
  const qs = q.replace(TITLE_PUNCT, '');
  if (qs === k.replace(TITLE_PUNCT, '') && qs !== q) return { kind: 'misquote', diff: 'punctuation' };
  // Numbers (years, periods) name different instruments: 2035 is not 2025.
  if (hasDigit(a) || hasDigit(b)) return { kind: 'different', diff: 'number' };
  // A known near-synonym, possibly reaching beyond the differing span on either side.
  for (let l = 0; l <= MAX_SYN && l <= pre; l++) {
    for (let r = 0; r <= MAX_SYN && r <= suf; r++) {
      const A = q.slice(pre - l, q.length - suf + r);
      const B = k.slice(pre - l, k.length - suf + r);
      if (A.length > MAX_SYN || B.length > MAX_SYN) continue;
      if (SYN.get(A)?.has(B)) return { kind: 'misquote', diff: 'near-synonym' };
    }
  }
  if (a.length === 0 && b.length === 1) return { kind: 'misquote', diff: 'dropped' };
  if (a.length === 1 && b.length === 0) return { kind: 'misquote', diff: 'added' };
  if (a.length === 2 && b.length === 2 && a[0] === b[1] && a[1] === b[0]) return { kind: 'misquote', diff: 'transposed' };
  if (a.length === 1 && b.length === 1) {
    // A replaced character that forms, with a neighbour, a word the corpus uses is a content change.
    const c = a.charCodeAt(0);
    const left = pre > 0 ? q.charCodeAt(pre - 1) : 0;
    const right = q.length - suf < q.length ? q.charCodeAt(q.length - suf) : 0;
    const word = isWordUnit(c) && (vocabulary().has(cjkPair(left, c)) || vocabulary().has(cjkPair(c, right)));
    return word ? { kind: 'different', diff: 'content-word' } : { kind: 'misquote', diff: 'replaced' };
  }
  // A whole word-like span replaced, or several edits: another instrument, if close at all.
  const span = Math.max(a.length, b.length);
  if (span <= 4 || span <= Math.floor(k.length / 4)) {
    return { kind: 'different', diff: a.length === b.length && span <= 4 ? 'content-word' : 'several-edits' };
  }
  return undefined;
}
