/**
 * Where corpus documents and drafts live: the embedded corpus's folder, the uris documents are
 * known by, and the file extensions read as corpus documents and checked as drafts. The one
 * source of each; the loader, the features that link to sources, the LSP server and the CLI read
 * them from here. Imports only node's path and url.
 *
 * Document uris:
 * - files of the embedded corpus (under `builtinCorpusDir()`): `builtin:/<path relative to that
 *   folder>`, e.g. `builtin:/sco-2021-heads-of-government-communique.zh.txt` — stable whatever
 *   the install location;
 * - other files: `file://` uris (`url.pathToFileURL`);
 * - files of a memory reader (tests): `memory:/<path>`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** Extensions read as plain text. */
export const TEXT_EXTENSIONS: readonly string[] = ['.txt', '.md'];
/** Extensions read as documents rather than text (formats.ts): Word documents and web pages. */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.docx', '.html', '.htm'];
/** Extensions read inside corpus folders: text, Markdown, Word documents and web pages. */
export const CORPUS_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, ...DOCUMENT_EXTENSIONS];
/** Extensions of drafts checked by "check all drafts" (the language's own, then plain text). */
export const DRAFT_EXTENSIONS: readonly string[] = ['.communique', ...TEXT_EXTENSIONS];
/** A glob of every file a workspace watcher must report: drafts and corpus documents. */
export const WATCH_GLOB = `**/*.{${[...new Set([...DRAFT_EXTENSIONS, ...CORPUS_EXTENSIONS])].map((e) => e.slice(1)).join(',')}}`;

/** The uri scheme of documents of the embedded corpus. */
export const BUILTIN_SCHEME = 'builtin';

let builtinDir: string | undefined;

/**
 * The folder of the embedded corpus: next to the bundle (dist/corpus); when the core runs from its
 * TypeScript sources (unit tests), the repository's server/corpus.
 */
export function builtinCorpusDir(): string {
  if (builtinDir) return builtinDir;
  const beside = path.join(__dirname, 'corpus');
  const sources = path.resolve(__dirname, '..', '..', '..', 'corpus'); // server/src/core/corpus → server/corpus
  builtinDir = !fs.existsSync(beside) && fs.existsSync(sources) ? sources : beside;
  return builtinDir;
}

/** `builtin:/…` for files under the embedded corpus folder, a file:// uri otherwise. */
export function uriForPath(p: string): string {
  const abs = path.resolve(p);
  const base = builtinCorpusDir();
  if (abs.startsWith(base + path.sep)) return `${BUILTIN_SCHEME}:/` + abs.slice(base.length + 1).split(path.sep).join('/');
  return pathToFileURL(abs).href;
}

/** The uri an editor can open for a document uri: `builtin:/x.txt` → the file:// uri of the shipped copy. */
export function openableUri(uri: string): string {
  if (!uri.startsWith(BUILTIN_SCHEME + ':')) return uri;
  const rel = decodeURIComponent(uri.slice(BUILTIN_SCHEME.length + 1).replace(/^\/*/, ''));
  return pathToFileURL(path.join(builtinCorpusDir(), rel)).toString();
}

/** A document's file name, for messages and links: `builtin:/x/y.txt` → `y.txt` (decoded). */
export function documentName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  const base = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(base) || uri;
  } catch {
    return base || uri;
  }
}
