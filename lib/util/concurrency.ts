/**
 * `fn` over `items` with at most `limit` calls in flight; results in item order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { mapLimit } from "./concurrency.ts";
 * assertEquals(await mapLimit([1, 2, 3], 2, async (x) => x * 2), [2, 4, 6]);
 * ```
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
