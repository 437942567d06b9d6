import {
  type FusionnetKernels,
  fusionnetKernels,
  fusionnetModule,
} from "../../kernels/fusionnet.ts";
import { Random } from "../../util/random.ts";
import { type EngineLayout, forwardPart, gradientPart } from "./_engine_part.ts";
import { type ExtractorConfig, pooledLength } from "./architecture.ts";
import type { BatchResult, FeatureNetwork } from "./network.ts";

const BATCH = 64;
const PAGE = 65536;

/**
 * SER-FusionNet's extractor on hand-written WebAssembly SIMD kernels (`kernels/fusionnet.ts`):
 * the convolution, pooling and both big matrix products forward and backward, and Adam, over
 * one shared memory; the batch is split across `threads` (the main thread and workers), each
 * accumulating its own gradients, which are summed before one Adam step. The small head
 * (Dense(classes) and softmax) runs in TypeScript.
 *
 * Supports the notebook's shape: one Conv1D block with kernel 5, pool 5, stride 2, filters a
 * multiple of 8 ({@linkcode WasmExtractor.supports}).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { extractorConfig } from "./architecture.ts";
 * import { WasmExtractor } from "./engine.ts";
 * const net = await WasmExtractor.create(extractorConfig(6), 42, 1);
 * const x = new Float32Array(64 * 162).map(Math.random);
 * const { loss } = await net.trainBatch(x, new Int32Array(64), 1e-3);
 * assert(Number.isFinite(loss) && loss > 0);
 * net.dispose();
 * ```
 */
export class WasmExtractor implements FeatureNetwork {
  readonly backend = "wasm-simd";
  readonly inputs: number;
  readonly classes: number;
  readonly deep: number;
  readonly threads: number;
  readonly #config: ExtractorConfig;
  readonly #memory: WebAssembly.Memory;
  readonly #kernels: FusionnetKernels;
  readonly #layout: EngineLayout;
  readonly #workers: Worker[];
  readonly #random: Random;
  #step = 0;

  /** Whether the engine computes `config` (else use a TensorFlow.js backend). */
  static supports(config: ExtractorConfig): boolean {
    return config.convLayers === 1 && config.kernel === 5 && config.pool === 5 &&
      config.stride === 2 &&
      config.filters % 8 === 0;
  }

  /** An engine with Keras's initial weights (Glorot uniform kernels, zero biases) from `seed`. */
  static async create(
    config: ExtractorConfig,
    seed: number,
    threads = _defaultThreads(),
  ): Promise<WasmExtractor> {
    if (!WasmExtractor.supports(config)) {
      throw new Error(
        "the WebAssembly engine computes one Conv1D(k=5) + MaxPool1D(5, 2) block only",
      );
    }
    const layout = _layout(config, threads);
    const memory = new WebAssembly.Memory({
      initial: Math.ceil(layout.bytes / PAGE),
      maximum: Math.ceil(layout.bytes / PAGE),
      shared: true,
    });
    const module = fusionnetModule();
    const workers: Worker[] = [];
    for (let t = 1; t < threads; t++) {
      const w = new Worker(new URL("./_engine_worker.ts", import.meta.url).href, {
        type: "module",
      });
      await _call(w, { type: "init", module, memory, layout });
      workers.push(w);
    }
    return new WasmExtractor(
      config,
      seed,
      memory,
      fusionnetKernels(memory, module),
      layout,
      workers,
    );
  }

  private constructor(
    config: ExtractorConfig,
    seed: number,
    memory: WebAssembly.Memory,
    kernels: FusionnetKernels,
    layout: EngineLayout,
    workers: Worker[],
  ) {
    this.#config = config;
    this.inputs = config.inputLength;
    this.classes = config.classes;
    this.deep = config.deep;
    this.threads = workers.length + 1;
    this.#memory = memory;
    this.#kernels = kernels;
    this.#layout = layout;
    this.#workers = workers;
    this.#random = new Random(seed);
    this.#initWeights();
  }

