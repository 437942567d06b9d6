import { assert, assertEquals } from "../_assert.ts";
import { encodeWav, FUSIONNET_LOAD, loadClip } from "../../lib/audio/mod.ts";
import { augment } from "../../lib/augment/augment.ts";
import {
  type AugmentationSpec,
  computeTasks,
  type FeatureBatch,
  type FeatureJob,
  type FeatureTask,
  featurizeBatches,
  featurizeTask,
} from "../../lib/dataset/mod.ts";
import {
  CUTS,
  extractFeatures,
  extractSet,
  frameDescriptors,
  FUSIONNET_FEATURES,
} from "../../lib/features/mod.ts";
import { sha256Hex } from "../../lib/util/hash.ts";
import { REFERENCE_AUDIO, SAMPLE } from "../_shared.ts";

/** Every table a study computes: FusionNet's, both sets over both cuts, the frames. */
const TASKS: FeatureTask[] = [
  { kind: "fusionnet", load: FUSIONNET_LOAD, features: FUSIONNET_FEATURES },
  { kind: "set", set: "compact", cut: "whole" },
  { kind: "set", set: "large", cut: "whole" },
  { kind: "set", set: "compact", cut: "paper" },
  { kind: "frames" },
];

/** The bytes of a float array: equal bytes are equal bits, NaN included. */
const bits = (x: Float32Array) => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);

/** A task computed the way the separate passes did: its own load, augmentation and features. */
function separately(
  bytes: Uint8Array,
  file: string,
  a: AugmentationSpec | null,
  task: FeatureTask,
): Float32Array[] {
  const load = task.kind === "fusionnet"
    ? task.load
    : CUTS[task.kind === "set" ? task.cut : "paper"];
  let y = loadClip(bytes, file, load);
  if (a) y = augment(y, load.sampleRate, a.kind, a.seed);
  if (task.kind === "fusionnet") {
    const f = extractFeatures(y, load.sampleRate, task.features);
    return [f.acoustic, f.statistical];
  }
  return [task.kind === "frames" ? frameDescriptors(y) : extractSet(y, load.sampleRate, task.set)];
}

async function clips(): Promise<string[]> {
  const real = [];
  for await (const e of Deno.readDir(`${SAMPLE}/ravdess/Actor_02`)) {
    if (e.name.endsWith(".wav")) real.push(`${SAMPLE}/ravdess/Actor_02/${e.name}`);
  }
  return [
    ...real.sort().slice(0, 2), // real speech at 48 kHz
    `${REFERENCE_AUDIO}/male_sad.s24.44100.stereo.wav`,
    `${REFERENCE_AUDIO}/female_happy.f32.22050.wav`,
  ];
}

Deno.test("computeTasks: one pass gives every table bit for bit as its own pass, augmented too", async () => {
  for (const file of await clips()) {
    const bytes = await Deno.readFile(file);
    for (
      const a of [null, { kind: "noise" as const, seed: 3 }, { kind: "pitch" as const, seed: 5 }]
    ) {
      const together = computeTasks(bytes, file, a, TASKS);
      TASKS.forEach((task, t) => {
        const r = together[t];
        assert(typeof r !== "string", `${file} ${task.kind}: ${r}`);
        const [acoustic, statistical] = separately(bytes, file, a, task);
        assertEquals(
          bits(r.acoustic),
          bits(acoustic),
          `${file} ${JSON.stringify(task)} ${a?.kind}`,
        );
        assertEquals(bits(r.statistical), bits(statistical ?? new Float32Array(0)));
      });
    }
  }
});

Deno.test("computeTasks: a failure is each failing table's message, the others still computed", async () => {
  const dir = await Deno.makeTempDir();
  // 0.65 s: the whole recording has 28 frames, the paper's cut from 0.6 s only 3 (too few for a
  // set's deltas; the frames pad it to 2.5 s)
  const y = new Float32Array(14332).map((_, i) => 0.3 * Math.sin(2 * Math.PI * 180 * i / 22050));
  await Deno.writeFile(`${dir}/short.wav`, encodeWav(y, 22050));
  const file = `${dir}/short.wav`;
  const r = computeTasks(await Deno.readFile(file), file, null, [
    { kind: "set", set: "compact", cut: "whole" },
    { kind: "frames" },
    { kind: "set", set: "compact", cut: "paper" },
  ]);
  assertEquals(r.map((x) => typeof x === "string" ? "error" : x.acoustic.length), [
    69,
    6480,
    "error",
  ]);
  assert(typeof r[2] === "string" && r[2].includes(file) && r[2].includes("9 frames"), `${r[2]}`);
  const broken = computeTasks(new TextEncoder().encode("RIFF....WAVEnot"), "b.wav", null, TASKS);
  assert(broken.every((x) => typeof x === "string" && x.includes("b.wav")), String(broken));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("featurizeBatches: one pass over workers fills each table's own cache with its own pass's values", async () => {
  const dir = await Deno.makeTempDir();
  const jobs: FeatureJob[] = [];
  for (const file of await clips()) {
    jobs.push({ file, sha256: await sha256Hex(await Deno.readFile(file)), augmentation: null });
  }
  await Deno.writeFile(`${dir}/broken.wav`, new TextEncoder().encode("RIFF....WAVEnot really"));
  jobs.push({ file: `${dir}/broken.wav`, sha256: "f".repeat(64), augmentation: null });
  const sets: FeatureTask[] = TASKS.slice(1, 3);
  // the frames of the first three clips only, as an experiment asks for a subset
  const batches: FeatureBatch[] = [
    ...sets.map((task) => ({ task, jobs })),
    { task: { kind: "frames" }, jobs: jobs.slice(0, 3) },
  ];
  const opts = { cacheDir: `${dir}/c`, quiet: true };
  const one = await featurizeBatches(batches, { ...opts, workers: 2 });
  assertEquals(one.map((r) => [r.computed, r.fromCache, r.skipped.length]), [
    [4, 0, 1],
    [4, 0, 1],
    [3, 0, 0],
  ]);
  for (const [b, { task, jobs: js }] of batches.entries()) {
    // the separate pass, without a cache, gives the same bits
    const alone = await featurizeTask(js, task, { cacheDir: null, quiet: true, workers: 1 });
    js.forEach((_, i) => {
      const x = one[b].results[i], y = alone.results[i];
      assertEquals(x && bits(x.acoustic), y && bits(y.acoustic), `${task.kind} ${i}`);
    });
    // and the separate pass reads the one pass's cache table: same keys, same values
    const cached = await featurizeTask(js, task, { ...opts, workers: 1 });
    assertEquals([cached.computed, cached.fromCache], [0, js.length - alone.skipped.length]);
    assertEquals(cached.cacheFile, one[b].cacheFile);
  }
  const again = await featurizeBatches(batches, { ...opts, workers: 2 });
  assertEquals(again.map((r) => r.computed), [0, 0, 0]);
  await Deno.remove(dir, { recursive: true });
});
