import type { Clip } from "../corpora/clip.ts";
import type { BackendInfo } from "../model/fusionnet/backend.ts";
import type { EpochLog } from "../model/fusionnet/train.ts";
import type { Candidate } from "./best.ts";
import type { DomainAnalysis } from "./domain.ts";
import type { EnrolmentPoint } from "./enrolment.ts";
import type { Anchor, ExperimentDef } from "./experiment_def.ts";
import type { ExperimentRecipe } from "./recipes.ts";
import type { LeakAudit } from "./leak.ts";
import { argmaxRows, computeMetrics, meanStd, type Metrics } from "./metrics.ts";

/**
 * One fold of one variant, as written to `folds/<key>.json`, the key a hash of the settings, the
 * variant and the fold's rows.
 */
export interface FoldResult {
  name: string;
  fingerprint: string;
  accuracy: number;
  uar: number;
  macro_precision: number;
  macro_recall: number;
  macro_f1: number;
  n_train: number;
  n_val: number;
  n_test: number;
  confusion: number[][];
  per_corpus: Record<string, { accuracy: number; uar: number; n: number }>;
  per_gender: Record<string, { accuracy: number; uar: number; n: number }>;
  /**
   * The audit, and whether feature statistics came from test recordings' unlabelled audio: the
   * test speakers' (per-speaker) or the held-out corpus's (`test_corpus_audio_read`,
   * domain-adapted).
   */
  leak_audit: LeakAudit & {
    transductive_speaker_statistics: boolean;
    test_corpus_audio_read?: boolean;
  };
  backend: BackendInfo | null;
  history: { extractor?: EpochLog[]; fusion?: EpochLog[] };
  train_samples_per_s: number | null;
  seconds: number;
  /** The enrolment curve (experiments with `enrolment`). */
  enrolment?: EnrolmentPoint[];
  /**
   * The recipe nested selection chose on validation actors (functional-set experiments), or
   * with `validation` by leaving each training corpus out in turn (mean UAR over them).
   */
  recipe?: {
    chosen: Candidate[];
    validation_uar: number;
    validation?: "leave-one-training-corpus-out";
  };
  /**
   * Temperature scaling fitted on the validation rows (functional-set experiments), and the
   * expected calibration error (15 bins) of the test rows with and without it.
   */
  calibration?: { temperature: number; ece: number; ece_uncalibrated: number };
  /** Test rows: clip index into the experiment's clips, label and prediction indices, probabilities. */
  predictions: { clip: number; label: number; predicted: number; probabilities: number[] }[];
}

/** A variant's folds and their summary. */
export interface VariantResult {
  name: string;
  folds: FoldResult[];
  accuracy_mean: number;
  accuracy_std: number;
  uar_mean: number;
  uar_std: number;
  macro_f1_mean: number;
  macro_f1_std: number;
  /** Pooled over all folds' test rows. */
  pooled: Pick<Metrics, "accuracy" | "uar" | "macroF1" | "confusion"> & {
    per_corpus: FoldResult["per_corpus"];
    per_gender: FoldResult["per_gender"];
  };
}

/** An experiment's result: the first variant's figures at the top level, every variant below. */
export interface ExperimentResult {
  name: string;
  title: string;
  protocol: string;
  dataset: string;
  classes: string[];
  paper: ExperimentDef["paper"] | null;
  /** What was trained: FusionNet, or the functional-set classifiers and how they were chosen. */
  model: string;
  /** The recipe it ran with, as data (`lib/eval/recipes.ts`: `experimentRecipe`). */
  recipe: ExperimentRecipe;
  /** Published figures of other systems on this protocol (functional-set experiments). */
  anchors?: Anchor[];
  /** Variants the data could not run, and why (e.g. more speakers without other corpora). */
  notes?: string[];
  n_clips: number;
  /** Test clips by index: what `predictions[].clip` refers to. */
  clips: Pick<Clip, "path" | "corpus" | "actor" | "gender" | "emotion">[];
  folds: FoldResult[];
  accuracy_mean: number;
  accuracy_std: number;
  uar_mean: number;
  macro_f1_mean: number;
  leak_audit: {
    clean: boolean;
    folds_with_shared_actors: number;
    folds_with_shared_content: number;
    augmented_copies_of_test_clips: number;
    transductive_speaker_statistics: boolean;
  };
  variants: VariantResult[];
  /** The enrolment curve, mean over folds (experiments with `enrolment`). */
  enrolment?: EnrolmentPoint[];
  /** Why models fail across corpora (leave-one-corpus-out experiments): `lib/eval/domain.ts`. */
  domain?: DomainAnalysis;
}

