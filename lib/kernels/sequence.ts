/**
 * The compiled sequence-model kernels (`kernels/sequence.ts`): forward and backward passes of
 * the frame-level Conv1D + attention-pooling model, one clip at a time, and Adam. Each call of
 * {@linkcode sequenceKernels} makes a fresh instance with its own memory.
 *
 * @module
 */
import { decodeBase64 } from "../util/base64.ts";
import { WASM_BASE64 } from "./_sequence_wasm.ts";
import { WasmHeap } from "./heap.ts";

/** The functions `kernels/sequence.ts` exports; pointers are byte offsets into the memory. */
export interface SequenceKernels {
  configure(f: number, h: number, a: number, c: number): void;
  paramFloats(): number;
  scratchFloats(T: number): number;
  forward(w: number, x: number, T: number, s: number): number;
  transposeTaps(w: number, wt: number): void;
  backward(
    w: number,
    wt: number,
    g: number,
    x: number,
    T: number,
    s: number,
    label: number,
    scale: number,
  ): number;
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    lrT: number,
    b1: number,
    b2: number,
    epsT: number,
  ): void;
}

let _module: WebAssembly.Module | undefined;

/**
 * A fresh instance of the kernels and a heap over its memory.
 *
 * @example
 * ```ts
 * import { sequenceKernels } from "./sequence.ts";
 * const { kernels } = sequenceKernels();
 * kernels.configure(8, 16, 16, 3);
 * console.log(kernels.paramFloats() > 0); // true
 * ```
 */
export function sequenceKernels(): { kernels: SequenceKernels; heap: WasmHeap } {
  _module ??= new WebAssembly.Module(decodeBase64(WASM_BASE64));
  const instance = new WebAssembly.Instance(_module, {
    env: {
      abort: () => {
        throw new Error("WebAssembly kernel aborted");
      },
    },
  });
  const exports = instance.exports as unknown as SequenceKernels & { memory: WebAssembly.Memory };
  return { kernels: exports, heap: new WasmHeap(exports.memory, 65536) };
}
