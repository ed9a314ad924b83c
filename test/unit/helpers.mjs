// Small helpers shared by the core-check unit tests.
/** The core from its TypeScript sources: its public API and the internals tests read (test/harness/core.mjs). */
export { core } from '../harness/core.mjs';

/**
 * Applies non-overlapping text edits ({start, end, newText}, UTF-16 offsets into `text`)
 * the way an editor does: all offsets refer to the original text.
 */
export function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error(`overlapping edits at ${e.start}-${e.end}`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/**
 * Cursor markers: `'…《上合|组织…'` → { text without the markers, offsets: [offset of each |] }.
 * `[[` and `]]` mark a span: { spans: [{start, end}] }.
 */
export function markers(src) {
  const offsets = [];
  const spans = [];
  const open = [];
  let text = '';
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '|') offsets.push(text.length);
    else if (src.startsWith('[[', i)) {
      open.push(text.length);
      i++;
    } else if (src.startsWith(']]', i)) {
      spans.push({ start: open.pop(), end: text.length });
      i++;
    } else text += src[i];
  }
  return { text, offsets, spans };
}

/** The embedded corpus's text. */
export async function corpusText() {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const p = fileURLToPath(new URL('../../server/corpus/sco-2021-heads-of-government-communique.zh.txt', import.meta.url));
  return readFile(p, 'utf8');
}

/**
 * A made-up corpus in the genre for the phrasing tests: another subject (各方代表), other places and
 * titles, so nothing the learner finds can come from knowledge of the embedded corpus.
 */
export const PHRASING_CORPUS = [
  '各方代表强调，应继续落实2019年6月14日在阿城通过的《甲合作协定》。',
  '各方代表强调，应继续落实2020年5月8日在北城通过的《乙发展纲要》。',
  '各方代表欢迎2021年9月17日在阿城通过的《丙合作构想》，认为该构想十分重要。',
  '各方代表注意到2021年9月17日在阿城举行的丁论坛成果。代表们认为，加强交流合作十分重要。',
  '各方代表欢迎2021年9月17日在北城通过的《甲合作协定》议定书。',
  '代表们认为，扩大贸易往来十分重要。',
]
  .map((p) => '\u3000\u3000' + p)
  .join('\n');
