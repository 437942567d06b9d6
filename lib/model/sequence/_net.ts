/**
 * The sequence model's network on the WebAssembly kernels (`kernels/sequence.ts`): parameters,
 * Adam state and scratch in one instance's memory, clips copied in (standardised, features
 * padded to a multiple of 4) one at a time.
 *
 * @module
 */
import { type SequenceKernels, sequenceKernels } from "../../kernels/sequence.ts";
import type { WasmHeap } from "../../kernels/heap.ts";
import { Random } from "../../util/random.ts";

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
  readonly #g: number;
  readonly #m: number;
  readonly #v: number;
  readonly #wt: number;
  #wtCurrent = false;
  #step = 0;
  #x = 0;
  #s = 0;
  #T = -1;

  constructor(shape: SequenceShape) {
    if (shape.hidden % 16 || shape.attention % 16 || shape.hidden <= 0 || shape.attention <= 0) {
      throw new RangeError("sequence model: hidden and attention must be positive multiples of 16");
    }
    if (shape.features < 1 || shape.classes < 2) {
      throw new RangeError("sequence model: needs at least 1 feature and 2 classes");
    }
    this.shape = shape;
    const { kernels, heap } = sequenceKernels();
    this.#k = kernels;
    this.#heap = heap;
    this.#F = _pad4(shape.features);
    kernels.configure(this.#F, shape.hidden, shape.attention, shape.classes);
    this.size = kernels.paramFloats();
    this.#w = heap.alloc(this.size * 4);
    this.#g = heap.alloc(this.size * 4);
    this.#m = heap.alloc(this.size * 4);
    this.#v = heap.alloc(this.size * 4);
    this.#wt = heap.alloc(3 * shape.hidden * shape.hidden * 4);
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
    return this.#heap.f32(this.#g, this.size).slice();
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
    this.#heap.f32(this.#g, this.size).fill(0);
    this.#step = 0;
    this.#wtCurrent = false;
  }

  /** Class probabilities of one standardised clip (T × features, frame-major). */
  probabilities(x: Float32Array): Float32Array {
    const T = this.#load(x);
    const prob = this.#k.forward(this.#w, this.#x, T, this.#s);
    return this.#heap.f32(prob, this.shape.classes).slice();
  }

  /** Forward and backward of one clip: adds scale × ∂loss/∂w to the gradient; returns the loss. */
  accumulate(x: Float32Array, label: number, scale: number): number {
    const T = this.#load(x);
    if (!this.#wtCurrent) this.#k.transposeTaps(this.#w, this.#wt);
    this.#wtCurrent = true;
    this.#k.forward(this.#w, this.#x, T, this.#s);
    return this.#k.backward(this.#w, this.#wt, this.#g, this.#x, T, this.#s, label, scale);
  }

  /** One Adam step on the accumulated gradient (which it then clears). */
  step(learningRate: number, b1 = 0.9, b2 = 0.999, eps = 1e-7): void {
    this.#step++;
    this.#wtCurrent = false;
    const c2 = Math.sqrt(1 - b2 ** this.#step);
    this.#k.adam(
      this.#w,
      this.#g,
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
    this.#heap.f32(this.#g, this.size).fill(0);
  }

  #load(x: Float32Array): number {
    const f = this.shape.features, F = this.#F;
    const T = x.length / f;
    if (!Number.isInteger(T) || T < 1) {
      throw new RangeError(`sequence model: a clip of ${x.length} values is not T × ${f} frames`);
    }
    if (T > this.#T) {
      this.#x = this.#heap.alloc(T * F * 4);
      this.#s = this.#heap.alloc(this.#k.scratchFloats(T) * 4);
      this.#T = T;
    }
    const dst = this.#heap.f32(this.#x, T * F);
    if (F === f) dst.set(x);
    else {
      for (let t = 0; t < T; t++) {
        dst.set(x.subarray(t * f, t * f + f), t * F);
        dst.fill(0, t * F + f, t * F + F);
      }
    }
    return T;
  }
}

function _pad4(n: number): number {
  return (n + 3) & ~3;
}
