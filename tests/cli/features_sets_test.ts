import { assert, assertEquals } from "../_assert.ts";
import { librosaLldReference, REFERENCE_AUDIO, runCli } from "../_shared.ts";
import { encodeWav } from "../../lib/audio/mod.ts";

async function features(args: string[]) {
  const r = await runCli("features.ts", args);
  return { code: r.code, lines: r.stdout.trim().split("\n").map((l) => JSON.parse(l)) };
}

Deno.test("features --frames --json: the reference's names and shapes, null for NaN", async () => {
  const name = "female_happy.f32.22050.wav";
  const ref = (await librosaLldReference()).files[name] as Record<string, unknown[]>;
  const r = await features(["--frames", `${REFERENCE_AUDIO}/${name}`, "--json"]);
  assertEquals(r.code, 0);
  const frames = r.lines[0].frames;
  for (const [key, value] of Object.entries(ref)) {
    const mine = frames[key];
    assertEquals(mine.length, value.length, key);
    if (Array.isArray(value[0])) assertEquals(mine[0].length, (value[0] as unknown[]).length, key);
  }
  const nulls = (a: unknown[]) => a.map((v) => v === null);
  assertEquals(nulls(frames.pyin_f0), nulls(ref.pyin_f0));
});

Deno.test("features --set: names and values per file, errors named, exit status 1", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/notes.wav`, "not audio");
  const huge = Float32Array.from({ length: 16000 }, (_, i) => 1e30 * Math.sin(i / 7));
  await Deno.writeFile(`${dir}/huge.wav`, encodeWav(huge, 16000, "float32"));
  const good = `${REFERENCE_AUDIO}/male_angry.s16.48000.wav`;
  const r = await features([
    "--set",
    "compact",
    "--cut",
    "whole",
    "--no-cache",
    good,
    `${dir}/notes.wav`,
    `${dir}/huge.wav`,
    "--json",
  ]);
  assertEquals(r.code, 1);
  assertEquals(r.lines[0].file, good);
  assertEquals(r.lines[0].names.length, r.lines[0].values.length);
  assert(r.lines[0].names.includes("hnr_mean"));
  assert(r.lines[1].error.startsWith(`${dir}/notes.wav`), r.lines[1].error);
  // samples of 1e30 are refused by the audio layer, as in predict, not turned into features
  assertEquals(r.lines.length, 3);
  assert(
    r.lines[2].error.startsWith(`${dir}/huge.wav: sample 1 is`) &&
      r.lines[2].error.includes("far outside full scale"),
    r.lines[2].error,
  );
  await Deno.remove(dir, { recursive: true });
});
