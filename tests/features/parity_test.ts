/**
 * Parity with librosa 0.10.1 on `../shared/reference` (the acceptance rule): for each
 * 22,050 Hz fixture, every acoustic and statistical value `a` satisfies
 * |a - b| <= 1e-3·|b| + 1e-5·G (+ 5e-11, the rounding of the JSON's ten decimals) against
 * librosa's `b`, G the largest |b| of its group; for resampled fixtures the median relative
 * error over the 170 values is at most 1e-2.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { AudioError, FUSIONNET_LOAD, loadClip } from "../../lib/audio/mod.ts";
import { extractFeatures, featureFrames } from "../../lib/features/mod.ts";
import { librosaReference, REFERENCE_AUDIO } from "../_shared.ts";

const reference = await librosaReference();
/** The reference JSON stores ten decimals: values carry up to half a unit of the last. */
const STORED = 5e-11;
const GROUPS: [string, number, number][] = [
  ["zcr", 0, 1],
  ["chroma", 1, 13],
  ["mfcc", 13, 33],
  ["rms", 33, 34],
  ["mel", 34, 162],
];

for (const [name, ref] of Object.entries(reference.files)) {
  if (ref.error) continue;
  const resampled = !name.includes(".22050.");
  Deno.test(`features match librosa 0.10.1 on ${name}`, async () => {
    const path = `${REFERENCE_AUDIO}/${name}`;
    const y = loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD);
    const { acoustic, statistical } = extractFeatures(y, 22050);
    const expected = [...ref.acoustic162!, ...ref.statistical8!];
    const actual = [...acoustic, ...statistical];
    assertEquals(actual.length, 170);
    if (resampled) {
      const rel = actual.map((a, i) =>
        Math.abs(a - expected[i]) / Math.max(Math.abs(expected[i]), 1e-12)
      );
      rel.sort((a, b) => a - b);
      const median = (rel[84] + rel[85]) / 2;
      assert(median <= 1e-2, `median relative error ${median}`);
      return;
    }
    const groups: [string, number, number][] = [
      ...GROUPS,
      ...ref.statistical8!.map((_, i) =>
        [`statistical[${i}]`, 162 + i, 163 + i] as [string, number, number]
      ),
    ];
    const failures: string[] = [];
    for (const [group, from, to] of groups) {
      const g = Math.max(...expected.slice(from, to).map(Math.abs));
      for (let i = from; i < to; i++) {
        const b = expected[i], a = actual[i];
        const tolerance = 1e-3 * Math.abs(b) + 1e-5 * g + STORED;
        if (!(Math.abs(a - b) <= tolerance)) failures.push(`${group} #${i - from}: ${a} vs ${b}`);
      }
    }
    assertEquals(failures, []);
  });
}

Deno.test("frame-level features and tuning match librosa's frames", async () => {
  for (
    const name of ["male_angry.f32.22050.wav", "chirp.f32.22050.wav", "white_noise.f32.22050.wav"]
  ) {
    const ref = reference.files[name].frames!;
    const path = `${REFERENCE_AUDIO}/${name}`;
    const f = featureFrames(loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD), 22050);
    assertAlmostEquals(f.tuning, (ref.tuning as number[])[0], 1e-9);
    const close = (what: string, a: ArrayLike<number>, b: number[], scale: number) => {
      assertEquals(a.length, b.length, what);
      for (let i = 0; i < b.length; i++) {
        const tol = 1e-3 * Math.abs(b[i]) + 1e-5 * scale + STORED;
        assert(Math.abs(a[i] - b[i]) <= tol, `${name} ${what}[${i}]: ${a[i]} vs ${b[i]}`);
      }
    };
    const max = (m: number[][] | number[]) => Math.max(...m.flat().map(Math.abs));
    for (const key of ["zcr", "rms", "centroid", "bandwidth"] as const) {
      close(key, f[key], ref[key] as number[], max(ref[key] as number[]));
    }
    for (const key of ["chroma", "mfcc", "mel"] as const) {
      const rows = ref[key] as number[][];
      rows.forEach((row, j) => close(`${key}[${j}]`, f[key][j], row, max(rows)));
    }
  }
});

Deno.test("a clip shorter than the offset is a clear error, not NaN features", async () => {
  const path = `${REFERENCE_AUDIO}/too_short.f32.22050.wav`;
  const bytes = await Deno.readFile(path);
  const e = assertThrows(() => loadClip(bytes, path, FUSIONNET_LOAD), AudioError, "too_short");
  assertEquals(e.kind, "too-short");
});
