/**
 * Where a fact of the knowledge base is in its corpus document, as an LSP location — from its
 * provenance alone (uri, line, column, length), without the corpus text.
 *
 * A fact on one line ends `length` characters after its column. The few facts that run over a line
 * break (a reference frame in a hard-wrapped file) end on a later line: the build, which has the
 * texts, lists their ends (`wrappedEnds`), and only those travel to the server.
 */
import { Location, Range } from 'vscode-languageserver';
import { openableUri } from '../core/corpus/files';
import { documentFormat } from '../core/corpus/formats';
import { LineIndex } from '../core/text/positions';
import type { CorpusDocument, KnowledgeBase, Provenance } from '../core/types';

/** Per document uri, per end offset of a fact that runs over a line break: its end [line, character]. */
export type WrappedEnds = Record<string, Record<number, [line: number, character: number]>>;

/** The location of a fact: its span, or the file's start for a Word document or a web page. */
export function locateProvenance(p: Provenance, wrapped: WrappedEnds): Location {
  const uri = openableUri(p.uri);
  // a Word document or a web page: the file itself (its lines are not those of the text read from it)
  if (documentFormat(p.uri)) return Location.create(uri, Range.create(0, 0, 0, 0));
  const end = wrapped[p.uri]?.[p.offset + p.length];
  return Location.create(uri, end ? Range.create(p.line, p.column, end[0], end[1]) : Range.create(p.line, p.column, p.line, p.column + p.length));
}

/** The ends of the knowledge base's facts that run over a line break in their documents. */
export function wrappedEnds(kb: KnowledgeBase, docs: readonly CorpusDocument[]): WrappedEnds {
  const texts = new Map(docs.map((d) => [d.uri, d.text]));
  const lines = new Map<string, LineIndex>();
  const out: WrappedEnds = {};
  const visit = (p: Provenance) => {
    const text = texts.get(p.uri);
    const end = p.offset + p.length;
    if (text === undefined || documentFormat(p.uri) || !hasLineBreak(text, p.offset, end)) return;
    let li = lines.get(p.uri);
    if (!li) lines.set(p.uri, (li = new LineIndex(text)));
    const at = li.positionAt(end);
    (out[p.uri] ??= {})[end] = [at.line, at.character];
  };
  for (const i of kb.instruments) {
    i.mentions.forEach(visit);
    for (const a of i.adoptions) visit(a.provenance);
  }
  for (const e of kb.events) visit(e.provenance);
  for (const a of kb.abbreviations) visit(a.provenance);
  for (const o of kb.officials) visit(o.provenance);
  for (const c of kb.conflicts) for (const v of c.values) visit(v.provenance);
  return out;
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
