/**
 * Local derivatives as `librosa.feature.delta(x, width=9, order, mode="interp")`: a
 * Savitzky-Golay filter (polynomial of degree `order` fitted over 9 frames) giving the first or
 * second derivative; the first and last 4 frames take the derivative of the fit over the first
 * or last 9 frames, as scipy's `interp` mode does. Throws when there are fewer than 9 frames,
 * as librosa does.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { delta } from "./delta.ts";
 * const x = Float64Array.from({ length: 12 }, (_, t) => 3 * t);
 * assertEquals([delta(x, 1)[0], delta(x, 1)[6], delta(x, 2)[6]], [3, 3, 0]);
 * ```
 */
export function delta(x: Float64Array, order: 1 | 2): Float64Array {
  const n = x.length, half = 4;
  if (n < 2 * half + 1) {
    throw new RangeError(`delta needs at least 9 frames (width 9), got ${n}`);
  }
  const coef = order === 1
    ? Float64Array.from({ length: 9 }, (_, i) => (i - half) / 60)
    : Float64Array.from({ length: 9 }, (_, i) => (3 * (i - half) ** 2 - 20) / 462);
  const inner = new Float64Array(n);
  for (let t = half; t < n - half; t++) {
    let acc = 0;
    for (let k = 0; k < 9; k++) acc += coef[k] * x[t + k - half];
    inner[t] = acc;
  }
  for (let t = 0; t < half; t++) {
    inner[t] = inner[half];
    inner[n - 1 - t] = inner[n - 1 - half];
  }
  return inner;
}
