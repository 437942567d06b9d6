import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { encodeWav } from "../../lib/audio/encode.ts";
import { nestedFold, selectAcross } from "../../lib/eval/best.ts";
import { standardise } from "../../lib/eval/standardise.ts";
import { corpusIdentification, featureShifts, recordingConditions } from "../../lib/eval/domain.ts";
import { clipNormalised } from "../../lib/features/clip_norm.ts";
import { prosodicColumns } from "../../lib/features/prosody.ts";
import { functionalSet } from "../../lib/features/sets.ts";
import { Random } from "../../lib/util/random.ts";

Deno.test("per-corpus standardisation: each statistics corpus by its own rows, an unseen one by their average", () => {
  // corpus a: 0, 2; corpus b: 10, 14; corpus c (unseen): 100
  const m = { x: Float32Array.of(0, 2, 10, 14, 100), rows: 5, dims: 1 };
  const g = ["a", "a", "b", "b", "c"];
  const s = standardise(m, [0, 1, 2, 3], [0, 1, 2, 3], g, "stats");
  assertEquals(Array.from(s.x), [-1, 1, -1, 1]);
  // average of a (mean 1, sd 1) and b (mean 12, sd 2): mean 6.5, sd 1.5
  assertAlmostEquals(standardise(m, [4], [0, 1, 2, 3], g, "stats").x[0], (100 - 6.5) / 1.5, 1e-4);
  // domain-adapted ("all"): the unseen corpus by its own rows (one row: sd 0 gives 0)
  assertEquals(standardise(m, [4], [0, 1, 2, 3], g, "all").x[0], 0);
});

Deno.test("selectAcross scores each candidate by its mean UAR over the splits and reads no other row", async () => {
  // feature 0 carries the class in every "corpus"; a corpus offset on feature 1 is noise
  const rng = new Random(3);
  const x: number[] = [], y: number[] = [];
  for (let corpus = 0; corpus < 3; corpus++) {
    for (let i = 0; i < 40; i++) {
      const c = i % 2;
      x.push(2 * c - 1 + 0.3 * rng.normal(), 5 * corpus + rng.normal());
      y.push(c);
    }
  }
  const m = { x: Float32Array.from(x), rows: 120, dims: 2 }, labels = Int32Array.from(y);
  const rows = (c: number) => Array.from({ length: 40 }, (_, i) => 40 * c + i);
  const touched = new Set<number>();
  const read = (_s: string, idx: readonly number[], statsOf: readonly number[]) => {
    for (const i of [...idx, ...statsOf]) touched.add(i);
    return standardise(m, idx, statsOf, null);
  };
  const splits = [{ train: rows(0), val: rows(1) }, { train: rows(1), val: rows(0) }];
  const r = await selectAcross(read, labels, 2, splits, [{ set: "a", family: "logistic", c: 1 }]);
  assert(r.validationUar > 0.75, `validation UAR ${r.validationUar}`);
  assert([...touched].every((i) => i < 80), "selection read the held-out corpus");
  const f = await nestedFold(read, labels, 2, {
    train: [...rows(0), ...rows(1)],
    val: [],
    test: rows(2),
    inner: splits,
  }, [{ set: "a", family: "logistic", c: 1 }]);
  assertEquals(f.probabilities.length, 80);
});

Deno.test("corpus identification and shifts find the feature that names the corpus", () => {
  const rng = new Random(5);
  const x: number[] = [], corpusOf: number[] = [], speakers: string[] = [];
  for (let i = 0; i < 120; i++) {
    const c = i % 3;
    x.push(rng.normal(), 4 * c + rng.normal()); // f0 is noise, loudness names the corpus
    corpusOf.push(c);
    speakers.push(`${c}:${i % 4}`);
  }
  const m = { x: Float32Array.from(x), rows: 120, dims: 2 };
  const names = ["f0_semitones_mean", "loudness_mean"];
  const g = corpusIdentification(m, names, corpusOf, speakers);
  const uar = Object.fromEntries(g.map((r) => [r.group, r.uar]));
  assert(uar.loudness > 0.9 && uar.pitch < 0.6, JSON.stringify(uar));
  assertEquals(featureShifts(m, names, corpusOf, ["a", "b", "c"], 1)[0].feature, "loudness_mean");
});

Deno.test("recordingConditions: a 16 kHz tone's rate, level and band limit", () => {
  const sr = 16000, y = new Float32Array(sr);
  for (let i = 0; i < sr; i++) y[i] = 0.5 * Math.sin(2 * Math.PI * 440 * i / sr);
  const r = recordingConditions(encodeWav(y, sr), "tone.wav");
  assertEquals(r.sampleRate, sr);
  assertAlmostEquals(r.levelDbfs, 20 * Math.log10(0.5 / Math.SQRT2), 0.1);
  assert(r.bandwidthHz >= 440 && r.bandwidthHz <= sr / 2, String(r.bandwidthHz));
});

Deno.test("clipNormalised equals the functionals of the clip-standardised descriptor", () => {
  const names = functionalSet("large").names;
  const v = new Float32Array(names.length).fill(7);
  // mean 3, std 2, p1 1, p20 2, p50 3, p80 4, p99 5, ranges 4 and 2, min 1, max 5, slope 0.5, regerr 1, skew 0.1, kurt -1
  v.set([3, 2, 1, 2, 3, 4, 5, 4, 2, 1, 5, 0.5, 1, 0.1, -1]);
  const z = clipNormalised(v);
  assertEquals(Array.from(z.slice(0, 15)), [
    0,
    0,
    -1,
    -0.5,
    0,
    0.5,
    1,
    2,
    1,
    -1,
    1,
    0.25,
    0.5,
    Math.fround(0.1),
    -1,
  ]);
  assertEquals(z.at(-1), 7); // temporal features kept
});

Deno.test("the prosodic columns are the compact set's pitch, loudness and rhythm features", () => {
  const names = functionalSet("compact").names, cols = prosodicColumns();
  assert(cols.every((j) => /^(f0_|loudness_|voiced_|unvoiced_)/.test(names[j])));
  assert(!cols.some((j) => /^(mfcc|contrast|jitter|hnr)/.test(names[j])));
  assert(
    cols.includes(names.indexOf("f0_semitones_mean")) &&
      cols.includes(names.indexOf("loudness_peaks_per_s")),
  );
});
