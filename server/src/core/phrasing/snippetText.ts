/**
 * Templates as snippet text: numbered tab stops with choice lists (the title's first choice one that
 * the knowledge base records with the frame's date and place), the escapes of the snippet syntax,
 * and a readable label. Completion (complete.ts) and the snippet file (snippets.ts) both write them.
 */
import type { KnowledgeBase } from '../types';
import { formatDate } from '../lang/zh/datesFormat';
import { RECORDED_VERBS, SLOT_LABEL } from '../lang/zh/phrasing';
import type { Template } from './model';
import type { SlotKind } from './slots';

/** Escape text for a snippet body (outside placeholders). */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}
/** Escape a choice of ${n|a,b|}. */
function escapeChoice(s: string): string {
  return s.replace(/[\\,|$}]/g, (c) => '\\' + c);
}

/**
 * `titles` with those the knowledge base records as adopted on `date` in `place` (by the verb the
 * frame's text before the title uses, when it names one the corpus records) moved to the front.
 */
function consistentFirst(titles: string[], kb: KnowledgeBase, date?: string, place?: string, frameText = ''): string[] {
  const named = RECORDED_VERBS.filter((v) => frameText.includes(v));
  const fits = new Set<string>();
  for (const i of kb.instruments) {
    const ok = i.adoptions.some(
      (a) =>
        (!date || (a.date !== undefined && formatDate(a.date, 'arabic') === date)) &&
        (!place || a.place === place) &&
        (!named.length || (a.verb !== undefined && named.includes(a.verb))),
    );
    if (ok) fits.add(i.title);
  }
  if (!fits.size) return titles;
  const front = [...fits].filter((title) => !titles.includes(title));
  return [...titles.filter((title) => fits.has(title)), ...front, ...titles.filter((title) => !fits.has(title))];
}

/**
 * A template as snippet text with numbered tab stops and choice lists (most frequent first),
 * and a readable label: 欢迎{日期}在{地点}通过的《{文件名称}》.
 */
export function templateSnippet(
  t: Template,
  choices: Record<SlotKind, string[]>,
  kb?: KnowledgeBase,
  maxChoices = 12,
): { snippet: string; label: string; plain: string } {
  let n = 0;
  let snippet = '';
  let label = '';
  let plain = '';
  // The defaults (first choices) of the date and place slots before a title slot: the title's
  // first choice is one the corpus records with that date and place, so that the snippet's
  // default expansion is a true reference, not one Chancery's own checks would flag.
  let date: string | undefined;
  let place: string | undefined;
  let before = ''; // the literal text just before a slot (holds the verb: …批准的《)
  for (const part of t.parts) {
    if (typeof part === 'string') {
      before = part;
      snippet += escapeSnippet(part);
      label += part;
      plain += part;
      continue;
    }
    let list = choices[part.slot];
    if (!list.length && kb && part.slot === 'title') list = kb.instruments.map((i) => i.title);
    if (part.slot === 'title' && kb && (date || place)) list = consistentFirst(list, kb, date, place, before);
    list = list.slice(0, maxChoices);
    if (part.slot === 'date') date = list[0];
    else if (part.slot === 'place') place = list[0];
    else if (part.slot === 'title') date = place = undefined;
    n++;
    snippet += list.length ? `\${${n}|${list.map(escapeChoice).join(',')}|}` : `\${${n}:${SLOT_LABEL[part.slot]}}`;
    label += `{${SLOT_LABEL[part.slot]}}`;
    plain += list[0] ?? SLOT_LABEL[part.slot];
  }
  return { snippet: snippet + '$0', label, plain };
}
