/**
 * Code actions: every fix of every finding in the range (preferred where the finding's fix is
 * unambiguous), plus "insert the full reference" — date, place and verb from the knowledge base —
 * for an undated mention of a known instrument.
 */
import type { CodeActionEntry } from '../service';
import type { Finding, Span } from '../types';
import { scanReferences } from '../scan';
import type { Ctx } from './context';
import { windowAround } from './lookups';
import { fullReference } from './presentation';
import { pick } from '../messages';
import { ACCEPT_MARKER } from './diagnostics/markers';

export function codeActions(ctx: Ctx, text: string, range: Span, findings: Finding[]): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  for (const f of findings) {
    if (f.end < range.start || f.start > range.end) continue;
    const preferredCount = f.fixes.filter((x) => x.preferred).length;
    for (const fix of f.fixes) {
      if (!fix.edits.length) continue;
      out.push({
        title: pick(fix.title, ctx.locale),
        kind: 'quickfix',
        edits: fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })),
        // Preferred only where unambiguous: the fix says so and it is the finding's only preferred one.
        preferred: (fix.preferred && preferredCount === 1) || (f.fixes.length === 1 && fix.preferred !== false) || undefined,
        finding: f,
      });
    }
  }
  out.push(...insertReferenceActions(ctx, text, range));
  out.push(...acceptActions(ctx, text, range, findings));
  return out;
}

const ACCEPTABLE = new Set(['title-variant', 'title-misquoted', 'title-unknown']);

/**
 * "Accept 《X》 in this document": records a deliberate spelling with the inline marker that
 * diagnose() honours — appended to an existing marker line, or on a new last line (inside an HTML
 * comment when the text looks like Markdown, so it does not show when rendered).
 */
export function acceptActions(ctx: Ctx, text: string, range: Span, findings: Finding[]): CodeActionEntry[] {
  const out: CodeActionEntry[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!ACCEPTABLE.has(f.code) || f.end < range.start || f.start > range.end) continue;
    const title = text.slice(f.start, f.end).replace(/^《|》$/g, '');
    if (!title || /[《》\r\n]/.test(title) || seen.has(title)) continue;
    seen.add(title);
    let edit: { start: number; end: number; newText: string };
    const at = text.lastIndexOf(ACCEPT_MARKER);
    if (at >= 0) {
      let end = at + ACCEPT_MARKER.length;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r' && !text.startsWith('-->', end)) end++;
      while (end > at && text[end - 1] === ' ') end--;
      edit = { start: end, end, newText: ` 《${title}》` };
    } else {
      const markdown = /^#{1,6}\s|<!--|^\s*[-*]\s|\]\(/m.test(text);
      const nl = text.length && !/[\r\n]$/.test(text) ? '\n' : '';
      const line = markdown ? `<!-- ${ACCEPT_MARKER} 《${title}》 -->` : `${ACCEPT_MARKER} 《${title}》`;
      edit = { start: text.length, end: text.length, newText: `${nl}${line}\n` };
    }
    out.push({
      title: pick({ en: `Accept 《${title}》 as written in this document`, zh: `在本文档中接受《${title}》的写法` }, ctx.locale),
      kind: 'quickfix',
      edits: [edit],
      finding: f,
    });
  }
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
      title: pick({ en: `Insert the full reference: ${ref.prefix}《…》`, zh: `插入完整引用：${ref.prefix}《…》` }, ctx.locale),
      kind: 'refactor.rewrite',
      edits: [{ start: m.span.start, end: m.span.start, newText: ref.prefix }],
    });
  }
  return out;
}
