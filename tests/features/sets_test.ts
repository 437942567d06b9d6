import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { FUSIONNET_LOAD, loadClip } from "../../lib/audio/mod.ts";
import {
  COMPACT_FEATURES,
  extractSet,
  FUNCTIONAL_NAMES,
  functionals,
  functionalSet,
  lowLevelDescriptors,
  setFromDescriptors,
  type SetName,
} from "../../lib/features/mod.ts";
import { REFERENCE_AUDIO } from "../_shared.ts";

Deno.test("functionals: numpy's percentiles, population moments, slope per second, NaN left out", () => {
  const x = Float64Array.from({ length: 101 }, (_, i) => i); // 0..100 in steps of 0.5 s
  x[50] = NaN;
  const out = new Float64Array(FUNCTIONAL_NAMES.length);
  functionals(x, 0.5, out, 0);
  const get = (n: string) => out[FUNCTIONAL_NAMES.indexOf(n as never)];
  assertAlmostEquals(get("mean"), 50, 1e-12);
  // np.percentile([0..49, 51..100], 20) = 19.8 (linear interpolation over 100 values)
  assertAlmostEquals(get("p20"), 19.8, 1e-9);
  assertAlmostEquals(get("p50"), 50, 1e-9);
  assertAlmostEquals(get("range_p1_p99"), 98.02, 1e-9); // np.percentile: 99.01 - 0.99
  assertEquals([get("min"), get("max")], [0, 100]);
  assertAlmostEquals(get("slope"), 2, 1e-12); // one unit a frame, two frames a second
  assertAlmostEquals(get("regerr"), 0, 1e-9);
  assertAlmostEquals(get("skewness"), 0, 1e-12);
  assertAlmostEquals(get("kurtosis"), -1.2180547466511354, 1e-9); // scipy.stats.kurtosis
  functionals(new Float64Array([NaN, NaN]), 0.5, out, 0);
  assert(out.every((v) => v === 0), "no defined frame gives zeros");
});

Deno.test("the named sets: sizes, unique names, finite values, compact agrees with large", async () => {
  const compact = functionalSet("compact"), large = functionalSet("large");
  assert(compact.names.length < 100 && compact.names.length === COMPACT_FEATURES.length);
  assert(large.names.length > 3000);
  for (const s of [compact, large]) assertEquals(new Set(s.names).size, s.names.length);
  const path = `${REFERENCE_AUDIO}/male_angry.f32.22050.wav`;
  const d = lowLevelDescriptors(loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD), 22050);
  const values = Object.fromEntries(
    (["compact", "large"] as SetName[]).map((n) => [n, setFromDescriptors(d, n)]),
  );
  for (const n of ["compact", "large"]) assert(values[n].every(Number.isFinite), n);
  compact.names.forEach((name, i) => {
    const j = large.names.indexOf(name);
    assert(j >= 0, `${name} is in the large set`);
    assertEquals(values.compact[i], values.large[j], name);
  });
  assertThrows(() => functionalSet("huge" as SetName), RangeError, "huge");
});

Deno.test("a steady 200 Hz tone: its F0 in semitones, no jitter, voiced throughout", () => {
  const y = Float32Array.from(
    { length: 55125 },
    (_, i) => 0.5 * Math.sin(2 * Math.PI * 200 * i / 22050),
  );
  const v = extractSet(y, 22050, "compact");
  const get = (n: string) => v[functionalSet("compact").names.indexOf(n)];
  assertAlmostEquals(get("f0_semitones_mean"), 12 * Math.log2(200 / 27.5), 0.05);
  assert(get("jitter_mean") < 1e-3, `jitter ${get("jitter_mean")}`);
  assert(get("voiced_fraction") > 0.9);
  assert(get("hnr_mean") > 20, `HNR ${get("hnr_mean")}`);
});

Deno.test("silence has no voiced frame, and its voiced-only features are zeros, not NaN", () => {
  const v = extractSet(new Float32Array(55125), 22050, "large");
  assert(v.every(Number.isFinite));
  const names = functionalSet("large").names;
  assertEquals(v[names.indexOf("voiced_fraction")], 0);
  assertEquals(v[names.indexOf("f0_semitones_mean")], 0);
});
