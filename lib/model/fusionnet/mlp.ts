import { Random } from "../../util/random.ts";
import type { FusionConfig } from "./architecture.ts";
import type { BatchResult, Network } from "./network.ts";

/**
 * A small fully connected classifier (Dense + ReLU layers, softmax output, Adam) in plain
 * TypeScript: SER-FusionNet's fusion classifier, a few hundred weights, for which TensorFlow.js's
 * per-call overhead would cost more than the arithmetic. Weights follow Keras's layout (kernels
 * `[in][out]`), so they drop into {@linkcode fusionLayers} unchanged.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { fusionConfig } from "./architecture.ts";
 * import { DenseNetwork } from "./mlp.ts";
 * const net = new DenseNetwork(fusionConfig(4, 2), 1);
 * const x = Float32Array.of(1, 0, 0, 0, 0, 1, 0, 0);
 * for (let i = 0; i < 200; i++) await net.trainBatch(x, Int32Array.of(0, 1), 0.01);
 * const p = await net.predict(x);
 * [1, 0, 0, 1].forEach((want, i) => assertAlmostEquals(p[i], want, 0.01));
 * ```
 */
export class DenseNetwork implements Network {
  readonly backend = "typescript";
  readonly inputs: number;
  readonly classes: number;
  readonly #sizes: number[];
  #w: Float64Array[] = [];
  #m: Float64Array[] = [];
  #v: Float64Array[] = [];
  #step = 0;

  /** A network with Glorot-uniform kernels and zero biases drawn from `seed`. */
  constructor(config: FusionConfig, seed: number) {
    this.inputs = config.inputs;
    this.classes = config.classes;
    this.#sizes = [config.inputs, ...config.hidden, config.classes];
    const random = new Random(seed);
    const weights: Float32Array[] = [];
    for (let l = 0; l + 1 < this.#sizes.length; l++) {
      const [a, b] = [this.#sizes[l], this.#sizes[l + 1]];
      const limit = Math.sqrt(6 / (a + b));
      weights.push(Float32Array.from({ length: a * b }, () => random.uniform(-limit, limit)));
      weights.push(new Float32Array(b));
    }
    this.setWeights(weights);
  }

  trainBatch(x: Float32Array, y: Int32Array, lr: number): Promise<BatchResult> {
    const n = y.length;
    const acts = this.#forward(x, n);
    const out = acts[acts.length - 1];
    const C = this.classes;
    let loss = 0, correct = 0;
    let delta = new Float64Array(n * C);
    for (let r = 0; r < n; r++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (out[r * C + c] > out[r * C + best]) best = c;
      if (best === y[r]) correct++;
      loss -= Math.log(Math.max(out[r * C + y[r]], 1e-7));
      for (let c = 0; c < C; c++) delta[r * C + c] = (out[r * C + c] - (c === y[r] ? 1 : 0)) / n;
    }
    const grads: Float64Array[] = this.#w.map((w) => new Float64Array(w.length));
    for (let l = this.#sizes.length - 2; l >= 0; l--) {
      const a = this.#sizes[l], b = this.#sizes[l + 1];
      const input = acts[l], gw = grads[2 * l], gb = grads[2 * l + 1], w = this.#w[2 * l];
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < b; j++) {
          const d = delta[r * b + j];
          gb[j] += d;
          for (let i = 0; i < a; i++) gw[i * b + j] += input[r * a + i] * d;
        }
      }
      if (l === 0) break;
      const next = new Float64Array(n * a);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < a; i++) {
          if (input[r * a + i] <= 0) continue; // ReLU
          let s = 0;
          for (let j = 0; j < b; j++) s += w[i * b + j] * delta[r * b + j];
          next[r * a + i] = s;
        }
      }
      delta = next;
    }
    this.#adam(grads, lr);
    return Promise.resolve({ loss: n ? loss / n : 0, correct });
  }

  predict(x: Float32Array): Promise<Float32Array> {
    const acts = this.#forward(x, x.length / this.inputs);
    return Promise.resolve(Float32Array.from(acts[acts.length - 1]));
  }

  getWeights(): Float32Array[] {
    return this.#w.map((w) => Float32Array.from(w));
  }

  setWeights(weights: Float32Array[]): void {
    if (weights.length !== 2 * (this.#sizes.length - 1)) {
      throw new RangeError("wrong number of weight arrays");
    }
    this.#w = weights.map((w) => Float64Array.from(w));
    this.#m = this.#w.map((w) => new Float64Array(w.length));
    this.#v = this.#w.map((w) => new Float64Array(w.length));
    this.#step = 0;
  }

  dispose(): void {}

  /** Activations of every layer, input first, softmax last. */
  #forward(x: Float32Array, n: number): Float64Array[] {
    const acts: Float64Array[] = [Float64Array.from(x)];
    for (let l = 0; l + 1 < this.#sizes.length; l++) {
      const a = this.#sizes[l], b = this.#sizes[l + 1];
      const w = this.#w[2 * l], bias = this.#w[2 * l + 1], input = acts[l];
      const out = new Float64Array(n * b);
      const last = l + 2 === this.#sizes.length;
      for (let r = 0; r < n; r++) {
        let max = -Infinity;
        for (let j = 0; j < b; j++) {
          let s = bias[j];
          for (let i = 0; i < a; i++) s += input[r * a + i] * w[i * b + j];
          out[r * b + j] = last ? s : Math.max(0, s);
          if (s > max) max = s;
        }
        if (last) {
          let sum = 0;
          for (let j = 0; j < b; j++) sum += out[r * b + j] = Math.exp(out[r * b + j] - max);
          for (let j = 0; j < b; j++) out[r * b + j] /= sum;
        }
      }
      acts.push(out);
    }
    return acts;
  }

  #adam(grads: Float64Array[], lr: number): void {
    const t = ++this.#step, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
    grads.forEach((g, k) => {
      const w = this.#w[k], m = this.#m[k], v = this.#v[k];
      for (let i = 0; i < g.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
      }
    });
  }
}
