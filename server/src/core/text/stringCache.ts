/**
 * A string-keyed cache for keys that are fresh slices of a text (titles, event names): a Map
 * lookup hashes such a key every time (a new string has no hash yet), while this picks a short
 * bucket by an integer fingerprint (the length and three code units) and then compares with
 * `===` (length, then the code units). Same answers as a Map<string, V>. A bucket holds at most
 * BUCKET keys; keys beyond that (many titles sharing a fingerprint, as a hostile draft could
 * have) go to an ordinary Map, so a lookup never compares more than BUCKET strings.
 */
const BUCKET = 8;

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

  set(key: string, value: V): void {
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