  async trainBatch(x: Float32Array, y: Int32Array, lr: number): Promise<BatchResult> {
    const n = y.length;
    const lay = this.#layout;
    if (n > lay.B || x.length !== n * lay.S) {
      throw new RangeError(`batch of ${n} rows: at most ${lay.B}`);
    }
    const f = this.#f32();
    f.set(x, lay.x >> 2);
    const keep = 1 - this.#config.dropout;
    const mask = lay.mask >> 2;
    for (let i = 0; i < n * lay.D; i++) f[mask + i] = this.#random.next() < keep ? 1 / keep : 0;
    for (const g of lay.grads) f.fill(0, g >> 2, (g >> 2) + lay.nParams);
    const r = await this.#parallel(
      n,
      (thread, n0, n1) => ({ type: "grad", thread, n0, n1, batch: n, labels: y }),
    );
    for (let t = 1; t < lay.grads.length; t++) {
      this.#kernels.addInto(lay.grads[0], lay.grads[t], lay.nParams);
    }
    this.#adam(lr);
    return r.reduce((a, b) => ({ loss: a.loss + b.loss / n, correct: a.correct + b.correct }), {
      loss: 0,
      correct: 0,
    });
  }

  async predict(x: Float32Array): Promise<Float32Array> {
    const { probabilities } = await this.#forward(x);
    return probabilities;
  }

  async deepFeatures(x: Float32Array): Promise<Float32Array> {
    const { deep } = await this.#forward(x);
    return deep;
  }

  /**
   * Gradients of the mean loss over `x`, `y` (at most one batch) with dropout off, in
   * {@linkcode getWeights} order; no update. For checking against TensorFlow.js.
   */
  async gradients(
    x: Float32Array,
    y: Int32Array,
  ): Promise<{ loss: number; gradients: Float32Array[] }> {
    const n = y.length, lay = this.#layout;
    const f = this.#f32();
    f.set(x, lay.x >> 2);
    f.fill(1, lay.mask >> 2, (lay.mask >> 2) + n * lay.D);
    for (const g of lay.grads) f.fill(0, g >> 2, (g >> 2) + lay.nParams);
    const r = await this.#parallel(
      n,
      (thread, n0, n1) => ({ type: "grad", thread, n0, n1, batch: n, labels: y }),
    );
    for (let t = 1; t < lay.grads.length; t++) {
      this.#kernels.addInto(lay.grads[0], lay.grads[t], lay.nParams);
    }
    return { loss: r.reduce((a, b) => a + b.loss, 0) / n, gradients: this.#read(lay.grads[0]) };
  }

  getWeights(): Float32Array[] {
    return this.#read(this.#layout.params);
  }

  setWeights(weights: Float32Array[]): void {
    const { F, L, D, C } = this.#layout;
    const [k, bc, w1, b1, w2, b2] = weights;
    const sizes = [5 * F, F, L * D, D, D * C, C];
    weights.forEach((w, i) => {
      if (w.length !== sizes[i]) {
        throw new RangeError(`weight ${i}: ${w.length} values, expected ${sizes[i]}`);
      }
    });
    const f = this.#f32();
    const p = this.#layout.params >> 2;
    const lay = this.#layout;
    f.set(k, p + (lay.wc >> 2)); // Keras conv kernel [5][1][F] is our taps block
    f.set(bc, p + (lay.wc >> 2) + 5 * F);
    const o1 = p + (lay.w1 >> 2);
    for (let i = 0; i < L; i++) for (let d = 0; d < D; d++) f[o1 + d * L + i] = w1[i * D + d];
    f.set(b1, p + (lay.b1 >> 2));
    f.set(w2, p + (lay.w2 >> 2));
    f.set(b2, p + (lay.b2 >> 2));
    f.fill(0, lay.m >> 2, (lay.m >> 2) + lay.nParams);
    f.fill(0, lay.v >> 2, (lay.v >> 2) + lay.nParams);
    this.#step = 0;
  }

  dispose(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers.length = 0;
  }

  /** Weights in Keras order read from a parameter (or gradient) block at `base`. */
  #read(base: number): Float32Array[] {
    const { F, L, D, C } = this.#layout;
    const f = this.#f32();
    const lay = this.#layout;
    const at = (o: number, n: number) => f.slice((base + o) >> 2, ((base + o) >> 2) + n);
    const w1 = new Float32Array(L * D);
    const o1 = (base + lay.w1) >> 2;
    for (let d = 0; d < D; d++) for (let i = 0; i < L; i++) w1[i * D + d] = f[o1 + d * L + i];
    return [
      at(lay.wc, 5 * F),
      at(lay.wc + 20 * F, F),
      w1,
      at(lay.b1, D),
      at(lay.w2, D * C),
      at(lay.b2, C),
    ];
  }

  #initWeights(): void {
    const { F, L, D, C } = this.#layout;
    const glorot = (fanIn: number, fanOut: number, n: number) => {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      return Float32Array.from({ length: n }, () => this.#random.uniform(-limit, limit));
    };
    const k = this.#config.kernel;
    this.setWeights([
      glorot(k, k * F, k * F),
      new Float32Array(F),
      glorot(L, D, L * D),
      new Float32Array(D),
      glorot(D, C, D * C),
      new Float32Array(C),
    ]);
  }

  #adam(lr: number): void {
    const lay = this.#layout;
    const t = ++this.#step;
    const b1 = 0.9, b2 = 0.999, eps = 1e-7;
    const c2 = Math.sqrt(1 - b2 ** t);
    this.#kernels.adam(
      lay.params,
      lay.grads[0],
      lay.m,
      lay.v,
      lay.nParams,
      (lr * c2) / (1 - b1 ** t),
      b1,
      b2,
      eps * c2,
    );
  }

  async #forward(x: Float32Array): Promise<{ probabilities: Float32Array; deep: Float32Array }> {
    const lay = this.#layout;
    const n = x.length / lay.S;
    const probabilities = new Float32Array(n * lay.C);
    const deep = new Float32Array(n * lay.D);
    const f = this.#f32();
    const p = lay.params >> 2;
    const w2 = p + (lay.w2 >> 2), b2 = p + (lay.b2 >> 2);
    for (let start = 0; start < n; start += lay.B) {
      const m = Math.min(lay.B, n - start);
      f.set(x.subarray(start * lay.S, (start + m) * lay.S), lay.x >> 2);
      await this.#parallel(m, (thread, n0, n1) => ({ type: "forward", thread, n0, n1 }));
      for (let r = 0; r < m; r++) {
        const z = (lay.z1 >> 2) + r * lay.D;
        const row = (start + r) * lay.D;
        for (let d = 0; d < lay.D; d++) deep[row + d] = Math.max(0, f[z + d]);
        const out = (start + r) * lay.C;
        let max = -Infinity;
        for (let c = 0; c < lay.C; c++) {
          let s = f[b2 + c];
          for (let d = 0; d < lay.D; d++) s += deep[row + d] * f[w2 + d * lay.C + c];
          probabilities[out + c] = s;
          max = Math.max(max, s);
        }
        let sum = 0;
        for (let c = 0; c < lay.C; c++) {
          sum += probabilities[out + c] = Math.exp(probabilities[out + c] - max);
        }
        for (let c = 0; c < lay.C; c++) probabilities[out + c] /= sum;
      }
    }
    return { probabilities, deep };
  }

  /** Runs `message(thread, n0, n1)` on each thread's share of `n` rows; thread 0 is this one. */
  async #parallel(
    n: number,
    message: (thread: number, n0: number, n1: number) => Record<string, unknown>,
  ): Promise<{ loss: number; correct: number }[]> {
    const threads = Math.min(this.threads, Math.max(1, Math.floor(n / 4)));
    const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((t * n) / threads));
    const pending = this.#workers.slice(0, threads - 1).map((w, i) =>
      _call(w, message(i + 1, bounds[i + 1], bounds[i + 2]))
    );
    const m = message(0, bounds[0], bounds[1]);
    const mine = m.type === "grad"
      ? gradientPart(
        this.#kernels,
        this.#memory,
        this.#layout,
        0,
        bounds[0],
        bounds[1],
        n,
        m.labels as Int32Array,
      )
      : (forwardPart(this.#kernels, this.#layout, 0, bounds[0], bounds[1]),
        { loss: 0, correct: 0 });
    const theirs = await Promise.all(pending);
    return [
      mine,
      ...theirs.map((r) => ({ loss: r.loss as number ?? 0, correct: r.correct as number ?? 0 })),
    ];
  }

  #f32(): Float32Array {
    return new Float32Array(this.#memory.buffer);
  }
}

