/**
 * How the open documents take a change (the `update` of TextDocuments' configuration): a change's
 * edits arrive in order, each against the text after the ones before. Applied one by one
 * (TextDocument.update) each edit copies the whole text, so a thousand single-character edits
 * (multi-cursor typing) on a megabyte draft copy a gigabyte. When the edits allow it — each in
 * range and ending at or before the start of the one before it, as an editor sends a multi-cursor
 * edit (last cursor first) — the positions of every edit are those of the text before the change,
 * and the new text is assembled once. Otherwise the edits are applied one by one, as before. Either
 * way the text is exactly TextDocument.update's.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';

/** The configuration TextDocuments takes (create, update). */
export const textDocumentSync = {
  create: TextDocument.create,
  update: updateDocument,
};

/** TextDocument.update, in one pass when the edits allow it. Returns the same document, updated. */
export function updateDocument(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  const text = changes.length > 1 ? inOnePass(doc, changes) : undefined;
  return TextDocument.update(doc, text === undefined ? changes : [{ text }], version);
}

/** The text after `changes`, assembled once; undefined when they are not in an order that allows it. */
export function inOnePass(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): string | undefined {
  const before = doc.getText();
  /** Offsets of each edit in `before`, last edit (first in the document) last. */
  const spans: { start: number; end: number; text: string }[] = [];
  let bound = before.length;
  for (const c of changes) {
    if (!('range' in c) || !c.range) return undefined;
    const r = wellFormed(c.range);
    const start = exactOffset(doc, r.start);
    const end = exactOffset(doc, r.end);
    if (start === undefined || end === undefined || end > bound) return undefined;
    // A CR just before the edit that comes after this one (in the document) may join a LF that
    // edit brings: the lines here would then not be those of the text before. One by one, then.
    if (spans.length && end === bound && before.charCodeAt(bound - 1) === 13) return undefined;
    spans.push({ start, end, text: c.text });
    bound = start;
  }
  const parts: string[] = [before.slice(0, bound)];
  for (let k = spans.length - 1; k >= 0; k--) {
    parts.push(spans[k].text, before.slice(spans[k].end, k > 0 ? spans[k - 1].start : before.length));
  }
  return parts.join('');
}

/** The range with its start first (as TextDocument.update orders it). */
function wellFormed(r: Range): Range {
  const { start, end } = r;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : r;
}

/**
 * The offset of `p` in the document when it names a place in the text itself — an existing line,
 * a character within it (not past its end, not inside its line break) — undefined when
 * TextDocument would clamp it.
 */
function exactOffset(doc: TextDocument, p: Position): number | undefined {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= doc.lineCount) return undefined;
  const lineStart = doc.offsetAt({ line: p.line, character: 0 });
  const at = doc.offsetAt(p);
  return at === lineStart + p.character ? at : undefined;
}
