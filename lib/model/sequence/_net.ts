/**
 * The sequence model's network on the WebAssembly kernels (`kernels/sequence.ts`): parameters,
 * Adam state and scratch in one shared memory, clips copied in (standardised, features padded
 * to a multiple of 4). A training batch is cut into {@linkcode SHARDS} fixed shards, each with
 * its own gradient block, summed in a fixed order: the result does not depend on how many
 * threads (the main one and workers) ran the shards.
 *
 * @module
 */
import {
  SEQUENCE_MAX_PAGES,
  type SequenceKernels,
  sequenceKernels,
  sequenceModule,
} from "../../kernels/sequence.ts";
import { WasmHeap } from "../../kernels/heap.ts";
import { Random } from "../../util/random.ts";
import { callWorker } from "../../util/worker.ts";
import { runShard, type ShardTask } from "./_shard.ts";

/** How a worker's errors are named. */
const _WORKER = "sequence model worker";

/** Shards per training batch (and most threads that help). */
export const SHARDS = 4;

/** The shape of a sequence network. */
export interface SequenceShape {
  /** Descriptors per frame. */
  features: number;
  /** Classes. */
  classes: number;
  /** Channels of both convolutions (a multiple of 16). */
  hidden: number;
  /** Width of the attention's hidden layer (a multiple of 16). */
  attention: number;
}

/** Names and sizes of the parameter blocks, in the kernel's order (`paddedFeatures` F). */
export function parameterBlocks(
  shape: SequenceShape,
): { name: string; rows: number; cols: number }[] {
  const F = _pad4(shape.features), H = shape.hidden, A = shape.attention;
  const Cp = _pad4(shape.classes);
  return [
    { name: "conv1.w", rows: 5 * F, cols: H },
    { name: "conv1.b", rows: 1, cols: H },
    { name: "conv2.w", rows: 3 * H, cols: H },
    { name: "conv2.b", rows: 1, cols: H },
    { name: "attention.w", rows: H, cols: A },
    { name: "attention.b", rows: 1, cols: A },
    { name: "attention.v", rows: 1, cols: A },
    { name: "output.w", rows: H, cols: Cp },
    { name: "output.b", rows: 1, cols: Cp },
  ];
}

/** One network instance: its kernels, parameters, gradients and Adam moments. */
export class SequenceNet {
  readonly shape: SequenceShape;
  readonly size: number;
  readonly #k: SequenceKernels;
  readonly #heap: WasmHeap;
  readonly #F: number;
  readonly #w: number;
  readonly #g: number[];
  readonly #m: number;
  readonly #v: number;
  readonly #wt: number;
  readonly #mask: number;
  #wtCurrent = false;
  #step = 0;
  #x = 0;
  #s: number[] = [];
  #T = -1;
  #batch = 0;
  #batchFloats = 0;
  #workers: Worker[] = [];
  #dims: number[];

