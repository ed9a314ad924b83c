/**
 * Which corpus paths to read: the embedded corpus, then each configured path (`chancery.corpus.paths`),
 * with the reasons some are refused. Pure but for the file-system probes it is given.
 *
 * - A workspace folder's relative paths are resolved against that folder (a path that several
 *   folders list is resolved against each of them); without workspace folders, against `cwd`.
 * - `file://` uris and `~/` are accepted; each resolution of a relative path that leads outside the
 *   workspace folders is refused on its own (with nested folders, `../x` can be inside from one and
 *   outside from the other: only the inside one is read).
 * - In an untrusted workspace nothing outside the workspace folders is read (symlinks resolved):
 *   the paths are checked here, and `allowedRoots` (the folders' real paths and the embedded
 *   corpus) make the loader check every file and folder it reaches, links included.
 * - Of a relative path's resolutions, those that exist are read (the first one when none does,
 *   so that its absence is reported).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusPathsInput {
  /** The embedded corpus folder when it is read (`chancery.corpus.includeBuiltin`). */
  builtin?: string;
  /** The window's `chancery.corpus.paths`: used when there is no workspace folder. */
  paths: readonly string[];
  /** The workspace folders (file paths), each with its own `chancery.corpus.paths`. */
  folders: readonly { path: string; paths: readonly string[] }[];
  /** Whether the workspace is trusted. */
  trusted: boolean;
}

/** The file system and process facts the resolution needs (`nodeProbes` in the server; fakes in tests). */
export interface PathProbes {
  /** The real path (symlinks resolved); throws when it does not exist. */
  realpath(p: string): string;
  exists(p: string): boolean;
  /** The home folder `~/` stands for. */
  home: string;
  /** The base of relative paths when there is no workspace folder. */
  cwd: string;
}

export const nodeProbes: PathProbes = {
  realpath: (p) => fs.realpathSync(p),
  exists: (p) => fs.existsSync(p),
  get home() {
    return process.env.HOME ?? '';
  },
  get cwd() {
    return process.cwd();
  },
};

export interface CorpusPaths {
  /** The paths to read, without duplicates, the embedded corpus first. */
  paths: string[];
  /** What was refused and why (shown to the user). */
  problems: string[];
  /**
   * In an untrusted workspace, the only folders the loader may read from (real paths: the
   * workspace folders and the embedded corpus); undefined when the workspace is trusted.
   */
  allowedRoots?: string[];
}

export function corpusPaths(input: CorpusPathsInput, probes: PathProbes = nodeProbes): CorpusPaths {
  const problems: string[] = [];
  const out: string[] = [];
  if (input.builtin) out.push(input.builtin);
  const folders = input.folders.map((f) => f.path);
  const real = (p: string) => {
    try {
      return probes.realpath(p);
    } catch {
      return path.resolve(p);
    }
  };
  const realFolders = folders.map(real);
  /** Inside a workspace folder as written (`..` resolved, symlinks not). */
  const insideAsWritten = (c: string) => folders.some((w) => within(c, w));
  /** Inside a workspace folder once symlinks are resolved. */
  const insideReally = (c: string) => {
    const r = real(c);
    return realFolders.some((w) => within(r, w));
  };
  for (const { path: p0, bases } of configured(input)) {
    const p = expand(p0, probes.home);
    if (p === undefined) {
      problems.push(`chancery.corpus.paths: "${p0.trim()}" is not a valid file uri; ignored`);
      continue;
    }
    if (!p) continue;
    let candidates: string[];
    if (path.isAbsolute(p)) candidates = [path.normalize(p)];
    else {
      candidates = (bases.length ? bases : [probes.cwd]).map((w) => path.resolve(w, p));
      // Each resolution on its own: with nested folders one may stay inside while another leaves.
      if (folders.length) {
        const ok = candidates.filter(insideAsWritten);
        if (ok.length < candidates.length) {
          problems.push(`chancery.corpus.paths: "${p0}" is a relative path that leads outside the workspace folders; ignored (use an absolute path)`);
        }
        candidates = ok;
        if (!candidates.length) continue;
      }
    }
    if (!input.trusted) {
      const ok = candidates.filter(insideReally);
      if (ok.length < candidates.length) {
        problems.push(`chancery.corpus.paths: "${p0}" is outside the workspace folders and the workspace is not trusted; ignored (trust the workspace to read it)`);
      }
      candidates = ok;
      if (!candidates.length) continue;
    }
    const existing = candidates.filter((c) => probes.exists(c));
    out.push(...(existing.length ? existing : [candidates[0]]));
  }
  const result: CorpusPaths = { paths: [...new Set(out)], problems };
  if (!input.trusted) result.allowedRoots = [...new Set([...realFolders, ...(input.builtin ? [real(input.builtin)] : [])])];
  return result;
}

/**
 * Each configured path's resolutions → the path as the user typed it in `chancery.corpus.paths`,
 * so that a problem with a path is reported in the user's words (not as a resolved, encoded uri).
 */
export function typedPaths(input: CorpusPathsInput, probes: PathProbes = nodeProbes): Map<string, string> {
  const out = new Map<string, string>();
  for (const { path: p0, bases } of configured(input)) {
    const p = expand(p0, probes.home);
    if (!p) continue;
    const resolved = path.isAbsolute(p) ? [path.normalize(p)] : (bases.length ? bases : [probes.cwd]).map((w) => path.resolve(w, p));
    for (const r of resolved) if (!out.has(r)) out.set(r, p0.trim());
  }
  return out;
}

/** `p` is `folder` or inside it. */
function within(p: string, folder: string): boolean {
  return p === folder || p.startsWith(folder + path.sep);
}

/**
 * The configured paths in order, each with the workspace folders that list it (the bases of a
 * relative path). A path listed twice by a folder stays two entries, as it is when read.
 */
function configured(input: CorpusPathsInput): { path: string; bases: string[] }[] {
  if (!input.folders.length) return input.paths.map((p) => ({ path: p, bases: [] }));
  const out: { path: string; bases: string[] }[] = [];
  const at = new Map<string, number>();
  for (const f of input.folders) {
    const nth = new Map<string, number>();
    for (const p of f.paths) {
      const n = nth.get(p) ?? 0;
      nth.set(p, n + 1);
      const key = `${n}\u0000${p}`;
      let i = at.get(key);
      if (i === undefined) {
        at.set(key, (i = out.length));
        out.push({ path: p, bases: [] });
      }
      out[i].bases.push(f.path);
    }
  }
  return out;
}

/** A configured path as a file path: trimmed, file:// uris and `~/` expanded; undefined for a bad uri. */
function expand(p0: string, home: string): string | undefined {
  let p = p0.trim();
  if (p.startsWith('file://')) {
    try {
      p = fileURLToPath(p);
    } catch {
      return undefined;
    }
  }
  if (p.startsWith('~/')) p = path.join(home, p.slice(2));
  return p;
}
