/**
 * Loading a corpus: files and folders of .txt and .md, decoded from UTF-8 (with or without
 * BOM), UTF-16 LE/BE (with or without BOM), GB18030/GBK or Big5 (detected), and of Word documents
 * (.docx) and web pages (.html, .htm) as their text (formats.ts). Nothing here throws for a bad
 * file: a missing path, an undecodable (binary) file, a symlink loop or a file removed while
 * indexing becomes a `CorpusProblem` (English and Chinese) and is skipped.
 *
 * The file system is reached through a small `CorpusReader`, so tests use `memoryCorpusReader`.
 *
 * Document uris: files.ts.
 */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as chardet from 'chardet';
import type { CorpusDocument, CorpusProblem, Message } from '../types';
import { msg } from '../messages';
import { decodeDocument, documentFormat } from './formats';
import { CORPUS_EXTENSIONS, uriForPath } from './files';
import { isCjkPunctuation, isFullWidthForm, isIdeograph } from '../lang/zh/chars';

export interface CorpusStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}

export interface CorpusReader {
  stat(p: string): Promise<CorpusStat>;
  readdir(p: string): Promise<string[]>;
  /**
   * The bytes of a regular file, at most `maxBytes` of them: a file that turns out longer (a
   * device, a file that grows, a size the file system reports wrongly) is an error (`TooLarge`).
   */
  readFile(p: string, maxBytes: number): Promise<Uint8Array>;
  /** Canonical path (symlinks resolved), used to detect loops and duplicates. */
  realpath?(p: string): Promise<string>;
  /** The uri of a document read from `p` (default: builtin:/ or file://, see above). */
  uri?(p: string): string;
}

export interface LoadOptions {
  token?: { readonly isCancellationRequested: boolean };
  onProgress?: (p: { files: number; uri: string }) => void;
  /** Extensions picked up inside folders (default `CORPUS_EXTENSIONS`). Files named explicitly are always read. */
  extensions?: string[];
  /** At most this many files are read (default 20,000). */
  maxFiles?: number;
  /** Reading stops once this many characters are loaded (default 100,000,000, ≈ 200 MB in memory). */
  maxChars?: number;
  /** The walk stops after this many folder entries (default 1,000,000: a whole disk is not a corpus). */
  maxEntries?: number;
  /** A file larger than this many bytes is skipped with a problem (default 64 MB). */
  maxFileBytes?: number;
  /**
   * When set (an untrusted workspace), only files and folders whose real path (symbolic links
   * resolved) lies inside one of these folders are read; anything else is skipped with a problem.
   */
  allowedRoots?: string[];
}

/**
 * The loader's limits. A communiqué is tens of kilobytes and an archive of thousands of them a few
 * hundred megabytes: the limits stop what is not a corpus (a whole disk, a device, a disk image)
 * before it takes the process's memory, and keep what was read.
 */
export const CORPUS_LIMITS = { maxFiles: 20_000, maxChars: 100_000_000, maxEntries: 1_000_000, maxFileBytes: 64 * 1024 * 1024 };

/** A file longer than the loader reads (CorpusReader.readFile). */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/** System folders whose files are not documents (devices, kernel views that never end or lie about their size). */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

/** True for a path under /proc, /sys or /dev (on any OS: these are never a corpus). */
export function isSystemPath(p: string): boolean {
  const n = p.replace(/\\/g, '/');
  return SYSTEM_ROOTS.some((r) => n === r || n.startsWith(r + '/'));
}

/** True when `p` is `root` or inside it. */
export function isInside(p: string, root: string): boolean {
  const r = root.endsWith(path.sep) ? root : root + path.sep;
  return p === root || p.startsWith(r);
}

export interface LoadResult {
  docs: CorpusDocument[];
  problems: CorpusProblem[];
}

export { BUILTIN_SCHEME, CORPUS_EXTENSIONS, builtinCorpusDir, uriForPath } from './files';

