/**
 * Temperature scaling (Guo, Pleiss, Sun & Weinberger, "On Calibration of Modern Neural
 * Networks", ICML 2017, §4.2): a classifier's probabilities `p` become `softmax(log p / T)`, one
 * temperature `T > 0` for every class, fitted by the negative log-likelihood of held-out
 * (validation) rows. It changes no argmax, so accuracy and UAR stay as they are; only how sure
 * the model says it is changes.
 *
 * @module
 */

/** Probabilities are clamped to this before their logarithm, so that a 0 stays finite. */
const _FLOOR = 1e-12;
/** The temperatures searched, as an interval of `log T`. */
const _LOG_T: readonly [number, number] = [Math.log(0.05), Math.log(20)];

/**
 * Each row of `probabilities` (`rows * classes`) rescaled by temperature `t`:
 * `softmax(log p / t)`. `t = 1` returns the same probabilities (up to rounding).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { applyTemperature } from "./calibration.ts";
 * const p = applyTemperature(Float32Array.of(0.8, 0.2), 2, 2);
 * assertAlmostEquals(p[0], Math.sqrt(0.8) / (Math.sqrt(0.8) + Math.sqrt(0.2)), 1e-6);
 * ```
 */
export function applyTemperature(
  probabilities: Float32Array,
  classes: number,
  t: number,
): Float32Array {
  if (!(t > 0) || !Number.isFinite(t)) throw new Error(`temperature must be > 0, got ${t}`);
  const out = new Float32Array(probabilities.length);
  const z = new Float64Array(classes);
  for (let r = 0; r < probabilities.length / classes; r++) {
    let max = -Infinity, sum = 0;
    for (let c = 0; c < classes; c++) {
      z[c] = Math.log(Math.max(probabilities[r * classes + c], _FLOOR)) / t;
      if (z[c] > max) max = z[c];
    }
    for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - max);
    for (let c = 0; c < classes; c++) out[r * classes + c] = z[c] / sum;
  }
  return out;
}

/**
 * The temperature that minimises the mean negative log-likelihood of `labels` under
 * {@linkcode applyTemperature} (golden-section search over `log T` in [0.05, 20]; the NLL is
 * convex in `1 / T`). Fit it on validation rows, never on the rows it will be judged on.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { fitTemperature } from "./calibration.ts";
 * // always 90% sure, right 60% of the time: overconfident, so T > 1
 * const p = new Float32Array(20).map((_, i) => (i % 2 === 0 ? 0.9 : 0.1));
 * const y = Int32Array.from({ length: 10 }, (_, i) => (i < 6 ? 0 : 1));
 * assert(fitTemperature(p, y, 2) > 1);
 * ```
 */
export function fitTemperature(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
): number {
  if (!labels.length) throw new Error("fitTemperature needs at least one labelled row");
  const logp = Float64Array.from(probabilities, (p) => Math.log(Math.max(p, _FLOOR)));
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let total = 0;
    for (let r = 0; r < labels.length; r++) {
      let max = -Infinity, sum = 0;
      for (let c = 0; c < classes; c++) max = Math.max(max, logp[r * classes + c] / t);
      for (let c = 0; c < classes; c++) sum += Math.exp(logp[r * classes + c] / t - max);
      total -= logp[r * classes + labels[r]] / t - max - Math.log(sum);
    }
    return total / labels.length;
  };
  const g = (Math.sqrt(5) - 1) / 2;
  let [a, b] = _LOG_T;
  let c = b - g * (b - a), d = a + g * (b - a), fc = nll(c), fd = nll(d);
  for (let i = 0; i < 60; i++) {
    if (fc < fd) b = d, d = c, fd = fc, c = b - g * (b - a), fc = nll(c);
    else a = c, c = d, fc = fd, d = a + g * (b - a), fd = nll(d);
  }
  return Math.exp((a + b) / 2);
}
