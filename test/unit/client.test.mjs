// The VS Code client's manifest and strings (#15 items 4, 7, 9, 10): every string it shows has its
// Chinese translation, every %key% of package.json its English and Chinese text, the views,
// walkthrough and icon are contributed and shipped; and its pure rewriting of the server's answers
// (client/src/rewrite.ts: hover links to read-only sources, the Markdown outline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';
import MarkdownIt from 'markdown-it';

register();
const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rewrite = require('../../client/src/rewrite.ts');
const read = (f) => readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));

test('every string the client shows has its Chinese translation (l10n/bundle.l10n.zh-cn.json)', () => {
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json'));
  const used = new Set();
  for (const f of readdirSync(path.join(ROOT, 'client/src'))) {
    for (const m of read(`client/src/${f}`).matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'"));
  }
  assert.ok(used.size >= 15, `${used.size} strings`);
  assert.deepEqual([...used].filter((s) => !(s in bundle)), [], 'strings without a translation');
  assert.deepEqual(Object.keys(bundle).filter((s) => !used.has(s)), [], 'translations of strings no longer used');
  for (const [en, zh] of Object.entries(bundle)) {
    const holes = (s) => [...s.matchAll(/\{\d\}/g)].map((m) => m[0]).sort().join();
    assert.equal(holes(zh), holes(en), `the same placeholders in "${zh}"`);
  }
  assert.equal(bundle['Chancery: {0} instruments'], 'Chancery：{0} 份文书', 'the status bar counts instruments, not files');
});

test('every %key% of package.json has its English and Chinese text', () => {
  const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  for (const f of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(read(f));
    assert.deepEqual(keys.filter((k) => !(k in nls)), [], f);
  }
});

test('the knowledge-base view, its commands and the walkthrough are contributed; their media are shipped', () => {
  const c = pkg.contributes;
  assert.equal(c.viewsContainers.activitybar[0].id, 'chancery');
  assert.equal(c.views.chancery[0].id, 'chancery.knowledgeBase');
  const commands = c.commands.map((x) => x.command);
  for (const id of ['chancery.showKnowledgeBase', 'chancery.openKnowledgeBaseDocument', 'chancery.openSample', 'chancery.addCorpusFolder', 'chancery.switchToCommunique', 'chancery.openSource']) {
    assert.ok(commands.includes(id), id);
  }
  const steps = c.walkthroughs[0].steps;
  assert.deepEqual(steps.map((s) => s.id), ['openSample', 'hover', 'fix', 'snippet', 'corpus']);
  const nls = JSON.parse(read('package.nls.json'));
  assert.match(nls[steps[0].description.slice(1, -1)], /\(command:chancery\.openSample\)/);
  assert.match(nls[steps[4].description.slice(1, -1)], /\(command:chancery\.addCorpusFolder\)/);
  // Every file the manifest names exists and the .vsix takes it (.vscodeignore).
  const files = [pkg.icon, c.viewsContainers.activitybar[0].icon, ...steps.map((s) => s.media.image)];
  assert.match(pkg.icon, /\.png$/, 'the Marketplace takes a PNG icon');
  const ignore = read('.vscodeignore');
  for (const f of files) {
    assert.ok(existsSync(path.join(ROOT, f)), f);
    assert.ok(ignore.split('\n').some((l) => l.startsWith('!') && (l.slice(1) === f || (l.endsWith('/**') && f.startsWith(l.slice(1, -2))))), `.vscodeignore ships ${f}`);
  }
  assert.ok(ignore.includes('!samples/draft.communique'), 'the walkthrough opens the sample draft shipped with the extension');
  // .txt and .md drafts wrap like .communique.
  for (const l of ['[communique]', '[plaintext]', '[markdown]']) assert.equal(c.configurationDefaults[l]['editor.wordWrap'], 'on', l);
});

test('the Extensions page shows the user README: what it does, screenshots, settings, adding a corpus; every image is shipped', () => {
  const m = /--readme-path\s+(\S+)/.exec(pkg.scripts.package);
  assert.ok(m, 'npm run package passes --readme-path');
  const readme = read(m[1]);
  assert.doesNotMatch(readme, /npm ci|\.ci\/run|server\/src/, 'no developers\' material');
  for (const h of [/^## What it does/m, /^## Settings/m, /^## Adding your own corpus/m]) assert.match(readme, h);
  for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes('`' + key + '`'), `${key} is documented`);
  const tokens = new MarkdownIt().parse(readme, {});
  const images = tokens.flatMap((t) => t.children ?? []).filter((t) => t.type === 'image').map((t) => t.attrGet('src'));
  assert.ok(images.length >= 3, `screenshots: ${images}`);
  const ignore = read('.vscodeignore');
  for (const src of images) {
    assert.ok(!/^[a-z]+:/.test(src), `${src} is a file of the extension`);
    assert.ok(existsSync(path.join(ROOT, src)), src);
    assert.ok(ignore.includes(`!${src.split('/')[0]}/`), `${src} is in the .vsix`);
  }
  // Links to repository files that the .vsix does not have would be dead on the Extensions page.
  const links = tokens.flatMap((t) => t.children ?? []).filter((t) => t.type === 'link_open').map((t) => t.attrGet('href'));
  for (const href of links.filter((h) => !/^[a-z]+:/.test(h) && !h.startsWith('#'))) assert.fail(`a relative link ${href} is dead in the .vsix`);
  assert.doesNotMatch(ignore, /^!README\.md$/m, 'the developers\' README stays out of the .vsix');
});

test('hover links to the corpus open the read-only source (a command link); other text is untouched', () => {
  const md = '- 2014年9月12日 · 杜尚别 · 通过 — [a\\.txt:3](file:///c/%E8%AF%AD/a.txt#L3,7) and [b](https://example.org/x)';
  const out = rewrite.withSourceLinks(md);
  const m = /\]\(command:chancery\.openSource\?([^)]+)\)/.exec(out);
  assert.ok(m, out);
  assert.deepEqual(JSON.parse(decodeURIComponent(m[1])), ['file:///c/%E8%AF%AD/a.txt#L3,7']);
  assert.ok(out.includes('[b](https://example.org/x)'));
  assert.deepEqual(rewrite.locationOfLink('file:///c/a.txt#L3,7'), { uri: 'file:///c/a.txt', line: 2, character: 6, length: 0 });
  assert.deepEqual(rewrite.locationOfLink('file:///c/a.docx'), { uri: 'file:///c/a.docx', line: 0, character: 0, length: 0 });
});

test('Markdown with headings keeps VS Code\'s outline only (no extra breadcrumb level); without headings Chancery\'s', () => {
  assert.equal(rewrite.hasMarkdownHeading('# 交通运输\n\n　　各代表团团长认为……'), true);
  assert.equal(rewrite.hasMarkdownHeading('交通运输\n====\n\n正文'), true);
  assert.equal(rewrite.hasMarkdownHeading('　　各代表团团长认为……\n\n　　会议期间……'), false);
  assert.equal(rewrite.hasMarkdownHeading('#不是标题'), false);
});