export const nodeCorpusReader: CorpusReader = {
  async stat(p) {
    const s = await fs.promises.stat(p);
    return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
  },
  readdir: (p) => fs.promises.readdir(p),
  async readFile(p, maxBytes) {
    // Opened without blocking (a FIFO with no writer would wait forever) and checked to be a
    // regular file; read up to one byte past the limit, whatever size the file system reports.
    const h = await fs.promises.open(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      const st = await h.stat();
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
      if (st.size > maxBytes) throw new TooLarge(maxBytes);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const want = Math.min(Math.max(st.size - total, 65536), maxBytes + 1 - total);
        if (want <= 0) throw new TooLarge(maxBytes);
        const buf = Buffer.allocUnsafe(want);
        const { bytesRead } = await h.read(buf, 0, want, null);
        if (bytesRead === 0) break;
        chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
        total += bytesRead;
        if (total > maxBytes) throw new TooLarge(maxBytes);
      }
      return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    } finally {
      await h.close();
    }
  },
  realpath: (p) => fs.promises.realpath(p),
  uri: uriForPath,
};

/**
 * An in-memory file system: keys are paths (`/corpus/a.txt` or `corpus/a.txt`), folders are
 * implied by the keys. Strings are stored as UTF-8.
 */
export function memoryCorpusReader(files: Record<string, string | Uint8Array>): CorpusReader {
  const norm = (p: string) => {
    let s = p.replace(/\\/g, '/').replace(/\/+/g, '/');
    if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
    if (s.startsWith('./')) s = s.slice(2);
    return s;
  };
  const map = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(files)) map.set(norm(k), typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const enoent = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${p}'`), { code: 'ENOENT' });
  const children = (p: string): string[] | undefined => {
    const prefix = p === '/' ? '/' : p === '.' || p === '' ? '' : p + '/';
    const names = new Set<string>();
    for (const k of map.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      if (!rest) continue;
      names.add(rest.split('/')[0]);
    }
    return names.size ? [...names] : undefined;
  };
  return {
    async stat(p) {
      const k = norm(p);
      const f = map.get(k);
      if (f) return { isFile: true, isDirectory: false, size: f.length };
      if (children(k)) return { isFile: false, isDirectory: true, size: 0 };
      throw enoent(p);
    },
    async readdir(p) {
      const c = children(norm(p));
      if (!c) throw enoent(p);
      return c;
    },
    async readFile(p, maxBytes) {
      const f = map.get(norm(p));
      if (!f) throw enoent(p);
      if (f.length > maxBytes) throw new TooLarge(maxBytes);
      return f;
    },
    realpath: async (p) => norm(p),
    uri: (p) => 'memory:/' + norm(p).replace(/^\//, ''),
  };
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Characters of Chinese text, for telling a right decoding from a wrong one. */
function isCjkish(c: number): boolean {
  return (
    isIdeograph(c) ||
    isCjkPunctuation(c) ||
    isFullWidthForm(c) ||
    (c >= 0x2000 && c <= 0x206f) || // general punctuation (— “ ” …)
    c === 0x00b7
  );
}

/** Share of control characters (other than tab, line breaks, form feed) and U+FFFD. */
function badRatio(text: string): { bad: number; nonAscii: number; cjk: number; nul: boolean } {
  let bad = 0;
  let nonAscii = 0;
  let cjk = 0;
  let nul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0) nul = true;
      if (c !== 9 && c !== 10 && c !== 13 && c !== 12) bad++;
    } else if (c >= 0x80) {
      nonAscii++;
      if (c === 0xfffd || (c >= 0x80 && c < 0xa0) || (c >= 0xe000 && c <= 0xf8ff)) bad++;
      else if (isCjkish(c) || (c >= 0xd800 && c <= 0xdfff)) cjk++;
    }
  }
  return { bad, nonAscii, cjk, nul };
}

function looksLikeText(text: string): boolean {
  const r = badRatio(text);
  if (r.nul) return false;
  return r.bad <= Math.max(1, text.length / 1000);
}

