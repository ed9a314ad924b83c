/**
 * Learned phrasing: what the genre writes, learned from the corpus and offered back while typing.
 *
 * The model has three parts (docs/phrasing.md explains the choices and the measured figures):
 *
 * 1. A continuation model: the corpus text (sentences prefixed by a sentence-start marker, the first
 *    sentence of a paragraph by a paragraph-start marker too) indexed by a suffix array. Given the
 *    current sentence before the cursor, every context order (the last 1..12 characters) is looked up
 *    as one range of the array; the next character is predicted by interpolating the orders
 *    (Witten–Bell), and a proposal is extended character by character while the corpus keeps it
 *    likely, so it stops where the corpus branches — statistical phrase boundaries, not fixed
 *    n-gram lengths. Chinese has no spaces, so a word-level model would need a segmenter and a
 *    dictionary; characters with variable order need neither and still propose whole phrases.
 * 2. Sentence formulas, mined as branching points of prefix/suffix tries: openers (sentence-initial
 *    strings after which the corpus branches: 各代表团团长强调，), closers (clause-final strings
 *    preceded by many different texts: …十分重要。), connectives (clause-initial strings after a
 *    comma or after a sentence subject: 应继续落实), and frames with a gap (connective…closer pairs
 *    attested with different middles: 支持继续就…开展工作).
 * 3. Templates: reference frames with their variable parts (dates, places, titles) generalised into
 *    slots, offered as snippets whose tab stops have choice lists from the corpus and knowledge base.
 *
 * The model is plain JSON data with a version; the suffix array is derived (rebuilt lazily after
 * deserialisation) and cached outside the object.
 */
import type { CompletionEntry } from '../service';
import type { CorpusDocument, KnowledgeBase, Provenance } from '../types';
import { foldPunctuation } from '../text/normalize';
import { toSimplified } from '../lang/zh/script';
import { isIdeograph } from '../lang/zh/chars';
import { formatDate } from '../lang/zh/datesFormat';
import { splitParagraphs, splitSentences } from '../corpus/split';
import { lineMark } from '../corpus/formats';
import { escapeMarkdown } from '../text/markdown';
import { buildSuffixArray, SuffixIndex } from './suffixArray';
import {
  findDateSlots,
  findFramePlaces,
  findTitleSlots,
  foldText,
  isClausePunct,
  sentenceStartBefore,
  type Slot,
  type SlotKind,
} from './segment';

export const PHRASING_MODEL_VERSION = 1;

/** Marker before every sentence but the first of a paragraph. */
const SENT = '\u0001';
/** Marker before the first sentence of a paragraph. */
const PARA = '\u0002';
/** Marker after a paragraph. */
const END = '\u0003';
const SENT_U = 1;
const PARA_U = 2;
const END_U = 3;

/** Suffixes are ordered on this many units: contexts (a sliding window of ≤ 7) never look further. */
const SA_DEPTH = 8;
/**
 * Longest context order. Measured on the embedded corpus (docs/phrasing.md): 4–5 characters predict
 * best; longer contexts mostly repeat one attestation and over-commit to it.
 */
const DEFAULT_CONTEXT = 5;

export type FormulaKind = 'opener' | 'closer' | 'connective' | 'frame';

export interface Formula {
  kind: FormulaKind;
  /** The formula as written; frames show their gap as …: 支持继续就…开展工作. */
  text: string;
  /** Frames: the fixed parts around the gap; others: [text]. */
  parts: string[];
  /** How many sentences (openers), clauses (closers, connectives, frames) use it. */
  count: number;
  /** Attested contexts (first few occurrences). */
  contexts: Provenance[];
}

export type TemplatePart = string | { slot: SlotKind };

export interface Template {
  /** Readable form: {date}在{place}通过的《{title}》. */
  pattern: string;
  parts: TemplatePart[];
  count: number;
  /** Text written just before the frame (up to 4 characters), most frequent first: 欢迎, 落实 … */
  leads: { text: string; count: number }[];
  contexts: Provenance[];
}

export interface PhrasingModel {
  version: typeof PHRASING_MODEL_VERSION;
  /** The training text: PARA sentence (SENT sentence)* END per paragraph, punctuation folded. */
  text: string;
  /** Source documents' uris. */
  uris: string[];
  /**
   * Sentence anchors, flat quadruples [modelOffset, docIndex, docOffset, line], in model order:
   * a model offset maps back to the corpus (provenance of every proposal).
   */
  anchors: number[];
  formulas: Formula[];
  templates: Template[];
  /** Choice lists for template slots, most frequent first (corpus frames + knowledge base). */
  choices: Record<SlotKind, string[]>;
  stats: {
    documents: number;
    paragraphs: number;
    sentences: number;
    chars: number;
    learnMs: number;
    /** Milliseconds per phase: text, formulas, templates, index (the suffix array). */
    phaseMs?: Record<string, number>;
  };
}

export interface LearnOptions {
  /** Minimum attestations for a formula or template (default 2). */
  minCount?: number;
}

// ---------------------------------------------------------------------------------------------
// Learning

interface SentenceRec {
  /** Folded sentence text. */
  s: string;
  /** Offset of the sentence's first character in the model text. */
  at: number;
  doc: number;
  offset: number;
}

