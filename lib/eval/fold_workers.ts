/**
 * Fold units of functional-set experiments in workers, as many at once as there are cores and
 * memory for their data.
 *
 * @module
 */
import type { RunContext } from "./context.ts";
import type { FunctionalsExperimentDef } from "./experiment_def.ts";
import type { FunctionalsData } from "./functionals_data.ts";
import type { FoldResult } from "./result.ts";

/**
 * Runs one fold unit of a functional-set experiment in a worker of its own
 * (`lib/eval/_fold_worker.ts`), passing its log lines on; rejects naming the experiment and fold
 * when the unit fails.
 *
 * @example
 * ```ts ignore
 * const result = await foldInWorker(experimentByName("best-ravdess-cv"), ctx, unit.key);
 * ```
 */
export function foldInWorker(
  def: FunctionalsExperimentDef,
  ctx: RunContext,
  key: string,
): Promise<FoldResult> {
  const worker = new Worker(new URL("./_fold_worker.ts", import.meta.url).href, {
    type: "module",
  });
  const { log, ...rest } = ctx;
  return new Promise<FoldResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent) => {
      if (e.data.log !== undefined) return log(e.data.log);
      worker.terminate();
      if (e.data.error !== undefined) {
        reject(new Error(`${def.name} (fold ${key}): ${e.data.error}`));
      } else resolve(e.data.result);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new Error(`${def.name}: fold worker failed: ${e.message}`));
    };
    worker.postMessage({ experiment: def.name, ctx: rest, key });
  });
}

/**
 * Bytes of an experiment's feature matrices and frames: what each fold worker holds.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { dataBytes } from "./fold_workers.ts";
 * const m = { x: new Float32Array(6), rows: 2, dims: 3 };
 * assertEquals(dataBytes({ sets: { compact: m }, frames: [new Float32Array(2), null] }), 32);
 * ```
 */
export function dataBytes(data: Pick<FunctionalsData, "sets" | "frames">): number {
  let n = 0;
  for (const m of Object.values(data.sets)) n += m.x.byteLength;
  for (const f of data.frames ?? []) n += f?.byteLength ?? 0;
  return n;
}

/**
 * Fold workers at once: one per core, no more than half the free memory holds (each holds 3×
 * the experiment's feature data, {@linkcode dataBytes}), at least one.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { workerCount } from "./fold_workers.ts";
 * assert(workerCount(1, 1e6) === 1 && workerCount(100, 1) >= 1);
 * ```
 */
export function workerCount(units: number, bytes: number): number {
  const free = Deno.systemMemoryInfo().available;
  const byMemory = Math.floor(free / 2 / Math.max(1, 3 * bytes));
  return Math.max(1, Math.min(units, navigator.hardwareConcurrency || 1, byMemory));
}
