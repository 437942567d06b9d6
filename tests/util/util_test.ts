import { parseArgs } from "../../lib/util/args.ts";
import { writeFileAtomic } from "../../lib/util/atomic.ts";
import { decodeBase64, encodeBase64 } from "../../lib/util/base64.ts";
import { mapLimit } from "../../lib/util/concurrency.ts";
import { crc32 } from "../../lib/util/crc32.ts";
import { sha256Hex } from "../../lib/util/hash.ts";
import { Random, seedOf } from "../../lib/util/random.ts";
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";

Deno.test("parseArgs: values, booleans, lists, positionals; unknown or valueless flags are errors", () => {
  const spec = { strings: ["data"], booleans: ["quick"], lists: ["experiments"] };
  const a = parseArgs([
    "--data=d",
    "x.wav",
    "--quick",
    "--experiments",
    "a,b",
    "c",
    "--data",
    "e",
    "-",
  ], spec);
  assertEquals(a.data, "e");
  assertEquals(a.quick, true);
  assertEquals(a.experiments, ["a", "b", "c"]);
  assertEquals(a._, ["x.wav", "-"]);
  assertThrows(() => parseArgs(["--dta", "d"], spec), Error, "unknown option --dta");
  assertThrows(() => parseArgs(["--data"], spec), Error, "--data needs a value");
});

Deno.test("writeFileAtomic creates the folder, replaces the file whole and leaves no temporary", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/a/b/result.json`;
    await writeFileAtomic(path, "first");
    await writeFileAtomic(path, new TextEncoder().encode("second"));
    assertEquals(await Deno.readTextFile(path), "second");
    const names = [...Deno.readDirSync(`${dir}/a/b`)].map((e) => e.name);
    assertEquals(names, ["result.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("base64 round-trips bytes of every value, across the chunk boundary", () => {
  const bytes = Uint8Array.from({ length: 0x8000 + 7 }, (_, i) => (i * 31) & 255);
  assertEquals(decodeBase64(encodeBase64(bytes)), bytes);
  assertEquals(encodeBase64(new TextEncoder().encode("Man")), "TWFu");
});

Deno.test("mapLimit keeps item order and never runs more than the limit at once", async () => {
  let running = 0, most = 0;
  const out = await mapLimit([5, 1, 4, 2, 3], 2, async (x) => {
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, x * 3));
    running--;
    return x * 10;
  });
  assertEquals(out, [50, 10, 40, 20, 30]);
  assertEquals(most, 2);
});

Deno.test("sha256Hex matches the standard test vector", async () => {
  assertEquals(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("Random: one seed, one sequence; draws have the stated ranges and moments", () => {
  const a = new Random(7), b = new Random(7), c = new Random(8);
  const sa = Array.from({ length: 5 }, () => a.next());
  assertEquals(sa, Array.from({ length: 5 }, () => b.next()));
  assert(sa.join() !== Array.from({ length: 5 }, () => c.next()).join(), "seeds differ");
  const r = new Random(1);
  let sum = 0, sq = 0;
  const n = 20000;
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    sum += z;
    sq += z * z;
  }
  assertAlmostEquals(sum / n, 0, 0.05);
  assertAlmostEquals(sq / n, 1, 0.05);
  for (let i = 0; i < 1000; i++) {
    const k = r.int(3);
    assert(k >= 0 && k < 3 && Number.isInteger(k));
  }
  const shuffled = [...r.shuffle([1, 2, 3, 4, 5, 6])].sort();
  assertEquals(shuffled, [1, 2, 3, 4, 5, 6]);
  assertEquals(seedOf(42, "fold", 3), seedOf(42, "fold", 3));
  assert(seedOf(42, "fold", 3) !== seedOf(42, "fold", 4));
});

Deno.test("crc32 is zlib's, and one flipped bit changes it", () => {
  const bytes = new TextEncoder().encode("123456789");
  assertEquals(crc32(bytes), 0xcbf43926);
  assertEquals(crc32(new Uint8Array(0)), 0);
  bytes[4] ^= 0x10;
  assert(crc32(bytes) !== 0xcbf43926);
});