/** Learn the phrasing model from corpus documents (and optionally the knowledge base built from them). */
export function learnPhrasing(docs: CorpusDocument[], kb?: KnowledgeBase, options: LearnOptions = {}): PhrasingModel {
  const t0 = Date.now();
  const minCount = options.minCount ?? 2;
  const parts: string[] = [];
  const anchors: number[] = [];
  const sentences: SentenceRec[] = [];
  const lineStarts: number[][] = [];
  let pos = 0;
  let paragraphs = 0;
  let chars = 0;
  docs.forEach((doc, di) => {
    const text = doc.text;
    const ls = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) ls.push(i + 1);
    lineStarts.push(ls);
    for (const para of splitParagraphs(text)) {
      paragraphs++;
      splitSentences(text, para).forEach((sp, j) => {
        const s = foldText(text.slice(sp.start, sp.end));
        parts.push(j === 0 ? PARA : SENT);
        pos++;
        anchors.push(pos, di, sp.start, lineOf(ls, sp.start));
        sentences.push({ s, at: pos, doc: di, offset: sp.start });
        parts.push(s);
        pos += s.length;
        chars += s.length;
      });
      parts.push(END);
      pos++;
    }
  });
  const modelText = parts.join('');
  const t1 = Date.now();
  const model: PhrasingModel = {
    version: PHRASING_MODEL_VERSION,
    text: modelText,
    uris: docs.map((d) => d.uri),
    anchors,
    formulas: [],
    templates: [],
    choices: { date: [], place: [], title: [] },
    stats: { documents: docs.length, paragraphs, sentences: sentences.length, chars, learnMs: 0 },
  };
  const prov = (sent: SentenceRec, start: number, length: number): Provenance => {
    const doc = docs[sent.doc];
    const offset = sent.offset + start;
    const line = lineOf(lineStarts[sent.doc], offset);
    return {
      uri: doc.uri,
      offset,
      length,
      line,
      column: offset - lineStarts[sent.doc][line],
      sentence: doc.text.slice(sent.offset, sent.offset + sent.s.length),
    };
  };
  model.formulas = mineFormulas(sentences, minCount, prov);
  const t2 = Date.now();
  const { templates, choices } = mineTemplates(sentences, minCount, prov, kb);
  const t3 = Date.now();
  model.templates = templates;
  model.choices = choices;
  indexOf(model); // build the suffix array now: learning pays for it, not the first completion
  toSimplified('體'); // load the conversion table now too
  model.stats.phaseMs = { text: t1 - t0, formulas: t2 - t1, templates: t3 - t2, index: Date.now() - t3 };
  model.stats.learnMs = Date.now() - t0;
  return model;
}

/**
 * A draft's text before the cursor in the model's format (markers before sentences and paragraphs),
 * ending with the current, unfinished sentence. The draft is the "cache" of the continuation model:
 * what the drafter already wrote in this document is likely to recur (names, titles, enumerations).
 */
function encodeDraft(text: string): string {
  const parts: string[] = [];
  const paras = splitParagraphs(text);
  paras.forEach((para, i) => {
    splitSentences(text, para).forEach((sp, j) => parts.push(j === 0 ? PARA : SENT, foldText(text.slice(sp.start, sp.end))));
    if (i < paras.length - 1) parts.push(END);
  });
  return parts.join('');
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (lineStarts[m] <= offset) lo = m;
    else hi = m - 1;
  }
  return lo;
}

/** Characters that start a variable part (a date, a title, a quotation): formulas stop before them. */
function variableStart(c: string): boolean {
  return /[\d〇《〈“‘（(]/.test(c);
}
/** Characters that end a variable part: closers stop (leftwards) before them. */
function variableEnd(c: string): boolean {
  return /[\d〇》〉”’）)]/.test(c);
}

