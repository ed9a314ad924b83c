/**
 * Corpus documents that are not plain text: Word documents (.docx) and web pages (.html, .htm) —
 * the forms in which earlier communiqués usually reach a drafter (a ministry's archive, a
 * foreign-ministry web page). Each becomes plain text with one paragraph per line, which the rest
 * of the pipeline reads like a .txt file.
 *
 * - .docx: the zip's `word/document.xml` (fflate), read with htmlparser2 in XML mode: every
 *   `w:p` is a line; `w:t` is text, `w:tab` a tab, `w:br`/`w:cr` a line break. Deleted text of
 *   tracked changes (`w:delText`) is left out; inserted text is kept; the second copy of a text
 *   box (`mc:Fallback`) is skipped.
 * - .html/.htm: the bytes are decoded by their byte order mark, else the charset the page
 *   declares (`<meta charset=…>` / `http-equiv` — GB2312, GBK and Big5 pages are common), else
 *   like any text file; then the text outside `head`, `script`, `style`, `template` … with a line
 *   break at every block element and `br`; runs of ASCII white space collapse as a browser does
 *   (the ideographic space U+3000 that indents a Chinese paragraph is kept).
 */
import { unzipSync } from 'fflate';
import { walkMarkup } from './markup';
import * as iconv from 'iconv-lite';

export type Decoded = { text: string; encoding: string } | { error: string };

export { DOCUMENT_EXTENSIONS } from './files';

/** The format of a path by its extension, or undefined for text files. */
export function documentFormat(p: string): 'docx' | 'html' | undefined {
  const lower = p.toLowerCase();
  if (lower.endsWith('.docx')) return 'docx';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  return undefined;
}

/**
 * Where a line of a corpus document is, as cited after its name: `:12` for a text file, ` ¶12` for a
 * Word document or a web page (a paragraph of the text read from it; the file's own lines differ).
 */
export function lineMark(uri: string, line: number): string {
  return documentFormat(uri) ? ` ¶${line + 1}` : `:${line + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Word

/**
 * The most a .docx is unpacked to: its word/document.xml (a real communiqué's is well under 1 MB).
 * A zip bomb declares a huge size, or names the same entry thousands of times in its central
 * directory: only the first entry of that name is unpacked, and only when it is within the bound.
 */
export const MAX_DOCX_XML = 64 * 1024 * 1024;

/** Plain text of a .docx file: one line per paragraph. */
export function docxText(bytes: Uint8Array): Decoded {
  let xml: Uint8Array | undefined;
  let size = 0;
  let taken = false;
  try {
    const files = unzipSync(bytes, {
      filter: (f) => {
        if (taken || f.name !== 'word/document.xml') return false;
        taken = true;
        size = f.originalSize;
        return size <= MAX_DOCX_XML;
      },
    });
    xml = files['word/document.xml'];
  } catch (e) {
    return { error: `not a Word document (.docx is a zip archive: ${String((e as Error)?.message ?? e)})` };
  }
  if (size > MAX_DOCX_XML) return { error: `word/document.xml would unpack to ${size} bytes (more than ${MAX_DOCX_XML})` };
  if (!xml) return { error: 'not a Word document (no word/document.xml in the archive)' };
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    return { error: 'word/document.xml is not valid UTF-8' };
  }
  const lines: string[] = [];
  let line = '';
  let inText = 0;
  // tabs and breaks count inside runs only (paragraph properties list tab stops as w:tab too)
  let inRun = 0;
  // a text box is stored twice: as DrawingML (mc:Choice) and as VML for older readers (mc:Fallback)
  let fallback = 0;
  walkMarkup(source, true, {
    open(name) {
      if (name === 'mc:Fallback') fallback++;
      else if (fallback) return;
      else if (name === 'w:t') inText++;
      else if (name === 'w:r') inRun++;
      else if (!inRun) return;
      else if (name === 'w:tab') line += '\t';
      else if (name === 'w:br' || name === 'w:cr') {
        lines.push(line);
        line = '';
      }
    },
    text(t) {
      if (inText && !fallback) line += t;
    },
    close(name) {
      if (name === 'mc:Fallback') fallback = Math.max(0, fallback - 1);
      else if (fallback) return;
      else if (name === 'w:t') inText = Math.max(0, inText - 1);
      else if (name === 'w:r') inRun = Math.max(0, inRun - 1);
      else if (name === 'w:p') {
        lines.push(line);
        line = '';
      }
    },
  });
  if (line) lines.push(line);
  return { text: lines.join('\n'), encoding: 'docx' };
}

// ---------------------------------------------------------------------------------------------
// Web pages

/** Elements whose content is not page text. */
const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'select', 'textarea']);
/** Elements that start and end a block: a line break before and after. */
const BLOCKS = new Set(
  'address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'.split(' '),
);

/** The charset a page declares in its first bytes (`<meta charset>` or `http-equiv` content). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return m?.[1].toLowerCase();
}

/** Decodes a page: BOM, then the declared charset, then like a text file (`decodeText`). */
export function decodeHtml(bytes: Uint8Array, decodeText: (b: Uint8Array) => Decoded): Decoded {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  let charset = bom ? undefined : declaredCharset(bytes);
  // GB2312 and GBK pages often use characters beyond their charset: GB18030 decodes all of them.
  if (charset === 'gb2312' || charset === 'gbk' || charset === 'x-gbk') charset = 'gb18030';
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset), encoding: `html (${charset})` };
  }
  const d = decodeText(bytes);
  return 'error' in d ? d : { text: d.text, encoding: `html (${d.encoding})` };
}

/** The text of an HTML page: one line per block element, white space collapsed as a browser does. */
export function htmlText(html: string): string {
  const lines: string[] = [];
  let line = '';
  let skip = 0;
  let pre = 0;
  const flush = () => {
    const t = pre ? line : line.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
    if (t) lines.push(t);
    line = '';
  };
  walkMarkup(html, false, {
    open(name) {
      if (SKIPPED.has(name)) skip++;
      else if (skip) return;
      else if (name === 'br') flush();
      else if (BLOCKS.has(name)) {
        flush();
        if (name === 'pre') pre++;
      }
    },
    text(t) {
      if (!skip) line += t;
    },
    close(name) {
      if (SKIPPED.has(name)) skip = Math.max(0, skip - 1);
      else if (!skip && BLOCKS.has(name)) {
        flush();
        if (name === 'pre') pre = Math.max(0, pre - 1);
      }
    },
  });
  flush();
  // non-breaking spaces indent paragraphs on many pages: as plain spaces
  return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
}

/** The text of a document of `format` from its bytes. */
export function decodeDocument(format: 'docx' | 'html', bytes: Uint8Array, decodeText: (b: Uint8Array) => Decoded): Decoded {
  if (format === 'docx') return docxText(bytes);
  const d = decodeHtml(bytes, decodeText);
  return 'error' in d ? d : { text: htmlText(d.text), encoding: d.encoding };
}
