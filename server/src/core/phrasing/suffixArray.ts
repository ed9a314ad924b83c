/**
 * A depth-limited suffix array over UTF-16 code units, used as the continuation index of the
 * phrasing model.
 *
 * Why a suffix array: every occurrence of a context string is one contiguous range of the array,
 * and inside that range the occurrences are sorted by what FOLLOWS the context. So the range is at
 * once (a) the count of the context, (b) the distribution of next characters (contiguous groups),
 * and (c) a trie of all continuations (narrow the range one character at a time). Any context
 * length can be looked up in O(m log n) without storing n-gram tables, which keeps the model small
 * (4 bytes per corpus character) and lets backoff try every order for free.
 *
 * Construction is prefix doubling (Manber–Myers) with counting sorts, stopped once suffixes are
 * ordered on their first `depth` units: lookups never look further than that. O(n log depth).
 */

/** Build the suffix array of `s`, ordered on the first `depth` (rounded up to a power of 2) units. */
export function buildSuffixArray(s: Uint16Array, depth = 64): Int32Array {
  const n = s.length;
  const sa = new Int32Array(n);
  if (n === 0) return sa;
  // Initial ranks: code units compressed to 1..sigma (0 = past the end).
  const seen = new Int32Array(65536);
  for (let i = 0; i < n; i++) seen[s[i]] = 1;
  let sigma = 0;
  for (let c = 0; c < 65536; c++) if (seen[c]) seen[c] = ++sigma;
  let rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = seen[s[i]];
  // Counting sort by first unit.
  let count = new Int32Array(sigma + 2);
  for (let i = 0; i < n; i++) count[rank[i]]++;
  for (let r = 1; r <= sigma + 1; r++) count[r] += count[r - 1];
  for (let i = n - 1; i >= 0; i--) sa[--count[rank[i]]] = i;
  let maxRank = sigma;
  const tmp = new Int32Array(n);
  let next = new Int32Array(n);
  for (let h = 1; h < depth && maxRank < n; h *= 2) {
    // Order by second key (rank[i+h]): suffixes with i+h >= n first (key 0), in index order…
    let k = 0;
    for (let i = n - h; i < n; i++) if (i >= 0) tmp[k++] = i;
    // …then the others in the order of sa (already sorted by rank of i+h).
    for (let j = 0; j < n; j++) if (sa[j] >= h) tmp[k++] = sa[j] - h;
    // Stable counting sort by first key rank[i].
    if (count.length < maxRank + 2) count = new Int32Array(maxRank + 2);
    else count.fill(0, 0, maxRank + 2);
    for (let i = 0; i < n; i++) count[rank[i]]++;
    for (let r = 1; r <= maxRank + 1; r++) count[r] += count[r - 1];
    for (let j = n - 1; j >= 0; j--) {
      const i = tmp[j];
      sa[--count[rank[i]]] = i;
    }
    // New ranks from (rank[i], rank[i+h]).
    let r = 1;
    next[sa[0]] = 1;
    for (let j = 1; j < n; j++) {
      const a = sa[j - 1];
      const b = sa[j];
      const a2 = a + h < n ? rank[a + h] : 0;
      const b2 = b + h < n ? rank[b + h] : 0;
      if (rank[a] !== rank[b] || a2 !== b2) r++;
      next[b] = r;
    }
    const t = rank;
    rank = next;
    next = t;
    maxRank = r;
  }
  return sa;
}

/** A suffix array with its text, and range queries on it. */
export class SuffixIndex {
  constructor(
    readonly text: Uint16Array,
    readonly sa: Int32Array,
    /** Suffixes are ordered on this many leading units; do not query deeper. */
    readonly depth: number,
  ) {}

  /** Code unit at `p`, or -1 past the end (sorts first, like the construction). */
  at(p: number): number {
    return p < this.text.length ? this.text[p] : -1;
  }

  /** Sub-range of [lo, hi) whose suffixes have unit `c` at offset `d` (all share the first d units). */
  narrow(lo: number, hi: number, d: number, c: number): [number, number] {
    const { sa } = this;
    // lower bound
    let a = lo;
    let b = hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.at(sa[m] + d) < c) a = m + 1;
      else b = m;
    }
    const start = a;
    b = hi;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.at(sa[m] + d) <= c) a = m + 1;
      else b = m;
    }
    return [start, a];
  }

  /** The range of suffixes starting with `pattern` (empty range when absent). */
  find(pattern: ArrayLike<number>, from = 0, to = pattern.length): [number, number] {
    let lo = 0;
    let hi = this.sa.length;
    for (let d = 0; d < to - from && lo < hi; d++) [lo, hi] = this.narrow(lo, hi, d, pattern[from + d]);
    return [lo, hi];
  }

  /**
   * The groups of [lo, hi) by the unit at offset `d`: `[unit, start, end]` triples, in unit order.
   * Costs O(groups · log n), so it is cheap even for large ranges.
   */
  groups(lo: number, hi: number, d: number): [number, number, number][] {
    const out: [number, number, number][] = [];
    let i = lo;
    while (i < hi) {
      const c = this.at(this.sa[i] + d);
      let a = i + 1;
      let b = hi;
      // Small ranges: linear scan is faster than binary search.
      if (hi - i <= 16) {
        while (a < hi && this.at(this.sa[a] + d) === c) a++;
      } else {
        while (a < b) {
          const m = (a + b) >>> 1;
          if (this.at(this.sa[m] + d) <= c) a = m + 1;
          else b = m;
        }
      }
      out.push([c, i, a]);
      i = a;
    }
    return out;
  }
}
