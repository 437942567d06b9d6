/**
 * Small numerics the pitch trackers (`yin.ts`, `pyin.ts`, `_pyin_hmm.ts`) share, each as numpy or
 * librosa 0.10.1 computes it.
 *
 * @module
 */

/** numpy's `finfo(float64).tiny`, the floor librosa adds before dividing or taking logs. */
export const TINY = 2.2250738585072014e-308;

/** librosa's trough rule: `localmin`, with the first lag a trough if below the second. */
export function isTrough(x: Float64Array, base: number, i: number, n: number): boolean {
  const v = x[base + i];
  if (i === 0) return v < x[base + 1];
  if (i === n - 1) return v < x[base + i - 1];
  return v < x[base + i - 1] && v <= x[base + i + 1];
}

/** numpy's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
