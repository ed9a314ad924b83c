import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service, zh, at, core, kb } from './service-fixture.mjs';

test('hover anywhere inside 《…》: canonical title, kind, date/place/verb, mentions as file:line links', () => {
  for (const src of ['各方欢迎《|上合组织经济论坛构想》。', '各方欢迎《上合组织经济|论坛构想》。', '各方欢迎《上合组织经济论坛构想|》。']) {
    const [text, offset] = at(src);
    const h = service.hover(text, offset);
    assert.ok(h, src);
    assert.equal(text.slice(h.span.start, h.span.end), '《上合组织经济论坛构想》');
    assert.match(h.markdown, /《上合组织经济论坛构想》 — 构想/);
    assert.match(h.markdown, /2021年9月17日/);
    assert.match(h.markdown, /杜尚别/);
    assert.match(h.markdown, /批准/);
    assert.match(h.markdown, /Mentioned 1 time in the corpus/);
    assert.match(h.markdown, /\]\(file:\/\/[^)]*sco-2021-heads-of-government-communique\.zh\.txt#L1,\d+\)/);
  }
});

test('hover on a nested 〈…〉 title and on its outer title: implements / implemented by', () => {
  const [text, inner] = at('落实《〈上合组织成员国环保|合作构想〉2022—2024年落实措施计划》');
  const h = service.hover(text, inner);
  assert.equal(text.slice(h.span.start, h.span.end), '〈上合组织成员国环保合作构想〉');
  assert.match(h.markdown, /Implemented by: 《〈上合组织成员国环保合作构想〉2022—2024年落实措施计划》/);
  const outer = service.hover(text, text.indexOf('落实措施'));
  assert.equal(text.slice(outer.span.start, outer.span.end), text.slice(2));
  assert.match(outer.markdown, /Implements: 《上合组织成员国环保合作构想》/);
  assert.match(outer.markdown, /2021年9月17日/);
});

test('a variant spelling (traditional, half-width) resolves to the instrument and says how it is written here', () => {
  const [text, offset] = at('《上合組織經濟|論壇構想》');
  const h = service.hover(text, offset);
  assert.match(h.markdown, /^《上合组织经济论坛构想》/);
  assert.match(h.markdown, /Written here as 《上合組織經濟論壇構想》/);
});

test('hover on a known date lists what was adopted and held that day; on a place; on an official', () => {
  const [text, d] = at('2021年9月1|7日在杜尚别');
  const h = service.hover(text, d);
  assert.equal(text.slice(h.span.start, h.span.end), '2021年9月17日');
  assert.match(h.markdown, /Adopted, approved or signed that day/);
  assert.match(h.markdown, /《上合组织经济论坛构想》/);
  const p = service.hover(text, text.indexOf('尚'));
  assert.equal(text.slice(p.span.start, p.span.end), '杜尚别');
  assert.match(p.markdown, /Adopted, approved or signed there/);
  // 17 instruments: the newest 8, then a count of the others.
  assert.match(p.markdown, /《上合组织经济论坛构想》 — \[2021年9月17日 · 批准\]/);
  assert.match(p.markdown, /- … 9 more instruments/);
  const o = service.hover('会议由马明主持。', 4);
  assert.match(o.markdown, /\*\*马明\*\*/);
  assert.match(o.markdown, /哈萨克斯坦共和国总理/);
  assert.equal(service.hover('1999年1月1日', 3), undefined, 'a date the corpus does not know');
});

test('an unknown title says so; plain text has no hover', () => {
  const h = service.hover('《完全不存在的文件名称》', 3);
  assert.match(h.markdown, /Not in the knowledge base/);
  assert.equal(service.hover('普通的句子。', 2), undefined);
});

test('Chinese locale', () => {
  const h = zh.hover('《上合组织经济论坛构想》', 3);
  assert.match(h.markdown, /语料中提及 1 次/);
});

