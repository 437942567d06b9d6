/**
 * A 4th-order Butterworth low-pass at `cutoff` Hz (two biquad sections), run forward and
 * backward so the clip is not delayed.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { lowPass } from "./lowpass.ts";
 * const y = new Float32Array(2000).map((_, i) => (i % 2 ? 1 : -1)); // Nyquist tone
 * assertAlmostEquals(lowPass(y, 22050, 3000)[1000], 0, 1e-3);
 * ```
 */
export function lowPass(y: Float32Array, sr: number, cutoff: number): Float32Array {
  const x = Float64Array.from(y);
  for (const q of [0.5411961, 1.3065630]) {
    _biquad(x, sr, cutoff, q);
    x.reverse();
    _biquad(x, sr, cutoff, q);
    x.reverse();
  }
  return Float32Array.from(x);
}

/** Filters `x` in place with an RBJ low-pass biquad. */
function _biquad(x: Float64Array, sr: number, f: number, q: number): void {
  const w = (2 * Math.PI * f) / sr, alpha = Math.sin(w) / (2 * q), c = Math.cos(w);
  const a0 = 1 + alpha;
  const b0 = (1 - c) / 2 / a0, b1 = (1 - c) / a0, b2 = b0;
  const a1 = (-2 * c) / a0, a2 = (1 - alpha) / a0;
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const out = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    [x2, x1, y2, y1] = [x1, v, y1, out];
    x[i] = out;
  }
}
