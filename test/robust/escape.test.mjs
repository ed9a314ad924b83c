// Hovers and completion documentation escape corpus text (issue 6): a corpus holding Markdown
// links, command: URIs, raw HTML and images must render as plain text. The markdown the server
// sends is rendered with markdown-it (HTML enabled, as permissive as a client can be) and the
// resulting HTML must contain no link to anything but the corpus files, no image, no tag from
// the corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { LspServer, errorLogs } from '../harness/lspServer.mjs';

const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');
const md = new MarkdownIt({ html: true, linkify: false });
// With bare-URL autolinking (as GFM renderers do), still no command:/javascript: link may appear.
const mdLinkify = new MarkdownIt({ html: true, linkify: true });

const root = mkdtempSync(path.join(tmpdir(), 'chancery-escape-'));
const ws = path.join(root, 'ws');
const corpusDir = path.join(ws, 'corpus');
mkdirSync(corpusDir, { recursive: true });

// Titles and sentences full of active content. Titles keep no ASCII brackets that the
// normaliser would fold, so they are found as written.
const EVIL_TITLE_1 = '《上合组织[点我](command:workbench.action.terminal.new)合作纲要》';
const EVIL_TITLE_2 = '《上合组织![图](http://evil.example/p.png)<img src=x onerror=alert(1)>合作协定》';
const EVIL_TITLE_3 = '《上合组织**粗体**`代码`_斜体_\\#标题<script>alert(1)</script>合作构想》';
const EVIL_CORPUS = [
  `　　<img src=x onerror=alert(1)>各方欢迎2020年11月30日在[比什凯克](http://evil.example/x)通过的${EVIL_TITLE_1}。`,
  `　　[看这里](command:chancery.rebuild?%5B%5D)2019年6月14日在<a href="http://evil.example">比什凯克</a>批准的${EVIL_TITLE_2}。`,
  `　　各代表团团长欢迎2018年6月10日在青岛通过的${EVIL_TITLE_3}![x](javascript:alert(1))。`,
  `　　<script>alert(1)</script>欢迎2021年9月17日在杜尚别签署的《上合组织[嵌套〈上合组织[链接](http://evil.example)纲要〉]行动计划》。`,
].join('\n');
writeFileSync(path.join(corpusDir, 'evil.txt'), EVIL_CORPUS);
// A corpus FILE NAME with link syntax: hovers link to corpus files by name and line.
const EVIL_NAME_TITLE = '《上合组织成员国文件名测试合作纲要》';
writeFileSync(path.join(corpusDir, 'x](command:evil) <img src=y onerror=z> `a`.txt'), `　　2017年6月9日在阿斯塔纳签署的${EVIL_NAME_TITLE}。\n`);

let server;
before(async () => {
  const chancery = { corpus: { paths: [corpusDir], includeBuiltin: false } };
  server = await LspServer.start({ settings: { chancery }, initializationOptions: chancery, workspaceFolders: [ws] });
  await server.waitFor(
    () => server.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready' && n.params.instruments >= 4),
    60000,
    'knowledge base of the evil corpus ready',
  );
});
after(async () => {
  if (server) await server.stop();
  rmSync(root, { recursive: true, force: true });
});

const markdownOf = (contents) => {
  if (!contents) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(markdownOf).join('\n');
  return contents.value ?? '';
};

/** Asserts `markdown` renders without active content from the corpus. */
function assertInert(markdown, where) {
  const html = md.render(markdown);
  const ctx = `${where}\n--- markdown:\n${markdown}\n--- html:\n${html}`;
  assert.doesNotMatch(html, /<img\b/i, `no image: ${ctx}`);
  assert.doesNotMatch(html, /<script\b/i, `no script: ${ctx}`);
  assert.doesNotMatch(html, /<[^>]*\bonerror\s*=/i, `no event handler attribute: ${ctx}`);
  assert.doesNotMatch(mdLinkify.render(markdown), /href="(command:|javascript:)/i, `no command link even with autolinks: ${ctx}`);
  for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"/gi)) {
    const href = m[1];
    assert.match(href, /^(file:|builtin:)/, `only links to corpus files, not ${href}: ${ctx}`);
  }
  assert.doesNotMatch(html, /href="(command:|javascript:|http)/i, `no command/javascript/web link: ${ctx}`);
  // The raw markdown itself has no unescaped link syntax coming from the corpus.
  assert.doesNotMatch(markdown, /(?<!\\)\]\((command|http|javascript)/i, `no unescaped ](: ${ctx}`);
}

test('hover on instruments whose corpus text holds links, commands, HTML and images', { timeout: 60000 }, async () => {
  const uri = pathToFileURL(path.join(ws, 'draft.communique')).href;
  const draft = EVIL_CORPUS + '\n' + EVIL_NAME_TITLE;
  await server.openAndWait(uri, draft);
  const lines = draft.split('\n');
  let hovers = 0;
  for (let line = 0; line < lines.length; line++) {
    // Hover inside every 《…》 (and the nested 〈…〉), and on every date and place.
    const positions = [];
    for (const m of lines[line].matchAll(/《|〈|\d{4}年|比什凯克|杜尚别|青岛/g)) positions.push(m.index + 2);
    for (const character of positions) {
      const h = await server.hover(uri, { line, character });
      if (!h) continue;
      hovers++;
      assertInert(markdownOf(h.contents), `hover at ${line}:${character}`);
    }
  }
  assert.ok(hovers >= 3, `hovers shown on the evil instruments (${hovers})`);
  server.close(uri);
});

test('completion documentation after 《 escapes corpus text', { timeout: 60000 }, async () => {
  const uri = pathToFileURL(path.join(ws, 'complete.communique')).href;
  const text = '　　各方欢迎《';
  await server.openAndWait(uri, text);
  const res = await server.completion(uri, { line: 0, character: text.length });
  const items = Array.isArray(res) ? res : (res?.items ?? []);
  assert.ok(items.length >= 3, `instruments offered after 《 (${items.length})`);
  const caps = server.initializeResult.capabilities.completionProvider ?? {};
  let documented = 0;
  for (let item of items) {
    if (!item.documentation && caps.resolveProvider) item = await server.request('completionItem/resolve', item);
    const doc = item.documentation;
    if (doc) documented++;
    assertInert(markdownOf(doc), `completion ${item.label}`);
    // Labels and details are plain strings in every client; make sure they are strings.
    assert.equal(typeof item.label, 'string');
  }
  assert.ok(documented >= 1, 'completion items carry documentation');
  server.close(uri);
  assert.deepEqual(errorLogs(server), []);
});