  constructor(shape: SequenceShape) {
    if (shape.hidden % 16 || shape.attention % 16 || shape.hidden <= 0 || shape.attention <= 0) {
      throw new RangeError("sequence model: hidden and attention must be positive multiples of 16");
    }
    if (shape.features < 1 || shape.classes < 2) {
      throw new RangeError("sequence model: needs at least 1 feature and 2 classes");
    }
    this.shape = shape;
    const memory = new WebAssembly.Memory({
      initial: 2,
      maximum: SEQUENCE_MAX_PAGES,
      shared: true,
    });
    const kernels = sequenceKernels(memory);
    const heap = new WasmHeap(memory, 65536);
    this.#k = kernels;
    this.#heap = heap;
    this.#F = _pad4(shape.features);
    this.#dims = [this.#F, shape.hidden, shape.attention, shape.classes];
    kernels.configure(this.#F, shape.hidden, shape.attention, shape.classes);
    this.size = kernels.paramFloats();
    this.#w = heap.alloc(this.size * 4);
    this.#g = Array.from({ length: SHARDS }, () => heap.alloc(this.size * 4));
    this.#m = heap.alloc(this.size * 4);
    this.#v = heap.alloc(this.size * 4);
    this.#wt = heap.alloc(3 * shape.hidden * shape.hidden * 4);
    this.#mask = heap.alloc(shape.hidden * 4);
  }

  /** A copy of the parameters (kernel layout). */
  get parameters(): Float32Array {
    return this.#heap.f32(this.#w, this.size).slice();
  }

  /** Replaces the parameters (kernel layout). */
  set parameters(p: Float32Array) {
    if (p.length !== this.size) throw new RangeError("sequence model: wrong parameter count");
    this.#heap.f32(this.#w, this.size).set(p);
    this.#wtCurrent = false;
  }

  /** A copy of the gradient accumulated since the last step. */
  get gradient(): Float32Array {
    return this.#heap.f32(this.#g[0], this.size).slice();
  }

  /** Starts `threads - 1` workers (at most {@linkcode SHARDS} - 1) to share training batches. */
  async startThreads(threads: number): Promise<void> {
    const module = sequenceModule();
    while (this.#workers.length < Math.min(threads, SHARDS) - 1) {
      const w = new Worker(new URL("./_worker.ts", import.meta.url).href, { type: "module" });
      this.#workers.push(w);
      const init = { type: "init", module, memory: this.#heap.memory, dims: this.#dims };
      await callWorker(w, init, _WORKER);
    }
  }

  /** Stops the workers. */
  dispose(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
  }

  /**
   * Forward and backward of a batch of standardised clips on every thread: adds the gradient
   * of the batch's mean loss; returns the sum of the clips' losses. With `dropout` > 0 each
   * clip's pooled vector loses that fraction of its units (drawn from `random`).
   */
  async trainBatch(
    clips: Float32Array[],
    labels: ArrayLike<number>,
    dropout = 0,
    random?: Random,
  ): Promise<number> {
    const F = this.#F, f = this.shape.features;
    let floats = 0, T = 0;
    for (const x of clips) {
      const n = this.#frames(x);
      floats += n * F;
      T = Math.max(T, n);
    }
    const H = this.shape.hidden;
    this.#reserve(T, floats + (dropout > 0 ? clips.length * H : 0));
    this.#current();
    const at = new Float32Array(this.#heap.memory.buffer);
    let masks = this.#batch + floats * 4;
    if (dropout > 0) {
      if (!random) throw new Error("sequence model: dropout needs a random generator");
      const keep = 1 / (1 - dropout);
      for (let i = 0; i < clips.length * H; i++) {
        at[(masks >> 2) + i] = random.next() < dropout ? 0 : keep;
      }
    }
    const tasks: ShardTask[] = [];
    let offset = this.#batch;
    for (let s = 0; s < SHARDS; s++) {
      const task: ShardTask = {
        w: this.#w,
        wt: this.#wt,
        g: this.#g[s],
        s: this.#s[s],
        clips: [],
        scale: 1 / clips.length,
      };
      const i0 = Math.floor((s * clips.length) / SHARDS);
      const i1 = Math.floor(((s + 1) * clips.length) / SHARDS);
      for (let i = i0; i < i1; i++) {
        const x = clips[i], n = x.length / f;
        _copyPadded(x, f, at, offset >> 2, F);
        task.clips.push(offset, n, labels[i], dropout > 0 ? masks : 0);
        masks += H * 4;
        offset += n * F * 4;
      }
      tasks.push(task);
    }
    const threads = this.#workers.length + 1;
    const pending = this.#workers.map(async (w, i) => {
      let loss = 0;
      for (let s = i + 1; s < SHARDS; s += threads) {
        loss += (await callWorker(w, { task: tasks[s] }, _WORKER)).loss as number;
      }
      return loss;
    });
    let loss = 0;
    for (let s = 0; s < SHARDS; s += threads) loss += runShard(this.#k, tasks[s]);
    const theirs = await Promise.all(pending);
    for (const l of theirs) loss += l;
    for (let s = 1; s < SHARDS; s++) this.#k.addInto(this.#g[0], this.#g[s], this.size);
    return loss;
  }

  /** Seeded initialisation: He-uniform convolutions, Glorot-uniform attention and output. */
  initialise(seed: number): void {
    const random = new Random(seed);
    const p = this.#heap.f32(this.#w, this.size);
    p.fill(0);
    let at = 0;
    const { features, hidden, classes } = this.shape;
    for (const b of parameterBlocks(this.shape)) {
      const n = b.rows * b.cols;
      let limit = 0;
      if (b.name === "conv1.w") limit = Math.sqrt(6 / (5 * features));
      else if (b.name === "conv2.w") limit = Math.sqrt(6 / (3 * hidden));
      else if (b.name === "attention.w") limit = Math.sqrt(6 / (hidden + b.cols));
      else if (b.name === "attention.v") limit = Math.sqrt(6 / (b.cols + 1));
      else if (b.name === "output.w") limit = Math.sqrt(6 / (hidden + classes));
      for (let r = 0; r < b.rows; r++) {
        for (let c = 0; c < b.cols; c++) {
          const real = (b.name !== "conv1.w" || r % this.#F < features) &&
            (!b.name.startsWith("output") || c < classes);
          const value = limit > 0 ? random.uniform(-limit, limit) : 0;
          if (real) p[at + r * b.cols + c] = value;
        }
      }
      at += n;
    }
    this.#heap.f32(this.#m, this.size).fill(0);
    this.#heap.f32(this.#v, this.size).fill(0);
    for (const g of this.#g) this.#heap.f32(g, this.size).fill(0);
    this.#step = 0;
    this.#wtCurrent = false;
  }

  /**
   * Class probabilities of one standardised clip (T × features, frame-major); `mask` (hidden
   * values, 0 or 1/(1 - rate)) applies a dropout mask to the pooled vector.
   */
  probabilities(x: Float32Array, mask?: Float32Array): Float32Array {
    const T = this.#load(x);
    const prob = this.#k.forward(this.#w, this.#x, T, this.#s[0], this.#loadMask(mask));
    return this.#heap.f32(prob, this.shape.classes).slice();
  }

  /**
   * Forward and backward of one clip (with an optional dropout `mask`, as in
   * {@linkcode SequenceNet.probabilities}): adds scale × ∂loss/∂w to the gradient; returns the
   * loss.
   */
  accumulate(x: Float32Array, label: number, scale: number, mask?: Float32Array): number {
    const T = this.#load(x);
    const m = this.#loadMask(mask);
    this.#current();
    this.#k.forward(this.#w, this.#x, T, this.#s[0], m);
    return this.#k.backward(this.#w, this.#wt, this.#g[0], this.#x, T, this.#s[0], m, label, scale);
  }

  /** One Adam step on the accumulated gradient (which it then clears). */
  step(learningRate: number, b1 = 0.9, b2 = 0.999, eps = 1e-7): void {
    this.#step++;
    this.#wtCurrent = false;
    const c2 = Math.sqrt(1 - b2 ** this.#step);
    this.#k.adam(
      this.#w,
      this.#g[0],
      this.#m,
      this.#v,
      this.size,
      learningRate * c2 / (1 - b1 ** this.#step),
      b1,
      b2,
      eps * c2,
    );
  }

  /** Clears the accumulated gradient. */
  clearGradient(): void {
    this.#heap.f32(this.#g[0], this.size).fill(0);
  }

  #load(x: Float32Array): number {
    const T = this.#frames(x);
    this.#reserve(T, 0);
    _copyPadded(
      x,
      this.shape.features,
      new Float32Array(this.#heap.memory.buffer),
      this.#x >> 2,
      this.#F,
    );
    return T;
  }

  #loadMask(mask?: Float32Array): number {
    if (!mask) return 0;
    if (mask.length !== this.shape.hidden) throw new RangeError("sequence model: mask length");
    this.#heap.f32(this.#mask, mask.length).set(mask);
    return this.#mask;
  }

  #frames(x: Float32Array): number {
    const f = this.shape.features;
    const T = x.length / f;
    if (!Number.isInteger(T) || T < 1) {
      throw new RangeError(`sequence model: a clip of ${x.length} values is not T × ${f} frames`);
    }
    return T;
  }

  /** Room for clips of up to T frames and a batch of `floats` padded values. */
  #reserve(T: number, floats: number): void {
    if (T > this.#T) {
      this.#x = this.#heap.alloc(T * this.#F * 4);
      this.#s = this.#g.map(() => this.#heap.alloc(this.#k.scratchFloats(T) * 4));
      this.#T = T;
    }
    if (floats > this.#batchFloats) {
      this.#batch = this.#heap.alloc(floats * 4);
      this.#batchFloats = floats;
    }
  }

  /** Brings the flipped, transposed taps up to date with the parameters. */
  #current(): void {
    if (!this.#wtCurrent) this.#k.transposeTaps(this.#w, this.#wt);
    this.#wtCurrent = true;
  }
}

/** Writes a T × f clip at float index `at` of `to` as T × F (zero-padded features). */
function _copyPadded(x: Float32Array, f: number, to: Float32Array, at: number, F: number): void {
  if (F === f) {
    to.set(x, at);
    return;
  }
  const T = x.length / f;
  for (let t = 0; t < T; t++) {
    to.set(x.subarray(t * f, t * f + f), at + t * F);
    to.fill(0, at + t * F + f, at + t * F + F);
  }
}

function _pad4(n: number): number {
  return (n + 3) & ~3;
}
