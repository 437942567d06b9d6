import * as tf from "@tensorflow/tfjs-core";

/** serlab's own version. */
export const SERLAB_VERSION = "0.1.0";

/**
 * Versions of everything that shapes a run's numbers, recorded beside its results.
 *
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { versions } from "./version.ts";
 * assertMatch(versions().serlab, /^\d+\.\d+\.\d+/);
 * ```
 */
export function versions(): Record<string, string> {
  return {
    serlab: SERLAB_VERSION,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    "tensorflow.js": tf.version_core,
    "librosa parity": "0.10.1",
    os: `${Deno.build.os} ${Deno.build.arch}`,
    cpus: String(navigator.hardwareConcurrency),
  };
}
