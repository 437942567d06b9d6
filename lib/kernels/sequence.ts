/**
 * The compiled sequence-model kernels (`kernels/sequence.ts`): forward and backward passes of
 * the frame-level Conv1D + attention-pooling model, one clip at a time, and Adam, instantiated
 * over a shared memory so that several threads (workers) run them on the same arrays.
 *
 * @module
 */
import { WASM_BASE64 } from "./_sequence_wasm.ts";
import { compileKernels, instantiateKernels } from "./_instance.ts";
import type { OptimiserKernels } from "./_optimiser.ts";

/** The functions `kernels/sequence.ts` exports; pointers are byte offsets into the memory. */
export interface SequenceKernels extends OptimiserKernels {
  configure(f: number, h: number, a: number, c: number): void;
  paramFloats(): number;
  scratchFloats(T: number): number;
  forward(w: number, x: number, T: number, s: number, mask: number): number;
  transposeTaps(w: number, wt: number): void;
  backward(
    w: number,
    wt: number,
    g: number,
    x: number,
    T: number,
    s: number,
    mask: number,
    label: number,
    scale: number,
  ): number;
}

/** Most pages (64 KiB) the kernels' memory may grow to (the module declares this maximum). */
export const SEQUENCE_MAX_PAGES = 16384;

let _module: WebAssembly.Module | undefined;

/**
 * The compiled module (compiled once per thread; workers receive it in a message instead).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { sequenceModule } from "./sequence.ts";
 * assert(WebAssembly.Module.exports(sequenceModule()).length > 0);
 * ```
 */
export function sequenceModule(): WebAssembly.Module {
  return _module ??= compileKernels(WASM_BASE64);
}

/**
 * Instantiates the kernels over `memory` (shared, created by the caller).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { SEQUENCE_MAX_PAGES, sequenceKernels } from "./sequence.ts";
 * const memory = new WebAssembly.Memory({ initial: 2, maximum: SEQUENCE_MAX_PAGES, shared: true });
 * const k = sequenceKernels(memory);
 * k.configure(8, 16, 16, 3);
 * assert(k.paramFloats() > 0);
 * ```
 */
export function sequenceKernels(
  memory: WebAssembly.Memory,
  module: WebAssembly.Module = sequenceModule(),
): SequenceKernels {
  return instantiateKernels<SequenceKernels>(module, memory);
}
