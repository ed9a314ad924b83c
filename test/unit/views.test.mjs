// The knowledge base's views (server/src/host/views.ts: the tree of chancery/knowledgeView and the
// Markdown overview), the corpus sources served read-only (host/sources.ts), the draft detection
// for untitled tabs (core/lang/detect.ts) and corpus paths as typed (host/corpusPaths.ts) — #15
// items 4, 5, 7 and 8. Loaded from the TypeScript sources (test/harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { source } from '../harness/sources.mjs';
import { core } from './helpers.mjs';
import { kb } from './service-fixture.mjs';

const { knowledgeView, kbMarkdown, displayPath } = source('host/views');
const { sourceText, corpusUriOf } = source('host/sources');
const { isTextOfLanguage } = source('core/lang/detect');
const { typedPaths } = source('host/corpusPaths');

const CORPUS = 'builtin:/sco-2021-heads-of-government-communique.zh.txt';

test('the view has five sections with their counts, localised', () => {
  const en = knowledgeView(kb, 'en');
  assert.deepEqual(
    en.map((s) => s.id),
    ['section:instruments', 'section:events', 'section:places', 'section:officials', 'section:sources'],
  );
  assert.deepEqual(
    en.map((s) => s.label),
    ['Instruments', 'Meetings and events', 'Places', 'Officials', 'Sources'],
  );
  assert.equal(en[0].description, String(kb.instruments.length));
  assert.ok(en.every((s) => s.kind === 'section' && s.expandable));
  assert.deepEqual(
    knowledgeView(kb, 'zh').map((s) => s.label),
    ['文书', '会议和活动', '地点', '官员', '语料来源'],
  );
});

test('instruments: newest first, the adoption as the genre writes it, a click opens the fact; children are its facts and documents', () => {
  const rows = knowledgeView(kb, 'zh', 'section:instruments');
  assert.equal(rows.length, kb.instruments.length);
  const econ = rows.find((r) => r.label === '《上合组织经济论坛构想》');
  assert.equal(econ.description, '2021年9月17日 · 杜尚别 · 批准');
  assert.match(econ.tooltip, /1 份文件提及 1 次/);
  assert.equal(econ.source.uri, CORPUS);
  assert.ok(econ.source.character > 0 && econ.source.length > 0, JSON.stringify(econ.source));
  // No ISO-like date anywhere in the view.
  for (const r of rows) assert.doesNotMatch(`${r.label} ${r.description ?? ''}`, /\d{4}-\d{1,2}-\d{1,2}/);
  // Newest first: the dates of the rows never increase.
  const order = rows.map((r) => /^(\d{4})年(\d+)月(\d+)日/.exec(r.description ?? '')).filter(Boolean).map((m) => +m[1] * 10000 + +m[2] * 100 + +m[3]);
  assert.deepEqual(order, [...order].sort((a, b) => b - a));
  const road = rows.find((r) => r.label.includes('国际道路运输便利化协定'));
  assert.equal(road.description, '2014年9月12日 · 杜尚别 · 通过');
  const children = knowledgeView(kb, 'zh', road.id);
  assert.equal(children[0].kind, 'fact');
  assert.equal(children[0].label, '2014年9月12日 · 杜尚别 · 通过');
  assert.match(children[0].description, /sco-2021-heads-of-government-communique\.zh\.txt:1/);
  assert.ok(children.some((c) => c.kind === 'fact' && c.tooltip?.includes('国际道路运输便利化协定')), 'a document row with the sentence');
});

test('places, events, officials and sources', () => {
  const places = knowledgeView(kb, 'en', 'section:places');
  const dushanbe = places.find((p) => p.label === '杜尚别');
  assert.equal(places[0], dushanbe, 'the place where most happened comes first');
  assert.match(dushanbe.description, /^\d+ instrument\(s\) · \d+ event\(s\)$/);
  const at = knowledgeView(kb, 'en', dushanbe.id);
  assert.equal(at[0].kind, 'instrument');
  assert.match(at[0].description, /^2021年9月17日 · (批准|通过)$/);
  assert.ok(at.some((r) => r.kind === 'event' && r.source), 'events held there');
  const events = knowledgeView(kb, 'zh', 'section:events');
  const agri = events.find((e) => e.label === '上合组织成员国农业部长会议');
  assert.equal(agri.description, '2021年8月12日 · 杜尚别');
  const officials = knowledgeView(kb, 'en', 'section:officials');
  assert.ok(officials.some((o) => o.label === '马明' && o.description === '哈萨克斯坦共和国总理' && o.source));
  const sources = knowledgeView(kb, 'en', 'section:sources');
  assert.equal(sources[0].label, 'sco-2021-heads-of-government-communique.zh.txt');
  assert.match(sources[0].description, /^[\d,]+ characters · utf-8$/);
  assert.equal(sources[0].tooltip, 'sco-2021-heads-of-government-communique.zh.txt (embedded corpus)');
  assert.deepEqual(sources[0].source, { uri: CORPUS, line: 0, character: 0, length: 0 });
  assert.deepEqual(knowledgeView(kb, 'en', 'instrument:no such id'), []);
  assert.deepEqual(knowledgeView(kb, 'en', 'nonsense'), []);
});

