import * as tf from "@tensorflow/tfjs-core";

/** serlab's own version. */
export const SERLAB_VERSION = "0.1.0";

/**
 * Versions of everything that shapes a run's numbers, recorded beside its results.
 *
 * @example
 * ```ts
 * import { versions } from "./version.ts";
 * console.log(versions().serlab); // "0.1.0"
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
