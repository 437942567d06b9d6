import { buildTable, scalePower } from "../../lib/dataset/build.ts";
import type { Clip } from "../../lib/corpora/clip.ts";
import type { FeatureSet } from "../../lib/features/extract.ts";
import { assertAlmostEquals, assertEquals } from "../_assert.ts";

const clip = (gender: Clip["gender"]) => ({ gender } as Clip);
const features = (value: number): FeatureSet =>
  ({
    acoustic: new Float32Array(162).fill(value),
    statistical: new Float32Array(8).fill(value),
  }) as FeatureSet;

Deno.test("buildTable: one row per clip, gender bit, power-like columns on the log scale", () => {
  const t = buildTable(
    [clip("female"), clip("male"), clip("unknown")],
    [features(100), features(0), features(1)],
    "log",
  );
  assertEquals(t.rows, 3);
  // a manifest's unknown gender sits halfway
  assertEquals(Array.from(t.gender), [1, 0, 0.5]);
  // ZCR, chroma and MFCC (0-32) unchanged; RMS (33) and mel (34-161) as log10
  assertEquals(t.acoustic[0], 100);
  assertEquals(t.acoustic[32], 100);
  assertAlmostEquals(t.acoustic[33], 2, 1e-6);
  assertAlmostEquals(t.acoustic[161], 2, 1e-6);
  // statistical: variance (1) and RMS mean (4) as log10; mean, skewness, kurtosis, spectral, MFCC-13 not
  assertEquals(Array.from(t.statistical.subarray(0, 8)), [100, 2, 100, 100, 2, 100, 100, 100]);
  // silence is floored at -10, never -Infinity
  assertEquals(t.acoustic[162 + 40], -10);
  assertEquals(t.statistical[8 + 4], -10);
});

Deno.test("scalePower linear leaves the table as librosa gave it", () => {
  const t = buildTable([clip("male")], [features(0.5)], "linear");
  assertEquals(t.acoustic.every((v) => v === 0.5), true);
  const again = scalePower(t, "linear");
  assertEquals(again.statistical.every((v) => v === 0.5), true);
});
