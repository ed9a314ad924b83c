/**
 * Code actions: every fix of every finding in the range (preferred where the finding's fix is
 * unambiguous), plus "insert the full reference" — date, place and verb from the knowledge base —
 * for an undated mention of a known instrument.
 */
import type { CodeActionEntry } from '../service';
import type { Finding, Span } from '../types';
import { scanReferences } from '../knowledge/scan';
import { Ctx, flatMentions, fullReference, t, windowAround } from './context';

export function codeActions(ctx: Ctx, text: string, range: Span, findings: Finding[]): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  for (const f of findings) {
    if (f.end < range.start || f.start > range.end) continue;
    const preferredCount = f.fixes.filter((x) => x.preferred).length;
    for (const fix of f.fixes) {
      if (!fix.edits.length) continue;
      out.push({
        title: ctx.locale === 'zh' ? fix.title.zh : fix.title.en,
        kind: 'quickfix',
        edits: fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })),
        // Preferred only where unambiguous: the fix says so and it is the finding's only preferred one.
        preferred: (fix.preferred && preferredCount === 1) || (f.fixes.length === 1 && fix.preferred !== false) || undefined,
        finding: f,
      });
    }
  }
  out.push(...insertReferenceActions(ctx, text, range));
  return out;
}

/** "Insert the full reference" for undated mentions of known instruments touching `range`. */
export function insertReferenceActions(ctx: Ctx, text: string, range: Span): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  const w = windowAround(text, range.start);
  const end = Math.max(w.end, Math.min(text.length, range.end + 1));
  for (const m of scanReferences(text, w.start, end)) {
    if (m.span.end < range.start || m.span.start > range.end) continue;
    if (m.date || m.frame !== 'bare') continue;
    const ins = ctx.resolve(m.title);
    if (!ins) continue;
    const ref = fullReference(ins, m.title);
    if (!ref.prefix) continue;
    // Already preceded by the same frame (e.g. the scanner saw an event frame): nothing to insert.
    if (text.slice(Math.max(0, m.span.start - ref.prefix.length), m.span.start) === ref.prefix) continue;
    out.push({
      title: t(ctx, `Insert the full reference: ${ref.prefix}《…》`, `插入完整引用：${ref.prefix}《…》`),
      kind: 'refactor.rewrite',
      edits: [{ start: m.span.start, end: m.span.start, newText: ref.prefix }],
    });
  }
  return out;
}
