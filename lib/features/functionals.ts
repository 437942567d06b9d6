/**
 * Functionals: the statistics that turn a descriptor's frames into fixed-length features, as
 * the large openSMILE sets do (Eyben et al., eGeMAPS 2016; Schuller et al., ComParE 2013).
 *
 * @module
 */

/**
 * The functionals, in order: arithmetic mean, standard deviation (population), percentiles 1,
 * 20, 50, 80 and 99 (linear interpolation, numpy's default), the ranges p1–p99 and p20–p80,
 * minimum, maximum, slope of the least-squares line over time (units per second), the root mean
 * square of its residuals, skewness and excess kurtosis (both 0 when the deviation is 0).
 */
export const FUNCTIONAL_NAMES = Object.freeze(
  [
    "mean",
    "std",
    "p1",
    "p20",
    "p50",
    "p80",
    "p99",
    "range_p1_p99",
    "range_p20_p80",
    "min",
    "max",
    "slope",
    "regerr",
    "skewness",
    "kurtosis",
  ] as const,
);

/** One functional's name. */
export type FunctionalName = typeof FUNCTIONAL_NAMES[number];

/**
 * The functionals of `x` over its defined frames (NaN frames are left out, so a voiced-only
 * descriptor is summarised over voiced frames); frame `t` lies at `t * frameSeconds` s. A series
 * with no defined frame gives zeros. Writes `FUNCTIONAL_NAMES.length` values into `out` at `at`.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { functionals } from "./functionals.ts";
 * const out = new Float64Array(15);
 * functionals(Float64Array.of(1, 2, NaN, 4), 0.5, out, 0);
 * assertAlmostEquals(out[0], 7 / 3, 1e-12); // mean of the defined frames
 * assertAlmostEquals(out[11], 2, 1e-12); // slope: the line 1 + 2·s through (0, 1), (0.5, 2), (1.5, 4)
 * ```
 */
export function functionals(
  x: Float64Array,
  frameSeconds: number,
  out: Float64Array | Float32Array,
  at: number,
): void {
  let n = 0;
  for (let t = 0; t < x.length; t++) if (!Number.isNaN(x[t])) n++;
  out.fill(0, at, at + FUNCTIONAL_NAMES.length);
  if (n === 0) return;
  const v = new Float64Array(n), time = new Float64Array(n);
  for (let t = 0, i = 0; t < x.length; t++) {
    if (Number.isNaN(x[t])) continue;
    v[i] = x[t];
    time[i++] = t * frameSeconds;
  }
  let mean = 0, tMean = 0;
  for (let i = 0; i < n; i++) {
    mean += v[i];
    tMean += time[i];
  }
  mean /= n;
  tMean /= n;
  let m2 = 0, m3 = 0, m4 = 0, stt = 0, stv = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - mean, dt = time[i] - tMean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
    stt += dt * dt;
    stv += dt * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const slope = stt > 0 ? stv / stt : 0;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = v[i] - (mean + slope * (time[i] - tMean));
    sse += r * r;
  }
  const sorted = v.slice().sort();
  const q = (p: number) => {
    const pos = (p / 100) * (n - 1), lo = Math.floor(pos), hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  const std = Math.sqrt(m2);
  const flat = std <= 1e-12 * Math.max(1, Math.abs(mean));
  const p1 = q(1), p20 = q(20), p50 = q(50), p80 = q(80), p99 = q(99);
  const values = [
    mean,
    std,
    p1,
    p20,
    p50,
    p80,
    p99,
    p99 - p1,
    p80 - p20,
    sorted[0],
    sorted[n - 1],
    slope,
    Math.sqrt(sse / n),
    flat ? 0 : m3 / (m2 * std),
    flat ? 0 : m4 / (m2 * m2) - 3,
  ];
  for (let i = 0; i < values.length; i++) out[at + i] = values[i];
}