const MAX_FORMULA = 16;
const MAX_CONTEXTS = 5;
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
    if (variableStart(c)) break;
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
    if (c !== '、' && isClausePunct(c)) {
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
  if (!isClausePunct(last) || last === '、') return out;
  let r = last;
  for (let k = 2; k <= Math.min(MAX_FORMULA, clause.length); k++) {
    const c = clause[clause.length - k];
    if (variableEnd(c) || isClausePunct(c)) break;
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

function mineFormulas(
  sentences: SentenceRec[],
  minCount: number,
  prov: (sent: SentenceRec, start: number, length: number) => Provenance,
): Formula[] {
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
      const endOfClause = i === t.length || (t[i] !== '、' && isClausePunct(t[i]));
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

// ---------------------------------------------------------------------------------------------
// Templates

/** A literal between two slots of a frame may be at most this long. */
const MAX_GAP = 8;

function slotsOf(s: string, knownPlaces: string[]): Slot[] {
  const dates = findDateSlots(s);
  const titles = findTitleSlots(s);
  const places = findFramePlaces(s, dates);
  // Places the knowledge base knows, written right after 在 following a date. (Sets and a merge
  // below, not searches per slot: a long sentence of dates stays linear.)
  const placeStarts = new Set(places.map((p) => p.start));
  for (const d of dates) {
    if (s[d.end] !== '在' || placeStarts.has(d.end + 1)) continue;
    const p = knownPlaces.find((pl) => s.startsWith(pl, d.end + 1));
    if (p) places.push({ kind: 'place', start: d.end + 1, end: d.end + 1 + p.length, text: p });
  }
  // Titles nested in a date (never) or dates inside titles (often: 2021—2025年) are not frame
  // slots. Both lists are in text order and titles do not overlap: one merge.
  const free: Slot[] = [];
  let t = 0;
  for (const d of dates) {
    while (t < titles.length && titles[t].end < d.end) t++;
    if (!(t < titles.length && titles[t].start <= d.start && d.end <= titles[t].end)) free.push(d);
  }
  const all = [...free, ...titles, ...places];
  return all.sort((a, b) => a.start - b.start);
}

function mineTemplates(
  sentences: SentenceRec[],
  minCount: number,
  prov: (sent: SentenceRec, start: number, length: number) => Provenance,
  kb?: KnowledgeBase,
): { templates: Template[]; choices: Record<SlotKind, string[]> } {
  // Choice lists: values seen in frames first (by frequency), then the rest of the corpus and the KB.
  const freq: Record<SlotKind, Map<string, number>> = { date: new Map(), place: new Map(), title: new Map() };
  const bump = (k: SlotKind, v: string, n = 1) => freq[k].set(v, (freq[k].get(v) ?? 0) + n);
  const kbPlaces = new Set<string>();
  if (kb) {
    for (const ins of kb.instruments) {
      bump('title', ins.title, 0.001 * (ins.mentions.length || 1));
      for (const a of ins.adoptions) {
        if (a.place) kbPlaces.add(a.place);
        if (a.place) bump('place', a.place, 0.001);
        if (a.date?.day !== undefined && a.date.year !== undefined) bump('date', formatDate(a.date, 'arabic'), 0.001);
      }
    }
    for (const ev of kb.events) if (ev.place) kbPlaces.add(ev.place);
  }
  const known = [...kbPlaces].sort((a, b) => b.length - a.length);
  const byPattern = new Map<string, Template & { leadMap: Map<string, number> }>();
  for (const x of sentences) {
    const s = x.s;
    const slots = slotsOf(s, known);
    for (const sl of slots) bump(sl.kind, sl.text, 0.01);
    // Runs of slots joined by short literals without clause punctuation.
    let i = 0;
    while (i < slots.length) {
      let j = i;
      while (j + 1 < slots.length) {
        const gap = s.slice(slots[j].end, slots[j + 1].start);
        if (gap.length > MAX_GAP || /[，。；：！？]/.test(gap) || slots[j + 1].start < slots[j].end) break;
        j++;
      }
      if (j > i) {
        const run = slots.slice(i, j + 1);
        let start = run[0].start;
        if (run[0].kind === 'title') start--; // include 《
        let end = run[run.length - 1].end;
        if (run[run.length - 1].kind === 'title') end++; // include 》
        else {
          // a trailing attributive frame marker: …举行的 / …通过的
          const k = s.indexOf('的', end);
          if (k >= 0 && k - end < 4 && !/[，。；：、《》\d]/.test(s.slice(end, k))) end = k + 1;
        }
        const parts: TemplatePart[] = [];
        let p = start;
        for (const sl of run) {
          if (sl.start > p) parts.push(s.slice(p, sl.start));
          parts.push({ slot: sl.kind });
          p = sl.end;
        }
        if (end > p) parts.push(s.slice(p, end));
        for (const sl of run) bump(sl.kind, sl.text);
        const pattern = parts.map((q) => (typeof q === 'string' ? q : `{${q.slot}}`)).join('');
        let t = byPattern.get(pattern);
        if (!t) byPattern.set(pattern, (t = { pattern, parts, count: 0, leads: [], contexts: [], leadMap: new Map() }));
        t.count++;
        // the lead: up to 4 characters before the frame, within the clause
        let a = start;
        while (a > 0 && start - a < 4 && !/[，。；：、》”\d]/.test(s[a - 1])) a--;
        const lead = s.slice(a, start);
        if (lead.length >= 2) t.leadMap.set(lead, (t.leadMap.get(lead) ?? 0) + 1);
        if (t.contexts.length < MAX_CONTEXTS) t.contexts.push(prov(x, start, end - start));
      }
      i = j + 1;
    }
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
  const templates = [...byPattern.values()]
    .filter((t) => t.count >= minCount)
    .map(({ leadMap, ...t }) => ({
      ...t,
      leads: [...leadMap.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([text, count]) => ({ text, count })),
    }))
    .sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : 1));
  return { templates, choices: { date: ranked(freq.date), place: ranked(freq.place), title: ranked(freq.title) } };
}

// ---------------------------------------------------------------------------------------------
// The derived index (suffix array), cached per model object

interface Index {
  sa: SuffixIndex;
  templatesByLead: Map<string, { t: Template; count: number }[]>;
  openers: Formula[];
}

const cache = new WeakMap<PhrasingModel, Index>();

function indexOf(model: PhrasingModel): Index {
  let ix = cache.get(model);
  if (!ix) {
    const units = new Uint16Array(model.text.length);
    for (let i = 0; i < units.length; i++) units[i] = model.text.charCodeAt(i);
    ix = {
      sa: new SuffixIndex(units, buildSuffixArray(units, SA_DEPTH), SA_DEPTH),
      templatesByLead: templateLeadIndex(model.templates),
      openers: model.formulas.filter((f) => f.kind === 'opener'),
    };
    cache.set(model, ix);
  }
  return ix;
}

function templateLeadIndex(templates: Template[]): Map<string, { t: Template; count: number }[]> {
  const m = new Map<string, { t: Template; count: number }[]>();
  for (const t of templates)
    for (const l of t.leads) {
      const key = l.text.slice(-2);
      let list = m.get(key);
      if (!list) m.set(key, (list = []));
      const e = list.find((x) => x.t === t);
      if (e) e.count += l.count;
      else list.push({ t, count: l.count });
    }
  return m;
}

/** Serialise to JSON text (the suffix array is not stored; it is rebuilt on first use). */
export function serializePhrasing(model: PhrasingModel): string {
  return JSON.stringify(model);
}

/** Parse a serialised model; throws on a different version. */
export function deserializePhrasing(json: string): PhrasingModel {
  const m = JSON.parse(json) as PhrasingModel;
  if (m.version !== PHRASING_MODEL_VERSION) throw new Error(`phrasing model version ${m.version}, expected ${PHRASING_MODEL_VERSION}`);
  return m;
}

/** The sentence formulas (openers, closers, connectives, frames), most frequent first per kind. */
export function sentenceFormulas(model: PhrasingModel): Formula[] {
  return model.formulas;
}

/** Where a model offset comes from: the corpus uri and offset (for documentation of proposals). */
export function modelProvenance(model: PhrasingModel, at: number): { uri: string; offset: number; line: number; sentence: string } | undefined {
  const a = model.anchors;
  let lo = 0;
  let hi = a.length / 4 - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (a[m * 4] <= at) lo = m;
    else hi = m - 1;
  }
  const start = a[lo * 4];
  let end = model.text.indexOf(SENT, start);
  const pe = model.text.indexOf(END, start);
  if (end < 0 || (pe >= 0 && pe < end)) end = pe;
  if (end < 0) end = model.text.length;
  return { uri: model.uris[a[lo * 4 + 1]], offset: a[lo * 4 + 2] + (at - start), line: a[lo * 4 + 3], sentence: model.text.slice(start, end) };
}

// ---------------------------------------------------------------------------------------------
// Completion

export interface PhrasingCompleteOptions {
  /** Longest context (characters of the current sentence, markers included) to condition on. Default 5. */
  maxContext?: number;
  /** Number of phrase alternatives. Default 5. */
  alternatives?: number;
  /** Longest proposal in characters. Default 32. */
  maxPhrase?: number;
  /** Interpolation constant κ (weight n/(n+κ) of an order seen n times); default: Witten–Bell (κ = distinct continuations). */
  kappa?: number;
  /** Length offset γ in the proposal cut P(ℓ)·(ℓ − 1 + γ); larger prefers shorter, surer phrases. Default 5. */
  gamma?: number;
  /** Stop growing a proposal below this probability. Default 0.01. */
  floor?: number;
  /** Confidence exponent α in the cut P(ℓ)^α·(ℓ − 1 + γ) (α > 1 distrusts unlikely long proposals). Default 1. */
  alpha?: number;
  /** Witten–Bell escape scale: λ = n / (n + β·u). Default 0.7. */
  beta?: number;
  /** Added to the escape weight of every order: λ = n / (n + β·u + δ), distrusting rarely seen contexts. */
  delta?: number;
  /** Offer knowledge-base titles, places and dates scored by the continuation model (default true). */
  knowledge?: boolean;
  /** The document cache ends this many characters before the cursor. Default 8. */
  cacheGap?: number;
  /** Branch points per proposal where the second most likely branch is grown too. */
  forks?: number;
  /** A branch is grown when its probability is at least this. */
  forkShare?: number;
  /** Cut proposals by dynamic programming over later cuts along the same path (see cutPath). */
  dp?: boolean;
  /** With dp: expected savings assumed after the end of a grown path. */
  tail?: number;
  /** Stop a proposal after clause punctuation (default true). */
  stopAtPunct?: boolean;
  /** Weight of the draft's own text (the document cache) against the corpus. Default 1; 0 disables it. */
  draftWeight?: number;
  /** Characters of the draft before the cursor used as the document cache. Default 4000. */
  draftWindow?: number;
}

/** Minimal structural view of a knowledge index (only the knowledge base is read). */
export interface PhrasingKnowledge {
  readonly kb: KnowledgeBase;
}

interface Order {
  /** Range of the context (and the proposal so far) in the corpus suffix array. */
  lo: number;
  hi: number;
  /** Range in the draft's suffix array (the document cache); dadj corrects for the cursor itself. */
  dlo: number;
  dhi: number;
  dadj: number;
  /** Context length of this order (it includes the proposal so far). */
  depth: number;
  n: number;
  /** Distinct continuations (Witten–Bell's u), computed on first use. */
  u?: number;
}

interface Proposal {
  text: string;
  p: number;
  /** Expected keystrokes saved: the ranking key. */
  score: number;
  /** Offset in the model text of one attestation. */
  at: number;
  count: number;
}

/**
 * Completion entries for the text before `offset`: the likely next phrases (kind 'phrase'), sentence
 * openers at a sentence start (kind 'formula'), and reference-frame templates (kind 'template',
 * snippets with choice lists), ranked by likelihood in this context (sortText).
 */
export function completePhrasing(
  model: PhrasingModel,
  text: string,
  offset: number,
  index?: PhrasingKnowledge,
  options: PhrasingCompleteOptions = {},
): CompletionEntry[] {
  const ix = indexOf(model);
  const maxCtx = options.maxContext ?? DEFAULT_CONTEXT;
  const { start: sStart, first } = sentenceStartBefore(text, offset);
  const typed = text.slice(Math.max(sStart, offset - 64), offset);
  // folded like the corpus (control characters cannot pose as the model's markers)
  const sentence = toSimplified(foldText(typed));
  // Context units: markers when the sentence start is within reach, then the sentence so far.
  const lead = sStart >= offset - 64 ? (first ? PARA : SENT) : '';
  const ctxStr = (lead + sentence).slice(-maxCtx);
  const ctx: number[] = [];
  for (let i = 0; i < ctxStr.length; i++) ctx.push(ctxStr.charCodeAt(i));

  // The typed prefix a proposal replaces: the ideographs just before the cursor (at most 4).
  let pStart = offset;
  while (pStart > sStart && offset - pStart < 4 && isIdeograph(text.charCodeAt(pStart - 1))) pStart--;
  const prefix = text.slice(pStart, offset);
  const normPrefix = toSimplified(prefix);

  const scored: { e: CompletionEntry; score: number }[] = [];
  // the document cache: the draft up to a few characters before the cursor (the current sentence
  // too: drafts repeat a name or a phrase within one sentence; the last characters are left out so
  // the context does not find itself)
  const draft = draftIndex(text, Math.max(sStart, offset - (options.cacheGap ?? 8)), options);
  const known = options.knowledge === false ? undefined : knowledgeCandidates(text, offset, sStart, index?.kb);
  const { proposals, extras } = propose(ix.sa, ctx, options, draft, known?.items.map((k) => k.rest));
  known?.items.forEach((k, i) => {
    const x = extras[i];
    if (x.score <= 0) return;
    scored.push({
      score: x.score,
      e: {
        label: k.label,
        kind: k.kind,
        insertText: k.text,
        replace: { start: known.start, end: offset },
        filterText: text.slice(known.start, offset) + k.rest,
        detail: `${Math.round(x.p * 100)}% · ${k.detail}`,
      },
    });
  });
  for (const pr of proposals) {
    const src = pr.at >= 0 ? modelProvenance(model, pr.at) : undefined;
    scored.push({
      score: pr.score,
      e: {
        label: normPrefix + pr.text,
        kind: 'phrase',
        // the typed prefix in the corpus's form (simplified, full-width); the client filters on what was typed
        insertText: normPrefix + pr.text,
        replace: { start: pStart, end: offset },
        filterText: prefix + pr.text,
        detail: `${Math.round(pr.p * 100)}% · ${pr.count}×`,
        documentation: src ? attestation(src.sentence, src.uri, src.line) : undefined,
      },
    });
  }

  // Sentence openers while the sentence so far is a prefix of one.
  const typedSentence = text.slice(sStart, offset);
  if (offset - sStart < MAX_FORMULA) {
    const normSentence = toSimplified(foldPunctuation(typedSentence));
    const n = sentenceStarts(ix.sa, normSentence, first);
    for (const f of ix.openers) {
      if (f.text.length <= typedSentence.length || !f.text.startsWith(normSentence)) continue;
      const c = f.contexts[0];
      scored.push({
        // expected keystrokes saved, like phrase proposals: P(formula | sentence so far) · (characters − 1)
        score: n > 0 ? Math.min(1, Math.min(f.count, sentenceStarts(ix.sa, f.text, first)) / n) * (f.text.length - typedSentence.length - 1) : 0,
        e: {
          label: f.text,
          kind: 'formula',
          insertText: f.text,
          replace: { start: sStart, end: offset },
          filterText: f.text,
          detail: `opener · ${f.count}× / 句首套语`,
          documentation: c ? attestation(c.sentence, c.uri, c.line) : undefined,
        },
      });
    }
  }

  // Templates whose lead the text before the cursor ends with.
  const rawBefore = text.slice(Math.max(sStart, offset - 4), offset);
  const before = toSimplified(foldPunctuation(rawBefore));
  const cands = ix.templatesByLead.get(before.slice(-2));
  if (cands && before.length >= 2) {
    const leadCount = ix.sa.find(units(before.slice(-2)));
    const n = leadCount[1] - leadCount[0];
    const kb = index?.kb;
    for (const { t, count } of cands) {
      const { snippet, label, plain } = templateSnippet(t, model.choices, kb);
      const c = t.contexts[0];
      // the typed lead (欢迎, 团长欢迎 …: the longest end of the text that the corpus writes before
      // this frame) is the replaced prefix, so the client filters the template on what was typed
      let lead = 2;
      for (let L = before.length; L > 2; L--)
        if (t.leads.some((l) => l.text.endsWith(before.slice(-L)))) {
          lead = L;
          break;
        }
      if (before.length !== rawBefore.length) lead = 0; // conversion changed lengths: replace nothing
      const leadText = lead ? before.slice(-lead) : '';
      scored.push({
        // a template is a starting point to fill in: ranked after phrases of the same likelihood
        score: n > 0 ? ((count / (n + 1)) * plain.length) / 4 : 0,
        e: {
          label: leadText + label,
          kind: 'template',
          insertText: leadText.replace(/[\\$}]/g, (ch) => '\\' + ch) + snippet,
          snippet: true,
          replace: { start: offset - lead, end: offset },
          filterText: text.slice(offset - lead, offset) + plain,
          detail: `template · ${t.count}× / 模板`,
          documentation: c ? attestation(c.sentence, c.uri, c.line) : undefined,
        },
      });
    }
  }

  // Merge duplicates (same resulting text), keep the best score; rank.
  const seen = new Map<string, { e: CompletionEntry; score: number }>();
  for (const x of scored) {
    const key = x.e.snippet ? 'T' + x.e.insertText : typedSentence.slice(0, x.e.replace.start - sStart) + x.e.insertText;
    const prev = seen.get(key);
    if (!prev) seen.set(key, x);
    else {
      // the same text proposed as a phrase and as a formula or a knowledge-base value: one item,
      // named what it is (formula, place, date, instrument), with the best score
      const named = (e: CompletionEntry) => (e.kind === 'phrase' ? 0 : e.kind === 'formula' ? 2 : 1);
      const keep = named(prev.e) !== named(x.e) ? (named(prev.e) > named(x.e) ? prev.e : x.e) : prev.score >= x.score ? prev.e : x.e;
      seen.set(key, { e: keep, score: Math.max(prev.score, x.score) });
    }
  }
  const out = [...seen.values()].sort((a, b) => b.score - a.score || a.e.label.length - b.e.label.length);
  return out.map((x, i) => ({ ...x.e, sortText: String(i).padStart(4, '0') }));
}