test('sources in natural name order; a corpus problem shows its path decoded, not as a uri', () => {
  const docs = ['doc10', 'doc2', 'doc1', 'doc100'].map((n) => ({ uri: `file:///archive/${n}.txt`, text: '　　各方欢迎2021年8月12日在杜尚别批准的《上合组织甲合作构想》。', encoding: 'utf-8' }));
  const k = core.buildKnowledgeBase(docs);
  k.problems.push({ uri: pathToFileURL('/档案/缺失的语料').href, message: { en: 'Corpus path not found: /档案/缺失的语料', zh: '找不到语料路径：/档案/缺失的语料' } });
  const rows = knowledgeView(k, 'en', 'section:sources');
  assert.deepEqual(rows.map((r) => r.label), ['doc1.txt', 'doc2.txt', 'doc10.txt', 'doc100.txt', '/档案/缺失的语料']);
  assert.equal(rows[4].kind, 'problem');
  assert.doesNotMatch(rows[4].label, /%/);
  assert.equal(displayPath(pathToFileURL('/档案/a b.txt').href, 'en'), '/档案/a b.txt');
  // One instrument stated by four documents: its fact is one row with the count.
  const ins = knowledgeView(k, 'en', 'section:instruments')[0];
  const facts = knowledgeView(k, 'en', ins.id).filter((r) => r.label === '2021年8月12日 · 杜尚别 · 批准');
  assert.equal(facts.length, 1);
  assert.equal(facts[0].description, '4 documents');
});

test('a long list is capped with a "… N more" row', () => {
  const { MAX_ROWS } = source('host/views');
  const n = MAX_ROWS + 3;
  const text = Array.from({ length: n }, (_, i) => `　　各方欢迎2021年8月12日在杜尚别批准的《上合组织第${i + 1}号合作构想》。`).join('\n');
  const k = core.buildKnowledgeBase([{ uri: 'file:///big.txt', text, encoding: 'utf-8' }]);
  const rows = knowledgeView(k, 'zh', 'section:instruments');
  assert.equal(rows.length, MAX_ROWS + 1);
  assert.deepEqual(rows.at(-1), { id: rows.at(-1).id, kind: 'more', label: '… 另有 3 项' });
});

test('the Markdown overview: in the user\'s language, dates as the genre writes them, sources by name', () => {
  const en = kbMarkdown(kb, 'en');
  assert.match(en, /^# Chancery knowledge base/);
  assert.match(en, /《上合组织经济论坛构想》 构想 — 2021年9月17日 · 杜尚别 · 批准 — 1 mention\(s\)/);
  assert.doesNotMatch(en, /2021-9-17|2021-09-17/);
  const zh = kbMarkdown(kb, 'zh');
  assert.match(zh, /^# Chancery 知识库/);
  assert.match(zh, /## 文书（\d+）/);
  assert.match(zh, /提及 1 次/);
  assert.doesNotMatch(zh, /mention|Instruments|Sources/);
});

test('chancery/source: the text of a corpus document of the knowledge base, by its uri or its file link; nothing else', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chancery-source-'));
  const file = path.join(dir, '语料 1.txt');
  const text = '　　第一段。\n　　各方欢迎2021年8月12日在杜尚别批准的《上合组织甲合作构想》。\n';
  writeFileSync(file, text);
  const secret = path.join(dir, 'secret.txt');
  writeFileSync(secret, '不是语料');
  const loaded = await core.loadCorpus([dir + '/语料 1.txt']);
  const k = core.buildKnowledgeBase(loaded.docs);
  const uri = loaded.docs[0].uri;
  const r = await sourceText(k, uri);
  assert.equal(r.text, text);
  assert.equal(r.name, '语料 1.txt');
  // The provenance's line and column point at the fact in that text.
  const p = k.instruments[0].adoptions[0].provenance;
  assert.equal(r.text.split('\n')[p.line].slice(p.column, p.column + 4), text.split('\n')[1].slice(p.column, p.column + 4));
  // The link a hover carries (#L…) resolves to the same document.
  assert.equal((await sourceText(k, uri + '#L2,5')).uri, uri);
  assert.equal(await sourceText(k, pathToFileURL(secret).href), null, 'a file that is not a source');
  assert.equal(await sourceText(k, 'file:///etc/passwd'), null);
  assert.equal(await sourceText(k, 42), null);
  // The embedded corpus: by its builtin uri and by the file its links point at.
  const builtin = await sourceText(kb, CORPUS);
  assert.ok(builtin.text.includes('上合组织经济论坛构想'));
  assert.equal(corpusUriOf(kb, pathToFileURL(path.join(core.builtinCorpusDir(), 'sco-2021-heads-of-government-communique.zh.txt')).href + '#L1,40'), CORPUS);
});

test('draft detection: Chinese prose is a draft; code, English and short notes are not', () => {
  assert.equal(isTextOfLanguage('　　各代表团团长强调，切实落实2021年9月17日在杜尚别通过的《上合组织经济论坛构想》十分重要。'), true);
  assert.equal(isTextOfLanguage('def main():\n    # 这是一个注释，说明函数的用途和参数\n    return compute_everything(alpha, beta, gamma)\n' .repeat(3)), false);
  assert.equal(isTextOfLanguage('The heads of delegation stressed the importance of the Economic Forum concept.'), false);
  assert.equal(isTextOfLanguage('会议纪要：明天开会'), false, 'too short to tell');
});

test('corpus paths as typed: each resolution maps back to the words in the settings', () => {
  const probes = { home: '/home/u', cwd: '/cwd', exists: () => false, realpath: (p) => p };
  const typed = typedPaths({ paths: [], folders: [{ path: '/ws', paths: ['语料/缺失', '~/公报', 'file:///data/x'] }], trusted: true }, probes);
  assert.equal(typed.get('/ws/语料/缺失'), '语料/缺失');
  assert.equal(typed.get('/home/u/公报'), '~/公报');
  assert.equal(typed.get('/data/x'), 'file:///data/x');
});
