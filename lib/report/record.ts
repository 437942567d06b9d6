import { stringify } from "csv-stringify/sync";
import type { SupersetCounts } from "../corpora/superset.ts";
import type { RunSettings } from "../eval/context.ts";
import type { ExperimentResult } from "../eval/result.ts";
import type { BackendInfo } from "../model/fusionnet/backend.ts";

/** Everything a run produced and what produced it: the content of `metrics.json` and more. */
export interface RunRecord {
  run_id: string;
  created: string;
  seed: number;
  settings: RunSettings;
  versions: Record<string, string>;
  /** The extractor's backend in this run (the first fold that trained one). */
  backend: BackendInfo | null;
  data: {
    root: string;
    /** True when the built-in demo corpus was generated because no corpus was found. */
    demo: boolean;
    clips: number;
    manifest_sha256: string;
    counts: SupersetCounts;
    skipped_files: number;
  };
  experiments: ExperimentResult[];
  /** Experiments asked for that this data could not run, and why. */
  not_run?: { name: string; reason: string }[];
}

/**
 * `metrics.json`: the record without per-clip predictions (those go to predictions.csv).
 * Shape per experiment: name, title, protocol, dataset, classes, paper, model, recipe (the
 * experiment's recipe as data: `lib/eval/recipes.ts`), n_clips, folds[]
 * (name, accuracy, uar, macro_precision, macro_recall, macro_f1, n_train, n_val, n_test,
 * confusion, per_corpus, per_gender, leak_audit, backend, history, seconds), accuracy_mean,
 * accuracy_std, uar_mean, macro_f1_mean, leak_audit, variants[].
 *
 * @example
 * ```ts ignore
 * await Deno.writeTextFile("metrics.json", stringifyMetrics(record));
 * ```
 */
export function stringifyMetrics(run: RunRecord): string {
  const strip = <T extends { folds: { predictions?: unknown }[] }>(x: T) => ({
    ...x,
    folds: x.folds.map(({ predictions: _, ...f }) => f),
  });
  return JSON.stringify(
    {
      ...run,
      experiments: run.experiments.map(({ clips: _, ...e }) => ({
        ...strip(e),
        variants: e.variants.map((v) => strip(v)),
      })),
    },
    null,
    1,
  ) + "\n";
}

/**
 * One line per experiment, variant and fold: the figures a spreadsheet wants.
 *
 * @example
 * ```ts ignore
 * await Deno.writeTextFile("folds.csv", foldsCsv(record));
 * ```
 */
export function foldsCsv(run: RunRecord): string {
  const rows = run.experiments.flatMap((e) =>
    e.variants.flatMap((v) =>
      v.folds.map((f) => [
        e.name,
        v.name,
        f.name,
        f.n_train,
        f.n_val,
        f.n_test,
        f.accuracy.toFixed(4),
        f.uar.toFixed(4),
        f.macro_f1.toFixed(4),
        f.leak_audit.clean,
        f.leak_audit.sharedActors.length,
        f.leak_audit.sharedContent.length,
        f.seconds.toFixed(1),
      ])
    )
  );
  return stringify(rows, {
    header: true,
    columns: [
      "experiment",
      "variant",
      "fold",
      "n_train",
      "n_val",
      "n_test",
      "accuracy",
      "uar",
      "macro_f1",
      "leak_free",
      "shared_actors",
      "shared_recordings",
      "seconds",
    ],
  });
}

/**
 * One line per test clip of every fold: its labels, the prediction and class probabilities.
 *
 * @example
 * ```ts ignore
 * await Deno.writeTextFile("predictions.csv", predictionsCsv(record));
 * ```
 */
export function predictionsCsv(run: RunRecord): string {
  const allClasses = [...new Set(run.experiments.flatMap((e) => e.classes))];
  const rows = run.experiments.flatMap((e) =>
    e.variants.flatMap((v) =>
      v.folds.flatMap((f) =>
        f.predictions.map((p) => {
          const c = e.clips[p.clip];
          const probs = allClasses.map((k) => {
            const i = e.classes.indexOf(k);
            return i < 0 ? "" : p.probabilities[i].toFixed(4);
          });
          return [
            e.name,
            v.name,
            f.name,
            c.path,
            c.corpus,
            c.actor,
            c.gender,
            e.classes[p.label],
            e.classes[p.predicted],
            ...probs,
          ];
        })
      )
    )
  );
  return stringify(rows, {
    header: true,
    columns: [
      "experiment",
      "variant",
      "fold",
      "path",
      "corpus",
      "actor",
      "gender",
      "emotion",
      "predicted",
      ...allClasses.map((k) => `p_${k}`),
    ],
  });
}
