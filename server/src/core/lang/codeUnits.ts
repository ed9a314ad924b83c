/**
 * Compiling vocabulary into tables over UTF-16 code units, for the scanners' hot paths: one
 * array read answers "is this one of the characters / the first or last unit of one of the
 * words" (text[i] of an ideograph would allocate a string per test). Language-neutral.
 */

/** 1 for every code unit of `chars`. */
export function unitSet(chars: string): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

/** 1 for the first code unit of every word. */
export function firstUnits(words: readonly string[]): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const w of words) t[w.charCodeAt(0)] = 1;
  return t;
}

/** 1 for the last code unit of every word. */
export function lastUnits(words: readonly string[]): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const w of words) t[w.charCodeAt(w.length - 1)] = 1;
  return t;
}

/** The code unit of a one-unit string (a particle, a mark); throws on anything else. */
export function unitOf(ch: string): number {
  if (ch.length !== 1) throw new Error(`one code unit expected: ${JSON.stringify(ch)}`);
  return ch.charCodeAt(0);
}

/** `chars` escaped for a regular-expression character class. */
export function classOf(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}
