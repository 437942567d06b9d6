import type { Random } from "../util/random.ts";

/**
 * Adds white Gaussian noise as the authors did: amplitude `level * U(0, 1) * max(y)`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { addNoise } from "./noise.ts";
 * import { Random } from "../util/random.ts";
 * const y = addNoise(new Float32Array(100).fill(0.5), new Random(1));
 * assertEquals(y.length, 100);
 * ```
 */
export function addNoise(y: Float32Array, random: Random, level = 0.035): Float32Array {
  let peak = -Infinity;
  for (const v of y) if (v > peak) peak = v;
  const amp = level * random.next() * peak;
  return y.map((v) => v + amp * random.normal());
}
