// The text of web pages and Word documents (corpus/formats.ts) is read by a linear walk over the
// markup (corpus/markup.ts). It must read every page as htmlparser2's tree-building Parser reads it
// (the reference below: the extraction the project used before), and stay linear where that
// Parser is quadratic: deeply nested or unclosed elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { core } from './helpers.mjs';
import { mulberry32 } from '../harness/prng.mjs';

const require = createRequire(import.meta.url);
const { Parser } = require('htmlparser2');
const { htmlText } = core;

// The reference: the same rules as formats.ts, on htmlparser2's Parser.
const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'select', 'textarea']);
const BLOCKS = new Set(
  'address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(' '),
);
function referenceHtmlText(html) {
  const lines = [];
  let line = '';
  let skip = 0;
  let pre = 0;
  const flush = () => {
    const t = pre ? line : line.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
    if (t) lines.push(t);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skip++;
        else if (skip) return;
        else if (name === 'br') flush();
        else if (BLOCKS.has(name)) {
          flush();
          if (name === 'pre') pre++;
        }
      },
      ontext(t) {
        if (!skip) line += t;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skip = Math.max(0, skip - 1);
        else if (!skip && BLOCKS.has(name)) {
          flush();
          if (name === 'pre') pre = Math.max(0, pre - 1);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
}

const TAGS = ['div', 'p', 'span', 'b', 'i', 'li', 'ul', 'br', 'hr', 'img', 'pre', 'td', 'tr', 'table', 'h2', 'head', 'body', 'script', 'style', 'svg', 'path', 'select', 'option', 'input', 'textarea', 'title', 'a', 'section', 'noscript', 'DIV', 'P'];
const TEXTS = ['各代表团团长', '  ', '\n', '&amp;', '&lt;b&gt;', '&nbsp;', '《协定》', 'x', '2021年9月17日', '&#x4e2d;', '<!-- 注释 -->', '<![CDATA[内]]>', ' a  b '];

/** Random markup: well-formed and broken (unclosed, stray end tags, self-closing, void end tags). */
function randomHtml(rnd, size) {
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  let out = '';
  const open = [];
  for (let k = 0; k < size; k++) {
    const r = rnd();
    if (r < 0.35) {
      const t = pick(TAGS);
      out += rnd() < 0.1 ? `<${t}/>` : `<${t}${rnd() < 0.2 ? ' class="c" title="<x>"' : ''}>`;
      open.push(t);
    } else if (r < 0.6 && open.length) {
      out += `</${rnd() < 0.8 ? open.pop() : pick(TAGS)}>`;
    } else out += pick(TEXTS);
  }
  return out;
}

test('web pages read as the tree-building parser reads them (2,000 random pages, broken markup included)', () => {
  const rnd = mulberry32(20261206);
  for (let n = 0; n < 2000; n++) {
    const html = randomHtml(rnd, 5 + Math.floor(rnd() * 60));
    assert.equal(htmlText(html), referenceHtmlText(html), html);
  }
});

test('a page of a typical communiqué reads the same', () => {
  const page =
    '<!doctype html><html><head><meta charset="utf-8"><title>公报</title><style>p{}</style></head><body>' +
    '<div class="art"><h1>上海合作组织成员国政府首脑（总理）理事会第二十次会议联合公报</h1>' +
    '<p>　　2021年11月25日，会议以视频形式举行。</p><p>各代表团团长欢迎<b>2021年9月17日</b>在杜尚别通过的《上合组织旅游和文化之都条例》。<br>第二行</p>' +
    '<script>var s = "<p>不是正文</p>";</script><pre>  保留  空格</pre><ul><li>一<li>二</ul></div></body></html>';
  assert.equal(htmlText(page), referenceHtmlText(page));
  assert.match(htmlText(page), /在杜尚别通过的《上合组织旅游和文化之都条例》。\n第二行/);
});

// The tree-building parser took minutes on such pages (quadratic in the depth); bench/robust.mjs
// (`node bench/robust.mjs scanners`) prints the times of the linear walk.
test('deeply nested and unclosed elements: their text', () => {
  for (const [html, expect] of [
    ['<div>'.repeat(200_000) + '文本' + '</div>'.repeat(200_000), '文本'],
    ['<b>文'.repeat(200_000), '文'.repeat(200_000)],
    ['<p>' + '<span>'.repeat(100_000) + '甲</p>乙', '甲\n乙'],
  ]) {
    assert.equal(htmlText(html), expect);
  }
});
