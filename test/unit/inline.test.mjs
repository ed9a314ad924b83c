// features/inline.ts: which completion entries an editor can show as ghost text, in which order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';

const text = '各代表团團長';
const at = text.length;
const e = (o) => ({ label: o.insertText, kind: 'phrase', replace: { start: at - 2, end: at }, ...o });

test('inlineEntries: plain text ending at the cursor that keeps what is typed and adds two or more characters, by sortText', () => {
  const entries = [
    e({ insertText: '團長強調，', sortText: '0003' }), // kept (third by sortText)
    e({ insertText: '团长注意到', sortText: '0000' }), // typed 團長 would be replaced by 团长: not ghost text
    e({ insertText: '團長们', sortText: '0001' }), // adds one character: accepting it saves nothing
    e({ insertText: '團長${1|欢迎,强调|}', snippet: true, sortText: '0001' }), // snippet
    e({ insertText: '團長认为，', sortText: '0002' }), // kept (first)
    e({ insertText: '團長认为，', sortText: '0004', kind: 'formula' }), // the same addition again
    e({ insertText: '长们', replace: { start: at - 3, end: at - 1 }, sortText: '0000' }), // range does not end at the cursor
    e({ insertText: '團長\n各方', sortText: '0005' }), // would add a line break
    e({ insertText: '團長指出，', sortText: '0006' }),
    e({ insertText: '團長表示，', sortText: '0007' }), // beyond max
  ];
  const got = core.inlineEntries(entries, text, at);
  assert.deepEqual(got.map((x) => x.insertText), ['團長认为，', '團長強調，', '團長指出，']);
  assert.deepEqual(core.inlineEntries(entries, text, at, 1).map((x) => x.insertText), ['團長认为，']);
  assert.deepEqual(core.inlineEntries([], text, at), []);
});

test('service.inlineComplete: the embedded corpus continues a date of adoption with 在 and its place, a paragraph with a formula', async () => {
  const { readFileSync } = await import('node:fs');
  const path = (await import('node:path')).default;
  const { fileURLToPath } = await import('node:url');
  const corpus = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'corpus', 'sco-2021-heads-of-government-communique.zh.txt'), 'utf8');
  const docs = [{ uri: 'builtin:/c.txt', text: corpus, encoding: 'utf-8' }];
  const kb = core.buildKnowledgeBase(docs);
  const service = core.createLanguageService({ kb, phrasing: core.learnPhrasing(docs, kb) });
  const added = (t) => service.inlineComplete(t, t.length).map((x) => x.insertText.slice(x.replace.end - x.replace.start));
  assert.equal(added('　　各代表团团长欢迎2021年9月17日')[0], '在杜尚别');
  // after 在 in that frame the completion list owns the position (the places): no ghost text
  assert.deepEqual(added('　　各代表团团长欢迎2021年9月17日在'), []);
  assert.ok(added('').some((a) => a.startsWith('各代表团团长')));
  // without a phrasing model, knowledge-base items only (no crash, maybe nothing)
  const bare = core.createLanguageService({ kb });
  assert.ok(Array.isArray(bare.inlineComplete('　　各代表团团长', 8)));
});
