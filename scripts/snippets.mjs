#!/usr/bin/env node
// Generates snippets/communique.code-snippets from the embedded corpus (npm run snippets):
// the genre's standard clauses as the phrasing model learns them (formulas and reference-frame
// templates with choice lists), with English / pinyin / Chinese prefixes.
// Usage: node scripts/snippets.mjs [--check]   (--check: exit 1 when the checked-in file is stale)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { core as sourceCore } from '../test/harness/core.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SNIPPET_FILE = path.join(root, 'snippets/communique.code-snippets');

/** The snippet file's text as the generator produces it now. */
export function generateSnippetFile(core = sourceCore) {
  const dir = path.join(root, 'server/corpus');
  const docs = readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => ({ uri: `builtin:/${f}`, text: readFileSync(path.join(dir, f), 'utf8'), encoding: 'utf-8' }));
  const kb = core.buildKnowledgeBase ? core.buildKnowledgeBase(docs) : undefined;
  const model = core.learnPhrasing(docs, kb);
  const snippets = core.buildSnippets(model, kb);
  return core.formatSnippetFile(snippets, [
    'GENERATED FILE — do not edit. Regenerate with `npm run snippets` (scripts/snippets.mjs).',
    `Learned from the embedded corpus (server/corpus/: ${docs.map((d) => d.uri.slice('builtin:/'.length)).join(', ')})`,
    'by the phrasing model (server/src/core/phrasing): sentence formulas and reference-frame templates',
    'whose tab stops offer the dates, places and titles of the corpus. test/unit/snippets.test.mjs fails',
    'when this file differs from what the generator produces.',
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = generateSnippetFile();
  if (process.argv.includes('--check')) {
    let old = '';
    try {
      old = readFileSync(SNIPPET_FILE, 'utf8');
    } catch {}
    if (old !== text) {
      console.error(`${path.relative(root, SNIPPET_FILE)} is stale: run npm run snippets`);
      process.exit(1);
    }
    console.log(`${path.relative(root, SNIPPET_FILE)} is up to date`);
  } else {
    writeFileSync(SNIPPET_FILE, text);
    console.log(`wrote ${path.relative(root, SNIPPET_FILE)} (${Object.keys(JSON.parse(text.replace(/^\/\/.*\n/gm, ''))).length} snippets)`);
  }
}
