/**
 * The compiled signal-processing kernels (`kernels/dsp.ts`), instantiated once per thread.
 *
 * @module
 */
import { decodeBase64 } from "../util/base64.ts";
import { WASM_BASE64 } from "./_dsp_wasm.ts";
import { WasmHeap } from "./heap.ts";

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
  if (_dsp) return _dsp;
  const module = new WebAssembly.Module(decodeBase64(WASM_BASE64));
  const instance = new WebAssembly.Instance(module, { env: { abort: _abort } });
  const exports = instance.exports as unknown as DspKernels & { memory: WebAssembly.Memory };
  _dsp = { kernels: exports, heap: new WasmHeap(exports.memory) };
  return _dsp;
}

function _abort(): never {
  throw new Error("WebAssembly kernel aborted");
}
