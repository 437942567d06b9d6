/**
 * Where `featurizeBatches` computes the clips its tables lack: in this thread, or spread over
 * workers, one clip at a time each, every table a clip lacks computed from one read of it.
 *
 * @module
 */
import type { FeatureSet } from "../features/extract.ts";
import { computeTasks, type FeatureTask } from "./compute.ts";
import type { FeatureJob } from "./featurize.ts";

/** A clip (or augmented copy) some tables lack: which job of which batch wants it. */
export interface ClipWork {
  job: FeatureJob;
  wants: { batch: number; index: number; key: string }[];
}

/** Computes every work item's wanted tables and passes them to `finish`, one clip at a time. */
export type ComputeClips = (
  todo: ClipWork[],
  tasks: FeatureTask[],
  finish: (w: ClipWork, wanted: number[], results: (FeatureSet | string)[]) => Promise<void>,
) => Promise<void>;

/** The batch indices a work item wants, each once. */
function _wanted(w: ClipWork): number[] {
  return [...new Set(w.wants.map((x) => x.batch))];
}

/**
 * {@linkcode ComputeClips} in this thread: each clip read and its wanted tables computed in turn;
 * a clip that fails gets its error message as each table's result.
 *
 * @example
 * ```ts ignore
 * await computeHere(todo, tasks, finish);
 * ```
 */
export const computeHere: ComputeClips = async (todo, tasks, finish) => {
  for (const w of todo) {
    const wanted = _wanted(w);
    let results: (FeatureSet | string)[];
    try {
      const bytes = await Deno.readFile(w.job.file);
      results = computeTasks(bytes, w.job.file, w.job.augmentation, wanted.map((b) => tasks[b]));
    } catch (e) {
      results = wanted.map(() => e instanceof Error ? e.message : String(e));
    }
    await finish(w, wanted, results);
  }
};

/**
 * {@linkcode ComputeClips} in `threads` workers (`_featurize_worker.ts`), each given the next clip
 * as it finishes one; rejects when a worker fails, and stops every worker in the end.
 *
 * @example
 * ```ts ignore
 * await computeInWorkers(2)(todo, tasks, finish);
 * ```
 */
export function computeInWorkers(threads: number): ComputeClips {
  return async (todo, tasks, finish) => {
    let next = 0;
    const url = new URL("./_featurize_worker.ts", import.meta.url).href;
    const run = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        const send = () => {
          if (next >= todo.length) return resolve();
          const id = next++;
          const { file, augmentation } = todo[id].job;
          worker.postMessage({
            id,
            file,
            augmentation,
            tasks: _wanted(todo[id]).map((b) => tasks[b]),
          });
        };
        worker.onmessage = async (e) => {
          const { id, results } = e.data as { id: number; results: (FeatureSet | string)[] };
          await finish(todo[id], _wanted(todo[id]), results);
          send();
        };
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`feature worker failed: ${e.message}`));
        };
        send();
      });
    const workers = Array.from({ length: threads }, () => new Worker(url, { type: "module" }));
    try {
      await Promise.all(workers.map(run));
    } finally {
      for (const w of workers) w.terminate();
    }
  };
}
