/**
 * How well a classifier's confidence matches its accuracy.
 *
 * @module
 */
import { argmaxRows } from "./metrics.ts";

/** Expected calibration error and the reliability diagram it sums. */
export interface Calibration {
  /** Σ over bins of (bin rows / rows) × |accuracy − mean confidence|. */
  ece: number;
  /** Per confidence bin: rows, accuracy and mean confidence (NaN where the bin is empty). */
  bins: { n: number; accuracy: number; confidence: number }[];
}

/**
 * Expected calibration error (Naeini, Cooper & Hauskrecht, AAAI 2015; in the form of Guo et al.,
 * ICML 2017, eq. 3): rows binned by their top probability into `bins` equal-width bins over
 * [0, 1] (15 as Guo et al.), each bin's |accuracy − mean confidence| weighted by its share of
 * rows.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { expectedCalibrationError } from "./calibration.ts";
 * // 80% sure each time, right 3 times out of 4: |0.75 - 0.8| = 0.05
 * const p = Float32Array.of(0.8, 0.2, 0.8, 0.2, 0.8, 0.2, 0.2, 0.8);
 * const e = expectedCalibrationError(p, Int32Array.of(0, 0, 0, 0), 2);
 * assertAlmostEquals(e.ece, 0.05, 1e-6);
 * ```
 */
export function expectedCalibrationError(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
  bins = 15,
): Calibration {
  const n = new Float64Array(bins), hit = new Float64Array(bins), conf = new Float64Array(bins);
  const predicted = argmaxRows(probabilities, classes);
  for (let r = 0; r < labels.length; r++) {
    const best = predicted[r], p = probabilities[r * classes + best];
    const b = Math.min(bins - 1, Math.floor(p * bins));
    n[b]++, conf[b] += p;
    if (best === labels[r]) hit[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (n[b]) ece += (n[b] / labels.length) * Math.abs(hit[b] / n[b] - conf[b] / n[b]);
  }
  return {
    ece,
    bins: Array.from({ length: bins }, (_, b) => ({
      n: n[b],
      accuracy: n[b] ? hit[b] / n[b] : NaN,
      confidence: n[b] ? conf[b] / n[b] : NaN,
    })),
  };
}
