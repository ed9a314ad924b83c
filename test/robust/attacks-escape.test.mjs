// Markdown the server sends, from a hostile corpus (#12 item 3): corpus sentences, titles, places,
// abbreviations and FILE NAMES hold bare URLs and addresses (which a renderer with linkify turns
// into live links), markdown links and images, raw HTML with event handlers and javascript: links.
// Every hover, every completion item's documentation and the knowledge-base markdown
// (chancery/knowledgeBase) the server returns through the protocol is rendered with markdown-it
// { html: true, linkify: true } — as permissive as a client can be — and the HTML must hold no link
// but the server's own links to corpus files, no image and no tag from the corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { LspServer, errorLogs } from '../harness/lspServer.mjs';

const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');
// Two renderers with HTML and bare-URL autolinks on: one that renders every link destination as a
// link (as a client that opens file: links does, VS Code among them), and markdown-it's default,
// which refuses file: destinations and so shows them as text, where linkify looks for URLs too.
const md = new MarkdownIt({ html: true, linkify: true });
md.validateLink = () => true;
const mdStrict = new MarkdownIt({ html: true, linkify: true });

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'chancery-attacks-escape-')));
const ws = path.join(root, 'ws');
const corpusDir = path.join(ws, 'corpus');
mkdirSync(corpusDir, { recursive: true });

// Active content of every kind a renderer may turn live.
const URL = 'http://localhost:8080/admin?x=1';
const HOSTILE = [
  URL,
  'www.example.com',
  'mailto:boss@example.com',
  'a@b.com',
  '[点我](http://evil.example/x)',
  '[脚本](javascript:alert(1))',
  '![图](http://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(2)">链接</a>',
  'javascript:alert(3)',
];
const TITLES = [
  `《上合组织${URL}合作纲要》`,
  '《上合组织www.example.com合作协定》',
  '《上合组织a@b.com和mailto:boss@example.com合作构想》',
  '《上合组织<img src=x onerror=alert(1)>合作宣言》',
  '《上合组织![图](http://evil.example/p.png)合作计划》',
  '《上合组织[脚本](javascript:alert(1))合作声明》',
];
const SENTENCES = [
  `　　各方欢迎2020年11月30日在比什凯克通过的${TITLES[0]}，详见${URL}。`,
  `　　成员国指出，2019年6月14日在比什凯克批准的${TITLES[1]}（参见www.example.com和a@b.com）具有重要意义。`,
  `　　2018年6月10日在青岛签署的${TITLES[2]}<img src=x onerror=alert(1)>得到落实。`,
  `　　各代表团团长欢迎2017年6月9日在阿斯塔纳通过的${TITLES[3]}[点我](http://evil.example/x)。`,
  `　　2016年6月24日在塔什干通过的${TITLES[4]}![图](http://evil.example/p.png)。`,
  `　　2015年7月10日在乌法通过的${TITLES[5]}<a href="javascript:alert(2)">链接</a>。`,
  `　　上海合作组织（以下简称“www.example.com”）于2021年9月17日在杜尚别举行元首理事会会议，mailto:boss@example.com。`,
];
writeFileSync(path.join(corpusDir, 'hostile.txt'), SENTENCES.join('\n') + '\n');
// FILE NAMES with the same (no slash can be in a name: the rest of each attack is kept).
const NAMES = [
  'www.example.com a@b.com.txt',
  'mailto:boss@example.com.txt',
  '[点我](javascript:alert(1)).txt',
  '![图](evil.png) <img src=x onerror=alert(1)>.txt',
  'http:localhost:8080 <a href=javascript:alert(2)>x<a>.txt',
];
const NAMED_TITLES = NAMES.map((_, i) => `《上合组织成员国第${'一二三四五'[i]}号文件名测试合作纲要》`);
NAMES.forEach((name, i) => writeFileSync(path.join(corpusDir, name), `　　201${i}年6月9日在阿斯塔纳签署的${NAMED_TITLES[i]}。\n${SENTENCES[i]}\n`));

