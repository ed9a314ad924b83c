// The checked-in snippet file is what `npm run snippets` generates from the embedded corpus now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { core } from './helpers.mjs';
import { generateSnippetFile, SNIPPET_FILE } from '../../scripts/snippets.mjs';

const checkedIn = readFileSync(SNIPPET_FILE, 'utf8');

test('snippets/communique.code-snippets equals what the generator produces (regenerate: npm run snippets)', () => {
  const now = generateSnippetFile(core);
  // (the corpus, the knowledge base or the learner changed: regenerate and commit the file)
  assert.ok(checkedIn === now, 'snippets/communique.code-snippets is stale: run `npm run snippets` and commit it');
});

test('the snippet file says it is generated and how to regenerate it', () => {
  assert.match(checkedIn.split('\n')[0], /^\/\/ GENERATED FILE .*npm run snippets/);
});

test('the standard clauses with English, pinyin and Chinese prefixes and bilingual descriptions', () => {
  const snippets = JSON.parse(checkedIn.replace(/^\/\/.*\n/gm, ''));
  const all = Object.values(snippets);
  assert.ok(all.length >= 20);
  for (const s of all) {
    assert.equal(s.prefix.length, 3);
    assert.match(s.prefix[0], /^[a-z-]+$/);
    assert.match(s.prefix[1], /^[a-z-]+$/);
    assert.match(s.prefix[2], /^[\u4e00-\u9fff]+$/);
    assert.match(s.description, /in the corpus.*语料中/);
    assert.ok(s.body.length === 1 && s.body[0].endsWith('$0'));
  }
  const byPrefix = (p) => Object.entries(snippets).filter(([, s]) => s.prefix.includes(p));
  assert.ok(byPrefix('stress').some(([, s]) => s.body[0] === '各代表团团长强调，$0'));
  assert.ok(byPrefix('qiangdiao').length >= 1 && byPrefix('强调').length >= 1);
  const adopted = byPrefix('tongguo').find(([k]) => k === 'Template: {日期}在{地点}通过的《{文件名称}》');
  assert.ok(adopted);
  assert.match(adopted[1].body[0], /^\$\{1\|2021年9月17日,[^|]+\|\}在\$\{2\|杜尚别,[^|]+\|\}通过的《\$\{3\|[^|]+\|\}》\$0$/);
  assert.ok(byPrefix('welcome-adopted').some(([, s]) => s.body[0].startsWith('欢迎${1|')));
});

test('the manifest contributes the snippet file for communique, plaintext and markdown', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const langs = (pkg.contributes?.snippets ?? []).filter((s) => s.path === './snippets/communique.code-snippets').map((s) => s.language);
  assert.deepEqual(langs.sort(), ['communique', 'markdown', 'plaintext']);
});

test("every snippet's default expansion (first choice of each tab stop) passes Chancery's own checks", async () => {
  const { corpusText } = await import('./helpers.mjs');
  const kb = core.buildKnowledgeBase([{ uri: 'builtin:/corpus.txt', text: await corpusText(), encoding: 'utf-8' }]);
  const index = new core.KnowledgeIndex(kb);
  const snippets = JSON.parse(checkedIn.replace(/^\/\/.*\n/gm, ''));
  let templates = 0;
  for (const [name, s] of Object.entries(snippets)) {
    const expanded = s.body[0]
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, (_, first) => { templates++; return first; })
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\d+/g, '');
    const problems = core.diagnose(expanded, index).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(problems.map((f) => `${f.code}: ${f.message.en}`), [], `${name} expands to ${expanded}`);
  }
  assert.ok(templates > 0, 'some snippets have choice lists');
});
