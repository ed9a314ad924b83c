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

test('one entry per formula of the genre, named by its text, with English, pinyin and Chinese prefixes', () => {
  const snippets = JSON.parse(checkedIn.replace(/^\/\/.*\n/gm, ''));
  const all = Object.entries(snippets);
  assert.ok(all.length >= 20);
  for (const [name, s] of all) {
    assert.equal(s.prefix.length, 3);
    assert.match(s.prefix[0], /^[a-z-]+$/);
    assert.match(s.prefix[1], /^[a-z-]+$/);
    assert.match(s.prefix[2], /^[\u4e00-\u9fff]+$/);
    assert.match(s.description, /in the corpus.*语料中出现/);
    assert.ok(s.body.length === 1 && s.body[0].endsWith('$0'));
    // the name is the clause itself (its tab stops named), not a prefix or a kind
    assert.ok(/[\u4e00-\u9fff]/.test(name) && !/^(Sentence opener|Template|Clause ending|Connective|Frame):/.test(name), name);
  }
  const byPrefix = (p) => all.filter(([, s]) => s.prefix.includes(p));
  assert.ok(byPrefix('stress').some(([, s]) => s.body[0] === '各代表团团长强调，$0'));
  assert.ok(byPrefix('qiangdiao').length >= 1 && byPrefix('强调').length >= 1);
  assert.ok(snippets['{日期}在{地点}通过的《{文件名称}》'].prefix.includes('tongguo'));
  assert.ok(byPrefix('welcome-adopted').some(([, s]) => s.body[0].startsWith('欢迎${1|')));
});

test('the real formulas of the genre are kept, corpus fragments are not', () => {
  const names = Object.keys(JSON.parse(checkedIn.replace(/^\/\/.*\n/gm, '')));
  for (const f of ['各代表团团长强调，', '各代表团团长注意到', '十分重要。', '具有重要意义，', '应继续落实', '切实落实', '注意到关于…的倡议。']) assert.ok(names.includes(f), f);
  for (const f of ['论坛成果，', '会议成果，', '部长会议成果，', '包括制定', '工作组十分重要。', '的倡议。', '加快建立上合组织', '各代表团团长注意到上合组织', '欢迎…论坛成果，', '以及…的倡议。']) {
    assert.ok(!names.includes(f), `${f} is a fragment, not a formula`);
  }
});

test('the manifest does not contribute the file: the server serves the snippets, one item each, where a prefix is typed', () => {
  // VS Code's own snippet provider lists a snippet once per prefix, labelled by the prefix, and
  // matches prefixes as whole words only (no match right after Chinese text)
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(pkg.contributes?.snippets ?? [], []);
});

test('reference templates: the date and the place are one choice, the title stays empty for the completion list', () => {
  const snippets = JSON.parse(checkedIn.replace(/^\/\/.*\n/gm, ''));
  const tpl = snippets['{日期}在{地点}通过的《{文件名称}》'].body[0];
  assert.match(tpl, /^\$\{1\|2021年9月17日在杜尚别,[^|]+\|\}通过的《\$\{2\}》\$0$/);
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
