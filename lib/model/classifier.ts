/**
 * The interface every classifier family beside FusionNet implements: fit on a standardised
 * matrix (rows × dims, row-major) with integer labels and a seed, predict class probabilities,
 * and serialise to JSON.
 *
 * @module
 */

/** A training set: a row-major matrix of standardised features and one label per row. */
export interface Matrix {
  x: Float32Array;
  rows: number;
  dims: number;
}

/** A fitted classifier: probabilities per row (rows × classes, each row summing to 1). */
export interface Classifier {
  /** The family's name, e.g. "logistic". */
  readonly family: string;
  readonly classes: number;
  /** Class probabilities for each row of `data`, row-major (rows × classes). */
  predictProba(data: Matrix): Float32Array;
  /** A JSON-safe description from which the family's `fromJSON` rebuilds the classifier. */
  toJSON(): Record<string, unknown>;
}

/**
 * Fits a classifier of one family with given hyperparameters.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import type { Trainer } from "./classifier.ts";
 * const t: Trainer<{ l2: number }> = (_d, _y, classes) => ({ family: "none", classes, predictProba: (d) => new Float32Array(d.rows * classes).fill(1 / classes), toJSON: () => ({}) });
 * assertEquals(t({ x: new Float32Array(2), rows: 1, dims: 2 }, Int32Array.of(0), 2, { l2: 1 }, 1).classes, 2);
 * ```
 */
export type Trainer<H> = (
  data: Matrix,
  labels: Int32Array,
  classes: number,
  hyper: H,
  seed: number,
) => Classifier;
