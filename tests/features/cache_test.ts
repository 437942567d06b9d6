import { assertEquals } from "../_assert.ts";
import { FeatureCache } from "../../lib/features/cache.ts";

Deno.test("a file at the cache's name with no sound record is moved aside whole, never rewritten", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/k.v2.bin`;
  // two records' worth of bytes that are no cache records (a user's file by the same name)
  const mine = new Uint8Array(2 * (32 + 4 * 170 + 4)).map((_, i) => i % 251);
  await Deno.writeFile(path, mine);
  const cache = await FeatureCache.open(dir, "k", 162, 8);
  assertEquals([cache.size, cache.damaged], [0, 2]);
  const aside = cache.setAside!;
  assertEquals(aside.startsWith(`${path}.unreadable-`), true);
  assertEquals(await Deno.readFile(aside), mine);
  await cache.put("a".repeat(64), {
    acoustic: new Float32Array(162),
    statistical: new Float32Array(8),
  });
  cache.close();
  const again = await FeatureCache.open(dir, "k", 162, 8);
  assertEquals([again.size, again.damaged, again.setAside], [1, 0, null]);
  again.close();
  assertEquals(await Deno.readFile(aside), mine);
  await Deno.remove(dir, { recursive: true });
});
