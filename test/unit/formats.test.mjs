// Corpus documents that are not plain text: Word documents (.docx) and web pages (.html/.htm)
// become one line per paragraph, and what is learned from them is what a .txt would give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { core } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { zipSync, strToU8 } = require('fflate');
const iconv = require('iconv-lite');
const { loadCorpus, memoryCorpusReader, docxText, htmlText, buildKnowledgeBase } = core;

const TITLE = '上海合作组织成员国外交部长理事会会议新闻公报';
const SENTENCE = '　　各代表团团长欢迎2021年9月17日在杜尚别通过的《上合组织旅游和文化之都条例》。';

/** A minimal .docx: the parts Word needs to open it, and the body given as WordprocessingML. */
function docx(body) {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    body +
    '<w:sectPr/></w:body></w:document>';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
    'word/document.xml': strToU8(xml),
  });
}
// paragraph properties list tab stops as w:tab too: they are not text
const para = (...runs) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:jc w:val="both"/></w:pPr>${runs.join('')}</w:p>`;
const run = (inner) => `<w:r><w:rPr><w:rFonts w:ascii="仿宋"/></w:rPr>${inner}</w:r>`;
const t = (s) => `<w:t xml:space="preserve">${s}</w:t>`;

const WORD = docx(
  para(run(t(TITLE))) +
    // one sentence split over runs, as Word stores it after an edit
    para(run(t(SENTENCE.slice(0, 20))), run(t(SENTENCE.slice(20)))) +
    // tracked changes: the deleted text is left out, the inserted text kept; tab, line break, entities
    para(run('<w:delText>删去的文字</w:delText>'), '<w:ins>' + run(t('插入的文字')) + '</w:ins>', run('<w:tab/>' + t('A&amp;B') + '<w:br/>' + t('第二行'))) +
    // a text box: its text once (the fallback copy for older readers is skipped)
    para(run(t('框外')), run('<mc:AlternateContent><mc:Choice Requires="wps">' + t('框内') + '</mc:Choice><mc:Fallback>' + t('框内') + '</mc:Fallback></mc:AlternateContent>')) +
    para(),
);

test('docx: one line per paragraph, runs joined, deleted text left out, tabs and breaks kept, text boxes once', () => {
  const d = docxText(WORD);
  assert.equal(d.encoding, 'docx');
  assert.equal(d.text, [TITLE, SENTENCE, '插入的文字\tA&B', '第二行', '框外框内', ''].join('\n'));
});

test('docx: what is not a Word document is a clear error', () => {
  assert.match(docxText(new TextEncoder().encode(SENTENCE)).error, /not a Word document/);
  assert.match(docxText(zipSync({ 'a.txt': strToU8('x') })).error, /no word\/document\.xml/);
  // a zip bomb: document.xml declares 4 GB unpacked (the central directory's size field): refused unread
  const bomb = WORD.slice();
  const view = new DataView(bomb.buffer);
  let patched = 0;
  for (let i = 0; i + 46 <= bomb.length; i++)
    if (view.getUint32(i, true) === 0x02014b50 && new TextDecoder().decode(bomb.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === 'word/document.xml') {
      view.setUint32(i + 24, 0xfffffff0, true);
      patched++;
    }
  assert.equal(patched, 1);
  assert.match(docxText(bomb).error, /would unpack to 4294967280 bytes/);
});

const PAGE = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>外交部网站</title><style>p { text-indent: 2em }</style><script>var s = "《不是正文》";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/x">新闻</a></div>
<div id="News_Body_Txt_A"><h1>${TITLE}</h1>
<p>&nbsp;&nbsp;${SENTENCE.trim()}</p>
<p>各方支持&lt;上合组织&gt;
   继续合作。<br>第二行</p><!-- 注释 --><noscript>请启用脚本</noscript>
<pre>  保留  空格</pre></div></body></html>`;

test('html: the text outside head, script and style; one line per block; white space as a browser collapses it', () => {
  assert.equal(
    htmlText(PAGE),
    ['首页 > 新闻', TITLE, '  ' + SENTENCE.trim(), '各方支持<上合组织> 继续合作。', '第二行', '  保留  空格'].join('\n'),
  );
});

