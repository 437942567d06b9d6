/**
 * Compiling and instantiating the kernel modules (`kernels/*.ts`, embedded as base64 by
 * `deno task build-kernels`): the one import every kernel takes (AssemblyScript's `abort`,
 * reached only by a failed assertion), and the heap over a module's own memory.
 *
 * @module
 */
import { decodeBase64 } from "../util/base64.ts";
import { WasmHeap } from "./heap.ts";

/** Compiles a kernel module from its base64 text (`_NAME_wasm.ts`). */
export function compileKernels(base64: string): WebAssembly.Module {
  return new WebAssembly.Module(decodeBase64(base64));
}

/** The exports of a new instance of `module`, over `memory` where the module imports one. */
export function instantiateKernels<T>(module: WebAssembly.Module, memory?: WebAssembly.Memory): T {
  const env: WebAssembly.ModuleImports = { abort: _abort };
  if (memory) env.memory = memory;
  return new WebAssembly.Instance(module, { env }).exports as unknown as T;
}

/** A new instance of a module that owns its memory, and a heap laid out over that memory. */
export function kernelsWithHeap<T>(module: WebAssembly.Module): { kernels: T; heap: WasmHeap } {
  const exports = instantiateKernels<T & { memory: WebAssembly.Memory }>(module);
  return { kernels: exports, heap: new WasmHeap(exports.memory) };
}

function _abort(): never {
  throw new Error("WebAssembly kernel aborted");
}
