import type { LoadSettings } from "../audio/load.ts";
import type { Augmentation } from "../augment/augment.ts";
import { type Clip, CORPORA, type Corpus, EMOTIONS, SUPERSET_EMOTIONS } from "../corpora/clip.ts";
import { type LabelSet, labelSetOf } from "../corpora/labels.ts";
import type { AugmentationSpec } from "../dataset/compute.ts";
import { type FeatureJob, featurize } from "../dataset/featurize.ts";
import { buildTable, type PowerScale } from "../dataset/build.ts";
import { normalizeBySpeaker } from "../dataset/normalize.ts";
import { type FeatureTable, selectRows } from "../dataset/table.ts";
import type { FeatureSet, FeatureSettings } from "../features/extract.ts";
import { extractorConfig } from "../model/architecture.ts";
import type { BackendChoice, BackendInfo } from "../model/backend.ts";
import { disposeFusionNet, predictFusionNet, trainFusionNet } from "../model/fusionnet.ts";
import type { EpochLog, TrainOptions } from "../model/train.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import { sha256Hex } from "../util/hash.ts";
import { seedOf } from "../util/random.ts";
import { enrolmentCurve, type EnrolmentPoint, meanCurve } from "./enrolment.ts";
import type { ExperimentDef, Variant } from "./experiments.ts";
import {
  actorFolds,
  corpusFolds,
  dealActors,
  EMOBOX_RAVDESS_FOLDS,
  type Fold,
  RAVDESS_FOLDS,
} from "./folds.ts";
import { auditLeaks, type LeakAudit } from "./leak.ts";
import { argmaxRows, computeMetrics, meanStd, type Metrics } from "./metrics.ts";
import { randomSplit, rowSplit } from "./split.ts";

/** Everything that shapes a run's numbers (recorded in metrics.json). */
export interface RunSettings {
  seed: number;
  /** Augmentations whose copies are added to the training side (variants may turn them off). */
  augment: Augmentation[];
  /** "speaker": features standardised per speaker (ours); "global": one scaler (the paper's). */
  normalization: "speaker" | "global";
  /** The scale of the power-like features ("log": ours; "linear": the paper's). */
  power: PowerScale;
  backend: BackendChoice;
  training: TrainOptions;
  /** Stacked Conv1D blocks of the extractor (1: the authors' notebook). */
  convLayers: number;
  fusionHidden: number[];
  /** Share of training actors held out for early stopping. */
  valShare: number;
  load: LoadSettings;
  features: FeatureSettings;
  /** `--labels`: the classes of every experiment (absent: each experiment's own). */
  labels?: LabelSet;
}

/** Where a run reads clips and features and writes fold results. */
export interface RunContext {
  /** Every clip found (all emotions); experiments pick theirs. */
  clips: Clip[];
  /** Folder the clip paths are relative to. */
  root: string;
  cacheDir: string;
  /** Run folder: finished folds are kept under `folds/` and reused when the run resumes. */
  runDir: string;
  settings: RunSettings;
  /** A fingerprint of settings and data: fold files from other settings are not reused. */
  fingerprint: string;
  log: (line: string) => void;
}

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
  leak_audit: LeakAudit & { transductive_speaker_statistics: boolean };
  backend: BackendInfo | null;
  history: { extractor?: EpochLog[]; fusion?: EpochLog[] };
  train_samples_per_s: number | null;
  seconds: number;
  /** The enrolment curve (experiments with `enrolment`). */
  enrolment?: EnrolmentPoint[];
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
}

interface _Row {
  clip: number;
  aug: Augmentation | null;
}

/**
 * Runs one experiment: picks its clips, makes its folds, featurises clips and augmented
 * copies (through the cache), and for every variant and fold trains SER-FusionNet on the
 * training side only (scalers, extractor, classifier, early stopping on validation actors
 * carved from the training actors), audits leaks, and scores the test side. Finished folds are
 * saved and reused when the run resumes.
 */
