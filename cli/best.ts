/**
 * `deno task best --data DIR [--experiment best-ravdess-cv|best-emobox-ravdess]
 * [--sets compact,large] [--cut whole|paper] [--standardisation inductive,per-speaker]
 * [--seed N] [--out FILE]`: the logistic-regression
 * family on RAVDESS actor folds with nested selection (feature set and L2 penalty chosen on
 * validation actors drawn from each fold's training actors), inductive (training-set
 * standardisation) and, as a separately labelled variant, per-speaker standardisation.
 * Prints a line per fold and writes the result as JSON (`--out`, default
 * `results/best/<experiment>.json`).
 *
 * @module
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { EMOTIONS } from "../lib/corpora/clip.ts";
import { featurizeSet } from "../lib/dataset/featurize.ts";
import type { Cut, SetName } from "../lib/features/sets.ts";
import { type Candidate, evaluateBest, type Standardisation } from "../lib/eval/best.ts";
import { libsvm } from "../lib/model/svm/mod.ts";
import { actorFolds, EMOBOX_RAVDESS_FOLDS, RAVDESS_FOLDS } from "../lib/eval/folds.ts";
import type { Matrix } from "../lib/model/classifier.ts";
import { parseArgs } from "../lib/util/args.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";

const FOLDS: Record<string, readonly (readonly number[])[]> = {
  "best-ravdess-cv": RAVDESS_FOLDS,
  "best-emobox-ravdess": EMOBOX_RAVDESS_FOLDS,
};
/** The nested-selection grid: logistic regression on every set, SVMs on the compact set. */
function _grid(sets: readonly string[]): Candidate[] {
  return [
    ...sets.flatMap((set) =>
      (set === "compact" ? [0.01, 0.1, 1] : [0.1, 0.3, 1]).map((c) => ({
        set,
        family: "logistic" as const,
        c,
      }))
    ),
    ...(sets.includes("compact")
      ? [
        { set: "compact", family: "svm-linear" as const, c: 0.1 },
        { set: "compact", family: "svm-rbf" as const, c: 1 },
        { set: "compact", family: "svm-rbf" as const, c: 10 },
      ]
      : []),
  ];
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    strings: ["data", "experiment", "sets", "cut", "seed", "out", "standardisation"],
    booleans: ["help"],
  });
  const experiment = (args.experiment as string | undefined) ?? "best-ravdess-cv";
  if (args.help || !args.data || !FOLDS[experiment]) {
    console.log(
      "usage: deno task best --data DIR [--experiment best-ravdess-cv|best-emobox-ravdess] " +
        "[--sets compact,large] [--cut whole|paper] [--seed N] [--out FILE]",
    );
    Deno.exit(args.help ? 0 : 2);
  }
  const root = args.data as string;
  const seed = Number(args.seed ?? 42);
  const cut = (args.cut ?? "whole") as Cut;
  const setNames = ((args.sets as string | undefined) ?? "compact,large").split(",") as SetName[];
  const clipsAll = (await discoverClips(root)).clips.filter((c) => c.corpus === "ravdess");
  const sets: Record<string, Matrix> = {};
  let keep: boolean[] = clipsAll.map(() => true);
  const raw: Record<string, (Float32Array | null)[]> = {};
  for (const set of setNames) {
    const r = await featurizeSet(
      clipsAll.map((c) => ({ file: `${root}/${c.path}`, sha256: c.sha256, augmentation: null })),
      { set, cut, cacheDir: "data/cache/features", label: `${set} set` },
    );
    for (const s of r.skipped) console.error(`  skipped ${s.reason}`);
    raw[set] = r.values;
    keep = keep.map((k, i) => k && r.values[i] !== null);
  }
  const clips = clipsAll.filter((_, i) => keep[i]);
  for (const set of setNames) {
    const rows = raw[set].filter((_, i) => keep[i]) as Float32Array[];
    const dims = rows[0].length, x = new Float32Array(rows.length * dims);
    rows.forEach((r, i) => x.set(r, i * dims));
    sets[set] = { x, rows: rows.length, dims };
  }
  const labels = Int32Array.from(clips, (c) => EMOTIONS.indexOf(c.emotion));
  const folds = actorFolds(clips, FOLDS[experiment], seed, 0.2);
  const grid = _grid(setNames);
  const svm = await libsvm();
  const which = (args.standardisation as string | undefined) ?? "inductive,per-speaker";
  const results = [];
  for (const standardisation of which.split(",") as Standardisation[]) {
    console.error(
      `${experiment}, nested selection over logistic regression and SVMs, ${standardisation} standardisation:`,
    );
    const r = evaluateBest(clips, { sets, labels, classes: EMOTIONS.length }, folds, {
      standardisation,
      grid,
      svm,
      log: (l) => console.error(l),
    });
    console.error(
      `  mean accuracy ${r.accuracy_mean.toFixed(3)} ± ${r.accuracy_std.toFixed(3)}, ` +
        `UAR ${r.uar_mean.toFixed(3)}`,
    );
    results.push(r);
  }
  const out = (args.out as string | undefined) ??
    `results/best/${experiment}-${which.replace(",", "+")}.json`;
  await Deno.mkdir(out.replace(/\/[^/]*$/, "") || ".", { recursive: true });
  await writeFileAtomic(
    out,
    JSON.stringify(
      { experiment, seed, cut, sets: setNames, grid, clips: clips.length, results },
      null,
      1,
    ),
  );
  console.error(`wrote ${out}`);
}
