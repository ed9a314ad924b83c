// SliceCache (core/text/stringCache.ts): the same answers as a Map<string, V>, including keys
// that share a fingerprint (more than a bucket holds) and clear().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SliceCache } = core;

test('SliceCache answers as a Map, with colliding keys and clear()', () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const alphabet = 'ab甲乙';
  for (let round = 0; round < 100; round++) {
    const cache = new SliceCache();
    const map = new Map();
    for (let i = 0; i < 400; i++) {
      // Same first and last code units, short middles: many keys share a fingerprint.
      let key = 'x';
      const n = Math.floor(rnd() * 5);
      for (let j = 0; j < n; j++) key += alphabet[Math.floor(rnd() * alphabet.length)];
      key += 'y';
      if (rnd() < 0.5) {
        const v = Math.floor(rnd() * 100);
        cache.set(key, v);
        map.set(key, v);
      } else assert.equal(cache.get(key), map.get(key), key);
      assert.equal(cache.size, map.size);
      if (rnd() < 0.005) {
        cache.clear();
        map.clear();
      }
    }
  }
});

test('SliceCache finds a key given as a fresh slice of a longer text', () => {
  const cache = new SliceCache();
  const text = '各方欢迎《上合组织成员国政府间国际道路运输便利化协定》。';
  cache.set('上合组织成员国政府间国际道路运输便利化协定', 1);
  assert.equal(cache.get(text.slice(5, text.length - 2)), 1);
  assert.equal(cache.get(text.slice(5, text.length - 3)), undefined);
});
