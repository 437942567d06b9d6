/// <reference lib="deno.worker" />
/**
 * A feature-extraction worker: reads a file, cuts and resamples it, applies the augmentation if
 * any, and returns its features or functional set (or the error, named by file).
 *
 * @module
 */
import { computeTask } from "./compute.ts";

self.onmessage = async (e: MessageEvent) => {
  const { id, file, augmentation, task } = e.data;
  try {
    const set = computeTask(await Deno.readFile(file), file, augmentation, task);
    self.postMessage({ id, acoustic: set.acoustic, statistical: set.statistical });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
