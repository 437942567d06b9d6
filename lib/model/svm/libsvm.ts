/**
 * Loads libsvm (npm `libsvm-js`, libsvm compiled to asm.js) in Deno. Its loader takes the
 * browser path whenever `self` exists, which Deno defines; `self` is hidden while the module
 * loads so that it takes the Node path, then restored.
 *
 * @module
 */

/** The subset of libsvm-js's `SVM` class serlab uses. */
export interface LibSvm {
  train(samples: number[][], labels: number[]): void;
  predict(samples: number[][]): number[];
  predictProbability(
    samples: number[][],
  ): { prediction: number; estimates: { label: number; probability: number }[] }[];
  serializeModel(): string;
  free(): void;
}

/** The `SVM` constructor of libsvm-js with its constant tables. */
export interface LibSvmModule {
  new (options: Record<string, unknown>): LibSvm;
  load(serialized: string): LibSvm;
  KERNEL_TYPES: Record<"LINEAR" | "RBF", number>;
  SVM_TYPES: Record<"C_SVC", number>;
}

let _module: LibSvmModule | null = null;

/**
 * libsvm-js's `SVM` class, loaded once.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { libsvm } from "./libsvm.ts";
 * assertEquals(typeof (await libsvm()).load, "function");
 * ```
 */
export async function libsvm(): Promise<LibSvmModule> {
  if (_module) return _module;
  const g = globalThis as Record<string, unknown>;
  const saved = Object.getOwnPropertyDescriptor(g, "self");
  delete g.self;
  try {
    _module = (await import("libsvm-js/asm.js")).default as unknown as LibSvmModule;
  } finally {
    if (saved) Object.defineProperty(g, "self", saved);
  }
  return _module;
}