/**
 * A variant's summary: mean ± deviation over folds, and metrics pooled over every fold's test
 * rows, overall and by corpus and gender.
 *
 * @example
 * ```ts ignore
 * const v = summariseVariant("fusion", folds, clips, ["angry", "sad"]);
 * ```
 */
export function summariseVariant(
  name: string,
  folds: FoldResult[],
  clips: readonly Clip[],
  classes: readonly string[],
): VariantResult {
  const stat = (f: (x: FoldResult) => number) => meanStd(folds.map(f));
  const acc = stat((f) => f.accuracy), uar = stat((f) => f.uar), f1 = stat((f) => f.macro_f1);
  const all = folds.flatMap((f) => f.predictions);
  const pooled = computeMetrics(
    Int32Array.from(all, (p) => p.label),
    Int32Array.from(all, (p) => p.predicted),
    classes.length,
  );
  return {
    name,
    folds,
    accuracy_mean: acc.mean,
    accuracy_std: acc.std,
    uar_mean: uar.mean,
    uar_std: uar.std,
    macro_f1_mean: f1.mean,
    macro_f1_std: f1.std,
    pooled: {
      accuracy: pooled.accuracy,
      uar: pooled.uar,
      macroF1: pooled.macroF1,
      confusion: pooled.confusion,
      per_corpus: groupMetrics(all, clips, classes.length, (c) => c.corpus),
      per_gender: groupMetrics(all, clips, classes.length, (c) => c.gender),
    },
  };
}

/** The figures of a fold that come from scoring its test rows. */
export type TestScore = Pick<
  FoldResult,
  | "accuracy"
  | "uar"
  | "macro_precision"
  | "macro_recall"
  | "macro_f1"
  | "confusion"
  | "per_corpus"
  | "per_gender"
  | "predictions"
>;

/**
 * Scores a fold's test rows from the model's class probabilities (row-major, a row per test
 * clip): metrics overall and by corpus and gender, and a prediction per clip with its
 * probabilities rounded to 4 decimals.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import type { Clip } from "../corpora/clip.ts";
 * import { scoreTest } from "./result.ts";
 * const clips = [{ corpus: "ravdess", gender: "male" }, { corpus: "tess", gender: "female" }] as Clip[];
 * const probabilities = Float32Array.of(0.9, 0.1, 0.7, 0.3); // two test clips, two classes
 * const score = scoreTest(probabilities, [0, 1], Int32Array.of(0, 1), clips, 2);
 * assertEquals(score.accuracy, 0.5);
 * assertEquals(score.per_corpus.tess, { accuracy: 0, uar: 0, n: 1 });
 * assertEquals(score.predictions[1].probabilities, [0.7, 0.3]);
 * ```
 */
export function scoreTest(
  probabilities: Float32Array,
  test: readonly number[],
  labels: Int32Array,
  clips: readonly Clip[],
  classes: number,
): TestScore {
  const predicted = argmaxRows(probabilities, classes);
  const m = computeMetrics(labels, predicted, classes);
  const predictions = test.map((clip, i) => ({
    clip,
    label: labels[i],
    predicted: predicted[i],
    probabilities: Array.from(
      probabilities.subarray(i * classes, (i + 1) * classes),
      (p) => Math.round(p * 1e4) / 1e4,
    ),
  }));
  return {
    accuracy: m.accuracy,
    uar: m.uar,
    macro_precision: m.macroPrecision,
    macro_recall: m.macroRecall,
    macro_f1: m.macroF1,
    confusion: m.confusion,
    per_corpus: groupMetrics(predictions, clips, classes, (c) => c.corpus),
    per_gender: groupMetrics(predictions, clips, classes, (c) => c.gender),
    predictions,
  };
}

