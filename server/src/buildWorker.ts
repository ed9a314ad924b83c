/**
 * Building the knowledge base (load the corpus, extract, learn the phrasing model) off the main
 * thread, so that a large corpus does not freeze the server: requests keep being answered by the
 * current knowledge base while a worker builds the next one. The worker runs the same bundle
 * (dist/server.js; main.ts dispatches on isMainThread) and posts the plain-data result back.
 * Falls back to building in-process when a worker cannot be started (CHANCERY_NO_WORKER=1 forces it).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadCorpus, nodeCorpusReader } from './core/corpus/load';
import { buildKnowledgeBase } from './core/knowledge/build';
import { learnPhrasingSafely } from './core/languageService';
import type { PhrasingModel } from './core/phrasing/model';
import type { KnowledgeBase } from './core/types';

export interface BuildResult {
  kb: KnowledgeBase;
  phrasing?: PhrasingModel;
  docs: { uri: string; text: string }[];
  /** Where it was built ('worker' or 'main'), for the log. */
  where: 'worker' | 'main';
}

export type BuildProgress = (files: number, stage: 'reading' | 'extracting') => void;

type Msg =
  | { type: 'progress'; files: number; stage: 'reading' | 'extracting' }
  | { type: 'done'; result: Omit<BuildResult, 'where'> }
  | { type: 'error'; message: string };

async function build(paths: string[], onProgress: BuildProgress): Promise<Omit<BuildResult, 'where'>> {
  const { docs, problems } = await loadCorpus(paths, nodeCorpusReader, { onProgress: (p) => onProgress(p.files, 'reading') });
  onProgress(docs.length, 'extracting');
  const kb = buildKnowledgeBase(docs, problems);
  const phrasing = learnPhrasingSafely(docs, kb);
  return { kb, phrasing, docs: docs.map((d) => ({ uri: d.uri, text: d.text })) };
}

/**
 * Builds in a worker thread (or in-process with `inProcess`, for the small embedded corpus, where
 * starting a worker costs more than it saves); `cancel()` terminates it (a newer build supersedes it).
 */
export function buildKnowledge(
  paths: string[],
  onProgress: BuildProgress,
  opts: { inProcess?: boolean } = {},
): { result: Promise<BuildResult>; cancel: () => void } {
  if (opts.inProcess || process.env.CHANCERY_NO_WORKER === '1' || !isMainThread || typeof __filename !== 'string') {
    return { result: build(paths, onProgress).then((r) => ({ ...r, where: 'main' as const })), cancel: () => undefined };
  }
  let worker: Worker;
  try {
    worker = new Worker(__filename, { workerData: { chanceryBuild: paths }, stdout: false, stderr: false });
  } catch {
    return { result: build(paths, onProgress).then((r) => ({ ...r, where: 'main' as const })), cancel: () => undefined };
  }
  let settled = false;
  const result = new Promise<BuildResult>((resolve, reject) => {
    worker.on('message', (m: Msg) => {
      if (m.type === 'progress') onProgress(m.files, m.stage);
      else if (m.type === 'done') {
        settled = true;
        resolve({ ...m.result, where: 'worker' });
        void worker.terminate();
      } else if (m.type === 'error') {
        settled = true;
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', (e) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    });
    worker.on('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`knowledge-base worker exited (${code})`));
      }
    });
  });
  return {
    result,
    cancel: () => {
      settled = true;
      void worker.terminate();
    },
  };
}

/** True when this thread is a knowledge-base build worker (main.ts then calls runBuildWorker). */
export function isBuildWorker(): boolean {
  return !isMainThread && !!(workerData as { chanceryBuild?: unknown } | null)?.chanceryBuild;
}

/** Worker entry: build and post the result. */
export function runBuildWorker(): void {
  const paths = (workerData as { chanceryBuild: string[] }).chanceryBuild;
  const post = (m: Msg) => parentPort?.postMessage(m);
  let last = 0;
  build(paths, (files, stage) => {
    if (stage === 'extracting' || files - last >= 25) {
      last = files;
      post({ type: 'progress', files, stage });
    }
  }).then(
    (result) => post({ type: 'done', result }),
    (e) => post({ type: 'error', message: String((e as Error)?.stack ?? e) }),
  );
}
