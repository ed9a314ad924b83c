/** Folding ranges: one per paragraph (the adapter keeps those that span more than one line). */
import type { FoldingEntry } from '../service';
import { paragraphs } from '../text/paragraphs';

export function folding(text: string): FoldingEntry[] {
  return paragraphs(text).map((span) => ({ span }));
}
