import type { Random } from "../util/random.ts";

/**
 * Rotates the clip by a random number of samples in (-maxShift, maxShift), as `np.roll`
 * (the authors: `int(U(-5, 5) * 1000)`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { shift } from "./shift.ts";
 * import { Random } from "../util/random.ts";
 * assertEquals(shift(Float32Array.of(1, 2, 3), new Random(1), 2).length, 3);
 * ```
 */
export function shift(y: Float32Array, random: Random, maxShift = 5000): Float32Array {
  const n = y.length;
  const k = Math.trunc(random.uniform(-maxShift, maxShift));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[(((i + k) % n) + n) % n] = y[i];
  return out;
}