export async function runExperiment(
  def: ExperimentDef,
  ctx: RunContext,
): Promise<ExperimentResult> {
  const prep = await _prepare(def, ctx);
  const { clips, classes } = prep;
  ctx.log(
    `${def.name}: ${clips.length} clips, ${prep.plans.length} fold(s), variants ${
      def.variants.map((v) => v.name).join(", ")
    }`,
  );
  const featureOf = await _features(def, prep, ctx);
  const variants: VariantResult[] = [];
  const tablesBy = new Map<string, ReturnType<typeof _tables>>();
  const tableOf = (normalization: "speaker" | "global", power: PowerScale) => {
    const tablesKey = `${normalization}|${power}`;
    if (!tablesBy.has(tablesKey)) {
      tablesBy.set(tablesKey, _tables(clips, featureOf, normalization, power));
    }
    return tablesBy.get(tablesKey)!;
  };
  for (const v of prep.variants) {
    const folds: FoldResult[] = [];
    for (const fold of v.folds) {
      const raw = def.enrolment ? tableOf("global", v.power) : null;
      folds.push(await _fold(def, prep, v, fold, tableOf(v.normalization, v.power), raw, ctx));
    }
    variants.push(_summarise(v.variant.name, folds, clips, classes));
  }
  const main = variants[0];
  return {
    name: def.name,
    title: def.title,
    protocol: def.protocol,
    dataset: def.dataset,
    classes,
    paper: def.paper ?? null,
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
    ...(def.enrolment ? { enrolment: meanCurve(main.folds.map((f) => f.enrolment!)) } : {}),
  };
}

/** One unit of a study's work: a fold of a variant of an experiment, found by its key. */
export interface FoldUnit {
  experiment: string;
  variant: string;
  fold: string;
  /** The content key of the fold's result file, {@linkcode foldFile}. */
  key: string;
}

/**
 * Where a fold's result is kept in a run folder: the key hashes the settings, the variant and
 * the fold's rows, so a finished fold is reused by any run (or task) that needs the same work.
 *
 * @example
 * ```ts
 * import { foldFile } from "./run.ts";
 * console.log(foldFile("results/x", "0123")); // results/x/folds/0123.json
 * ```
 */
export function foldFile(runDir: string, key: string): string {
  return `${runDir}/folds/${key}.json`;
}

/**
 * An experiment's work without doing it: its fold units (every variant × fold, with the keys of
 * their result files) and the feature jobs it reads, exactly as {@linkcode runExperiment} would
 * make them. Throws as `runExperiment` does when the data cannot support the experiment.
 *
 * @example
 * ```ts ignore
 * const { units, features } = await planExperiment(experimentByName("paper-ravdess-cv"), ctx);
 * ```
 */
export async function planExperiment(
  def: ExperimentDef,
  ctx: RunContext,
): Promise<{ units: FoldUnit[]; features: FeatureJob[] }> {
  const prep = await _prepare(def, ctx);
  return {
    units: prep.variants.flatMap((v) =>
      v.folds.map((f) => ({
        experiment: def.name,
        variant: v.variant.name,
        fold: f.plan.name,
        key: f.key,
      }))
    ),
    features: prep.jobs,
  };
}

/**
 * Runs one fold unit of an experiment (found by its key, from {@linkcode planExperiment}) on
 * the same features and tables as {@linkcode runExperiment}, and writes its result file; a
 * finished unit is read back, not trained again.
 *
 * @example
 * ```ts ignore
 * const result = await runFoldUnit(experimentByName("paper-ravdess-cv"), ctx, unit.key);
 * ```
 */
export async function runFoldUnit(
  def: ExperimentDef,
  ctx: RunContext,
  key: string,
): Promise<FoldResult> {
  const prep = await _prepare(def, ctx);
  const v = prep.variants.find((v) => v.folds.some((f) => f.key === key));
  if (!v) throw new Error(`${def.name}: no fold with key ${key} in this run`);
  const done = await _readFold(foldFile(ctx.runDir, key), ctx.fingerprint);
  if (done) return done;
  const featureOf = await _features(def, prep, ctx);
  const tables = _tables(prep.clips, featureOf, v.normalization, v.power);
  const raw = def.enrolment
    ? (v.normalization === "global" ? tables : _tables(prep.clips, featureOf, "global", v.power))
    : null;
  return await _fold(def, prep, v, v.folds.find((f) => f.key === key)!, tables, raw, ctx);
}

interface _Prepared {
  clips: Clip[];
  classes: string[];
  labels: Int32Array;
  plans: _Plan[];
  rowList: _Row[];
  jobs: FeatureJob[];
  variants: _VariantPlan[];
}

interface _VariantPlan {
  variant: Variant;
  normalization: "speaker" | "global";
  power: PowerScale;
  folds: { plan: _Plan; key: string }[];
}

