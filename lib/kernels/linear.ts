/**
 * The compiled products of logistic regression's loss (`kernels/linear.ts`): class scores and the
 * weight gradient, float64 over float32 features, with weights laid out feature-major.
 *
 * @module
 */
import { WASM_BASE64 } from "./_linear_wasm.ts";
import type { WasmHeap } from "./heap.ts";
import { compileKernels, kernelsWithHeap } from "./_instance.ts";

/** The functions `kernels/linear.ts` exports; pointers are byte offsets into `heap`. */
export interface LinearKernels {
  /** z[i][c] = bias[c] + Σ_j wt[j][c]·x[i][j] (j ascending); cp a multiple of 8. */
  scores(x: number, rows: number, d: number, wt: number, bias: number, cp: number, z: number): void;
  /** gt[j][c] += r[i][c]·x[i][j] for rows i ascending; cp a multiple of 8. */
  gradient(x: number, rows: number, d: number, r: number, cp: number, gt: number): void;
}

let _module: WebAssembly.Module | undefined;

/**
 * A fresh instance of the kernels with a heap of its own, freed with it: one per fit, so that a
 * large training matrix is copied in once and its memory released when the fit is done.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { linearKernels } from "./linear.ts";
 * const { kernels, heap } = linearKernels();
 * const x = heap.alloc(4), wt = heap.alloc(64), bias = heap.alloc(64), z = heap.alloc(64);
 * heap.f32(x, 1)[0] = 2;
 * heap.f64(wt, 8)[1] = 3;
 * kernels.scores(x, 1, 1, wt, bias, 8, z);
 * assertEquals(heap.f64(z, 8)[1], 6); // x · w for class 1: 2 × 3
 * ```
 */
export function linearKernels(): { kernels: LinearKernels; heap: WasmHeap } {
  return kernelsWithHeap<LinearKernels>(_module ??= compileKernels(WASM_BASE64));
}
