#!/usr/bin/env node
// The editor set-up snippets users copy from docs/editors.md must be the ones the end-to-end
// tests run. This fails when docs/editors.md no longer contains, verbatim, the code of
// test/e2e/nvim/chancery.lua and test/e2e/emacs/chancery.el (their leading comment header aside).
// Usage: node scripts/e2e/check-doc-snippets.mjs [nvim|emacs]...   (default: both)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOC = 'docs/editors.md';
const SNIPPETS = {
  nvim: { file: 'test/e2e/nvim/chancery.lua', fence: 'lua', comment: /^\s*--/ },
  emacs: { file: 'test/e2e/emacs/chancery.el', fence: 'elisp', comment: /^\s*;/ },
};

const norm = (s) => s.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trim();

/** The snippet's code: the file without its leading comment lines. */
function code(file, comment) {
  const lines = readFileSync(path.join(REPO, file), 'utf8').split('\n');
  let i = 0;
  while (i < lines.length && (comment.test(lines[i]) || lines[i].trim() === '')) i++;
  return norm(lines.slice(i).join('\n'));
}

function fencedBlocks(md, lang) {
  const re = new RegExp('^```' + lang + '\\s*\\n([\\s\\S]*?)^```', 'gm');
  return [...md.matchAll(re)].map((m) => norm(m[1]));
}

const which = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SNIPPETS);
let md;
try {
  md = readFileSync(path.join(REPO, DOC), 'utf8');
} catch {
  console.error(`[docs] ${DOC} is missing: it must show the editor set-up snippets the tests use`);
  process.exit(1);
}
let failed = 0;
for (const name of which) {
  const s = SNIPPETS[name];
  const want = code(s.file, s.comment);
  const ok = fencedBlocks(md, s.fence).some((b) => b.includes(want));
  if (ok) console.log(`[docs] ${DOC} shows ${s.file} verbatim`);
  else {
    failed++;
    console.error(
      `[docs] ${DOC} has no \`\`\`${s.fence} block containing the code of ${s.file} (what the ${name} test runs).\n` +
        `       Copy the file (its leading comments may be left out) into the docs, or change both together.`,
    );
  }
}
process.exit(failed ? 1 : 0);
