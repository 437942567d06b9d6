/** Per-column standardisation: (x - mean) / scale, as scikit-learn's StandardScaler. */
export interface Scaler {
  mean: number[];
  /** Population standard deviation; 1 where a column is constant. */
  scale: number[];
}

/**
 * Fits a scaler to `rows * cols` row-major values.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fitScaler } from "./scaler.ts";
 * assertEquals(fitScaler(Float32Array.of(1, 10, 3, 10), 2), { mean: [2, 10], scale: [1, 1] });
 * ```
 */
export function fitScaler(x: Float32Array, cols: number): Scaler {
  const rows = x.length / cols;
  const mean = new Float64Array(cols), sq = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += x[r * cols + c];
  for (let c = 0; c < cols; c++) mean[c] /= rows || 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) sq[c] += (x[r * cols + c] - mean[c]) ** 2;
  }
  const scale = Array.from(sq, (s) => {
    const sd = Math.sqrt(s / (rows || 1));
    return sd > 1e-12 ? sd : 1;
  });
  return { mean: Array.from(mean), scale };
}

/**
 * Standardised copy of `x` (row-major, `scaler.mean.length` columns).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { applyScaler } from "./scaler.ts";
 * assertEquals(applyScaler(Float32Array.of(3, 10), { mean: [2, 10], scale: [1, 1] }), Float32Array.of(1, 0));
 * ```
 */
export function applyScaler(x: Float32Array, scaler: Scaler): Float32Array {
  const cols = scaler.mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const c = i % cols;
    out[i] = (x[i] - scaler.mean[c]) / scaler.scale[c];
  }
  return out;
}
