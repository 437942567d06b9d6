/** What one optimiser step reports. */
export interface BatchResult {
  /** Mean cross-entropy over the batch. */
  loss: number;
  /** Rows whose highest-probability class was the label. */
  correct: number;
}

/**
 * A trainable classifier, whatever computes it (the WebAssembly engine or a TensorFlow.js
 * backend). Inputs are row-major `n * inputs` float32; labels are class indices.
 */
export interface Network {
  /** What computes it, recorded with every result ("wasm-simd", "tfjs-cpu", ...). */
  readonly backend: string;
  readonly inputs: number;
  readonly classes: number;
  /** One Adam step on a batch at learning rate `lr`, dropout on. */
  trainBatch(x: Float32Array, y: Int32Array, lr: number): Promise<BatchResult>;
  /** Class probabilities, `n * classes`, dropout off. */
  predict(x: Float32Array): Promise<Float32Array>;
  /** Weights in TensorFlow.js layer order (kernels as Keras stores them). */
  getWeights(): Float32Array[];
  /** Replaces the weights (same order and sizes as {@linkcode getWeights}). */
  setWeights(weights: Float32Array[]): void;
  /** Frees workers and memory. */
  dispose(): void;
}

/** A network whose penultimate layer is a feature extractor (SER-FusionNet's deep features). */
export interface FeatureNetwork extends Network {
  /** Width of the deep-feature layer. */
  readonly deep: number;
  /** Deep features (after ReLU, dropout off), `n * deep`. */
  deepFeatures(x: Float32Array): Promise<Float32Array>;
}

/**
 * Mean cross-entropy and accuracy of probabilities against labels, with Keras's clipping of
 * probabilities to [1e-7, 1 - 1e-7].
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { scoreProbabilities } from "./network.ts";
 * const s = scoreProbabilities(Float32Array.of(0.9, 0.1, 0.2, 0.8), Int32Array.of(0, 0), 2);
 * assertEquals(s.correct, 1);
 * ```
 */
export function scoreProbabilities(
  p: Float32Array,
  y: Int32Array,
  classes: number,
): { loss: number; correct: number } {
  let loss = 0, correct = 0;
  for (let n = 0; n < y.length; n++) {
    const row = n * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (p[row + c] > p[row + best]) best = c;
    if (best === y[n]) correct++;
    loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, p[row + y[n]])));
  }
  return { loss: y.length ? loss / y.length : 0, correct };
}