/** Knowledge-base values offered in their contexts, per knowledge base (derived once). */
const knownValues = new WeakMap<KnowledgeBase, { titles: [string, number][]; places: [string, number][]; dates: [string, number][] }>();

function valuesOf(kb: KnowledgeBase): { titles: [string, number][]; places: [string, number][]; dates: [string, number][] } {
  let v = knownValues.get(kb);
  if (v) return v;
  const titles = new Map<string, number>();
  const places = new Map<string, number>();
  const dates = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string | undefined, n = 1) => k && m.set(k, (m.get(k) ?? 0) + n);
  for (const ins of kb.instruments) {
    bump(titles, foldText(ins.title), Math.max(1, ins.mentions.length));
    for (const a of ins.adoptions) {
      bump(places, a.place);
      if (a.date?.year !== undefined && a.date.month !== undefined && a.date.day !== undefined) bump(dates, formatDate(a.date, 'arabic'));
    }
  }
  for (const e of kb.events) {
    bump(places, e.place);
    for (const d of e.date?.dates ?? []) if (d.year !== undefined && d.month !== undefined && d.day !== undefined) bump(dates, formatDate(d, 'arabic'));
  }
  const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  v = { titles: ranked(titles), places: ranked(places), dates: ranked(dates) };
  knownValues.set(kb, v);
  return v;
}

