import type { Clip } from "../corpora/clip.ts";
import { type FeatureBatch, type FeatureJob, featurize } from "../dataset/featurize.ts";
import type { PowerScale } from "../dataset/build.ts";
import { selectRows } from "../dataset/table.ts";
import type { FeatureSet } from "../features/extract.ts";
import { extractorConfig } from "../model/fusionnet/architecture.ts";
import { disposeFusionNet, predictFusionNet, trainFusionNet } from "../model/fusionnet/model.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import { sha256Hex } from "../util/hash.ts";
import { seedOf } from "../util/random.ts";
import { foldFile, type FoldUnit, foldUnits, type RunContext, unitByKey } from "./context.ts";
import { enrolmentCurve, meanCurve } from "./enrolment.ts";
import { experimentClips } from "./experiment_clips.ts";
import type { FusionExperimentDef, Variant } from "./experiment_def.ts";
import {
  augmentationSpec,
  fusionFolds,
  type FusionPlan,
  type FusionRow,
  type FusionTables,
  fusionTables,
  rowKey,
} from "./fusion_rows.ts";
import { auditLeaks } from "./leak.ts";
import {
  type ExperimentResult,
  experimentResult,
  type FoldResult,
  readFoldResult,
  scoreTest,
  summariseVariant,
  type VariantResult,
} from "./result.ts";
import { experimentRecipe, type FusionRecipe } from "./recipes.ts";

/**
 * Runs one FusionNet experiment: picks its clips, makes its folds, featurises clips and augmented
 * copies (through the cache), and for every variant and fold trains SER-FusionNet on the
 * training side only (scalers, extractor, classifier, early stopping on validation actors
 * carved from the training actors), audits leaks, and scores the test side. Finished folds are
 * saved and reused when the run resumes.
 */
export async function runFusionExperiment(
  def: FusionExperimentDef,
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
  const tablesBy = new Map<string, FusionTables>();
  const tableOf = (normalization: "speaker" | "global", power: PowerScale) => {
    const tablesKey = `${normalization}|${power}`;
    if (!tablesBy.has(tablesKey)) {
      tablesBy.set(tablesKey, fusionTables(clips, featureOf, normalization, power));
    }
    return tablesBy.get(tablesKey)!;
  };
  for (const v of prep.variants) {
    const folds: FoldResult[] = [];
    for (const fold of v.folds) {
      const raw = def.enrolment ? tableOf("global", v.power) : null;
      folds.push(await _fold(def, prep, v, fold, tableOf(v.normalization, v.power), raw, ctx));
    }
    variants.push(summariseVariant(v.variant.name, folds, clips, classes));
  }
  const enrolment = def.enrolment
    ? meanCurve(variants[0].folds.map((f) => f.enrolment!))
    : undefined;
  return experimentResult(def, clips, classes, variants, "SER-FusionNet", prep.recipe, {
    enrolment,
  });
}

/**
 * An experiment's work without doing it: its fold units (every variant × fold, with the keys of
 * their result files) and the feature jobs it reads, exactly as {@linkcode runFusionExperiment} would
 * make them. Throws as `runFusionExperiment` does when the data cannot support the experiment.
 *
 * @example
 * ```ts ignore
 * const { units, features } = await planFusionExperiment(experimentByName("paper-ravdess-cv"), ctx);
 * ```
 */
export async function planFusionExperiment(
  def: FusionExperimentDef,
  ctx: RunContext,
): Promise<{ units: FoldUnit[]; features: FeatureBatch[] }> {
  const prep = await _prepare(def, ctx);
  const { load, features } = ctx.settings;
  return {
    units: foldUnits(def.name, prep.variants, (f) => f.plan.name),
    features: [{ task: { kind: "fusionnet", load, features }, jobs: prep.jobs }],
  };
}

/**
 * Runs one fold unit of an experiment (found by its key, from {@linkcode planFusionExperiment}) on
 * the same features and tables as {@linkcode runFusionExperiment}, and writes its result file; a
 * finished unit is read back, not trained again.
 *
 * @example
 * ```ts ignore
 * const result = await runFusionFoldUnit(experimentByName("paper-ravdess-cv"), ctx, unit.key);
 * ```
 */
export async function runFusionFoldUnit(
  def: FusionExperimentDef,
  ctx: RunContext,
  key: string,
): Promise<FoldResult> {
  const prep = await _prepare(def, ctx);
  const { variant: v, fold } = unitByKey(prep.variants, key, def.name);
  const done = await readFoldResult(foldFile(ctx.runDir, key), ctx.fingerprint);
  if (done) return done;
  const featureOf = await _features(def, prep, ctx);
  const tables = fusionTables(prep.clips, featureOf, v.normalization, v.power);
  const raw = def.enrolment
    ? (v.normalization === "global"
      ? tables
      : fusionTables(prep.clips, featureOf, "global", v.power))
    : null;
  return await _fold(def, prep, v, fold, tables, raw, ctx);
}

interface _Prepared {
  clips: Clip[];
  classes: string[];
  labels: Int32Array;
  plans: FusionPlan[];
  rowList: FusionRow[];
  jobs: FeatureJob[];
  variants: _VariantPlan[];
  recipe: FusionRecipe;
}

