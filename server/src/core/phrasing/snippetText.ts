/**
 * Templates as snippet text: numbered tab stops with choice lists (a date and its place chosen
 * together, the title left to the completion list), the escapes of the snippet syntax, and a
 * readable label. Completion (complete.ts) and the snippet file (snippets.ts) both write them.
 */
import type { KnowledgeBase, SimpleDate } from '../types';
import { formatDate } from '../lang/zh/datesFormat';
import { PLACE_MARKER, RECORDED_VERBS, SLOT_LABEL } from '../lang/zh/phrasing';
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

/** How often the knowledge base records each `DATE在PLACE` (the date as the genre writes it), most frequent first. */
function datePlacePairs(kb: KnowledgeBase, frameText: string): string[] {
  const named = RECORDED_VERBS.filter((v) => frameText.includes(v));
  const counts = new Map<string, number>();
  const bump = (d: SimpleDate | undefined, place: string | undefined) => {
    if (!d || !place || d.year === undefined || d.day === undefined) return;
    const k = formatDate(d, 'arabic') + PLACE_MARKER + place;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  if (named.length) {
    // an adoption frame (…通过的《): the dates and places of adoptions by that verb
    for (const i of kb.instruments) for (const a of i.adoptions) if (a.verb !== undefined && named.includes(a.verb)) bump(a.date, a.place);
  } else {
    // another frame (…举行的): the dates and places of the events
    for (const e of kb.events) for (const d of e.date?.dates ?? []) bump(d, e.place);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

/**
 * A template as snippet text with numbered tab stops, and a readable label: 欢迎{日期}在{地点}通过的《{文件名称}》.
 *
 * With a knowledge base, a date followed by 在 and a place is one tab stop whose choices are the
 * dates and places the knowledge base records together (2021年9月17日在杜尚别, …, adoptions by the
 * frame's verb, or events for 举行的): no choice of date can go with a place it does not belong to.
 * A title's tab stop stays empty: there the completion list offers the instruments ranked by the
 * date and place chosen before it (completion.ts), so the title chosen fits them. Without a
 * knowledge base, each slot is a choice list of the corpus's values (most frequent first).
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
  const parts = t.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === 'string') {
      snippet += escapeSnippet(part);
      label += part;
      plain += part;
      continue;
    }
    // {date}在{place}: one tab stop over the pairs the knowledge base records
    const next = parts[i + 1];
    const after = parts[i + 2];
    if (kb && part.slot === 'date' && next === PLACE_MARKER && typeof after === 'object' && after.slot === 'place') {
      const verbText = typeof parts[i + 3] === 'string' ? (parts[i + 3] as string) : '';
      const pairs = datePlacePairs(kb, verbText).slice(0, maxChoices);
      if (pairs.length) {
        n++;
        snippet += `\${${n}|${pairs.map(escapeChoice).join(',')}|}`;
        label += `{${SLOT_LABEL.date}}${PLACE_MARKER}{${SLOT_LABEL.place}}`;
        plain += pairs[0];
        i += 2;
        continue;
      }
    }
    n++;
    label += `{${SLOT_LABEL[part.slot]}}`;
    if (kb && part.slot === 'title') {
      snippet += `\${${n}}`;
      continue;
    }
    let list = choices[part.slot];
    if (!list.length && kb && part.slot === 'title') list = kb.instruments.map((x) => x.title);
    list = list.slice(0, maxChoices);
    snippet += list.length ? `\${${n}|${list.map(escapeChoice).join(',')}|}` : `\${${n}:${SLOT_LABEL[part.slot]}}`;
    plain += list[0] ?? SLOT_LABEL[part.slot];
  }
  return { snippet: snippet + '$0', label, plain };
}
