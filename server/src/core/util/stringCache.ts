/**
 * A string-keyed cache for keys that are fresh slices of a text (titles, event names): a Map
 * lookup hashes such a key every time (a new string has no hash yet), while this picks a short
 * bucket by an integer fingerprint (the length and three code units) and then compares with
 * `===` (length, then the code units). Same answers as a Map<string, V>. A bucket holds at most
 * BUCKET keys; keys beyond that (many titles sharing a fingerprint, as a hostile draft could
 * have) go to an ordinary Map, so a lookup never compares more than BUCKET strings.
 *
 * The buckets sit in an array indexed by the fingerprint's top bits (after a multiplicative
 * mix), not in a Map keyed by the fingerprint: a lookup is then one array read instead of a
 * hash-table probe (the Map probe was about a third of a lookup). Keys with different
 * fingerprints can share a bucket; the array doubles whenever it holds as many keys as it has
 * slots, so buckets stay short.
 */
const BUCKET = 8;
const INITIAL_BITS = 6;

interface Entry<V> {
  key: string;
  value: V;
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 represents
 * `text.slice(i, j)` of 13 or more code units as a view on `text`: a long-lived cache keyed by
 * (or holding) slices of a draft would pin every version of the draft it has seen — after a
 * long editing session, hundreds of copies of the document, and a closed 50 MB draft for as
 * long as one of its titles stays cached. Every cache that outlives one check stores detached
 * strings. A JSON round trip is the one portable way to get a fresh flat string (a slice of a long
 * text keeps the whole text alive; its detached copy, only its own characters: test/unit/retention.test.mjs).
 * Short strings are copied by V8 anyway and returned as they are.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

export class SliceCache<V> {
  private slots: (Entry<V>[] | undefined)[] = new Array(1 << INITIAL_BITS);
  /** 32 minus log2(slots.length): the shift that keeps a mixed fingerprint's top bits. */
  private shift = 32 - INITIAL_BITS;
  /** Keys in the slots (the rest are in overflow). */
  private inSlots = 0;
  private readonly overflow = new Map<string, V>();

  get size(): number {
    return this.inSlots + this.overflow.size;
  }

  get(key: string): V | undefined {
    const bucket = this.slots[slotOf(key, this.shift)];
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
    if (this.size >= limit) this.clear();
    this.store(own, value);
    return value;
  }

  /** Stores `value` under `key` (a detached copy: see `detach`). */
  set(key: string, value: V): void {
    this.store(detach(key), value);
  }

  private store(key: string, value: V): void {
    const i = slotOf(key, this.shift);
    let bucket = this.slots[i];
    if (bucket === undefined) this.slots[i] = bucket = [];
    for (const e of bucket)
      if (e.key === key) {
        e.value = value;
        return;
      }
    if (bucket.length < BUCKET) {
      bucket.push({ key, value });
      if (++this.inSlots > this.slots.length) this.grow();
    } else this.overflow.set(key, value);
  }

  clear(): void {
    this.slots = new Array(1 << INITIAL_BITS);
    this.shift = 32 - INITIAL_BITS;
    this.inSlots = 0;
    this.overflow.clear();
  }

  /** Twice the slots; every key is placed again (overflow keys too: their bucket may have room now). */
  private grow(): void {
    const entries: Entry<V>[] = [];
    for (const bucket of this.slots) if (bucket) for (const e of bucket) entries.push(e);
    const overflow = [...this.overflow];
    this.slots = new Array(this.slots.length * 2);
    this.shift--;
    this.inSlots = 0;
    this.overflow.clear();
    // Re-placing can fill slots again but never past their number (they just doubled): no
    // nested growth.
    for (const e of entries) this.place(e);
    for (const [key, value] of overflow) this.place({ key, value });
  }

  /** Puts an entry whose key is not in the cache. */
  private place(e: Entry<V>): void {
    const i = slotOf(e.key, this.shift);
    let bucket = this.slots[i];
    if (bucket === undefined) this.slots[i] = bucket = [];
    if (bucket.length < BUCKET) {
      bucket.push(e);
      this.inSlots++;
    } else this.overflow.set(e.key, e.value);
  }
}

function fingerprint(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  return (Math.imul(Math.imul(n, 65599) + s.charCodeAt(0), 65599) + Math.imul(s.charCodeAt(n >> 1), 31) + s.charCodeAt(n - 1)) | 0;
}

/** The slot of a key: the top bits of its fingerprint times a large odd constant (Fibonacci hashing). */
function slotOf(key: string, shift: number): number {
  return Math.imul(fingerprint(key), 0x9e3779b1) >>> shift;
}
