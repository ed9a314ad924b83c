/**
 * The one build pipeline: corpus paths → `loadCorpus` → `buildKnowledgeBase` → `learnPhrasing`.
 * The language server's build (server/src/workers/buildWorker.ts, in a worker thread or in
 * process) and the CLI (server/src/cli.ts) both build through it, so a corpus gives the same
 * knowledge base wherever it is read.
 */
import { loadCorpus, type CorpusReader, type LoadResult } from './corpus/load';
import { buildKnowledgeBase } from './knowledge/build';
import { learnPhrasing } from './phrasing/learn';
import type { PhrasingModel } from './phrasing/model';
import type { CorpusDocument, KnowledgeBase } from './types';

/** What the pipeline is at: reading files (`files` read so far), then extracting (`files` documents). */
export type BuildStage = 'reading' | 'extracting';

export interface BuildOptions {
  onProgress?: (files: number, stage: BuildStage) => void;
  /**
   * Called with the loaded corpus before extraction; it may throw to stop the build there (the CLI
   * stops on a corpus named on its command line that cannot be read, and prints the other problems).
   */
  onLoaded?: (loaded: LoadResult) => void;
  /** Learn the phrasing model too (completions and sentence formulas need it; checks do not). */
  phrasing?: boolean;
  /** Only files and folders whose real path is inside these are read (an untrusted workspace: LoadOptions.allowedRoots). */
  allowedRoots?: string[];
}

export interface Built {
  kb: KnowledgeBase;
  /** The phrasing model, when asked for and learnt (undefined when learning failed). */
  phrasing?: PhrasingModel;
  /** The corpus documents read (their texts stay with the caller; the knowledge base holds none). */
  docs: CorpusDocument[];
}

/** Reads the corpus at `paths` and builds its knowledge base (and phrasing model with `phrasing`). */
export async function buildKnowledge(paths: string[], reader: CorpusReader, opts: BuildOptions = {}): Promise<Built> {
  const loaded = await loadCorpus(paths, reader, {
    onProgress: opts.onProgress && ((p) => opts.onProgress!(p.files, 'reading')),
    allowedRoots: opts.allowedRoots,
  });
  opts.onLoaded?.(loaded);
  const { docs, problems } = loaded;
  opts.onProgress?.(docs.length, 'extracting');
  const kb = buildKnowledgeBase(docs, problems);
  const phrasing = opts.phrasing ? learnPhrasingSafely(docs, kb) : undefined;
  return { kb, phrasing, docs };
}

/** Learns the phrasing model, or returns undefined when learning fails (the service works without it). */
export function learnPhrasingSafely(docs: CorpusDocument[], kb: KnowledgeBase): PhrasingModel | undefined {
  try {
    return learnPhrasing(docs, kb);
  } catch {
    return undefined;
  }
}
