import { assert, assertEquals, assertRejects } from "../_assert.ts";
import { encodeWav, FUSIONNET_LOAD, loadClip } from "../../lib/audio/mod.ts";
import {
  cacheKey,
  featurize,
  featurizeSet,
  setSettingsKey,
  standardiseBySpeaker,
} from "../../lib/dataset/mod.ts";
import { CUTS, extractFeatures, extractSet, FUSIONNET_FEATURES } from "../../lib/features/mod.ts";
import { FeatureCache } from "../../lib/features/cache.ts";
import { sha256Hex } from "../../lib/util/hash.ts";
import { REFERENCE_AUDIO } from "../_shared.ts";

const options = (cacheDir: string | null, workers = 2) => ({
  load: FUSIONNET_LOAD,
  features: FUSIONNET_FEATURES,
  cacheDir,
  workers,
  quiet: true,
});

async function jobsIn(dir: string) {
  const names = [
    "female_happy.f32.22050.wav",
    "male_angry.s16.48000.wav",
    "male_sad.s24.44100.stereo.wav",
    "chirp.f32.22050.wav",
  ];
  const jobs = [];
  for (const n of names) {
    const file = `${REFERENCE_AUDIO}/${n}`;
    jobs.push({ file, sha256: await sha256Hex(await Deno.readFile(file)), augmentation: null });
  }
  await Deno.writeFile(`${dir}/broken.wav`, new TextEncoder().encode("RIFF....WAVEnot really"));
  jobs.push({ file: `${dir}/broken.wav`, sha256: "f".repeat(64), augmentation: null });
  jobs.push({ ...jobs[0], augmentation: { kind: "noise" as const, seed: 3 } });
  return jobs;
}