let server;
before(async () => {
  const chancery = { corpus: { paths: [corpusDir], includeBuiltin: false } };
  server = await LspServer.start({ settings: { chancery }, initializationOptions: chancery, workspaceFolders: [ws] });
  await server.waitFor(
    () => server.notifications.some((n) => n.method === 'chancery/status' && n.params?.state === 'ready' && n.params.instruments >= 8),
    60000,
    'knowledge base of the hostile corpus ready',
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

/** Tags Markdown itself produces: anything else in the HTML came from the corpus. */
const MARKDOWN_TAGS = new Set(['p', 'strong', 'em', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'hr', 'br', 'code', 'pre', 'blockquote', 'a']);
const corpusLinks = new Set();

/** Asserts that `markdown`, rendered, has no link but to corpus files, no image, no raw HTML. */
function assertInert(markdown, where) {
  for (const renderer of [md, mdStrict]) assertInertHtml(renderer.render(markdown), markdown, where);
}

function assertInertHtml(html, markdown, where) {
  const ctx = `${where}\n--- markdown:\n${markdown}\n--- html:\n${html}`;
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, name, attrs] = m;
    assert.ok(MARKDOWN_TAGS.has(name.toLowerCase()), `a tag Markdown makes, not ${tag}: ${ctx}`);
    if (name.toLowerCase() === 'a' && !tag.startsWith('</')) {
      const href = /^\s+href="([^"]*)"\s*$/.exec(attrs)?.[1];
      assert.ok(href && href.startsWith(pathToFileURL(corpusDir).href + '/'), `a link only to a corpus file, not ${tag}: ${ctx}`);
      corpusLinks.add(href);
    } else assert.equal(attrs.trim(), '', `no attributes on ${tag}: ${ctx}`);
  }
  assert.doesNotMatch(html, /<img|href="(http|mailto|www|javascript)/i, ctx);
}

test('every hover on a draft made of the hostile corpus renders inert', { timeout: 180000 }, async () => {
  const uri = pathToFileURL(path.join(ws, 'draft.communique')).href;
  const lines = [...SENTENCES, ...NAMED_TITLES];
  await server.openAndWait(uri, lines.join('\n'));
  let hovers = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character < lines[line].length; character++) {
      const h = await server.hover(uri, { line, character });
      if (!h) continue;
      hovers++;
      assertInert(markdownOf(h.contents), `hover at ${line}:${character}`);
    }
  }
  assert.ok(hovers >= 50, `hovers shown (${hovers})`);
  server.close(uri);
});

test('every completion item\'s documentation renders inert (instruments, dates, places, phrasing)', { timeout: 180000 }, async () => {
  const uri = pathToFileURL(path.join(ws, 'complete.communique')).href;
  // Every prefix of the corpus's sentences: instruments after 《, dates and places in frames,
  // continuations and sentence formulas (whose documentation quotes the corpus sentence and file).
  const text = SENTENCES.slice(0, 3).join('\n') + '\n　　各方欢迎《';
  await server.openAndWait(uri, text);
  const lines = text.split('\n');
  let documented = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= lines[line].length; character++) {
      const res = await server.completion(uri, { line, character });
      for (const item of Array.isArray(res) ? res : (res?.items ?? [])) {
        if (!item.documentation) continue;
        documented++;
        assertInert(markdownOf(item.documentation), `completion "${item.label}" at ${line}:${character}`);
      }
    }
  }
  assert.ok(documented >= 20, `completion items carry documentation (${documented})`);
  server.close(uri);
});

test('the knowledge-base markdown (chancery/knowledgeBase) renders inert, the corpus text still readable', { timeout: 60000 }, async () => {
  const { format, content } = await server.request('chancery/knowledgeBase', { format: 'markdown' });
  assert.equal(format, 'markdown');
  assertInert(content, 'knowledge base');
  // Not vacuous: the hostile text is there, as text.
  const text = md.render(content).replace(/<[^>]+>/g, '');
  for (const s of ['localhost:8080/admin?x=1', 'www.example.com', 'a@b.com', 'onerror=alert(1)', 'mailto:boss@example.com']) {
    assert.ok(text.includes(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')), `"${s}" shown as text in the knowledge base`);
  }
  for (const name of NAMES) assert.ok(text.includes(name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')), `file name ${name} shown as text`);
  assert.ok(corpusLinks.size >= 2, `the server's own links to corpus files are kept (${[...corpusLinks].join(', ')})`);
  assert.deepEqual(errorLogs(server), []);
});
