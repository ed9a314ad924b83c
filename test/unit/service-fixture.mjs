// The language service over the embedded corpus, for the lsp-owned unit tests (hover, completion …).
import { readFileSync } from 'node:fs';
import { core, markers, applyEdits } from './helpers.mjs';

export { core, markers, applyEdits };

const corpusPath = new URL('../../server/corpus/sco-2021-heads-of-government-communique.zh.txt', import.meta.url);
export const corpus = readFileSync(corpusPath, 'utf8');
export const docs = [{ uri: 'builtin:/sco-2021-heads-of-government-communique.zh.txt', text: corpus, encoding: 'utf-8' }];
export const kb = core.buildKnowledgeBase(docs);
export const phrasing = core.learnPhrasing(docs, kb);
/** With the phrasing model (as the server builds it). */
export const service = core.createLanguageService({ kb, phrasing });
/** Without a phrasing model. */
export const bare = core.createLanguageService({ kb });
export const zh = core.createLanguageService({ kb, phrasing, locale: 'zh' });

/** `src` with one `|` cursor → [text, offset]. */
export function at(src) {
  const { text, offsets } = markers(src);
  return [text, offsets[0]];
}
