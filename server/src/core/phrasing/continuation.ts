/**
 * The continuation model: the phrases likely to follow a context, read from the corpus's suffix
 * array (and the draft's: the document cache), grown character by character and cut where the
 * expected keystrokes saved are best (propose, cutPath). Also scores whole strings proposed from
 * elsewhere (knowledge-base values) under the same model.
 */
import { isClausePunct } from '../lang/zh/phrasing';
import { END_U, PARA_U, SENT_U } from './model';
import { SA_DEPTH } from './modelIndex';
import type { SuffixIndex } from './suffixArray';

/**
 * Longest context order by default. Chosen by measurement on the embedded corpus (docs/phrasing.md):
 * longer contexts mostly repeat one attestation and over-commit to it.
 */
export const DEFAULT_CONTEXT = 5;

export interface ContinuationOptions {
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

export interface Proposal {
  text: string;
  p: number;
  /** Expected keystrokes saved: the ranking key. */
  score: number;
  /** Offset in the model text of one attestation. */
  at: number;
  count: number;
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
export function propose(
  sa: SuffixIndex,
  ctx: number[],
  options: ContinuationOptions,
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
