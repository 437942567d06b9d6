import type { FeatureSet } from "./extract.ts";

/**
 * Throws unless every feature of `set` is finite. Samples far beyond full scale (a float
 * recording holding values of 1e19 and more) overflow the powers to infinity, and infinity
 * turns into NaN downstream; the message says so, with the signal's peak when `y` is given.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkFiniteFeatures } from "./finite.ts";
 * const set = { acoustic: new Float32Array([1, NaN]), statistical: new Float32Array(8) };
 * assertThrows(() => checkFiniteFeatures(set), Error, "the features are not finite (1 of 10 values)");
 * ```
 */
export function checkFiniteFeatures(set: FeatureSet, y?: Float32Array): void {
  let bad = 0;
  for (const v of set.acoustic) if (!Number.isFinite(v)) bad++;
  for (const v of set.statistical) if (!Number.isFinite(v)) bad++;
  if (bad === 0) return;
  let peak = 0;
  if (y) { for (const v of y) peak = Math.max(peak, Math.abs(v)); }
  throw new RangeError(
    `the features are not finite (${bad} of ${
      set.acoustic.length + set.statistical.length
    } values)` +
      (peak > 1e6
        ? `: the samples peak at ${peak.toExponential(2)}, far beyond full scale (±1)`
        : ""),
  );
}

/**
 * {@linkcode checkFiniteFeatures} for a model's whole feature vector (a deployable model's
 * `features(y)`): throws a `RangeError` naming how many values are not finite, and the signal's
 * peak when `y` is given and far beyond full scale.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkFiniteVector } from "./finite.ts";
 * assertThrows(() => checkFiniteVector(new Float32Array([1, NaN])), Error, "the features are not finite (1 of 2 values)");
 * ```
 */
export function checkFiniteVector(x: Float32Array, y?: Float32Array): void {
  checkFiniteFeatures({ acoustic: x, statistical: new Float32Array(0) } as FeatureSet, y);
}
