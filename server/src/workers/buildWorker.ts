/**
 * Building the knowledge base (core/pipeline.ts: load the corpus, extract, learn the phrasing model)
 * off the main thread, so that a large corpus does not freeze the server: requests keep being
 * answered by the current knowledge base while a worker builds the next one. The worker runs the
 * same bundle (dist/server.js; main.ts dispatches on isBuildWorker).
 *
 * What comes back is small and cheap to receive: the knowledge base serialised once (v8) in the
 * worker and transferred, not copied; the main thread deserialises it once and keeps the bytes to
 * hand to the check worker (checkWorker.ts) as they are. The corpus texts stay in the worker: the
 * server locates facts from their provenance, and only the ends of facts that run over a line break
 * come back (host/locate.ts).
 *
 * Falls back to building in-process when a worker cannot be started (CHANCERY_NO_WORKER=1 forces it).
 */
import * as v8 from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { nodeCorpusReader } from '../core/corpus/load';
import { buildKnowledge, type BuildStage } from '../core/pipeline';
import type { PhrasingModel } from '../core/phrasing/model';
import type { KnowledgeBase } from '../core/types';
import { wrappedEnds, type WrappedEnds } from '../host/locate';

export interface BuildResult {
  kb: KnowledgeBase;
  /** The knowledge base serialised (v8), when it was built in the worker: what the check worker is given. */
  kbBytes?: Uint8Array;
  phrasing?: PhrasingModel;
  /** Ends of the facts that run over a line break (host/locate.ts). */
  wrapped: WrappedEnds;
  /** Where it was built ('worker' or 'main'), for the log. */
  where: 'worker' | 'main';
}

export type BuildProgress = (files: number, stage: BuildStage) => void;

/** The result of a build stopped by `cancel()` (a newer build replaced it, or the server stops). */
export class BuildCancelled extends Error {
  constructor() {
    super('the knowledge-base build was cancelled');
  }
}

type Msg =
  | { type: 'progress'; files: number; stage: BuildStage }
  | { type: 'done'; kbBytes: Uint8Array; phrasing?: PhrasingModel; wrapped: WrappedEnds }
  | { type: 'error'; message: string };

/** What a build reads: the corpus paths, and in an untrusted workspace the only folders it may read from. */
export interface BuildInput {
  paths: string[];
  allowedRoots?: string[];
}

async function build({ paths, allowedRoots }: BuildInput, onProgress: BuildProgress): Promise<Omit<BuildResult, 'where'>> {
  const { kb, phrasing, docs } = await buildKnowledge(paths, nodeCorpusReader, { onProgress, phrasing: true, allowedRoots });
  return { kb, phrasing, wrapped: wrappedEnds(kb, docs) };
}

function inProcess(input: BuildInput, onProgress: BuildProgress): { result: Promise<BuildResult>; cancel: () => void } {
  return { result: build(input, onProgress).then((r) => ({ ...r, where: 'main' as const })), cancel: () => undefined };
}

/**
 * Builds in a worker thread (or in-process with `inProcess`, for the small embedded corpus, where
 * starting a worker costs more than it saves); `cancel()` terminates it (a newer build supersedes it).
 */
export function startBuild(input: BuildInput, onProgress: BuildProgress, opts: { inProcess?: boolean } = {}): { result: Promise<BuildResult>; cancel: () => void } {
  if (opts.inProcess || process.env.CHANCERY_NO_WORKER === '1' || !isMainThread || typeof __filename !== 'string') {
    return inProcess(input, onProgress);
  }
  let worker: Worker;
  try {
    worker = new Worker(__filename, { workerData: { chanceryBuild: input }, stdout: false, stderr: false });
  } catch {
    return inProcess(input, onProgress);
  }
  let settled = false;
  let rejectResult: (e: Error) => void = () => undefined;
  const result = new Promise<BuildResult>((resolve, reject) => {
    rejectResult = reject;
    worker.on('message', (m: Msg) => {
      if (m.type === 'progress') onProgress(m.files, m.stage);
      else if (m.type === 'done') {
        settled = true;
        void worker.terminate();
        try {
          resolve({ kb: v8.deserialize(m.kbBytes) as KnowledgeBase, kbBytes: m.kbBytes, phrasing: m.phrasing, wrapped: m.wrapped, where: 'worker' });
        } catch (e) {
          reject(e);
        }
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
    // A cancelled build's result rejects (BuildCancelled): whoever waits on it is answered.
    cancel: () => {
      if (!settled) {
        settled = true;
        rejectResult(new BuildCancelled());
      }
      void worker.terminate();
    },
  };
}

/** The least time between two progress reports of the worker. */
const PROGRESS_MS = 100;

/** True when this thread is a knowledge-base build worker (main.ts then calls runBuildWorker). */
export function isBuildWorker(): boolean {
  return !isMainThread && !!(workerData as { chanceryBuild?: unknown } | null)?.chanceryBuild;
}

/** Worker entry: build and post the result. */
export function runBuildWorker(): void {
  const input = (workerData as { chanceryBuild: BuildInput }).chanceryBuild;
  const post = (m: Msg, transfer?: ArrayBuffer[]) => parentPort?.postMessage(m, transfer);
  let last = 0;
  let lastAt = 0;
  build(input, (files, stage) => {
    // At most one report every PROGRESS_MS (a corpus of many small files reads hundreds a second).
    if (stage === 'extracting' || (files - last >= 25 && Date.now() - lastAt >= PROGRESS_MS)) {
      last = files;
      lastAt = Date.now();
      post({ type: 'progress', files, stage });
    }
  })
    .then(({ kb, phrasing, wrapped }) => {
      const kbBytes = ownBuffer(v8.serialize(kb));
      post({ type: 'done', kbBytes, phrasing, wrapped }, [kbBytes.buffer as ArrayBuffer]);
    })
    .catch((e) => post({ type: 'error', message: String((e as Error)?.stack ?? e) }));
}

/** The bytes in an ArrayBuffer of their own (so that transferring it moves nothing else). */
function ownBuffer(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : Uint8Array.prototype.slice.call(b);
}
