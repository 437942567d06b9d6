/**
 * `deno run -A tools/pilot_validation.ts --data DIR [--seed N]`: ideas for `best-ravdess-cv` tried
 * on validation actors only (never a test fold): logistic regression on the `large` set (L2 0.1, the
 * recipe nested selection chose), fitted on each fold's training actors and scored (UAR) on its
 * validation actors, against (a) standardising by gender, (b) adding pitch- and noise-augmented
 * copies of the training clips, (c) weaker L2 penalties. Prints one line per fold and the means.
 * docs/models.md quotes its output.
 *
 * @module
 */
import type { Augmentation } from "../lib/augment/augment.ts";
import { discoverClips } from "../lib/corpora/mod.ts";
import { featurizeSet } from "../lib/dataset/mod.ts";
import {
  argmaxRows,
  computeMetrics,
  experimentByName,
  experimentClips,
  type FunctionalsExperimentDef,
  speakerFolds,
  standardise,
} from "../lib/eval/mod.ts";
import type { Matrix } from "../lib/model/classifier.ts";
import { fitLogistic } from "../lib/model/linear/mod.ts";
import { SEED, seedOption, taskArgs } from "../cli/_options.ts";
import { seedOf } from "../lib/util/random.ts";

const args = taskArgs("pilot_validation", Deno.args, {
  usage: "usage: deno run -A tools/pilot_validation.ts --data DIR [--seed N]",
  required: ["data"],
  strings: ["data"],
  numbers: { seed: SEED },
});
const root = String(args.data), seed = seedOption(args.seed);
const def = experimentByName("best-ravdess-cv") as FunctionalsExperimentDef;
const { clips, classes, labels } = experimentClips(def, (await discoverClips(root)).clips);
const folds = speakerFolds(def.folds, clips, seed, 0.15);
const kinds: (Augmentation | null)[] = [null, "pitch", "noise"];
const jobs = kinds.flatMap((kind) =>
  clips.map((c) => ({
    file: `${root}/${c.path}`,
    sha256: c.sha256,
    augmentation: kind ? { kind, seed: seedOf(seed, c.sha256) } : null,
  }))
);
const r = await featurizeSet(jobs, {
  set: "large",
  cut: "whole",
  cacheDir: "data/cache/features",
  label: "large set (clips and augmented copies)",
});
const n = clips.length, dims = r.names.length;
const x = new Float32Array(jobs.length * dims);
r.values.forEach((v, i) => v && x.set(v, i * dims));
const m: Matrix = { x, rows: jobs.length, dims };
const y = (idx: readonly number[]) => Int32Array.from(idx, (i) => labels[i % n]);

/** Rows standardised by the statistics rows of the same gender (metadata). */
function byGender(idx: readonly number[], statsOf: readonly number[]): Matrix {
  const out = new Float32Array(idx.length * dims);
  for (const g of ["male", "female"]) {
    const rows = idx.map((i, k) => [i, k]).filter(([i]) => clips[i % n].gender === g);
    const s = standardise(
      m,
      rows.map(([i]) => i),
      statsOf.filter((i) => clips[i % n].gender === g),
      null,
    );
    rows.forEach(([, k], j) => out.set(s.x.subarray(j * dims, (j + 1) * dims), k * dims));
  }
  return { x: out, rows: idx.length, dims };
}

const global = (idx: readonly number[], statsOf: readonly number[]) =>
  standardise(m, idx, statsOf, null);
const ideas: [string, (train: number[]) => number[], typeof global, number][] = [
  ["baseline (L2 0.1)", (t) => t, global, 0.1],
  ["by gender", (t) => t, byGender, 0.1],
  ["+ pitch + noise copies", (t) => [0, 1, 2].flatMap((k) => t.map((i) => i + k * n)), global, 0.1],
  ["L2 0.03", (t) => t, global, 0.03],
  ["L2 0.01", (t) => t, global, 0.01],
];
const sums = ideas.map(() => 0);
for (const f of folds) {
  const line = ideas.map(([name, rows, read, l2], k) => {
    const train = rows(f.train);
    const model = fitLogistic(read(train, train), y(train), classes.length, { l2 });
    const p = model.predictProba(read(f.val, train));
    const uar = computeMetrics(y(f.val), argmaxRows(p, classes.length), classes.length).uar;
    sums[k] += uar / folds.length;
    return `${name} ${uar.toFixed(3)}`;
  });
  console.log(`${f.name}: ${line.join(", ")}`);
}
console.log(
  `mean validation UAR: ${ideas.map(([name], k) => `${name} ${sums[k].toFixed(3)}`).join(", ")}`,
);