/** At most this many knowledge-base values are scored per request (the most frequent that fit). */
const MAX_KNOWN = 400;

/**
 * Knowledge-base values that can continue the text before the cursor: a title inside an open 《
 * (with its 》), a place right after 在, a full date after a year being typed. `rest` is what each
 * adds after the typed part (in the corpus's form), scored by the continuation model like a phrase.
 */
function knowledgeCandidates(
  text: string,
  offset: number,
  sStart: number,
  kb: KnowledgeBase | undefined,
): { start: number; items: { label: string; text: string; rest: string; kind: CompletionEntry['kind']; detail: string }[] } | undefined {
  if (!kb || offset <= 0) return undefined;
  const v = valuesOf(kb);
  const pick = (start: number, values: [string, number][], kind: CompletionEntry['kind'], suffix = '') => {
    const raw = text.slice(start, offset);
    const typed = toSimplified(foldText(raw));
    if (typed.length !== raw.length) return undefined;
    const items: { label: string; text: string; rest: string; kind: CompletionEntry['kind']; detail: string }[] = [];
    for (const [val, n] of values) {
      if (val.length <= typed.length || !val.startsWith(typed)) continue;
      const full = val + (text.startsWith(suffix, offset) ? '' : suffix);
      items.push({ label: val, text: full, rest: full.slice(typed.length), kind, detail: `${n}×` });
      if (items.length >= MAX_KNOWN) break;
    }
    return items.length ? { start, items } : undefined;
  };
  // inside an open 《 of this sentence
  const open = text.lastIndexOf('《', offset - 1);
  if (open >= sStart && open < offset && open >= offset - 120 && text.lastIndexOf('》', offset - 1) < open) return pick(open + 1, v.titles, 'instrument', '》');
  // after 在 (a place partly typed: ideographs only)
  for (let i = offset - 1; i >= Math.max(sStart, offset - 8); i--) {
    if (text[i] === '在') return pick(i + 1, v.places, 'place');
    if (!isIdeograph(text.charCodeAt(i))) break;
  }
  // a date being typed: 2021年, 2021年9月, 2021年9月1
  const m = /\d{4}年(?:\d{1,2}月?(?:\d{1,2})?)?$/.exec(text.slice(Math.max(sStart, offset - 12), offset));
  if (m) return pick(offset - m[0].length, v.dates, 'date');
  return undefined;
}

