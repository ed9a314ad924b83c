/**
 * Inline suggestions (ghost text after the cursor, accepted with one key): the completion entries
 * an editor can show that way, at the positions the completion list does not own (completion.ts). What the drafter gets is the same as the top of the completion list
 * — the learned next phrase, a sentence formula, a knowledge-base title, place or date scored by
 * the same model — restricted to what ghost text can show: plain text (no snippet tab stops)
 * replacing a span that ends at the cursor, keeping what is typed there exactly as typed (so the
 * suggestion only adds text), adding at least two characters (accepting one saves nothing).
 */
import type { Cancellation, CompletionEntry } from '../service';
import type { Ctx } from './context';
import { complete, listEntries } from './completion';

/**
 * Ghost text at `offset`: none where the completion list owns the position (inside a title, after
 * 《T》（, after 在 in a date frame: completion.ts), else the top of the list that ghost text can show.
 */
export function inlineCompletions(ctx: Ctx, text: string, offset: number, token?: Cancellation): CompletionEntry[] {
  if (listEntries(ctx, text, offset)) return [];
  return inlineEntries(complete(ctx, text, offset, token), text, offset);
}

/** The entries, in the completion list's order (sortText), that can be shown inline; at most `max`. */
export function inlineEntries(entries: readonly CompletionEntry[], text: string, offset: number, max = 3): CompletionEntry[] {
  const ordered = entries
    .map((e, n) => ({ e, n }))
    .sort((a, b) => (a.e.sortText ?? a.e.label).localeCompare(b.e.sortText ?? b.e.label) || a.n - b.n)
    .map((x) => x.e);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const e of ordered) {
    if (e.snippet || e.replace.end !== offset || e.replace.start > offset) continue;
    const typed = text.slice(e.replace.start, e.replace.end);
    if (!e.insertText.startsWith(typed) || e.insertText.length - typed.length < 2) continue;
    const added = e.insertText.slice(typed.length);
    if (/[\r\n]/.test(added) || seen.has(added)) continue;
    seen.add(added);
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}