/**
 * Accuracy, UAR and count of predictions grouped by a property of their clips.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import type { Clip } from "../corpora/clip.ts";
 * import { groupMetrics } from "./result.ts";
 * const clips = [{ corpus: "ravdess" }, { corpus: "tess" }, { corpus: "tess" }] as Clip[];
 * const predictions = [
 *   { clip: 0, label: 0, predicted: 0 },
 *   { clip: 1, label: 1, predicted: 1 },
 *   { clip: 2, label: 1, predicted: 0 },
 * ];
 * const byCorpus = groupMetrics(predictions, clips, 2, (c) => c.corpus);
 * assertEquals(Object.keys(byCorpus), ["ravdess", "tess"]);
 * assertEquals([byCorpus.tess.accuracy, byCorpus.tess.n], [0.5, 2]);
 * ```
 */
export function groupMetrics(
  predictions: { clip: number; label: number; predicted: number }[],
  clips: readonly Clip[],
  classes: number,
  key: (c: Clip) => string,
): FoldResult["per_corpus"] {
  const out: FoldResult["per_corpus"] = {};
  for (const v of [...new Set(predictions.map((p) => key(clips[p.clip])))].sort()) {
    const sel = predictions.filter((p) => key(clips[p.clip]) === v);
    const m = computeMetrics(
      Int32Array.from(sel, (p) => p.label),
      Int32Array.from(sel, (p) => p.predicted),
      classes,
    );
    out[v] = { accuracy: m.accuracy, uar: m.uar, n: m.n };
  }
  return out;
}

/**
 * An experiment's result from its variants: the first variant's figures at the top level (the
 * headline model), every variant below, the leak audit of the headline folds.
 *
 * @example
 * ```ts ignore
 * const result = experimentResult(def, clips, classes, variants, "SER-FusionNet", recipe);
 * ```
 */
export function experimentResult(
  def: ExperimentDef,
  clips: readonly Clip[],
  classes: readonly string[],
  variants: VariantResult[],
  model: string,
  recipe: ExperimentRecipe,
  extra: Pick<ExperimentResult, "anchors" | "notes" | "enrolment" | "domain"> = {},
): ExperimentResult {
  const main = variants[0];
  return {
    name: def.name,
    title: def.title,
    protocol: def.protocol,
    dataset: def.dataset,
    classes: [...classes],
    paper: def.paper ?? null,
    model,
    recipe,
    ...(extra.anchors ? { anchors: extra.anchors } : {}),
    ...(extra.notes?.length ? { notes: extra.notes } : {}),
    n_clips: clips.length,
    clips: clips.map(({ path, corpus, actor, gender, emotion }) => ({
      path,
      corpus,
      actor,
      gender,
      emotion,
    })),
    folds: main.folds,
    accuracy_mean: main.accuracy_mean,
    accuracy_std: main.accuracy_std,
    uar_mean: main.uar_mean,
    macro_f1_mean: main.macro_f1_mean,
    leak_audit: {
      clean: main.folds.every((f) => f.leak_audit.clean),
      folds_with_shared_actors:
        main.folds.filter((f) => f.leak_audit.sharedActors.length > 0).length,
      folds_with_shared_content:
        main.folds.filter((f) => f.leak_audit.sharedContent.length > 0).length,
      augmented_copies_of_test_clips: main.folds.reduce(
        (a, f) => a + f.leak_audit.augmentedCopiesOfTestClips,
        0,
      ),
      transductive_speaker_statistics: main.folds.some((f) =>
        f.leak_audit.transductive_speaker_statistics
      ),
    },
    variants,
    ...(extra.enrolment ? { enrolment: extra.enrolment } : {}),
    ...(extra.domain ? { domain: extra.domain } : {}),
  };
}

/**
 * A finished fold read back from its file, or null when there is none, it does not parse, or
 * it was made under another fingerprint (other settings or data).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { foldFile } from "./context.ts";
 * import { readFoldResult } from "./result.ts";
 * const runDir = await Deno.makeTempDir();
 * const done = await readFoldResult(foldFile(runDir, "0123"), "fingerprint");
 * assertEquals(done, null); // not computed yet: the unit runs
 * await Deno.remove(runDir);
 * ```
 */
export async function readFoldResult(
  file: string,
  fingerprint: string,
): Promise<FoldResult | null> {
  try {
    const r = JSON.parse(await Deno.readTextFile(file)) as FoldResult;
    return r.fingerprint === fingerprint ? r : null;
  } catch {
    return null;
  }
}