/** One cached draft index: rebuilt when the text before the current sentence changes. */
let draftCache: { key: string; index: SuffixIndex } | undefined;

/**
 * The document cache: the draft's text before the current sentence (at most `draftWindow`
 * characters), indexed like the corpus. Keyed by that text, so typing inside a sentence reuses it.
 */
function draftIndex(text: string, end: number, options: PhrasingCompleteOptions): SuffixIndex | undefined {
  const window = options.draftWindow ?? 4000;
  if (window <= 0 || (options.draftWeight ?? 1) <= 0 || end <= 0) return undefined;
  const key = text.slice(Math.max(0, end - window), end);
  if (draftCache?.key === key) return draftCache.index;
  const d = encodeDraft(key);
  const u = new Uint16Array(d.length + 1);
  for (let i = 0; i < d.length; i++) u[i] = d.charCodeAt(i);
  u[d.length] = END_U;
  const index = new SuffixIndex(u, buildSuffixArray(u, 16), 16);
  draftCache = { key, index };
  return index;
}

/** CJK ideographs: the typed prefix a phrase replaces is a run of these (at most 4). */

function units(s: string): number[] {
  const u: number[] = [];
  for (let i = 0; i < s.length; i++) u.push(s.charCodeAt(i));
  return u;
}

/** How many corpus sentences start with `prefix` (paragraph-initial ones when `first`). */
function sentenceStarts(sa: SuffixIndex, prefix: string, first: boolean): number {
  // the index orders suffixes on SA_DEPTH units: longer prefixes are counted on their beginning
  const [lo, hi] = sa.find(units(((first ? PARA : SENT) + prefix).slice(0, SA_DEPTH)));
  return hi - lo;
}

function isStopUnit(u: number): boolean {
  return u < 0 || u === SENT_U || u === PARA_U || u === END_U;
}

/**
 * The phrase proposals after context `ctx`.
 *
 * A variable-order character model over the suffix array: the contexts are the last 0..K characters
 * of (context + proposal so far) — a sliding window, so within a word the short contexts (上合组 → 织)
 * keep predicting even when the long ones were never seen. Each order is one suffix-array range; the
 * next character's probability interpolates the orders, longest first, Witten–Bell style:
 * λ = n / (n + u) for an order seen n times with u different continuations, P(c) = λ₁·m₁/n₁ +
 * (1 − λ₁)(λ₂·m₂/n₂ + …). Orders with the same count as a longer one hold the same occurrences
 * and are skipped, otherwise a context seen once would vote many times and look certain.
 * A proposal is grown greedily (the most likely next character) and cut at the length ℓ that
 * maximises P(ℓ)·(ℓ − 1 + γ), P(ℓ) being the product of the per-character probabilities: the
 * expected keystrokes that accepting it saves. The cut falls where the corpus branches — a phrase
 * boundary learned from the corpus rather than a fixed n-gram length.
 */
