/**
 * Finding what a feature works on in a draft: the reference (《…》, nested 〈…〉) under an offset,
 * scanned in a window around it, and the known names (places, officials, events) at an offset or
 * across the whole text.
 */
import type { ReferenceMention, Span } from '../types';
import { scanReferences } from '../scan';
import { MAX_SHORT, titleReferences } from '../knowledge/titleRefs';

/** The window of `text` worth scanning around `offset`: its line, at most `radius` each side. */
export function windowAround(text: string, offset: number, radius = 3000): Span {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  if (offset - start > radius) start = offset - radius;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end - offset > radius) end = offset + radius;
  // Do not start inside a 《…》 that opened just before the window.
  const open = text.lastIndexOf('《', start);
  if (open >= 0 && start - open < 400 && text.indexOf('》', open) >= start) start = open;
  return { start: Math.max(0, start), end: Math.min(text.length, end) };
}

/** All mentions (top-level and nested) in `text[from,to)`, flattened, outer before inner. */
export function flatMentions(ms: ReferenceMention[]): ReferenceMention[] {
  const out: ReferenceMention[] = [];
  const walk = (m: ReferenceMention) => {
    out.push(m);
    for (const i of m.inner ?? []) walk(i);
  };
  for (const m of ms) walk(m);
  return out;
}

/** The innermost mention whose brackets contain `offset` (a cursor just after 》 counts). */
export function mentionAt(text: string, offset: number): ReferenceMention | undefined {
  const w = windowAround(text, offset);
  let best: ReferenceMention | undefined;
  for (const m of flatMentions(scanReferences(text, w.start, w.end))) {
    if (offset >= m.span.start && offset <= m.span.end) {
      if (!best || m.span.end - m.span.start <= best.span.end - best.span.start) best = m;
    }
  }
  return best;
}

/**
 * The title a mention of `text` stands for: the full title of a short one the text declares
 * (`（以下简称《协定》）` … 《协定》), the text's heading for 本《K》, the K named last for 该《K》
 * (knowledge/titleRefs.ts); else its own title. Reads the whole text only for a short title.
 */
export function titleOfMention(text: string, m: ReferenceMention): string {
  if (m.bracket !== '《》' || m.title.length > MAX_SHORT) return m.title;
  const all = scanReferences(text);
  const same = all.find((x) => x.span.start === m.span.start);
  return (same && titleReferences(text, all).get(same)?.title) ?? m.title;
}

/** For every mention of `text` (flattened, outer before inner), the title it stands for (see titleOfMention). */
export function mentionTitles(text: string): { mention: ReferenceMention; title: string }[] {
  const top = scanReferences(text);
  const named = titleReferences(text, top);
  return flatMentions(top).map((m) => ({ mention: m, title: named.get(m)?.title ?? m.title }));
}

/** An occurrence of one of `names` (longest first) that covers `offset`. */
export function nameAt(text: string, offset: number, names: string[]): { name: string; span: Span } | undefined {
  for (const name of names) {
    const from = Math.max(0, offset - name.length);
    const i = text.indexOf(name, from);
    if (i >= 0 && i <= offset && offset <= i + name.length) return { name, span: { start: i, end: i + name.length } };
  }
  return undefined;
}

/**
 * Occurrences of `names` in `text`, leftmost first; where several start at one position the
 * longest wins, and an occurrence never overlaps the one before. One pass over the text, the names
 * bucketed by their first character (linear in the text: a huge draft can name a place
 * hundreds of thousands of times).
 */
export function findNames(text: string, names: string[]): { name: string; span: Span }[] {
  // names by the UTF-16 unit they start with, longest first
  const byFirst = new Map<number, string[]>();
  for (const name of names) {
    if (!name) continue;
    const list = byFirst.get(name.charCodeAt(0));
    if (!list) byFirst.set(name.charCodeAt(0), [name]);
    else if (!list.includes(name)) list.push(name);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const starts = new Uint8Array(65536);
  for (const c of byFirst.keys()) starts[c] = 1;
  const out: { name: string; span: Span }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!starts[text.charCodeAt(i)]) continue;
    const name = byFirst.get(text.charCodeAt(i))!.find((n) => text.startsWith(n, i));
    if (!name) continue;
    out.push({ name, span: { start: i, end: i + name.length } });
    i += name.length - 1;
  }
  return out;
}
