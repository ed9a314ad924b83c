// server/src/core/knowledge/knowledgeIndex.ts: tables derived from a knowledge base are built once
// and owned by its index (KnowledgeIndex.derived), or kept beside a structural stand-in (derivedOf).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { source } from '../harness/sources.mjs';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { KnowledgeIndex, derivedOf } = source('core/knowledge/knowledgeIndex');

const emptyKb = () => ({ version: 1, sources: [], problems: [], instruments: [], events: [], abbreviations: [], officials: [], conflicts: [] });

test('a derived table is built once per index, and a new index builds its own', () => {
  let builds = 0;
  const table = { name: 'test', build: (index) => ({ n: ++builds, kb: index.kb }) };
  const a = new KnowledgeIndex(emptyKb());
  const first = a.derived(table);
  assert.equal(a.derived(table), first);
  assert.equal(derivedOf(a, table), first);
  assert.equal(builds, 1);
  const b = new KnowledgeIndex(emptyKb());
  assert.notEqual(b.derived(table), first);
  assert.equal(builds, 2);
  // A table whose value is undefined is built once too.
  let undef = 0;
  const nothing = { name: 'nothing', build: () => void undef++ };
  a.derived(nothing);
  a.derived(nothing);
  assert.equal(undef, 1);
});

test('derivedOf: a stand-in without `derived` keeps its tables beside it', () => {
  let builds = 0;
  const table = { name: 'test', build: (index) => ({ n: ++builds, kb: index.kb }) };
  const stub = { kb: emptyKb() };
  const v = derivedOf(stub, table);
  assert.equal(v.kb, stub.kb);
  assert.equal(derivedOf(stub, table), v);
  assert.equal(builds, 1);
  assert.notEqual(derivedOf({ kb: emptyKb() }, table), v);
  assert.equal(builds, 2);
});
