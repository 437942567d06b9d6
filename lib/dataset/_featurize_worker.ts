/// <reference lib="deno.worker" />
/**
 * A feature-extraction worker: reads a file, cuts and resamples it, applies the augmentation if
 * any, and returns its features (or the error, named by file).
 *
 * @module
 */
import { computeFeatures } from "./compute.ts";

self.onmessage = async (e: MessageEvent) => {
  const { id, file, augmentation, load, features } = e.data;
  try {
    const set = computeFeatures(await Deno.readFile(file), file, augmentation, load, features);
    self.postMessage({ id, acoustic: set.acoustic, statistical: set.statistical });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