function _defaultThreads(): number {
  return Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1));
}

function _call(w: Worker, message: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    w.onmessage = (e) => resolve(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`engine worker: ${e.message}`));
    };
    w.postMessage(message);
  });
}

function _layout(config: ExtractorConfig, threads: number): EngineLayout {
  const S = config.inputLength, F = config.filters, P = pooledLength(S, config.stride);
  const L = P * F, D = config.deep, C = config.classes, B = BATCH;
  const pad = (n: number) => Math.ceil(n / 4) * 4;
  let off = 0;
  const take = (floats: number) => {
    const at = off;
    off += pad(floats) * 4;
    return at;
  };
  const wc = take(6 * F), w1 = take(L * D), b1 = take(D), w2 = take(D * C), b2 = take(C);
  const nParams = off / 4;
  off = 1024; // above any static data of the module
  const params = take(nParams), m = take(nParams), v = take(nParams);
  const grads = Array.from({ length: threads }, () => take(nParams));
  const x = take(B * S), mask = take(B * D), z1 = take(B * D), dz = take(B * D);
  const h0 = take(B * L), arg = take(B * L);
  const scratch = Array.from({ length: threads }, () => take(2 * S * F));
  return {
    S,
    F,
    P,
    L,
    D,
    C,
    B,
    nParams,
    wc,
    w1,
    b1,
    w2,
    b2,
    params,
    m,
    v,
    grads,
    x,
    mask,
    z1,
    dz,
    h0,
    arg,
    scratch,
    bytes: off,
  };
}
