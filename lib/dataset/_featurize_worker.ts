/// <reference lib="deno.worker" />
/**
 * A feature-extraction worker: reads a file once and computes every table asked of it
 * (`computeTasks`: one decode, each cut resampled and augmented once, one set of descriptors
 * per cut), answering each table's values or its error (named by file).
 *
 * @module
 */
import { computeTasks } from "./compute.ts";

self.onmessage = async (e: MessageEvent) => {
  const { id, file, augmentation, tasks } = e.data;
  try {
    self.postMessage({
      id,
      results: computeTasks(await Deno.readFile(file), file, augmentation, tasks),
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    self.postMessage({ id, results: tasks.map(() => reason) });
  }
};