function propose(
  sa: SuffixIndex,
  ctx: number[],
  options: PhrasingCompleteOptions,
  draft?: SuffixIndex,
  extras: string[] = [],
): { proposals: Proposal[]; extras: { p: number; score: number }[] } {
  const nAlt = options.alternatives ?? 5;
  const K = Math.min(options.maxContext ?? DEFAULT_CONTEXT, SA_DEPTH - 1);
  const kappa = options.kappa;
  const beta = options.beta ?? 0.7;
  const alpha = options.alpha ?? 1;
  const gamma = options.gamma ?? 5;
  const floor = options.floor ?? 0.01;
  const maxPhrase = options.maxPhrase ?? 32;
  const dp = options.dp ?? false;
  const delta = options.delta ?? 0;
  const forks = options.forks ?? 0;
  const forkShare = options.forkShare ?? 0.25;
  const tail = options.tail ?? 0;
  const w = options.draftWeight ?? 1;
  const N = sa.sa.length;
  const ND = draft ? draft.sa.length : 0;
  const orders: Order[] = [];
  for (let L = Math.min(K, ctx.length); L >= 1; L--) {
    const [lo, hi] = sa.find(ctx, ctx.length - L, ctx.length);
    const [dlo, dhi] = draft ? draft.find(ctx, ctx.length - L, ctx.length) : [0, 0];
    const dadj = 0;
    if (hi > lo || dhi - dlo + dadj > 0) orders.push({ lo, hi, dlo, dhi, dadj, depth: L, n: hi - lo });
  }
  const root = (): Order => ({ lo: 0, hi: N, dlo: 0, dhi: ND, dadj: 0, depth: 0, n: N });
  orders.push(root());
  const count = (o: Order) => o.hi - o.lo + w * (o.dhi - o.dlo + o.dadj);
  // Witten–Bell's u (distinct continuations) per range, memoised for this request.
  const uMemo = new Map<number, number>();
  const distinct = (ix: SuffixIndex, lo: number, hi: number, depth: number, salt: number): number => {
    if (hi <= lo) return 0;
    if (hi - lo > 4096) return Math.max(2, Math.round(Math.sqrt(hi - lo)));
    const key = (lo * 31 + depth) * 2 + salt;
    let u = uMemo.get(key);
    if (u === undefined) uMemo.set(key, (u = ix.groups(lo, hi, depth).length));
    return u;
  };
  const uOf = (o: Order): number =>
    (o.u ??= distinct(sa, o.lo, o.hi, o.depth, 0) + (draft ? distinct(draft, o.dlo, o.dhi, o.depth, 1) : 0));
  /** Probability of unit c after the current orders, and the orders one character later. */
  const step = (os: Order[], c: number): { p: number; next: Order[] } => {
    let p = 0;
    let rest = 1;
    let lastN = -1;
    const next: Order[] = [];
    for (const o of os) {
      const n = count(o);
      const [a, b] = sa.narrow(o.lo, o.hi, o.depth, c);
      const [da, db] = draft && o.dhi > o.dlo ? draft.narrow(o.dlo, o.dhi, o.depth, c) : [0, 0];
      if ((b > a || db > da) && o.depth + 1 <= K) next.push({ lo: a, hi: b, dlo: da, dhi: db, dadj: 0, depth: o.depth + 1, n: b - a });
      if (n <= 0 || n === lastN) continue; // same occurrences as the longer context
      lastN = n;
      const lambda = n / (n + (kappa ?? beta * uOf(o)) + delta);
      p += (rest * lambda * (b - a + w * (db - da))) / n;
      rest *= 1 - lambda;
    }
    next.push(root());
    return { p, next };
  };
  /** The most frequent next units in the longest orders (corpus and draft). */
  const nextUnits = (os: Order[], k: number, span: number, limit: number): number[] => {
    const scores = new Map<number, number>();
    for (const o of os.slice(0, span)) {
      const gs: [number, number, number][] = [];
      if (o.hi - o.lo <= limit) gs.push(...sa.groups(o.lo, o.hi, o.depth));
      if (draft && o.dhi > o.dlo && o.dhi - o.dlo <= limit)
        for (const g of draft.groups(o.dlo, o.dhi, o.depth)) gs.push([g[0], 0, w * (g[2] - g[1])]);
      const local = new Map<number, number>();
      for (const g of gs) if (!isStopUnit(g[0])) local.set(g[0], (local.get(g[0]) ?? 0) + g[2] - g[1]);
      [...local.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, k)
        .forEach(([u, m]) => scores.set(u, Math.max(scores.get(u) ?? 0, m)));
    }
    return [...scores.keys()];
  };
  const out: Proposal[] = [];
  /** A path being grown: its units, per-unit probabilities, attestation per length, orders now. */
  interface Path {
    chars: number[];
    qs: number[];
    ats: { at: number; count: number }[];
    os: Order[];
    p: number;
  }
  const attest = (os: Order[]) => {
    const o = os[0];
    return { at: o.hi > o.lo ? sa.sa[o.lo] + o.depth - 1 : -1, count: count(o) };
  };
  for (const c of nextUnits(orders, nAlt, 3, 20000)) {
    const first = step(orders, c);
    if (first.p < floor) continue;
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    // Grown greedily (the most likely next unit); at up to `forks` branch points where the second
    // unit is likely too (≥ forkShare), the other branch is grown as well: the best expected savings
    // may lie on a less likely branch that continues longer.
    const paths: Path[] = [];
    let budget = forks;
    const grow = (path: Path) => {
      while (path.chars.length < maxPhrase && !(options.stopAtPunct !== false && isClausePunct(String.fromCharCode(path.chars[path.chars.length - 1])))) {
        const steps: { c: number; next: Order[]; p: number }[] = [];
        for (const u of nextUnits(path.os, 2, 2, 2000)) {
          const st = step(path.os, u);
          steps.push({ c: u, next: st.next, p: st.p });
        }
        steps.sort((a, b) => b.p - a.p);
        const bestNext = steps[0];
        if (!bestNext || path.p * bestNext.p < floor) break;
        const alt = steps[1];
        if (alt && budget > 0 && alt.p >= forkShare && path.p * alt.p >= floor) {
          budget--;
          const fork: Path = { chars: [...path.chars, alt.c], qs: [...path.qs, alt.p], ats: [...path.ats, attest(alt.next)], os: alt.next, p: path.p * alt.p };
          grow(fork);
        }
        path.chars.push(bestNext.c);
        path.os = bestNext.next;
        path.p *= bestNext.p;
        path.qs.push(bestNext.p);
        path.ats.push(attest(bestNext.next));
      }
      paths.push(path);
    };
    grow({ chars: [c], qs: [first.p], ats: [attest(first.next)], os: first.next, p: first.p });
    let chosen: Proposal | undefined;
    for (const path of paths) {
      const best = cutPath(path.qs, gamma, alpha, dp, tail);
      // never split a surrogate pair (a corpus may hold characters outside the BMP)
      let len = best.len;
      if (len > 0 && path.chars[len - 1] >= 0xd800 && path.chars[len - 1] <= 0xdbff) len--;
      if (len < 2) continue;
      const a = path.ats[len - 1];
      if (!chosen || best.score > chosen.score)
        chosen = { text: String.fromCharCode(...path.chars.slice(0, len)), p: best.p, at: a.at, count: a.count, score: best.score };
    }
    if (chosen) out.push(chosen);
  }
  out.sort((a, b) => b.score - a.score);
  // Whole strings proposed from elsewhere (knowledge-base titles, places, dates): their probability
  // in this context under the same model, and the same expected-savings score uncut.
  // Walked in sorted order so a shared beginning (上合组织成员国…) is stepped once; a string whose
  // beginning is already unlikely is not followed further.
  const scoredExtras: { p: number; score: number }[] = extras.map(() => ({ p: 0, score: 0 }));
  const bound = (out[0]?.score ?? 0) / 4;
  const order = extras.map((_, i) => i).sort((a, b) => (extras[a] < extras[b] ? -1 : extras[a] > extras[b] ? 1 : 0));
  /** The path stepped so far: state after i characters of `prev`. */
  const path: { os: Order[]; p: number }[] = [{ os: orders, p: 1 }];
  let prev = '';
  for (const i of order) {
    const x = extras[i];
    let common = 0;
    while (common < prev.length && common < x.length && prev.charCodeAt(common) === x.charCodeAt(common) && common + 1 < path.length) common++;
    path.length = common + 1;
    while (path.length <= x.length) {
      const top = path[path.length - 1];
      // stop when even a certain rest could not reach a quarter of the best phrase's score
      if (top.p < floor * floor || Math.pow(top.p, alpha) * (x.length - 1 + gamma) < bound) break;
      const st = step(top.os, x.charCodeAt(path.length - 1));
      path.push({ os: st.next, p: top.p * st.p });
    }
    prev = x;
    const p = path.length > x.length ? path[x.length].p : 0;
    scoredExtras[i] = { p, score: x.length >= 2 ? Math.pow(p, alpha) * (x.length - 1 + gamma) : 0 };
  }
  return { proposals: out.slice(0, nAlt), extras: scoredExtras };
}

