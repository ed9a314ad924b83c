/**
 * Watching corpus folders the client does not watch (outside the workspace, or a client that
 * watches nothing): a change in one makes the knowledge base rebuild.
 *
 * Node's recursive fs.watch is native on macOS and Windows, but on Linux it walks the whole tree
 * synchronously, stats and watches every FILE in it, and closes them all one by one: for a large
 * corpus that held the main thread at every build (bench/README.md, "blocking"). On
 * Linux each folder is watched on its own instead (inotify on a folder reports changes to the files
 * in it), found by an asynchronous walk, at most MAX_WATCHED_FOLDERS of them, and the watchers of
 * folders that stay are kept from one build to the next.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The most folders watched one by one (Linux); a note is logged for a corpus with more. */
export const MAX_WATCHED_FOLDERS = 2000;

export interface CorpusWatchOptions {
  /** Called (with the path) when something changes under a watched path. */
  changed: (p: string) => void;
  log: (message: string) => void;
  /** Watch folders one by one (default: on Linux, where recursive watching walks every file). */
  perFolder?: boolean;
}

export class CorpusWatch {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  /** Bumped by every update: a walk that a newer one replaced stops. */
  private round = 0;
  private disposed = false;
  private warned = false;

  constructor(private readonly o: CorpusWatchOptions) {}

  private get perFolder(): boolean {
    return this.o.perFolder ?? process.platform === 'linux';
  }

  /** Watches `paths` (files or folders) and nothing else. */
  async update(paths: string[]): Promise<void> {
    const round = ++this.round;
    const wanted = new Map<string, boolean>(); // path → recursive
    let cut = false;
    for (const p of paths) {
      let st: fs.Stats;
      try {
        st = await fs.promises.stat(p);
      } catch {
        continue;
      }
      if (!st.isDirectory() || !this.perFolder) {
        wanted.set(p, st.isDirectory());
        continue;
      }
      // Breadth first, so that a cut keeps the folders nearest the top.
      const queue = [p];
      while (queue.length) {
        if (round !== this.round || this.disposed) return;
        const dir = queue.shift()!;
        if (wanted.size >= MAX_WATCHED_FOLDERS) {
          cut = true;
          break;
        }
        wanted.set(dir, false);
        try {
          for (const e of await fs.promises.readdir(dir, { withFileTypes: true })) if (e.isDirectory()) queue.push(path.join(dir, e.name));
        } catch {
          /* gone or unreadable: its watcher says so, or nothing */
        }
      }
    }
    if (round !== this.round || this.disposed) return;
    if (cut && !this.warned) {
      this.warned = true;
      this.o.log(`chancery: the corpus has more than ${MAX_WATCHED_FOLDERS} folders: changes are noticed in the first ${MAX_WATCHED_FOLDERS} only (rebuild the knowledge base for the others)`);
    }
    for (const [p, w] of this.watchers) {
      if (!wanted.has(p)) {
        w.close();
        this.watchers.delete(p);
      }
    }
    for (const [p, recursive] of wanted) {
      if (this.watchers.has(p)) continue;
      try {
        const w = fs.watch(p, { recursive, persistent: false }, () => this.o.changed(p));
        w.on('error', () => {
          w.close();
          this.watchers.delete(p);
        });
        this.watchers.set(p, w);
      } catch (e) {
        this.o.log(`chancery: cannot watch ${p}: ${(e as Error).message}`);
      }
    }
  }

  /** How many paths are watched (tests, logs). */
  get size(): number {
    return this.watchers.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