/** An experiment's clips, folds, feature jobs and fold keys: everything but the work. */
async function _prepare(def: ExperimentDef, ctx: RunContext): Promise<_Prepared> {
  // the classes: the run's --labels, else the experiment's, else the dataset's
  const set = ctx.settings.labels ?? (def.labels ? labelSetOf(def.labels) : null);
  const classes = set
    ? [...set.labels]
    : def.dataset === "ravdess"
    ? [...EMOTIONS]
    : [...SUPERSET_EMOTIONS];
  const classOf = (c: Clip) => set ? set.map[c.emotion] : c.emotion;
  const clips = ctx.clips.filter((c) =>
    (def.dataset === "ravdess"
      ? c.corpus === "ravdess"
      : set !== null || SUPERSET_EMOTIONS.includes(c.emotion)) &&
    classes.includes(classOf(c) ?? "")
  );
  if (clips.length === 0) {
    throw new Error(`${def.name}: no ${def.dataset === "ravdess" ? "RAVDESS" : "Superset"} clips`);
  }
  const labels = Int32Array.from(clips, (c) => classes.indexOf(classOf(c)!));
  const s = ctx.settings;
  const kinds = s.augment;
  const plans = _folds(def, clips, s, kinds);
  if (plans.length === 0) throw new Error(`${def.name}: no folds (too few actors or corpora)`);

  // every (clip, augmentation) any fold needs, featurised once
  const needed = new Map<string, _Row>();
  for (let i = 0; i < clips.length; i++) needed.set(`${i}:`, { clip: i, aug: null });
  for (const p of plans) {
    for (const r of [...p.train, ...p.val, ...p.test]) needed.set(`${r.clip}:${r.aug ?? ""}`, r);
    if (def.variants.some((v) => v.augment) && def.protocol !== "augment-then-split") {
      for (const r of p.train) {
        for (const k of kinds) needed.set(`${r.clip}:${k}`, { clip: r.clip, aug: k });
      }
    }
  }
  const rowList = [...needed.values()];
  const jobs = rowList.map((r) => ({
    file: `${ctx.root}/${clips[r.clip].path}`,
    sha256: clips[r.clip].sha256,
    augmentation: r.aug ? _spec(r.aug, clips[r.clip], s.seed) : null,
  }));
  const variants: _VariantPlan[] = [];
  for (const variant of def.variants) {
    const normalization = variant.normalization ?? s.normalization;
    const power = variant.power ?? s.power;
    const folds = [];
    for (const plan of plans) {
      const train = variant.augment && def.protocol !== "augment-then-split"
        ? [
          ...plan.train,
          ...plan.train.flatMap((r) => kinds.map((k) => ({ clip: r.clip, aug: k }))),
        ]
        : plan.train;
      // the same work (data, variant, fold) in another experiment is done once: ablation's
      // "fusion" is paper-ravdess-cv
      const key = (await sha256Hex(JSON.stringify({
        fingerprint: ctx.fingerprint,
        classes,
        variant: { inputs: variant.inputs, normalization, power },
        ...(def.enrolment ? { enrolment: def.enrolment } : {}),
        rows: [train, plan.val, plan.test].map((rs) =>
          rs.map((r) => `${clips[r.clip].sha256}:${r.aug ?? ""}`)
        ),
      }))).slice(0, 20);
      folds.push({ plan: { ...plan, train }, key });
    }
    variants.push({ variant, normalization, power, folds });
  }
  return { clips, classes, labels, plans, rowList, jobs, variants };
}

/** The features of every row the experiment needs, through the cache. */
async function _features(
  def: ExperimentDef,
  prep: _Prepared,
  ctx: RunContext,
): Promise<Map<string, FeatureSet>> {
  const s = ctx.settings;
  const feats = await featurize(prep.jobs, {
    load: s.load,
    features: s.features,
    cacheDir: ctx.cacheDir,
    label: `${def.name} features`,
  });
  for (const sk of feats.skipped) ctx.log(`  skipped ${sk.reason}`);
  const featureOf = new Map<string, FeatureSet>();
  prep.rowList.forEach((r, i) =>
    feats.features[i] && featureOf.set(`${r.clip}:${r.aug ?? ""}`, feats.features[i]!)
  );
  return featureOf;
}

/**
 * A fold's result: read back from its file when finished, else trained and written; `raw` (the
 * globally scaled tables) feeds the enrolment curve of experiments with `enrolment`.
 */
