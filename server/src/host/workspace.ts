/**
 * The workspace as the server sees it: its folders (file paths and uris), paths of file: uris,
 * and the draft files under the folders (workspace-wide requests go over them: workspaceRequests.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CancellationToken, WorkspaceFolder } from 'vscode-languageserver';
import { DRAFT_EXTENSIONS } from '../core/corpus/files';

const DRAFTS = new Set(DRAFT_EXTENSIONS);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.tools']);

/** The file path of a file: uri (undefined for other schemes or a malformed uri). */
export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Draft files (.communique, .txt, .md) under `roots`, skipping hidden and build folders. */
export async function listDrafts(roots: string[], token: CancellationToken, limit = 5000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number) => {
    if (out.length >= limit || depth > 12 || token.isCancellationRequested) return;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && DRAFTS.has(path.extname(e.name).toLowerCase())) out.push(p);
    }
  };
  for (const r of roots) await walk(r, 0);
  return out;
}

/** A workspace folder: its uri (the scope of its settings) and file path. */
export interface Folder {
  uri: string;
  path: string;
}

/** The workspace folders (those with a file: uri), kept up to date with the client's changes. */
export class WorkspaceFolders {
  list: Folder[] = [];

  /** The folders of initialize (`workspaceFolders`, else `rootUri`). */
  init(folders: readonly WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined): void {
    this.list = (folders ?? []).map((f) => folder(f.uri)).filter((f): f is Folder => !!f);
    if (!this.list.length && rootUri) {
      const f = folder(rootUri);
      if (f) this.list = [f];
    }
  }

  /** workspace/didChangeWorkspaceFolders. */
  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    const more = added.map((f) => folder(f.uri)).filter((f): f is Folder => !!f);
    this.list = this.list.filter((w) => !gone.has(w.path)).concat(more);
  }

  get paths(): string[] {
    return this.list.map((f) => f.path);
  }

  /** `p` is a folder or inside one. */
  inside(p: string): boolean {
    return this.list.some(({ path: w }) => within(p, w));
  }

  /** The innermost folder holding the document `uri` (undefined when none does). */
  of(uri: string): Folder | undefined {
    const p = uriToPath(uri);
    let best: Folder | undefined;
    if (p) for (const f of this.list) if (within(p, f.path) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }
}

function within(p: string, folder: string): boolean {
  return p === folder || p.startsWith(folder + path.sep);
}

function folder(uri: string): Folder | undefined {
  const p = uriToPath(uri);
  return p ? { uri, path: p } : undefined;
}
