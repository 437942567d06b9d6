import { assert, assertEquals } from "../_assert.ts";
import { loadClip } from "../../lib/audio/mod.ts";
import {
  CUTS,
  FRAME_COUNT,
  FRAME_DESCRIPTORS,
  FRAME_FEATURES,
  FRAME_NAMES,
  frameDescriptors,
  lowLevelDescriptors,
} from "../../lib/features/mod.ts";
import { REFERENCE_AUDIO } from "../_shared.ts";

const ANGRY = `${REFERENCE_AUDIO}/male_angry.f32.22050.wav`;

Deno.test("frame descriptors: 108 frames × 60, frame-major, the named descriptors' rows in order", async () => {
  const y = loadClip(await Deno.readFile(ANGRY), ANGRY, CUTS.paper);
  const x = frameDescriptors(y);
  assertEquals(x.length, FRAME_COUNT * FRAME_FEATURES);
  assert(x.every(Number.isFinite));
  const d = lowLevelDescriptors(y, 22050);
  const rows = FRAME_DESCRIPTORS.flatMap((n) => d.rows[n]);
  assertEquals(rows.length, FRAME_FEATURES);
  // the names follow the rows: each descriptor's rows under its name, numbered when several
  assertEquals(
    FRAME_NAMES,
    FRAME_DESCRIPTORS.flatMap((n) =>
      d.rows[n].length > 1 ? d.rows[n].map((_, r) => `${n}_${r + 1}`) : [n]
    ),
  );
  // MFCC 0 of frame 10 and the RMS of frame 50 sit where the layout says
  assertEquals(x[10 * FRAME_FEATURES], Math.fround(d.rows.mfcc[0][10]));
  const rms = FRAME_DESCRIPTORS.slice(0, FRAME_DESCRIPTORS.indexOf("rms"))
    .reduce((n, name) => n + d.rows[name].length, 0);
  assertEquals(x[50 * FRAME_FEATURES + rms], Math.fround(d.rows.rms[0][50]));
  // unvoiced frames' F0 takes the mean of the voiced ones
  const f0 = rows.indexOf(d.rows.f0_semitones[0]);
  const voiced = d.rows.f0_semitones[0].filter(Number.isFinite);
  const unvoiced = d.rows.f0_semitones[0].findIndex((v) => !Number.isFinite(v));
  assert(voiced.length > 0 && unvoiced >= 0, "the clip has voiced and unvoiced frames");
  const mean = voiced.reduce((a, b) => a + b, 0) / voiced.length;
  assert(Math.abs(x[unvoiced * FRAME_FEATURES + f0] - mean) < 1e-4);
});

Deno.test("frame descriptors: a short clip is padded with silence to 2.5 s; silence stays finite", () => {
  const tone = new Float32Array(11025).map((_, i) => 0.3 * Math.sin(2 * Math.PI * 220 * i / 22050));
  const x = frameDescriptors(tone);
  assertEquals(x.length, FRAME_COUNT * FRAME_FEATURES);
  const padded = new Float32Array(55125);
  padded.set(tone);
  const d = lowLevelDescriptors(padded, 22050);
  const rms = FRAME_DESCRIPTORS.slice(0, FRAME_DESCRIPTORS.indexOf("rms"))
    .reduce((n, name) => n + d.rows[name].length, 0);
  assert(x[5 * FRAME_FEATURES + rms] > 0.1, "the tone's frames are loud");
  assertEquals(x[(FRAME_COUNT - 1) * FRAME_FEATURES + rms], 0);
  // all silence: every pitch-based descriptor is undefined, and none is left non-finite
  assert(frameDescriptors(new Float32Array(100)).every(Number.isFinite));
});
