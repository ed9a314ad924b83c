/**
 * Template mining: runs of slots (dates, places, titles: slots.ts) joined by short literals, as
 * reference frames ({date}在{place}通过的《{title}》) with the leads the corpus writes before them, and
 * the choice lists of every slot (values seen in frames first, then the rest of the corpus and the
 * knowledge base).
 */
import type { KnowledgeBase } from '../types';
import { formatDate } from '../lang/zh/datesFormat';
import { ATTRIBUTIVE, ATTRIBUTIVE_BREAK, FRAME_GAP_BREAK, FRAME_LEAD_BREAK, PLACE_MARKER } from '../lang/zh/phrasing';
import { MAX_CONTEXTS, type Template, type TemplatePart } from './model';
import { findDateSlots, findFramePlaces, findTitleSlots, type Slot, type SlotKind } from './slots';
import type { ProvenanceOf, SentenceRec } from './encode';

/** A literal between two slots of a frame may be at most this long. */
const MAX_GAP = 8;

function slotsOf(s: string, knownPlaces: string[]): Slot[] {
  const dates = findDateSlots(s);
  const titles = findTitleSlots(s);
  const places = findFramePlaces(s, dates);
  // Places the knowledge base knows, written right after 在 following a date. (Sets and a merge
  // below, not searches per slot: a long sentence of dates stays linear.)
  const placeStarts = new Set(places.map((p) => p.start));
  for (const d of dates) {
    if (s[d.end] !== PLACE_MARKER || placeStarts.has(d.end + 1)) continue;
    const p = knownPlaces.find((pl) => s.startsWith(pl, d.end + 1));
    if (p) places.push({ kind: 'place', start: d.end + 1, end: d.end + 1 + p.length, text: p });
  }
  // Titles nested in a date (never) or dates inside titles (often: 2021—2025年) are not frame
  // slots. Both lists are in text order and titles do not overlap: one merge.
  const free: Slot[] = [];
  let t = 0;
  for (const d of dates) {
    while (t < titles.length && titles[t].end < d.end) t++;
    if (!(t < titles.length && titles[t].start <= d.start && d.end <= titles[t].end)) free.push(d);
  }
  const all = [...free, ...titles, ...places];
  return all.sort((a, b) => a.start - b.start);
}

export function mineTemplates(
  sentences: SentenceRec[],
  minCount: number,
  prov: ProvenanceOf,
  kb?: KnowledgeBase,
): { templates: Template[]; choices: Record<SlotKind, string[]> } {
  // Choice lists: values seen in frames first (by frequency), then the rest of the corpus and the KB.
  const freq: Record<SlotKind, Map<string, number>> = { date: new Map(), place: new Map(), title: new Map() };
  const bump = (k: SlotKind, v: string, n = 1) => freq[k].set(v, (freq[k].get(v) ?? 0) + n);
  const kbPlaces = new Set<string>();
  if (kb) {
    for (const ins of kb.instruments) {
      bump('title', ins.title, 0.001 * (ins.mentions.length || 1));
      for (const a of ins.adoptions) {
        if (a.place) kbPlaces.add(a.place);
        if (a.place) bump('place', a.place, 0.001);
        if (a.date?.day !== undefined && a.date.year !== undefined) bump('date', formatDate(a.date, 'arabic'), 0.001);
      }
    }
    for (const ev of kb.events) if (ev.place) kbPlaces.add(ev.place);
  }
  const known = [...kbPlaces].sort((a, b) => b.length - a.length);
  const byPattern = new Map<string, Template & { leadMap: Map<string, number> }>();
  for (const x of sentences) {
    const s = x.s;
    const slots = slotsOf(s, known);
    for (const sl of slots) bump(sl.kind, sl.text, 0.01);
    // Runs of slots joined by short literals without clause punctuation.
    let i = 0;
    while (i < slots.length) {
      let j = i;
      while (j + 1 < slots.length) {
        const gap = s.slice(slots[j].end, slots[j + 1].start);
        if (gap.length > MAX_GAP || FRAME_GAP_BREAK.test(gap) || slots[j + 1].start < slots[j].end) break;
        j++;
      }
      if (j > i) {
        const run = slots.slice(i, j + 1);
        let start = run[0].start;
        if (run[0].kind === 'title') start--; // include 《
        let end = run[run.length - 1].end;
        if (run[run.length - 1].kind === 'title') end++; // include 》
        else {
          // a trailing attributive frame marker: …举行的 / …通过的
          const k = s.indexOf(ATTRIBUTIVE, end);
          if (k >= 0 && k - end < 4 && !ATTRIBUTIVE_BREAK.test(s.slice(end, k))) end = k + 1;
        }
        const parts: TemplatePart[] = [];
        let p = start;
        for (const sl of run) {
          if (sl.start > p) parts.push(s.slice(p, sl.start));
          parts.push({ slot: sl.kind });
          p = sl.end;
        }
        if (end > p) parts.push(s.slice(p, end));
        for (const sl of run) bump(sl.kind, sl.text);
        const pattern = parts.map((q) => (typeof q === 'string' ? q : `{${q.slot}}`)).join('');
        let t = byPattern.get(pattern);
        if (!t) byPattern.set(pattern, (t = { pattern, parts, count: 0, leads: [], contexts: [], leadMap: new Map() }));
        t.count++;
        // the lead: up to 4 characters before the frame, within the clause
        let a = start;
        while (a > 0 && start - a < 4 && !FRAME_LEAD_BREAK.test(s[a - 1])) a--;
        const lead = s.slice(a, start);
        if (lead.length >= 2) t.leadMap.set(lead, (t.leadMap.get(lead) ?? 0) + 1);
        if (t.contexts.length < MAX_CONTEXTS) t.contexts.push(prov(x, start, end - start));
      }
      i = j + 1;
    }
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
  const templates = [...byPattern.values()]
    .filter((t) => t.count >= minCount)
    .map(({ leadMap, ...t }) => ({
      ...t,
      leads: [...leadMap.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([text, count]) => ({ text, count })),
    }))
    .sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : 1));
  return { templates, choices: { date: ranked(freq.date), place: ranked(freq.place), title: ranked(freq.title) } };
}
