/** The four moments of a waveform that SER-FusionNet's statistical features start with. */
export interface Moments {
  mean: number;
  /** Population variance. */
  variance: number;
  /** Biased skewness (`scipy.stats.skew`). */
  skewness: number;
  /** Biased excess kurtosis (`scipy.stats.kurtosis`, Fisher). */
  kurtosis: number;
}

/**
 * Mean, variance, skewness and kurtosis of `y` (a constant signal has skewness and kurtosis
 * NaN in scipy; here 0 and -3, so features stay finite).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { moments } from "./moments.ts";
 * assertEquals(moments(Float32Array.of(1, 2, 3, 4)).variance, 1.25);
 * ```
 */
export function moments(y: Float32Array): Moments {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    mean,
    variance: m2,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : -3,
  };
}