async function _fold(
  def: ExperimentDef,
  prep: _Prepared,
  v: _VariantPlan,
  fold: { plan: _Plan; key: string },
  tables: ReturnType<typeof _tables>,
  raw: ReturnType<typeof _tables> | null,
  ctx: RunContext,
): Promise<FoldResult> {
  const file = foldFile(ctx.runDir, fold.key);
  const done = await _readFold(file, ctx.fingerprint);
  if (done) return { ...done, name: fold.plan.name };
  const result = await _runFold(
    def,
    v.variant,
    fold.key,
    fold.plan,
    prep.clips,
    prep.labels,
    prep.classes,
    tables,
    v.normalization,
    ctx,
    raw,
  );
  await writeFileAtomic(file, JSON.stringify(result));
  return result;
}

/** The augmentation of one clip: its seed comes from the run seed and the clip's content. */
function _spec(kind: Augmentation, clip: Clip, seed: number): AugmentationSpec {
  return { kind, seed: seedOf(seed, clip.sha256) };
}

interface _Plan {
  name: string;
  train: _Row[];
  val: _Row[];
  test: _Row[];
}

function _folds(def: ExperimentDef, clips: Clip[], s: RunSettings, kinds: Augmentation[]): _Plan[] {
  const rows = (idx: number[]) => idx.map((clip) => ({ clip, aug: null }));
  const plain = (folds: Fold[]) =>
    folds.filter((f) => f.test.length > 0 && f.train.length > 0).map((f) => ({
      name: f.name,
      train: rows(f.train),
      val: rows(f.val),
      test: rows(f.test),
    }));
  const present = new Set(clips.map((c) => c.actor));
  const keep = (groups: readonly (readonly number[])[]) =>
    groups.filter((g) => g.some((a) => present.has(a)));
  switch (def.folds) {
    case "random":
      return plain([randomSplit(clips, seedOf(s.seed, def.name))]);
    case "rows": {
      const copies: (Augmentation | null)[] = [
        null,
        ...(kinds.length ? kinds : (["noise", "pitch"] as const)),
      ];
      const all: _Row[] = clips.flatMap((_, clip) => copies.map((aug) => ({ clip, aug })));
      const split = rowSplit(all.map((r) => r.clip), seedOf(s.seed, def.name));
      return [{
        name: split.name,
        train: split.train.map((i) => all[i]),
        val: split.val.map((i) => all[i]),
        test: split.test.map((i) => all[i]),
      }];
    }
    case "ravdess-paper":
      return plain(actorFolds(clips, keep(RAVDESS_FOLDS), s.seed, s.valShare));
    case "ravdess-emobox":
      return plain(actorFolds(clips, keep(EMOBOX_RAVDESS_FOLDS), s.seed, s.valShare));
    case "superset-11": {
      const k = Math.min(11, present.size);
      return plain(actorFolds(clips, dealActors(clips, k, s.seed), s.seed, s.valShare));
    }
    case "corpora": {
      const corpora = CORPORA.filter((c) => clips.some((x) => x.corpus === c));
      return corpora.length < 2
        ? []
        : plain(corpusFolds(clips, corpora as Corpus[], s.seed, s.valShare));
    }
  }
}

/** Feature tables of every (clip, augmentation) row, normalised per speaker if asked. */
function _tables(
  clips: Clip[],
  featureOf: Map<string, FeatureSet>,
  normalization: "speaker" | "global",
  power: PowerScale,
): { table: FeatureTable; index: Map<string, number> } {
  const keys = [...featureOf.keys()];
  const rowsOf = keys.map((k) => Number(k.slice(0, k.indexOf(":"))));
  const table = buildTable(
    rowsOf.map((i) => clips[i]),
    keys.map((k) => featureOf.get(k)!),
    power,
  );
  const index = new Map(keys.map((k, i) => [k, i]));
  if (normalization === "global") return { table, index };
  const groups = keys.map((k, i) => `${clips[rowsOf[i]].actor}|${k.slice(k.indexOf(":") + 1)}`);
  return { table: normalizeBySpeaker(table, groups), index };
}

