/**
 * The corpus documents of the knowledge base, read again to be shown (chancery/source): the text
 * exactly as the build read it (decoded; a Word document's or a web page's text), so that the
 * lines and columns of provenance point into it. Only documents of the current knowledge base
 * are served: the request never reads a file the user did not give as corpus.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SCHEME, builtinCorpusDir, documentName, uriForPath } from '../core/corpus/files';
import { loadCorpus, nodeCorpusReader, type CorpusReader } from '../core/corpus/load';
import type { KnowledgeBase } from '../core/types';
import type { SourceResult } from '../protocol';

/**
 * The uri the knowledge base knows a document by, for its own uri or the file:// target of a link
 * to it (a hover links the embedded corpus by its installed file); undefined for anything else.
 */
export function corpusUriOf(kb: KnowledgeBase, uri: string): string | undefined {
  if (typeof uri !== 'string') return undefined;
  const clean = uri.replace(/#.*$/, '');
  const known = (u: string) => kb.sources.some((s) => s.uri === u);
  if (known(clean)) return clean;
  if (!clean.startsWith('file:')) return undefined;
  try {
    const u = uriForPath(fileURLToPath(clean));
    return known(u) ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The file path of a corpus document uri. */
function pathOf(uri: string): string {
  if (uri.startsWith(BUILTIN_SCHEME + ':')) {
    return path.join(builtinCorpusDir(), decodeURIComponent(uri.slice(BUILTIN_SCHEME.length + 1).replace(/^\/*/, '')));
  }
  return fileURLToPath(uri);
}

/** The text of a corpus document of `kb` as the build read it, or null (not a source, unreadable now). */
export async function sourceText(kb: KnowledgeBase, uri: string, reader: CorpusReader = nodeCorpusReader): Promise<SourceResult | null> {
  const known = corpusUriOf(kb, uri);
  if (!known) return null;
  const { docs } = await loadCorpus([pathOf(known)], reader);
  const doc = docs.find((d) => d.uri === known) ?? docs[0];
  return doc ? { uri: known, name: documentName(known), text: doc.text } : null;
}
