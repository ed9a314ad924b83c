// Small helpers shared by the core-check unit tests.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The core bundle (dist/core.js, built by `npm run build`). */
export const core = require('../../dist/core.js');

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
