/** Classification quality of one evaluation. */
export interface Metrics {
  n: number;
  accuracy: number;
  /** Unweighted average recall (balanced accuracy): the mean of per-class recalls. */
  uar: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  /** `confusion[true][predicted]` counts, classes in label order. */
  confusion: number[][];
  /** Per-class precision, recall, F1 and support. */
  perClass: { precision: number; recall: number; f1: number; support: number }[];
}

/**
 * Metrics of predictions against labels over `classes` classes. Classes absent from both
 * labels and predictions are left out of the macro averages (as scikit-learn does with its
 * `labels` taken from the data).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { computeMetrics } from "./metrics.ts";
 * const m = computeMetrics(Int32Array.of(0, 1, 1), Int32Array.of(0, 1, 0), 2);
 * assertAlmostEquals(m.accuracy, 2 / 3, 1e-12);
 * assertAlmostEquals(m.uar, 0.75, 1e-12); // (1/1 + 1/2) / 2
 * ```
 */
export function computeMetrics(
  labels: Int32Array,
  predicted: Int32Array,
  classes: number,
): Metrics {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) confusion[labels[i]][predicted[i]]++;
  const perClass = confusion.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    const predictedC = confusion.reduce((a, r) => a + r[c], 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support, present: support > 0 || predictedC > 0 };
  });
  const present = perClass.filter((p) => p.present);
  const mean = (f: (p: typeof present[number]) => number) =>
    present.length ? present.reduce((a, p) => a + f(p), 0) / present.length : 0;
  const supported = perClass.filter((p) => p.support > 0);
  const correct = confusion.reduce((a, r, c) => a + r[c], 0);
  return {
    n: labels.length,
    accuracy: labels.length ? correct / labels.length : 0,
    uar: supported.length ? supported.reduce((a, p) => a + p.recall, 0) / supported.length : 0,
    macroPrecision: mean((p) => p.precision),
    macroRecall: mean((p) => p.recall),
    macroF1: mean((p) => p.f1),
    confusion,
    perClass: perClass.map(({ precision, recall, f1, support }) => ({
      precision,
      recall,
      f1,
      support,
    })),
  };
}

/**
 * The most probable class of each row of `probabilities` (`rows * classes`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { argmaxRows } from "./metrics.ts";
 * assertEquals(argmaxRows(Float32Array.of(0.2, 0.8, 0.9, 0.1), 2), Int32Array.of(1, 0));
 * ```
 */
export function argmaxRows(probabilities: Float32Array, classes: number): Int32Array {
  const n = probabilities.length / classes;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[r * classes + c] > probabilities[r * classes + best]) best = c;
    }
    out[r] = best;
  }
  return out;
}

/**
 * Mean and sample standard deviation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { meanStd } from "./metrics.ts";
 * assertEquals(meanStd([1, 2, 3]), { mean: 2, std: 1 });
 * ```
 */
export function meanStd(values: number[]): { mean: number; std: number } {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : NaN;
  const std = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std };
}