/**
 * Where to cut a proposal grown along `qs` (per-character probabilities): the length with the best
 * expected keystrokes saved. Without `dp`: P(ℓ)^α·(ℓ − 1 + γ). With `dp`: accepting ℓ characters
 * saves ℓ − 1 keystrokes AND puts the drafter where the rest of the path can be proposed next, so the
 * value of stopping at ℓ is P(ℓ)·(ℓ − 1 + S(ℓ)), S(j) = max(0, max_k P(k | j)·(k − j − 1 + S(k))) the
 * expected savings of the best later cuts along the same path (S(end) = tail).
 */
function cutPath(qs: number[], gamma: number, alpha: number, dp: boolean, tail: number): { len: number; p: number; score: number; at: number; count: number } {
  const L = qs.length;
  const best = { len: 0, p: 0, score: 0, at: -1, count: 0 };
  if (!dp) {
    let p = 1;
    for (let l = 1; l <= L; l++) {
      p *= qs[l - 1];
      const score = Math.pow(p, alpha) * (l - 1 + gamma);
      if (l >= 2 && score > best.score) Object.assign(best, { len: l, p, score });
    }
    return best;
  }
  const S = new Array<number>(L + 1).fill(0);
  S[L] = tail;
  const value = (j: number, k: number, pk: number) => Math.pow(pk, alpha) * (k - j - 1 + S[k]);
  for (let j = L - 2; j >= 0; j--) {
    let p = 1;
    let s = 0;
    for (let k = j + 1; k <= L; k++) {
      p *= qs[k - 1];
      if (k - j >= 2) s = Math.max(s, value(j, k, p));
    }
    S[j] = s;
  }
  let p = 1;
  for (let k = 1; k <= L; k++) {
    p *= qs[k - 1];
    const score = value(0, k, p);
    if (k >= 2 && score > best.score) Object.assign(best, { len: k, p, score });
  }
  return best;
}

function attestation(sentence: string, uri: string, line: number): string {
  return `${escapeMarkdown(sentence)}\n\n— ${escapeMarkdown(uri)}${lineMark(uri, line)}`;
}

/** Escape text for a snippet body (outside placeholders). */
function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}
/** Escape a choice of ${n|a,b|}. */
function escapeChoice(s: string): string {
  return s.replace(/[\\,|$}]/g, (c) => '\\' + c);
}

const SLOT_LABEL: Record<SlotKind, string> = { date: '日期', place: '地点', title: '文件名称' };

/**
 * A template as snippet text with numbered tab stops and choice lists (most frequent first),
 * and a readable label: 欢迎{日期}在{地点}通过的《{文件名称}》.
 */
/**
 * `titles` with those the knowledge base records as adopted on `date` in `place` (by the verb the
 * frame's text before the title uses, when it names one the corpus records) moved to the front.
 */
function consistentFirst(titles: string[], kb: KnowledgeBase, date?: string, place?: string, frameText = ''): string[] {
  const named = VERBS.filter((v) => frameText.includes(v));
  const fits = new Set<string>();
  for (const i of kb.instruments) {
    const ok = i.adoptions.some(
      (a) =>
        (!date || (a.date !== undefined && formatDate(a.date, 'arabic') === date)) &&
        (!place || a.place === place) &&
        (!named.length || (a.verb !== undefined && named.includes(a.verb))),
    );
    if (ok) fits.add(i.title);
  }
  if (!fits.size) return titles;
  const front = [...fits].filter((title) => !titles.includes(title));
  return [...titles.filter((title) => fits.has(title)), ...front, ...titles.filter((title) => !fits.has(title))];
}

/** The acts of adoption a reference frame names (vocabulary of the genre, as in types.ts's Verb). */
const VERBS = ['通过', '批准', '签署'];

export function templateSnippet(
  t: Template,
  choices: Record<SlotKind, string[]>,
  kb?: KnowledgeBase,
  maxChoices = 12,
): { snippet: string; label: string; plain: string } {
  let n = 0;
  let snippet = '';
  let label = '';
  let plain = '';
  // The defaults (first choices) of the date and place slots before a title slot: the title's
  // first choice is one the corpus records with that date and place, so that the snippet's
  // default expansion is a true reference, not one Chancery's own checks would flag.
  let date: string | undefined;
  let place: string | undefined;
  let before = ''; // the literal text just before a slot (holds the verb: …批准的《)
  for (const part of t.parts) {
    if (typeof part === 'string') {
      before = part;
      snippet += escapeSnippet(part);
      label += part;
      plain += part;
      continue;
    }
    let list = choices[part.slot];
    if (!list.length && kb && part.slot === 'title') list = kb.instruments.map((i) => i.title);
    if (part.slot === 'title' && kb && (date || place)) list = consistentFirst(list, kb, date, place, before);
    list = list.slice(0, maxChoices);
    if (part.slot === 'date') date = list[0];
    else if (part.slot === 'place') place = list[0];
    else if (part.slot === 'title') date = place = undefined;
    n++;
    snippet += list.length ? `\${${n}|${list.map(escapeChoice).join(',')}|}` : `\${${n}:${SLOT_LABEL[part.slot]}}`;
    label += `{${SLOT_LABEL[part.slot]}}`;
    plain += list[0] ?? SLOT_LABEL[part.slot];
  }
  return { snippet: snippet + '$0', label, plain };
}
