/**
 * Per-utterance normalisation of the low-level descriptors, computed from a clip's `large`
 * functionals: each descriptor (and each delta) standardised by its own mean and deviation over
 * the clip, as cepstral mean and variance normalisation does for MFCCs (Viikki & Laurila 1998).
 * It uses nothing but the clip, so it is inductive; it removes a recording's level and fixed
 * equalisation (a constant offset of a log spectrum) along with the speaker's mean voice.
 *
 * The functionals of the standardised series follow exactly from the raw ones (every functional
 * is affine-equivariant): the location functionals (mean, percentiles, min, max) become
 * `(v - mean) / sd`, the scale ones (ranges, slope, regression error) `v / sd`, the deviation
 * itself a constant 0 (dropped by standardisation), skewness and kurtosis stay.
 *
 * @module
 */
import { FUNCTIONAL_NAMES } from "./functionals.ts";
import { functionalSet } from "./sets.ts";

const F = FUNCTIONAL_NAMES.length;
const LOCATION = ["mean", "p1", "p20", "p50", "p80", "p99", "min", "max"]
  .map((n) => FUNCTIONAL_NAMES.indexOf(n as typeof FUNCTIONAL_NAMES[number]));
const SCALE = ["range_p1_p99", "range_p20_p80", "slope", "regerr"]
  .map((n) => FUNCTIONAL_NAMES.indexOf(n as typeof FUNCTIONAL_NAMES[number]));
const STD = FUNCTIONAL_NAMES.indexOf("std");

/**
 * A clip's `large` set with every descriptor standardised over the clip (a new array; the
 * temporal features after the descriptors' blocks are kept as they are). A descriptor with no
 * spread gives zeros.
 *
 * @example
 * ```ts
 * import { clipNormalised } from "./clip_norm.ts";
 * import { functionalSet } from "./sets.ts";
 * const v = new Float32Array(functionalSet("large").names.length);
 * v.set([3, 2, 1, 2, 3, 4, 5, 4, 2, 1, 5, 0.5, 1, 0.1, -1]); // the first descriptor's 15 functionals
 * console.log(Array.from(clipNormalised(v).slice(0, 3))); // [0, 0, -1]
 * ```
 */
export function clipNormalised(large: Float32Array): Float32Array {
  const names = functionalSet("large").names;
  if (large.length !== names.length) {
    throw new RangeError(
      `clipNormalised: ${large.length} values, the large set has ${names.length}`,
    );
  }
  const x = Float32Array.from(large);
  for (let b = 0; b + F <= x.length && names[b].endsWith("_mean"); b += F) {
    const mu = x[b], sd = x[b + STD], inv = sd > 1e-9 ? 1 / sd : 0;
    for (const k of LOCATION) x[b + k] = (x[b + k] - mu) * inv;
    for (const k of SCALE) x[b + k] *= inv;
    x[b + STD] = 0;
  }
  return x;
}
