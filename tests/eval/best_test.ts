import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import type { Clip } from "../../lib/corpora/mod.ts";
import { fitCandidate, nestedFold, selectCandidate } from "../../lib/eval/best.ts";
import { standardise } from "../../lib/eval/standardise.ts";
import { fitTemperature } from "../../lib/model/calibration.ts";
import { actorFolds, argmaxRows, computeMetrics } from "../../lib/eval/mod.ts";
import { Random } from "../../lib/util/random.ts";

const EMOTIONS = ["neutral", "happy", "sad"] as const;

/** 12 actors × 12 clips; the label shifts feature 0, each actor adds its own offset. */
function synthetic(seed: number) {
  const rng = new Random(seed);
  const clips: Clip[] = [];
  const x: number[] = [];
  for (let a = 1; a <= 12; a++) {
    const offset = rng.normal() * 3;
    for (let i = 0; i < 12; i++) {
      const e = i % 3;
      clips.push({
        path: `r/${a}/${i}.wav`,
        corpus: "ravdess",
        speaker: String(a),
        actor: a,
        gender: a % 2 ? "male" : "female",
        emotion: EMOTIONS[e],
        intensity: "",
        sentence: `s${i % 2}`,
        sha256: `${a}-${i}`.padEnd(64, "0"),
      });
      x.push(offset + 2 * e + rng.normal() * 0.5, offset + rng.normal(), rng.normal());
    }
  }
  const labels = Int32Array.from(
    clips,
    (c) => EMOTIONS.indexOf(c.emotion as typeof EMOTIONS[number]),
  );
  return { clips, matrix: { x: Float32Array.from(x), rows: clips.length, dims: 3 }, labels };
}

Deno.test("nested selection reads only training and validation rows", async () => {
  const { clips, matrix, labels } = synthetic(1);
  const [fold] = actorFolds(clips, [[1, 2, 3]], 7, 0.3);
  const touched = new Set<number>();
  const read = (_set: string, idx: readonly number[], statsOf: readonly number[]) => {
    for (const i of [...idx, ...statsOf]) touched.add(i);
    return standardise(matrix, idx, statsOf, null);
  };
  const r = await selectCandidate(read, labels, 3, fold.train, fold.val, [
    { set: "a", family: "logistic", c: 1e-3 },
    { set: "a", family: "logistic", c: 10 },
  ]);
  const test = new Set(fold.test);
  assert(fold.test.length > 0 && fold.val.length > 0);
  assert([...touched].every((i) => !test.has(i)), "selection read a test row");
  assertEquals(touched.size, fold.train.length + fold.val.length);
  assert(r.validationUar > 0.5, `validation UAR ${r.validationUar}`);
});

Deno.test("inductive standardisation uses the statistics rows only; per-speaker each speaker's own", () => {
  const m = { x: Float32Array.of(0, 2, 10, 14), rows: 4, dims: 1 };
  assertEquals(Array.from(standardise(m, [2, 3], [0, 1], null).x), [9, 13]);
  const s = standardise(m, [0, 1, 2, 3], [], ["a", "a", "b", "b"]);
  assertEquals(Array.from(s.x), [-1, 1, -1, 1]);
  const nan = { x: Float32Array.of(1, NaN, 3), rows: 3, dims: 1 };
  assertAlmostEquals(standardise(nan, [1], [0, 2], null).x[0], 0, 0);
});

Deno.test("nestedFold: per-speaker standardisation removes the speaker offsets a global scaler keeps", async () => {
  const { clips, matrix, labels } = synthetic(2);
  const folds = actorFolds(clips, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], 3, 0.25);
  const grid = [{ set: "a", family: "logistic" as const, c: 1e-2 }];
  const uar = async (speakers: number[] | null) => {
    let sum = 0;
    for (const fold of folds) {
      const read = (_s: string, idx: readonly number[], statsOf: readonly number[]) =>
        standardise(matrix, idx, statsOf, speakers);
      const r = await nestedFold(read, labels, 3, fold, grid);
      assertEquals(r.probabilities.length, fold.test.length * 3);
      assertEquals(r.chosen, grid);
      const y = Int32Array.from(fold.test, (i) => labels[i]);
      sum += computeMetrics(y, argmaxRows(r.probabilities, 3), 3).uar;
    }
    return sum / folds.length;
  };
  const inductive = await uar(null), perSpeaker = await uar(clips.map((c) => c.actor));
  assert(perSpeaker > 0.8, `per-speaker UAR ${perSpeaker}`);
  assert(perSpeaker > inductive, `${perSpeaker} vs ${inductive}`);
});

