/**
 * A bump allocator over a WebAssembly module's memory: the kernels take byte offsets, and this
 * lays out the arrays they read and write. Allocations live as long as the heap; per-call
 * buffers come from {@linkcode WasmHeap.scratch}, which is reused by the next call.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { WasmHeap } from "./heap.ts";
 * const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }));
 * const p = heap.alloc(16);
 * heap.f32(p, 4).set([1, 2, 3, 4]);
 * assertEquals(heap.f32(p, 4), Float32Array.of(1, 2, 3, 4));
 * ```
 */
export class WasmHeap {
  /** The module's memory. */
  readonly memory: WebAssembly.Memory;
  #top: number;

  /** Starts allocating at `base` bytes (after the module's own static data). */
  constructor(memory: WebAssembly.Memory, base = 64) {
    this.memory = memory;
    this.#top = _align(base);
  }

  /** Reserves `bytes` (16-byte aligned) for as long as the heap lives; returns the offset. */
  alloc(bytes: number): number {
    const at = this.#top;
    this.#top = _align(at + bytes);
    this.#ensure(this.#top);
    return at;
  }

  /**
   * Space for `bytes` above everything allocated, valid until the next `alloc` or `scratch`.
   * Offsets of several scratch arrays of one call: split the returned block.
   */
  scratch(bytes: number): number {
    this.#ensure(this.#top + bytes);
    return this.#top;
  }

  /** A Float32Array view of `length` floats at `ptr` (views die when memory grows). */
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  /** A Float64Array view of `length` doubles at `ptr` (views die when memory grows). */
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  #ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / 65536));
  }
}

function _align(n: number): number {
  return (n + 15) & ~15;
}
