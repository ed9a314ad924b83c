/**
 * A string-keyed cache for keys that are fresh slices of a text (titles, event names): a Map
 * lookup hashes such a key every time (a new string has no hash yet), while this picks a short
 * bucket by an integer fingerprint (the length and three code units) and then compares with
 * `===` (length, then the code units). Same answers as a Map<string, V>. A bucket holds at most
 * BUCKET keys; keys beyond that (many titles sharing a fingerprint, as a hostile draft could
 * have) go to an ordinary Map, so a lookup never compares more than BUCKET strings.
 */
const BUCKET = 8;

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 represents
 * `text.slice(i, j)` of 13 or more code units as a view on `text`: a long-lived cache keyed by
 * (or holding) slices of a draft would pin every version of the draft it has seen — after a
 * long editing session, hundreds of copies of the document, and a closed 50 MB draft for as
 * long as one of its titles stays cached. Every cache that outlives one check stores detached
 * strings. A JSON round trip is the one portable way to get a fresh flat string (measured: a
 * 40-character slice of a 2.6 MB text kept 2.6 MB alive; its detached copy, 40 characters).
 * Short strings are copied by V8 anyway and returned as they are.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

export class SliceCache<V> {
  private readonly buckets = new Map<number, { key: string; value: V }[]>();
  private readonly overflow = new Map<string, V>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const bucket = this.buckets.get(fingerprint(key));
    if (bucket === undefined) return undefined;
    for (let k = 0; k < bucket.length; k++) if (bucket[k].key === key) return bucket[k].value;
    return bucket.length < BUCKET ? undefined : this.overflow.get(key);
  }

  /**
   * The value for `key`; on a miss, `compute` runs on a detached copy of the key (so neither
   * the stored key nor a value derived from it pins the text `key` was sliced from) and its
   * result is stored. The cache is emptied first when it holds `limit` keys.
   */
  resolve(key: string, compute: (own: string) => V, limit = Infinity): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const own = detach(key);
    const value = compute(own);
    if (this.count >= limit) this.clear();
    this.store(own, value);
    return value;
  }

  /** Stores `value` under `key` (a detached copy: see `detach`). */
  set(key: string, value: V): void {
    this.store(detach(key), value);
  }

  private store(key: string, value: V): void {
    const f = fingerprint(key);
    let bucket = this.buckets.get(f);
    if (bucket === undefined) this.buckets.set(f, (bucket = []));
    for (const e of bucket)
      if (e.key === key) {
        e.value = value;
        return;
      }
    if (bucket.length < BUCKET) bucket.push({ key, value });
    else {
      if (this.overflow.has(key)) {
        this.overflow.set(key, value);
        return;
      }
      this.overflow.set(key, value);
    }
    this.count++;
  }

  clear(): void {
    this.buckets.clear();
    this.overflow.clear();
    this.count = 0;
  }
}

function fingerprint(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  return (Math.imul(Math.imul(n, 65599) + s.charCodeAt(0), 65599) + Math.imul(s.charCodeAt(n >> 1), 31) + s.charCodeAt(n - 1)) | 0;
}