/**
 * Decodes the bytes of a text file: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then
 * GB18030 (a superset of GBK/GB2312) — or Big5 when the byte statistics say so — accepted only
 * when it decodes to clean, mostly Chinese text, then UTF-16 LE/BE without BOM on the same condition. Binary data (NUL bytes that are not
 * UTF-16, control characters) is an error.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: string } | { error: string } {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(3));
      if (looksLikeText(text)) return { text, encoding: 'utf-8-bom' };
    } catch {
      /* falls through */
    }
    return { error: 'invalid UTF-8 after a UTF-8 byte order mark' };
  }
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    const le = b[0] === 0xff;
    if (b.length % 2 !== 0) return { error: `odd number of bytes for UTF-16 ${le ? 'LE' : 'BE'}` };
    try {
      const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(b.subarray(2));
      if (looksLikeText(text)) return { text, encoding: le ? 'utf-16le' : 'utf-16be' };
    } catch {
      /* falls through */
    }
    return { error: `invalid UTF-16 ${le ? 'LE' : 'BE'} text` };
  }
  // NUL bytes never occur in UTF-8 or GB18030 text; in UTF-16 they are the high (or low) byte of
  // every ASCII character.
  if (b.indexOf(0) >= 0) return utf16WithoutBom(b) ?? { error: 'binary data (NUL bytes), not text' };
  let utf8: string | undefined;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    utf8 = undefined;
  }
  if (utf8 !== undefined) {
    if (looksLikeText(utf8)) return { text: utf8, encoding: 'utf-8' };
    return { error: 'binary data (control characters), not text' };
  }
  // GB18030 decodes almost any byte sequence, Big5 text included (into the wrong characters): the
  // statistics of the two-byte pairs (chardet) tell Big5 from GB text; on a tie GB18030 is kept.
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (const encoding of likelierBig5(b) ? ['big5', 'gb18030'] : ['gb18030']) {
    const text = iconv.decode(buf, encoding);
    const r = badRatio(text);
    if (!r.nul && r.bad === 0 && r.nonAscii > 0 && r.cjk / r.nonAscii >= 0.9) return { text, encoding };
  }
  return utf16WithoutBom(b) ?? { error: 'not valid UTF-8, UTF-16, GB18030/GBK or Big5 text' };
}

/**
 * True when chardet finds the bytes likelier Big5 (traditional Chinese) than GB18030. It reads the
 * first 64 KB only: the statistics settle long before, and a whole multi-megabyte file takes seconds.
 */
function likelierBig5(b: Uint8Array): boolean {
  const scores = new Map(chardet.analyse(b.subarray(0, 65536)).map((m) => [m.name, m.confidence]));
  return (scores.get('Big5') ?? 0) > (scores.get('GB18030') ?? 0);
}

/**
 * UTF-16 without a byte order mark (some Windows tools save it so): the byte order whose strict
 * decoding is clean text, at least 90% of its non-ASCII characters Chinese (as for GB18030). Random
 * bytes decode to characters spread over the whole plane (well under 90% CJK) or to lone
 * surrogates (refused by the strict decoder). Text without non-ASCII characters is not guessed.
 */
function utf16WithoutBom(b: Uint8Array): { text: string; encoding: string } | undefined {
  if (b.length < 2 || b.length % 2 !== 0) return undefined;
  for (const encoding of ['utf-16le', 'utf-16be']) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b);
    } catch {
      continue;
    }
    const r = badRatio(text);
    if (!r.nul && r.bad === 0 && r.nonAscii > 0 && r.cjk / r.nonAscii >= 0.9) return { text, encoding };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Walking

const tooLarge = (p: string, limit: number): Message =>
  msg(
    `Skipped ${p}: larger than ${Math.round(limit / 1048576)} MB, the most Chancery reads of one corpus file (a communiqué is a few tens of kilobytes; split an archive into files).`,
    `已跳过 ${p}：文件超过 ${Math.round(limit / 1048576)} MB，即 Chancery 读取单个语料文件的上限（一份公报只有几十 KB；请将档案拆分为多个文件）。`,
  );

function errCode(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
}

/**
 * Loads every path (file or folder, folders recursively in sorted order; a `file://` uri is
 * taken as its path). Files named
 * explicitly are read whatever their extension; inside folders only those of CORPUS_EXTENSIONS are.
 * Each file is loaded once even when reached twice (symlinks); symlink loops are reported.
 */
