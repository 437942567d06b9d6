/**
 * `deno run -A tools/pilot_sequence.ts --data DIR [--seed N] [--epochs 10,20,30]`: how many epochs
 * the sequence candidate of `best-ravdess-cv` needs, tried on validation actors only (never a test
 * fold): for each of the paper's 6 RAVDESS folds, the sequence model (frame descriptors, 3 seeds
 * averaged, as {@linkcode SEQUENCE_CANDIDATE} trains it) is fitted on the fold's training actors
 * for each number of epochs and scored (UAR) on its validation actors. Prints one line per fold,
 * the means and the training seconds of each. docs/models.md quotes it.
 *
 * @module
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { featurizeFrames } from "../lib/dataset/mod.ts";
import {
  argmaxRows,
  computeMetrics,
  experimentByName,
  experimentClips,
  type FunctionalsExperimentDef,
  SEQUENCE_CANDIDATE,
  speakerFolds,
} from "../lib/eval/mod.ts";
import { FRAME_FEATURES } from "../lib/features/mod.ts";
import { trainSequenceModel } from "../lib/model/sequence/mod.ts";
import { SEED, seedOption, taskArgs } from "../cli/_options.ts";

const args = taskArgs("pilot_sequence", Deno.args, {
  usage: "usage: deno run -A tools/pilot_sequence.ts --data DIR [--seed N] [--epochs 10,20,30]",
  required: ["data"],
  strings: ["data", "epochs"],
  numbers: { seed: SEED },
});
const root = String(args.data), seed = seedOption(args.seed);
const epochsTried = String(args.epochs ?? "10,20,30").split(",").map(Number);
if (!epochsTried.every((e) => Number.isInteger(e) && e > 0)) {
  throw new Error(`--epochs ${args.epochs}: whole numbers above 0, separated by commas`);
}
const seeds = SEQUENCE_CANDIDATE.seeds;
const def = experimentByName("best-ravdess-cv") as FunctionalsExperimentDef;
const { clips, classes, labels } = experimentClips(def, (await discoverClips(root)).clips);
const folds = speakerFolds(def.folds, clips, seed, 0.15);
const r = await featurizeFrames(
  clips.map((c) => ({ file: `${root}/${c.path}`, sha256: c.sha256, augmentation: null })),
  { cacheDir: "data/cache/features", label: "frame descriptors" },
);
const ok = (i: number) => r.values[i] !== null;
const uars = epochsTried.map(() => 0), seconds = epochsTried.map(() => 0);
for (const f of folds) {
  const train = f.train.filter(ok), val = f.val.filter(ok);
  const x = train.map((i) => r.values[i]!), y = Int32Array.from(train, (i) => labels[i]);
  const yVal = Int32Array.from(val, (i) => labels[i]), xVal = val.map((i) => r.values[i]!);
  const line = [];
  for (const [k, epochs] of epochsTried.entries()) {
    const started = performance.now();
    const p = new Float32Array(val.length * classes.length);
    for (let s = 0; s < seeds; s++) {
      const model = await trainSequenceModel(x, y, {
        features: FRAME_FEATURES,
        classes: classes.length,
        epochs,
        seed: seed + s,
      });
      model.predictProba(xVal).forEach((v, j) => p[j] += v / seeds);
    }
    seconds[k] += (performance.now() - started) / 1000;
    const uar = computeMetrics(yVal, argmaxRows(p, classes.length), classes.length).uar;
    uars[k] += uar / folds.length;
    line.push(`${epochs} epochs ${uar.toFixed(3)}`);
  }
  console.log(`${f.name}: ${line.join(", ")}`);
}
console.log(
  `mean validation UAR (${seeds} seeds averaged): ${
    epochsTried.map((e, k) => `${e} epochs ${uars[k].toFixed(3)} (${seconds[k].toFixed(0)} s)`)
      .join(", ")
  }`,
);