async function _runFold(
  def: ExperimentDef,
  variant: Variant,
  key: string,
  plan: _Plan,
  clips: Clip[],
  labels: Int32Array,
  classes: string[],
  tables: { table: FeatureTable; index: Map<string, number> },
  normalization: "speaker" | "global",
  ctx: RunContext,
  raw: { table: FeatureTable; index: Map<string, number> } | null,
): Promise<FoldResult> {
  const started = performance.now();
  const s = ctx.settings;
  const name = plan.name;
  const present = (rs: _Row[]) => rs.filter((r) => tables.index.has(`${r.clip}:${r.aug ?? ""}`));
  const [train, val, test] = [present(plan.train), present(plan.val), present(plan.test)];
  const side = (rs: _Row[]) => ({
    table: selectRows(tables.table, rs.map((r) => tables.index.get(`${r.clip}:${r.aug ?? ""}`)!)),
    labels: Int32Array.from(rs, (r) => labels[r.clip]),
  });
  const audit = auditLeaks(
    clips,
    train.filter((r) => !r.aug).map((r) => r.clip),
    test.map((r) => r.clip),
    train.filter((r) => r.aug).map((r) => r.clip),
  );
  ctx.log(
    `${def.name} / ${variant.name} / ${name}: train ${train.length} rows, val ${val.length}, test ${test.length}`,
  );
  const model = await trainFusionNet(side(train), val.length ? side(val) : null, {
    labels: classes,
    inputs: variant.inputs,
    extractor: extractorConfig(classes.length, { convLayers: s.convLayers }),
    fusionHidden: s.fusionHidden,
    training: { ...s.training, seed: seedOf(s.seed, key, "training") },
    backend: s.backend,
    seed: seedOf(s.seed, key, "model"),
  });
  try {
    const testSide = side(test);
    const probabilities = await predictFusionNet(model, testSide.table);
    const predicted = argmaxRows(probabilities, classes.length);
    const m = computeMetrics(testSide.labels, predicted, classes.length);
    const predictions = test.map((r, i) => ({
      clip: r.clip,
      label: testSide.labels[i],
      predicted: predicted[i],
      probabilities: Array.from(
        probabilities.subarray(i * classes.length, (i + 1) * classes.length),
        (p) => Math.round(p * 1e4) / 1e4,
      ),
    }));
    const rowsOf = (rs: _Row[]) => rs.map((r) => raw!.index.get(`${r.clip}:${r.aug ?? ""}`)!);
    const enrolment = def.enrolment && raw
      ? await enrolmentCurve(model, {
        budgets: def.enrolment,
        train: selectRows(raw.table, rowsOf(train)),
        test: selectRows(raw.table, rowsOf(test)),
        labels: testSide.labels,
        speakers: test.map((r) => clips[r.clip].actor),
        files: test.map((r) => `${ctx.root}/${clips[r.clip].path}`),
        load: s.load,
        classes: classes.length,
        seed: seedOf(s.seed, key, "enrolment"),
      })
      : undefined;
    if (enrolment) {
      ctx.log(
        `  enrolment: ${
          enrolment.map((p) => `${p.seconds ?? "all"} s ${p.accuracy.toFixed(3)}`).join(", ")
        }`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    ctx.log(
      `  accuracy ${m.accuracy.toFixed(3)}, UAR ${m.uar.toFixed(3)} (${seconds.toFixed(0)} s)`,
    );
    return {
      name,
      fingerprint: ctx.fingerprint,
      accuracy: m.accuracy,
      uar: m.uar,
      macro_precision: m.macroPrecision,
      macro_recall: m.macroRecall,
      macro_f1: m.macroF1,
      n_train: train.length,
      n_val: val.length,
      n_test: test.length,
      confusion: m.confusion,
      per_corpus: _byGroup(predictions, clips, classes.length, (c) => c.corpus),
      per_gender: _byGroup(predictions, clips, classes.length, (c) => c.gender),
      leak_audit: { ...audit, transductive_speaker_statistics: normalization === "speaker" },
      backend: variant.inputs.deep ? model.backend : null,
      history: { extractor: model.history.extractor?.epochs, fusion: model.history.fusion?.epochs },
      train_samples_per_s: model.history.extractor?.samplesPerSecond ?? null,
      seconds,
      ...(enrolment ? { enrolment } : {}),
      predictions,
    };
  } finally {
    disposeFusionNet(model);
  }
}

function _summarise(
  name: string,
  folds: FoldResult[],
  clips: Clip[],
  classes: string[],
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
      per_corpus: _byGroup(all, clips, classes.length, (c) => c.corpus),
      per_gender: _byGroup(all, clips, classes.length, (c) => c.gender),
    },
  };
}

/** Accuracy, UAR and count of predictions grouped by a property of their clips. */
function _byGroup(
  predictions: { clip: number; label: number; predicted: number }[],
  clips: Clip[],
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

async function _readFold(file: string, fingerprint: string): Promise<FoldResult | null> {
  try {
    const r = JSON.parse(await Deno.readTextFile(file)) as FoldResult;
    return r.fingerprint === fingerprint ? r : null;
  } catch {
    return null;
  }
}