test('loadCorpus reads .docx, .html and .htm in folders, decodes a page by its declared charset, skips other formats', async () => {
  const big5 = PAGE.replace('charset=gb2312', 'charset=big5').replace(TITLE, '上海合作組織成員國外交部長理事會會議新聞公報');
  const reader = memoryCorpusReader({
    '/c/a.docx': WORD,
    '/c/b.html': iconv.encode(PAGE, 'gb2312'),
    '/c/c.htm': iconv.encode(big5, 'big5'),
    '/c/d.html': new TextEncoder().encode(PAGE.replace('charset=gb2312', 'charset=utf-8')),
    '/c/e.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    '/c/f.docx': new TextEncoder().encode('not a zip'),
  });
  const { docs, problems } = await loadCorpus(['/c'], reader);
  assert.deepEqual(docs.map((d) => [d.uri, d.encoding]), [
    ['memory:/c/a.docx', 'docx'],
    ['memory:/c/b.html', 'html (gb18030)'],
    ['memory:/c/c.htm', 'html (big5)'],
    ['memory:/c/d.html', 'html (utf-8)'],
  ]);
  for (const d of [docs[1], docs[3]]) assert.ok(d.text.includes(SENTENCE.trim()), d.uri);
  // (Big5 holds traditional characters only: the title was written so)
  assert.ok(docs[2].text.includes('上海合作組織成員國外交部長理事會會議新聞公報'));
  assert.ok(!docs.some((d) => d.text.includes('不是正文')));
  // the broken .docx: one problem naming the file and why, in English and Chinese; the .pdf is not a corpus format
  assert.equal(problems.length, 1);
  assert.match(problems[0].message.en, /Skipped \/c\/f\.docx: not a Word document/);
  assert.match(problems[0].message.zh, /已跳过 \/c\/f\.docx/);
});

test('the knowledge base learned from a .docx or a web page equals the one from the same text as .txt', async () => {
  const txt = await loadCorpus(['/c/a.txt'], memoryCorpusReader({ '/c/a.txt': TITLE + '\n' + SENTENCE + '\n' }));
  const word = await loadCorpus(['/c/a.docx'], memoryCorpusReader({ '/c/a.docx': WORD }));
  const page = await loadCorpus(['/c/a.html'], memoryCorpusReader({ '/c/a.html': PAGE.replace('charset=gb2312', 'charset=utf-8') }));
  const instruments = (docs) => buildKnowledgeBase(docs).instruments.map((i) => [i.title, i.adoptions.map((a) => [a.date?.text ?? a.date, a.place, a.verb])]);
  const expected = instruments(txt.docs);
  assert.equal(expected.length, 1);
  assert.deepEqual(instruments(word.docs), expected);
  assert.deepEqual(instruments(page.docs), expected);
});

test('findings name the paragraph of a Word document or a web page, not a line of the file', async () => {
  const word = await loadCorpus(['/c/a.docx'], memoryCorpusReader({ '/c/a.docx': WORD }));
  const service = core.createLanguageService({ kb: buildKnowledgeBase(word.docs) });
  const [f] = service.diagnose('　　各方欢迎2021年9月18日在杜尚别通过的《上合组织旅游和文化之都条例》。');
  assert.equal(f.code, 'date-mismatch');
  assert.match(f.message.en, /the corpus \(a\.docx, paragraph 2\) says 2021年9月17日/);
  assert.match(f.message.zh, /语料（a\.docx，第2段）为2021年9月17日/);
});

test('phrase completions learned from a Word document cite its paragraph', async () => {
  const word = await loadCorpus(['/c/a.docx'], memoryCorpusReader({ '/c/a.docx': WORD }));
  const model = core.learnPhrasing(word.docs);
  const text = '　　各代表团团长欢迎2021年9月17日在杜';
  const items = core.completePhrasing(model, text, text.length);
  const cited = items.find((e) => e.documentation);
  assert.ok(cited, JSON.stringify(items.map((e) => e.label)));
  assert.match(cited.documentation, /— memory\\:\\\/c\\\/a\\\.docx ¶2$/); // markdown-escaped
});
