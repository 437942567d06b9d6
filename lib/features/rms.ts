/**
 * Root-mean-square energy per frame as `librosa.feature.rms(y, frame_length, hop_length)`:
 * frames centred by padding zeros.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { rms } from "./rms.ts";
 * assertAlmostEquals(rms(new Float32Array(4096).fill(0.5), 2048, 512)[4], 0.5, 1e-6);
 * ```
 */
export function rms(y: Float32Array, frameLength: number, hop: number): Float64Array {
  const n = y.length;
  const half = Math.floor(frameLength / 2);
  const frames = 1 + Math.floor((n + 2 * half - frameLength) / hop);
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const a = Math.max(0, t * hop - half);
    const b = Math.min(n, t * hop - half + frameLength);
    let sum = 0;
    for (let i = a; i < b; i++) sum += y[i] * y[i];
    out[t] = Math.sqrt(sum / frameLength);
  }
  return out;
}
