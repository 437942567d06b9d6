/**
 * The compiled extractor kernels (`kernels/fusionnet.ts`), instantiated over a shared memory so
 * that several threads (workers) run them on the same arrays.
 *
 * @module
 */
import { WASM_BASE64 } from "./_fusionnet_wasm.ts";
import { compileKernels, instantiateKernels } from "./_instance.ts";
import type { OptimiserKernels } from "./_optimiser.ts";

/** The functions `kernels/fusionnet.ts` exports; pointers are byte offsets into the memory. */
export interface FusionnetKernels extends OptimiserKernels {
  convPool(
    x: number,
    S: number,
    F: number,
    wc: number,
    n0: number,
    n1: number,
    h0: number,
    arg: number,
    conv: number,
  ): void;
  denseForward(
    a: number,
    L: number,
    w: number,
    b: number,
    D: number,
    n0: number,
    n1: number,
    z: number,
  ): void;
  denseGradW(a: number, L: number, dz: number, D: number, n0: number, n1: number, gw: number): void;
  denseGradInputRelu(
    h: number,
    L: number,
    w: number,
    dz: number,
    D: number,
    n0: number,
    n1: number,
  ): void;
  convGrad(
    x: number,
    S: number,
    F: number,
    n0: number,
    n1: number,
    dh0: number,
    arg: number,
    g: number,
    gwc: number,
  ): void;
}

let _module: WebAssembly.Module | undefined;

/**
 * The compiled module (compiled once per thread; workers receive it in a message instead).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { fusionnetModule } from "./fusionnet.ts";
 * assert(WebAssembly.Module.exports(fusionnetModule()).length > 0);
 * ```
 */
export function fusionnetModule(): WebAssembly.Module {
  return _module ??= compileKernels(WASM_BASE64);
}

/**
 * Instantiates the kernels over `memory` (shared, created by the caller).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fusionnetKernels } from "./fusionnet.ts";
 * const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
 * const k = fusionnetKernels(memory);
 * assertEquals(typeof k.denseForward, "function");
 * ```
 */
export function fusionnetKernels(
  memory: WebAssembly.Memory,
  module: WebAssembly.Module = fusionnetModule(),
): FusionnetKernels {
  return instantiateKernels<FusionnetKernels>(module, memory);
}
