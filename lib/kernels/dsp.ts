/**
 * The compiled signal-processing kernels (`kernels/dsp.ts`), instantiated once per thread.
 *
 * @module
 */
import { WASM_BASE64 } from "./_dsp_wasm.ts";
import type { WasmHeap } from "./heap.ts";
import { compileKernels, kernelsWithHeap } from "./_instance.ts";

/** The functions `kernels/dsp.ts` exports; pointers are byte offsets into `heap`. */
export interface DspKernels {
  resample(
    x: number,
    nIn: number,
    y: number,
    nOut: number,
    bank: number,
    taps: number,
    left: number,
    l: number,
    m: number,
  ): void;
}

let _dsp: { kernels: DspKernels; heap: WasmHeap } | undefined;

/**
 * The kernels and the heap their arrays live in (compiled synchronously on first use: the
 * module is a few hundred bytes, within what browsers allow on the main thread).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { dsp } from "./dsp.ts";
 * const { heap } = dsp();
 * assert(heap.memory instanceof WebAssembly.Memory);
 * ```
 */
export function dsp(): { kernels: DspKernels; heap: WasmHeap } {
  return _dsp ??= kernelsWithHeap<DspKernels>(compileKernels(WASM_BASE64));
}