test('corpus text is escaped: no links, HTML, images or commands come from the corpus', () => {
  const evil = '上合组织[点此](command:workbench.action.terminal.new)<img src=x onerror=alert(1)>![i](http://x/y.png)http://evil.example/合作纲要';
  const text = `　　2020年1月2日在莫斯科通过的《${evil}》。`;
  const docs = [{ uri: 'file:///tmp/evil.txt', text, encoding: 'utf-8' }];
  const kb2 = core.buildKnowledgeBase(docs);
  const s = core.createLanguageService({ kb: kb2 });
  const h = s.hover(`《${evil}》`, 3);
  assert.ok(h, 'the evil instrument is known');
  const md = h.markdown;
  // The only link destinations are the corpus file links built by the hover.
  const links = [...md.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
  for (const l of links) assert.match(l, /^file:\/\/\/tmp\/evil\.txt#L\d+,\d+$/, md);
  assert.doesNotMatch(md, /(?<!\\)<img/);
  assert.doesNotMatch(md, /(?<!\\)\[点此\]/);
  assert.doesNotMatch(md, /(?<!\\)!\[/);
  assert.doesNotMatch(md, /(?<!\\)http:\/\//);
  assert.ok(kb2.instruments.length >= 1);
  assert.ok(kb.instruments.length > 10);
});

test('hover on an event the corpus records: when and where it was held', () => {
  const [text, offset] = at('会议期间举行了上合组织成员国农业|部长会议。');
  const h = service.hover(text, offset);
  assert.equal(text.slice(h.span.start, h.span.end), '上合组织成员国农业部长会议');
  assert.match(h.markdown, /Held: 2021年8月12日 · 杜尚别/);
  const [d] = service.definition(text, offset);
  assert.match(d.sentence, /上合组织成员国农业部长会议在杜尚别举行/);
});

test('hover shows where the corpus disagrees with itself (conflicting dates/places)', () => {
  const docs = [
    { uri: 'file:///a.txt', text: '　　2020年1月2日在莫斯科通过的《上合组织某合作纲要》。', encoding: 'utf-8' },
    { uri: 'file:///b.txt', text: '　　2020年1月3日在北京通过的《上合组织某合作纲要》。', encoding: 'utf-8' },
  ];
  const s = core.createLanguageService({ kb: core.buildKnowledgeBase(docs) });
  const md = s.hover('《上合组织某合作纲要》', 3).markdown;
  assert.match(md, /The corpus disagrees on the date/);
  assert.match(md, /\[a\\\.txt:1\]\(file:\/\/\/a\.txt#L1,\d+\)/);
  assert.match(md, /Mentioned 2 times/);
});

test('hover says when the year of an adoption date is the year of the corpus document (the corpus wrote none)', () => {
  const k = core.buildKnowledgeBase([
    { uri: 'memory:/a.txt', text: '　　2021年11月25日，会议在杜尚别举行。外长们欢迎11月24日在杜尚别通过的《甲乙合作协定》。', encoding: 'utf-8' },
  ]);
  for (const [locale, note] of [
    ['en', /2021年11月24日 \(year of the document: the corpus writes none\) · 杜尚别 · 通过/],
    ['zh', /2021年11月24日（语料未写年份，取文件日期的年份） · 杜尚别 · 通过/],
  ]) {
    const [text, offset] = at('各方欢迎《甲乙|合作协定》。');
    assert.match(core.createLanguageService({ kb: k, locale }).hover(text, offset).markdown.replace(/\\/g, ''), note);
  }
});

// ---------------------------------------------------------------------------------------------
// A large corpus (#15 item 5): the same fact in hundreds of documents is one line with a count,
// lists are ordered by date and capped, documents in natural name order.

function archive(n, sentence) {
  const docs = [];
  for (let i = 1; i <= n; i++) docs.push({ uri: `file:///archive/doc${i}.txt`, text: '　　' + sentence(i), encoding: 'utf-8' });
  return docs;
}

test('a fact stated by 401 documents is one line with the number of documents; a different one is its own line, in date order', () => {
  const docs = archive(401, () => '各方欢迎2021年8月12日在杜尚别批准的《上合组织甲合作构想》。');
  docs.push({ uri: 'file:///archive/doc402.txt', text: '　　各方欢迎2021年8月13日在杜尚别批准的《上合组织甲合作构想》。', encoding: 'utf-8' });
  const s = core.createLanguageService({ kb: core.buildKnowledgeBase(docs) });
  const md = s.hover('《上合组织甲合作构想》', 3).markdown;
  const adoptions = md.split('\n').filter((l) => /^- 2021年8月1[23]日/.test(l));
  assert.equal(adoptions.length, 2, md);
  assert.match(adoptions[0], /^- 2021年8月12日 · 杜尚别 · 批准 — 401 documents: \[doc\d+\\\.txt:1\]\(file:\/\/\/archive\/doc\d+\.txt#L1,\d+\), \[doc\d+\\\.txt:1\]\([^)]*\) …$/);
  assert.match(adoptions[1], /^- 2021年8月13日 · 杜尚别 · 批准 — \[doc402\\\.txt:1\]/);
  assert.match(md, /The corpus disagrees on the date: 2021年8月12日 \(401 documents: .*\) \/ 2021年8月13日 \(\[doc402/);
  assert.match(md, /Mentioned 402 times in 402 documents \(newest first\):/);
  // The newest document first, then natural name order (doc2 before doc10, never doc1, doc10, doc100).
  const listed = [...md.matchAll(/^- \[(doc\d+)\\\.txt:1\]/gm)].map((m) => m[1]);
  assert.deepEqual(listed, ['doc402', 'doc1', 'doc2', 'doc3', 'doc4']);
  assert.match(md, /^- … 397 more documents$/m);
  const links = [...md.matchAll(/\]\(file:/g)].length;
  assert.ok(links <= 12, `${links} links in a hover over 402 documents:\n${md}`);
  const zh = core.createLanguageService({ kb: core.buildKnowledgeBase(docs), locale: 'zh' }).hover('《上合组织甲合作构想》', 3).markdown;
  assert.match(zh, /^- 2021年8月12日 · 杜尚别 · 批准 — 401 份文件：\[doc\d+\\\.txt:1\]\([^)]*\)、\[doc/m);
  assert.match(zh, /语料中 402 份文件提及 402 次（按日期由近及远）：/);
  assert.match(zh, /^- … 另有 397 份文件$/m);
});

test('hovering a place with 50 instruments lists the 8 newest with their date as the link, then a count', () => {
  const docs = archive(50, (i) => `各方欢迎${2000 + i}年5月${(i % 28) + 1}日在阿城通过的《上合组织第${i}号合作协定》。`);
  const s = core.createLanguageService({ kb: core.buildKnowledgeBase(docs) });
  const text = '会议在阿城举行。';
  const md = s.hover(text, text.indexOf('阿城') + 1).markdown;
  const items = md.split('\n').filter((l) => l.startsWith('- 《'));
  assert.equal(items.length, 8, md);
  assert.match(items[0], /^- 《上合组织第50号合作协定》 — \[2050年5月23日 · 通过\]\(file:\/\/\/archive\/doc50\.txt#L1,\d+\)$/);
  assert.match(items[7], /《上合组织第43号合作协定》/);
  assert.match(md, /Adopted, approved or signed there \(50, newest first\):/);
  assert.match(md, /^- … 42 more instruments$/m);
});

test('Chinese hover labels: full-width punctuation, no grammar term for the act of adoption (#15 item 10)', () => {
  for (const src of ['各方欢迎《上合组织经济|论坛构想》。', '2021年9月1|7日在杜尚别', '在杜尚|别', '会议期间举行了上合组织成员国农业|部长会议。', '会议由马|明主持。']) {
    const [text, offset] = at(src);
    const md = zh.hover(text, offset).markdown;
    assert.doesNotMatch(md, /动词/, src);
    // What the hover writes itself (links and corpus excerpts aside) has no half-width punctuation.
    const own = md
      .replace(/\[[^\]]*\]\([^)]*\)/g, '')
      .split('\n')
      .filter((l) => !l.startsWith('- ') || !l.includes(' — '))
      .join('\n');
    assert.doesNotMatch(own.replace(/\\./g, ''), /[:,;()]/, `${src}:\n${md}`);
  }
});