Deno.test("featurize: workers give the numbers of a direct call, bad files are listed, the rest go on", async () => {
  const dir = await Deno.makeTempDir();
  const jobs = await jobsIn(dir);
  const r = await featurize(jobs, options(null));
  assertEquals(r.skipped.length, 1);
  assert(r.skipped[0].reason.startsWith(`${dir}/broken.wav: `), r.skipped[0].reason);
  assertEquals(r.features[4], null);
  const direct = extractFeatures(
    loadClip(await Deno.readFile(jobs[1].file), jobs[1].file, FUSIONNET_LOAD),
    22050,
  );
  assertEquals(Array.from(r.features[1]!.acoustic), Array.from(direct.acoustic));
  // the augmented copy differs from the clip
  assert(r.features[5]!.acoustic[13] !== r.features[0]!.acoustic[13]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("featurize: a second run reads everything from the cache and computes nothing", async () => {
  const dir = await Deno.makeTempDir();
  const jobs = await jobsIn(dir);
  const first = await featurize(jobs, options(`${dir}/cache`));
  assertEquals([first.computed, first.fromCache], [5, 0]);
  const second = await featurize(jobs, options(`${dir}/cache`));
  assertEquals([second.computed, second.fromCache, second.skipped.length], [0, 5, 1]);
  for (let i = 0; i < jobs.length; i++) {
    assertEquals(
      second.features[i] && Array.from(second.features[i]!.acoustic),
      first.features[i] && Array.from(first.features[i]!.acoustic),
    );
  }
  // another augmentation seed is another key: only that one is computed
  const third = await featurize(
    [{ ...jobs[0], augmentation: { kind: "noise", seed: 4 } }],
    options(`${dir}/cache`),
  );
  assertEquals([third.computed, third.fromCache], [1, 0]);
  assert(
    (await cacheKey(jobs[5])) !==
      (await cacheKey({ ...jobs[5], augmentation: { kind: "noise", seed: 4 } })),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the feature cache survives a torn last record", async () => {
  const dir = await Deno.makeTempDir();
  const cache = await FeatureCache.open(dir, "k", 162, 8);
  const set = {
    acoustic: new Float32Array(162).fill(1.5),
    statistical: new Float32Array(8).fill(-2),
  };
  await cache.put("a".repeat(64), set);
  await cache.put("b".repeat(64), set);
  cache.close();
  const file = cache.path;
  const bytes = await Deno.readFile(file);
  await Deno.writeFile(file, bytes.subarray(0, bytes.length - 100)); // interrupted mid-write
  const again = await FeatureCache.open(dir, "k", 162, 8);
  assertEquals(again.size, 1);
  assertEquals(Array.from(again.get("a".repeat(64))!.statistical), new Array(8).fill(-2));
  await again.put("c".repeat(64), set);
  again.close();
  assertEquals((await FeatureCache.open(dir, "k", 162, 8)).size, 2);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the feature cache drops records damaged in place (checksum, non-finite values)", async () => {
  const dir = await Deno.makeTempDir();
  const cache = await FeatureCache.open(dir, "k", 162, 8);
  const set = (v: number) => ({
    acoustic: new Float32Array(162).fill(v),
    statistical: new Float32Array(8).fill(v),
  });
  for (const [k, v] of [["a", 1], ["b", 2], ["c", 3]] as const) {
    await cache.put(k.repeat(64), set(v));
  }
  await assertRejects(() => cache.put("d".repeat(64), set(NaN)), RangeError, "non-finite");
  cache.close();
  const bytes = await Deno.readFile(cache.path);
  const record = bytes.length / 3;
  new DataView(bytes.buffer).setFloat32(record + 32 + 4 * 10, NaN, true); // b: a NaN written in
  bytes[2 * record + 40] ^= 1; // c: one flipped bit
  await Deno.writeFile(cache.path, bytes);
  const again = await FeatureCache.open(dir, "k", 162, 8);
  assertEquals([again.size, again.damaged], [1, 2]);
  assert(again.get("a".repeat(64)) && !again.get("b".repeat(64)) && !again.get("c".repeat(64)));
  again.close();
  // the file now holds the sound record only: nothing is reported twice
  assertEquals((await Deno.readFile(cache.path)).length, record);
  assertEquals((await FeatureCache.open(dir, "k", 162, 8)).damaged, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the feature cache's part files: concurrent writers each append to their own, every reader sees all", async () => {
  const dir = await Deno.makeTempDir();
  const set = (v: number) => ({
    acoustic: new Float32Array(162).fill(v),
    statistical: new Float32Array(8).fill(v),
  });
  const [one, two] = await Promise.all(
    ["shard-1-of-2", "shard-2-of-2"].map((p) => FeatureCache.open(dir, "k", 162, 8, p)),
  );
  await Promise.all([one.put("a".repeat(64), set(1)), two.put("b".repeat(64), set(2))]);
  one.close();
  two.close();
  assert(one.path !== two.path && one.path.endsWith("k.v2.part-shard-1-of-2.bin"), one.path);
  // a torn record in one part is that part's own to drop; others only skip it
  const bytes = await Deno.readFile(two.path);
  await Deno.writeFile(two.path, bytes.subarray(0, bytes.length - 10));
  assertEquals([...await FeatureCache.storedKeys(dir, "k", 162, 8)], ["a".repeat(64)]);
  const reader = await FeatureCache.open(dir, "k", 162, 8);
  assertEquals(reader.size, 1);
  assertEquals(reader.get("a".repeat(64))!.acoustic[0], 1);
  reader.close();
  assertEquals(
    (await Deno.readFile(two.path)).length,
    bytes.length - 10,
    "another's part is not rewritten",
  );
  await Deno.writeFile(two.path, bytes);
  const all = await FeatureCache.open(dir, "k", 162, 8);
  assertEquals([all.size, all.get("b".repeat(64))!.statistical[0]], [2, 2]);
  all.close();
  await assertRejects(() => FeatureCache.open(dir, "k", 162, 8, "../x"), RangeError, "cache part");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("featurize reports damaged cache records and computes their clips again", async () => {
  const dir = await Deno.makeTempDir();
  const jobs = (await jobsIn(dir)).slice(0, 2);
  const first = await featurize(jobs, options(`${dir}/cache`, 1));
  const bytes = await Deno.readFile(first.cacheFile!);
  new Float32Array(bytes.buffer, 32, 8).fill(NaN); // the first record's values
  await Deno.writeFile(first.cacheFile!, bytes);
  const second = await featurize(jobs, options(`${dir}/cache`, 1));
  assertEquals([second.damaged, second.computed, second.fromCache], [1, 1, 1]);
  for (let i = 0; i < 2; i++) {
    assertEquals(Array.from(second.features[i]!.acoustic), Array.from(first.features[i]!.acoustic));
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("per-speaker normalisation standardises each group on its own", () => {
  const rows = 4;
  const table = {
    rows,
    acoustic: Float32Array.from({ length: rows * 162 }, (_, i) => (i < 2 * 162 ? 10 : 0) + (i % 2)),
    statistical: Float32Array.from({ length: rows * 8 }, (_, i) => Math.floor(i / 8)),
    gender: Float32Array.of(0, 0, 1, 1),
  };
  const n = standardiseBySpeaker(table, ["a", "a", "b", "b"]);
  assertEquals(Array.from(n.statistical.filter((_, i) => i % 8 === 0)), [-1, 1, -1, 1]);
  assertEquals(Array.from(n.gender), [0, 0, 1, 1]);
});

Deno.test("encodeWav output decodes through featurize", async () => {
  const dir = await Deno.makeTempDir();
  const y = new Float32Array(40000).map((_, i) => 0.3 * Math.sin(i / 7));
  await Deno.writeFile(`${dir}/tone.wav`, encodeWav(y, 16000));
  const r = await featurize([{
    file: `${dir}/tone.wav`,
    sha256: "1".repeat(64),
    augmentation: null,
  }], options(null, 1));
  assertEquals(r.features[0]?.acoustic.length, 162);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("featurizeSet: workers give a direct call's numbers, cached by set and cut, bad files listed", async () => {
  const dir = await Deno.makeTempDir();
  const jobs = await jobsIn(dir);
  // a clip shorter than the descriptors' 9 frames is a clear, named error
  await Deno.writeFile(`${dir}/short.wav`, encodeWav(new Float32Array(2000).fill(0.1), 22050));
  jobs.push({ file: `${dir}/short.wav`, sha256: "e".repeat(64), augmentation: null });
  const opts = {
    set: "compact" as const,
    cut: "whole" as const,
    cacheDir: `${dir}/c`,
    quiet: true,
  };
  const first = await featurizeSet(jobs, { ...opts, workers: 2 });
  assertEquals(first.names.length, 69);
  const skipped = first.skipped.toSorted((a, b) => a.file.localeCompare(b.file));
  assertEquals(skipped.map((s) => s.file), [`${dir}/broken.wav`, `${dir}/short.wav`]);
  assert(skipped[1].reason.includes("9 frames"), skipped[1].reason);
  const direct = extractSet(
    loadClip(await Deno.readFile(jobs[1].file), jobs[1].file, CUTS.whole),
    22050,
    "compact",
  );
  assertEquals(Array.from(first.values[1]!), Array.from(direct));
  const second = await featurizeSet(jobs, { ...opts, workers: 2 });
  assertEquals([second.computed, second.fromCache], [0, 5]);
  assertEquals(Array.from(second.values[5]!), Array.from(first.values[5]!));
  // the paper's cut is another cache, and other numbers
  const paper = await featurizeSet(jobs.slice(0, 1), { ...opts, cut: "paper", workers: 1 });
  assertEquals([paper.computed, paper.fromCache], [1, 0]);
  assert(paper.values[0]![0] !== first.values[0]![0]);
  assert((await setSettingsKey("compact", "whole")) !== (await setSettingsKey("compact", "paper")));
  await Deno.remove(dir, { recursive: true });
});