interface _VariantPlan {
  variant: Variant;
  normalization: "speaker" | "global";
  power: PowerScale;
  folds: { plan: FusionPlan; key: string }[];
}

/** An experiment's clips, folds, feature jobs and fold keys: everything but the work. */
async function _prepare(def: FusionExperimentDef, ctx: RunContext): Promise<_Prepared> {
  const { clips, classes, labels } = experimentClips(def, ctx.clips, ctx.settings.labels);
  const s = ctx.settings;
  const recipe = experimentRecipe(def, s);
  const kinds = s.augment;
  const plans = fusionFolds(def, clips, s);
  if (plans.length === 0) throw new Error(`${def.name}: no folds (too few actors or corpora)`);

  // every (clip, augmentation) any fold needs, featurised once
  const needed = new Map<string, FusionRow>();
  for (let i = 0; i < clips.length; i++) needed.set(`${i}:`, { clip: i, aug: null });
  for (const p of plans) {
    for (const r of [...p.train, ...p.val, ...p.test]) needed.set(rowKey(r), r);
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
    augmentation: r.aug ? augmentationSpec(r.aug, clips[r.clip], s.seed) : null,
  }));
  const variants: _VariantPlan[] = [];
  for (const variant of def.variants) {
    const { normalization, power, augmentation } = recipe.variants[variant.name];
    // the leaky split's rows hold their augmented copies already
    const added = def.protocol === "augment-then-split" ? [] : augmentation;
    const folds = [];
    for (const plan of plans) {
      const train = [
        ...plan.train,
        ...plan.train.flatMap((r) => added.map((k) => ({ clip: r.clip, aug: k }))),
      ];
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
  return {
    clips,
    classes,
    labels,
    plans,
    rowList,
    jobs,
    variants,
    recipe,
  };
}

/** The features of every row the experiment needs, through the cache. */
async function _features(
  def: FusionExperimentDef,
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
  prep.rowList.forEach((r, i) => feats.features[i] && featureOf.set(rowKey(r), feats.features[i]!));
  return featureOf;
}

/**
 * A fold's result: read back from its file when finished, else trained and written; `raw` (the
 * globally scaled tables) feeds the enrolment curve of experiments with `enrolment`.
 */
async function _fold(
  def: FusionExperimentDef,
  prep: _Prepared,
  v: _VariantPlan,
  fold: { plan: FusionPlan; key: string },
  tables: FusionTables,
  raw: FusionTables | null,
  ctx: RunContext,
): Promise<FoldResult> {
  const file = foldFile(ctx.runDir, fold.key);
  const done = await readFoldResult(file, ctx.fingerprint);
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

async function _runFold(
  def: FusionExperimentDef,
  variant: Variant,
  key: string,
  plan: FusionPlan,
  clips: Clip[],
  labels: Int32Array,
  classes: string[],
  tables: FusionTables,
  normalization: "speaker" | "global",
  ctx: RunContext,
  raw: FusionTables | null,
): Promise<FoldResult> {
  const started = performance.now();
  const s = ctx.settings;
  const name = plan.name;
  const present = (rs: FusionRow[]) => rs.filter((r) => tables.index.has(rowKey(r)));
  const [train, val, test] = [present(plan.train), present(plan.val), present(plan.test)];
  const side = (rs: FusionRow[]) => ({
    table: selectRows(tables.table, rs.map((r) => tables.index.get(rowKey(r))!)),
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
    ...(s.quick ? { extractorEpochs: s.quick.extractorEpochs } : {}),
    backend: s.backend,
    seed: seedOf(s.seed, key, "model"),
  });
  try {
    const testSide = side(test);
    const probabilities = await predictFusionNet(model, testSide.table);
    const score = scoreTest(
      probabilities,
      test.map((r) => r.clip),
      testSide.labels,
      clips,
      classes.length,
    );
    const rowsOf = (rs: FusionRow[]) => rs.map((r) => raw!.index.get(rowKey(r))!);
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
        `${def.name} / ${variant.name} / ${name}: enrolment ${
          enrolment.map((p) => `${p.seconds ?? "all"} s ${p.accuracy.toFixed(3)}`).join(", ")
        }`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    ctx.log(
      `${def.name} / ${variant.name} / ${name}: accuracy ${score.accuracy.toFixed(3)}, UAR ${
        score.uar.toFixed(3)
      } (${seconds.toFixed(0)} s)`,
    );
    return {
      name,
      fingerprint: ctx.fingerprint,
      ...score,
      n_train: train.length,
      n_val: val.length,
      n_test: test.length,
      leak_audit: { ...audit, transductive_speaker_statistics: normalization === "speaker" },
      backend: variant.inputs.deep ? model.backend : null,
      history: { extractor: model.history.extractor?.epochs, fusion: model.history.fusion?.epochs },
      train_samples_per_s: model.history.extractor?.samplesPerSecond ?? null,
      seconds,
      ...(enrolment ? { enrolment } : {}),
    };
  } finally {
    disposeFusionNet(model);
  }
}