Deno.test("selection may choose a probability-averaging ensemble of the families' best", async () => {
  const { clips, matrix, labels } = synthetic(4);
  const [fold] = actorFolds(clips, [[1, 2, 3]], 5, 0.3);
  const read = (_s: string, idx: readonly number[], statsOf: readonly number[]) =>
    standardise(matrix, idx, statsOf, clips.map((c) => c.actor));
  const r = await selectCandidate(read, labels, 3, fold.train, fold.val, [
    { set: "a", family: "logistic", c: 0.1 },
    { set: "a", family: "svm-rbf", c: 1 },
  ]);
  assert(r.recipe.length >= 1 && r.recipe.length <= 2);
  assert(r.validationUar > 0.8, `validation UAR ${r.validationUar}`);
});

Deno.test("the sequence candidate competes in the selection on frames of training and validation clips only", async () => {
  const { clips, matrix, labels } = synthetic(5);
  const [fold] = actorFolds(clips, [[1, 2, 3]], 5, 0.3);
  // frames: the class is a rising, flat or falling contour over 12 frames of 4 descriptors;
  // the functional row (feature 2 of the matrix) is noise, so only the sequence model can learn
  const rng = new Random(9);
  const frames = clips.map((_, i) =>
    Float32Array.from({ length: 48 }, (_, j) => {
      const t = Math.floor(j / 4) / 11;
      return (j % 4 === 0 ? (labels[i] - 1) * (2 * t - 1) * 2 : 0) + rng.normal() * 0.3;
    })
  );
  const touched = new Set<number>();
  const frameReader = {
    features: 4,
    read: (idx: readonly number[]) => idx.map((i) => (touched.add(i), frames[i])),
  };
  const noise = (_s: string, idx: readonly number[], statsOf: readonly number[]) => {
    const m = standardise(matrix, idx, statsOf, null);
    return { x: Float32Array.from(idx, (_, r) => m.x[r * 3 + 2]), rows: idx.length, dims: 1 };
  };
  const grid = [
    { set: "a", family: "logistic" as const, c: 1 },
    { set: "frames" as const, family: "sequence" as const, epochs: 15, seeds: 2 },
  ];
  const sel = await selectCandidate(noise, labels, 3, fold.train, fold.val, grid, {
    frames: frameReader,
    seed: 3,
  });
  const test = new Set(fold.test);
  assert([...touched].every((i) => !test.has(i)), "selection read a test clip's frames");
  assert(sel.recipe.some((c) => c.family === "sequence"), JSON.stringify(sel.recipe));
  assert(sel.validationUar > 0.8, `validation UAR ${sel.validationUar}`);
  const r = await nestedFold(noise, labels, 3, fold, grid, { frames: frameReader, seed: 3 });
  const y = Int32Array.from(fold.test, (i) => labels[i]);
  const uar = computeMetrics(y, argmaxRows(r.probabilities, 3), 3).uar;
  assert(uar > 0.8, `test UAR ${uar}`);
});

Deno.test("nestedFold calibrates by a temperature fitted on validation rows, argmax unchanged", async () => {
  const { clips, matrix, labels } = synthetic(3);
  const [fold] = actorFolds(clips, [[1, 2, 3]], 3, 0.3);
  const read = (_s: string, idx: readonly number[], statsOf: readonly number[]) =>
    standardise(matrix, idx, statsOf, null);
  const grid = [{ set: "x", family: "logistic" as const, c: 0.01 }];
  const labelsOf = (idx: readonly number[]) => Int32Array.from(idx, (i) => labels[i]);
  const r = await nestedFold(read, labels, 3, fold, grid);
  assert(Number.isFinite(r.temperature) && r.temperature > 0, `T = ${r.temperature}`);
  assertEquals(argmaxRows(r.probabilities, 3), argmaxRows(r.uncalibrated, 3));
  for (let row = 0; row < fold.test.length; row++) {
    const sum = r.probabilities.slice(row * 3, row * 3 + 3).reduce((a, b) => a + b, 0);
    assertAlmostEquals(sum, 1, 1e-5);
  }
  // the temperature is the one that fits the chosen model's validation rows, fitted on train
  const model = await fitCandidate(
    read("x", fold.train, fold.train),
    labelsOf(fold.train),
    3,
    grid[0],
  );
  const pVal = model.predictProba(read("x", fold.val, fold.train));
  assertAlmostEquals(r.temperature, fitTemperature(pVal, labelsOf(fold.val), 3), 1e-9);
});