export async function loadCorpus(paths: string[], reader: CorpusReader = nodeCorpusReader, opts: LoadOptions = {}): Promise<LoadResult> {
  const exts = (opts.extensions ?? CORPUS_EXTENSIONS).map((e) => e.toLowerCase());
  const docs: CorpusDocument[] = [];
  const problems: CorpusProblem[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const uriOf = (p: string) => (reader.uri ? reader.uri(p) : uriForPath(p));
  const real = async (p: string): Promise<string> => {
    if (!reader.realpath) return p;
    try {
      return await reader.realpath(p);
    } catch {
      return p;
    }
  };
  const cancelled = () => !!opts.token?.isCancellationRequested;
  const maxFiles = opts.maxFiles ?? CORPUS_LIMITS.maxFiles;
  const maxChars = opts.maxChars ?? CORPUS_LIMITS.maxChars;
  const maxEntries = opts.maxEntries ?? CORPUS_LIMITS.maxEntries;
  const maxFileBytes = opts.maxFileBytes ?? CORPUS_LIMITS.maxFileBytes;
  const allowed = opts.allowedRoots;
  let entries = 0;
  let chars = 0;
  /** Set when a limit stopped the loading: reported once, at the end. */
  let stopped: { en: string; zh: string; at: string } | undefined;
  const stop = (en: string, zh: string, at: string) => {
    stopped ??= { en, zh, at };
  };

  // Phase 1 (the walk) lists the files in order; phase 2 reads them a batch at a time in
  // parallel and decodes them in order.
  const files: { p: string; size: number }[] = [];
  const enqueue = async (p: string, key: string, size: number) => {
    if (seenFiles.has(key)) return;
    if (files.length >= maxFiles) {
      stop(`more than ${maxFiles} files`, `文件超过 ${maxFiles} 个`, p);
      return;
    }
    seenFiles.add(key);
    if (size > maxFileBytes) {
      problems.push({ uri: uriOf(p), message: tooLarge(p, maxFileBytes) });
      return;
    }
    files.push({ p, size });
  };
  /**
   * Why `p` (real path `key`) is not read, or undefined: a device or system file, or — in an
   * untrusted workspace — a path outside the workspace folders (whatever links lead there).
   */
  const refusal = (p: string, key: string): Message | undefined => {
    if (isSystemPath(key) || isSystemPath(p))
      return msg(`Skipped ${p}: a device or system file (${key}), not a document.`, `已跳过 ${p}：这是设备或系统文件（${key}），不是文档。`);
    if (allowed && !allowed.some((r) => isInside(key, r)))
      return msg(
        `Skipped ${p}: it leads outside the workspace folders (${key}) and the workspace is not trusted.`,
        `已跳过 ${p}：它指向工作区文件夹之外（${key}），而工作区未受信任。`,
      );
    return undefined;
  };
  const readAll = async () => {
    // A batch of at most 16 files and 64 MB is read in parallel, then decoded in order.
    const BATCH_FILES = 16;
    const BATCH_BYTES = 64 * 1024 * 1024;
    for (let b = 0; b < files.length && !cancelled(); ) {
      let e = b;
      let bytes = 0;
      while (e < files.length && e - b < BATCH_FILES && (e === b || bytes + files[e].size <= BATCH_BYTES)) bytes += files[e++].size;
      const batch = files.slice(b, e).map((f) => f.p);
      b = e;
      const read = await Promise.all(
        batch.map((p) =>
          reader.readFile(p, maxFileBytes).then(
            (bytes) => ({ bytes }),
            (e: unknown) => ({ error: e }),
          ),
        ),
      );
      for (let k = 0; k < batch.length; k++) {
        if (cancelled()) return;
        if (chars >= maxChars) {
          stop(`more than ${maxChars} characters`, `字符超过 ${maxChars} 个`, batch[k]);
          return;
        }
        const p = batch[k];
        const uri = uriOf(p);
        const r = read[k];
        if ('error' in r) {
          const e = r.error;
          if (e instanceof TooLarge) {
            problems.push({ uri, message: tooLarge(p, maxFileBytes) });
            continue;
          }
          if (errCode(e) === 'ENOTFILE') {
            problems.push({ uri, message: msg(`Skipped ${p}: not a regular file.`, `已跳过 ${p}：不是普通文件。`) });
            continue;
          }
          problems.push({
            uri,
            message: msg(`Cannot read ${p}: ${errCode(e) === 'ENOENT' ? 'the file was removed' : String((e as Error)?.message ?? e)}`, `无法读取 ${p}：${errCode(e) === 'ENOENT' ? '文件已被删除' : String((e as Error)?.message ?? e)}`),
          });
          continue;
        }
        const format = documentFormat(p);
        const d = format ? decodeDocument(format, r.bytes, decodeBytes) : decodeBytes(r.bytes);
        if ('error' in d) {
          problems.push({ uri, message: msg(`Skipped ${p}: ${d.error}.`, `已跳过 ${p}：无法解码为文本（${d.error}）。`) });
          continue;
        }
        docs.push({ uri, text: d.text, encoding: d.encoding });
        chars += d.text.length;
        opts.onProgress?.({ files: docs.length, uri });
      }
    }
  };

  const walk = async (p: string, explicit: boolean, ancestors: Set<string>, depth: number): Promise<void> => {
    if (cancelled() || stopped) return;
    let st: CorpusStat;
    try {
      st = await reader.stat(p);
    } catch (e) {
      const code = errCode(e);
      if (code === 'ELOOP')
        problems.push({ uri: uriOf(p), message: msg(`Skipped ${p}: symbolic link loop.`, `已跳过 ${p}：符号链接循环。`) });
      else if (explicit || code !== 'ENOENT')
        problems.push({ uri: uriOf(p), message: msg(`Corpus path not found: ${p}`, `找不到语料路径：${p}`) });
      else problems.push({ uri: uriOf(p), message: msg(`Skipped ${p}: the file was removed or is a broken link.`, `已跳过 ${p}：文件已删除或链接失效。`) });
      return;
    }
    if (st.isDirectory) {
      const key = await real(p);
      const no = refusal(p, key);
      if (no) {
        problems.push({ uri: uriOf(p), message: no });
        return;
      }
      if (ancestors.has(key) || depth > 64) {
        problems.push({ uri: uriOf(p), message: msg(`Skipped ${p}: symbolic link loop.`, `已跳过 ${p}：符号链接循环。`) });
        return;
      }
      // A folder reached again through another link was walked already (links that fan out —
      // two links to the next folder, 28 levels deep — meant 2^28 walks).
      if (seenDirs.has(key)) return;
      seenDirs.add(key);
      let names: string[];
      try {
        names = await reader.readdir(p);
      } catch (e) {
        problems.push({ uri: uriOf(p), message: msg(`Cannot read folder ${p}: ${String((e as Error)?.message ?? e)}`, `无法读取文件夹 ${p}：${String((e as Error)?.message ?? e)}`) });
        return;
      }
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const inner = new Set(ancestors).add(key);
      for (const name of names) {
        if (cancelled() || stopped) return;
        if (++entries > maxEntries) {
          stop(`more than ${maxEntries} folder entries`, `目录项超过 ${maxEntries} 个`, p);
          return;
        }
        if (name.startsWith('.')) continue;
        const child = path.join(p, name);
        const lower = name.toLowerCase();
        if (exts.some((e) => lower.endsWith(e))) await walk(child, false, inner, depth + 1);
        else {
          // Folders are walked whatever their name; other files are skipped silently.
          let cs: CorpusStat | undefined;
          try {
            cs = await reader.stat(child);
          } catch {
            cs = undefined;
          }
          if (cs?.isDirectory) await walk(child, false, inner, depth + 1);
        }
      }
      return;
    }
    if (st.isFile) {
      const key = await real(p);
      const no = refusal(p, key);
      if (no) problems.push({ uri: uriOf(p), message: no });
      else await enqueue(p, key, st.size);
      return;
    }
    if (explicit) problems.push({ uri: uriOf(p), message: msg(`Skipped ${p}: not a file or folder.`, `已跳过 ${p}：不是文件或文件夹。`) });
  };

  for (const raw of paths) {
    if (cancelled()) break;
    let p = raw;
    // file:// uris (from editor settings) name local paths.
    if (/^file:\/\//i.test(p)) {
      try {
        p = fileURLToPath(p);
      } catch {
        problems.push({ uri: raw, message: msg(`Not a local file uri: ${raw}`, `不是本地文件地址：${raw}`) });
        continue;
      }
    }
    await walk(p, true, new Set(), 0);
  }
  await readAll();
  if (stopped) {
    const s = stopped;
    problems.push({
      uri: uriOf(s.at),
      message: msg(
        `The corpus is too large (${s.en}): loading stopped at ${s.at}; ${docs.length} file(s), ${chars} characters were read. Name fewer or smaller folders in chancery.corpus.paths (or --corpus).`,
        `语料过大（${s.zh}）：读取在 ${s.at} 处停止，已读取 ${docs.length} 个文件、${chars} 个字符。请在 chancery.corpus.paths（或 --corpus）中指定更少或更小的文件夹。`,
      ),
    });
  }
  return { docs, problems };
}
