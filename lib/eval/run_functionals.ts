import type { Clip } from "../corpora/clip.ts";
import { buildSuperset } from "../corpora/superset.ts";
import { type FeatureBatch, framesSettingsKey, setSettingsKey } from "../dataset/featurize.ts";
import { functionalSet } from "../features/sets.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import { mapLimit } from "../util/concurrency.ts";
import { sha256Hex } from "../util/hash.ts";
import { describeCandidate, nestedFold, type RowReader } from "./best.ts";
import { standardise } from "./standardise.ts";
import { expectedCalibrationError } from "./calibration.ts";
import { analyseDomain } from "./domain.ts";
import { foldFile, type FoldUnit, foldUnits, type RunContext, unitByKey } from "./context.ts";
import { experimentClips } from "./experiment_clips.ts";
import type { FunctionalsExperimentDef, FunctionalsVariant } from "./experiment_def.ts";
import { type Fold, speakerFolds } from "./folds.ts";
import { dataBytes, foldInWorker, workerCount } from "./fold_workers.ts";
import { frameReader } from "./frame_reader.ts";
import { functionalsBatches, type FunctionalsData, functionalsData } from "./functionals_data.ts";
// deploy_best.ts still imports it from here (being edited elsewhere now); its home is functionals_data.ts
import { auditLeaks } from "./leak.ts";
import {
  experimentRecipe,
  FUNCTIONAL_CUT,
  FUNCTIONAL_SELECTION,
  FUNCTIONAL_SETS,
  type FunctionalsRecipe,
} from "./recipes.ts";
import {
  type ExperimentResult,
  experimentResult,
  type FoldResult,
  readFoldResult,
  scoreTest,
  summariseVariant,
} from "./result.ts";

/**
 * Runs a functional-set experiment: the experiment's clips (and, for a more-speakers variant,
 * the Superset's other corpora as extra training clips), the functional sets through the
 * feature cache, and per variant and fold the nested selection of `lib/eval/best.ts`. Folds run
 * in workers, as many at once as there are cores and memory for their data (each fold's result
 * is the same however many run); finished folds are kept in the run folder and reused when the
 * run resumes.
 *
 * @example
 * ```ts ignore
 * const result = await runFunctionalsExperiment(experimentByName("best-ravdess-cv"), ctx);
 * ```
 */
export async function runFunctionalsExperiment(
  def: FunctionalsExperimentDef,
  ctx: RunContext,
): Promise<ExperimentResult> {
  const prep = await _prepare(def, ctx);
  ctx.log(
    `${def.name}: ${prep.clips.length} clips, ${prep.folds.length} fold(s), variants ${
      prep.variants.map((v) => v.variant.name).join(", ")
    }`,
  );
  for (const note of prep.notes) ctx.log(`  ${note}`);
  // features first, here, so that the workers only read the cache
  const data = await _data(def, prep, ctx);
  const bytes = dataBytes(data);
  const units = prep.variants.flatMap((v) => v.folds);
  const pending = [];
  for (const f of units) {
    if (!await readFoldResult(foldFile(ctx.runDir, f.key), ctx.fingerprint)) pending.push(f);
  }
  const workers = workerCount(pending.length, bytes);
  if (pending.length) ctx.log(`  ${pending.length} fold(s) to do, ${workers} at a time`);
  await mapLimit(pending, workers, (f) => foldInWorker(def, ctx, f.key));
  const variants = [];
  for (const v of prep.variants) {
    const folds: FoldResult[] = [];
    for (const f of v.folds) {
      const done = await readFoldResult(foldFile(ctx.runDir, f.key), ctx.fingerprint);
      if (!done) throw new Error(`${def.name}: fold ${f.fold.name} left no result`);
      folds.push({ ...done, name: f.fold.name });
    }
    variants.push(summariseVariant(v.variant.name, folds, prep.clips, prep.classes));
  }
  return experimentResult(
    def,
    prep.clips,
    prep.classes,
    variants,
    `functional-set classifiers: ${FUNCTIONAL_SELECTION}${
      ctx.settings.quick
        ? `; QUICK SETTINGS: the grid cut to ${
          ctx.settings.quick.grid.map(describeCandidate).join(", ")
        }, the sequence model ${describeCandidate(ctx.settings.quick.sequence)}`
        : ""
    }`,
    prep.recipe,
    {
      anchors: def.anchors,
      notes: prep.notes,
      ...(def.protocol === "leave-one-corpus-out"
        ? {
          domain: await analyseDomain(
            prep.clips,
            ctx.root,
            data.sets.compact,
            functionalSet("compact").names,
            data.ok,
          ),
        }
        : {}),
    },
  );
}

/**
 * A functional-set experiment's fold units without doing them. Its features are the functional
 * sets, which the units compute through the shared cache; none are listed for a separate step.
 *
 * @example
 * ```ts ignore
 * const { units } = await planFunctionalsExperiment(experimentByName("best-ravdess-cv"), ctx);
 * ```
 */
export async function planFunctionalsExperiment(
  def: FunctionalsExperimentDef,
  ctx: RunContext,
): Promise<{ units: FoldUnit[]; features: FeatureBatch[] }> {
  const prep = await _prepare(def, ctx);
  return {
    units: foldUnits(def.name, prep.variants, (f) => f.fold.name),
    features: functionalsBatches(prep.all, ctx.root, _framedClips(prep)),
  };
}

/**
 * Runs one fold unit of a functional-set experiment, found by its key; a finished one is read
 * back.
 *
 * @example
 * ```ts ignore
 * await runFunctionalsFoldUnit(experimentByName("best-ravdess-cv"), ctx, unit.key);
 * ```
 */
export async function runFunctionalsFoldUnit(
  def: FunctionalsExperimentDef,
  ctx: RunContext,
  key: string,
): Promise<FoldResult> {
  const prep = await _prepare(def, ctx);
  const { variant, fold } = unitByKey(prep.variants, key, def.name);
  const done = await readFoldResult(foldFile(ctx.runDir, key), ctx.fingerprint);
  if (done) return done;
  const data = await _data(def, prep, ctx);
  return await _fold(def, prep, data, variant.variant, fold, ctx);
}

interface _Prepared {
  /** The experiment's clips, then the extra training clips of more-speakers variants. */
  all: Clip[];
  /** The experiment's clips: `all[0 .. clips.length)`. */
  clips: Clip[];
  classes: string[];
  /** Class index of every clip of `all`. */
  labels: Int32Array;
  folds: Fold[];
  variants: { variant: FunctionalsVariant; folds: { fold: Fold; key: string }[] }[];
  notes: string[];
  /** The recipe: every variant's grid, in its fold keys and used by its nested selection. */
  recipe: FunctionalsRecipe;
}

async function _prepare(def: FunctionalsExperimentDef, ctx: RunContext): Promise<_Prepared> {
  const s = ctx.settings;
  const recipe = experimentRecipe(def, s);
  const { clips, classes, labels } = experimentClips(def, ctx.clips, s.labels);
  const folds = speakerFolds(def.folds, clips, s.seed, s.valShare);
  if (folds.length === 0) throw new Error(`${def.name}: no folds (too few actors or corpora)`);
  const classOf = (c: Clip) => s.labels ? s.labels.map[c.emotion] : c.emotion;
  // the Superset's other corpora, only for an experiment with a variant that trains on them
  const extra = def.dataset === "ravdess" && def.variants.some((v) => v.moreSpeakers)
    ? buildSuperset(ctx.clips).filter((c) =>
      c.corpus !== "ravdess" && classes.includes(classOf(c) ?? "")
    )
    : [];
  const all = [...clips, ...extra];
  const allLabels = new Int32Array(all.length);
  allLabels.set(labels);
  extra.forEach((c, i) => allLabels[clips.length + i] = classes.indexOf(classOf(c)!));
  const extraRows = extra.map((_, i) => clips.length + i);
  const sets = await Promise.all(FUNCTIONAL_SETS.map((n) => setSettingsKey(n, FUNCTIONAL_CUT)));
  const frames = await framesSettingsKey();
  const notes: string[] = [];
  const variants = [];
  for (const variant of def.variants) {
    if (variant.moreSpeakers && extra.length === 0) {
      notes.push(
        `variant ${variant.name} skipped: it adds the Superset's other corpora to training, ` +
          `and none is under the data folder`,
      );
      continue;
    }
    const vfolds = [];
    for (const f of folds) {
      const fold = variant.moreSpeakers ? { ...f, train: [...f.train, ...extraRows] } : f;
      const key = (await sha256Hex(JSON.stringify({
        fingerprint: ctx.fingerprint,
        model: "functionals",
        classes,
        variant: {
          standardisation: variant.standardisation,
          more: !!variant.moreSpeakers,
          ...(variant.selection ? { selection: variant.selection } : {}),
        },
        sets,
        grid: recipe.variants[variant.name].grid,
        rows: [fold.train, fold.val, fold.test].map((rs) => rs.map((i) => all[i].sha256)),
        ...(variant.sequence ? { frames } : {}),
      }))).slice(0, 20);
      vfolds.push({ fold, key });
    }
    variants.push({ variant, folds: vfolds });
  }
  return { all, clips, classes, labels: allLabels, folds, variants, notes, recipe };
}

/** An experiment's features: the sets its grids use, frames if a variant has the sequence model. */
function _data(
  def: FunctionalsExperimentDef,
  prep: _Prepared,
  ctx: RunContext,
): Promise<FunctionalsData> {
  const used = new Set(
    prep.variants.flatMap((v) => prep.recipe.variants[v.variant.name].grid.map((c) => c.set)),
  );
  return functionalsData(prep.all, _framedClips(prep), used, ctx, def.name);
}

/**
 * The clips whose frames the sequence variants read (the first of `prep.all`: the extra corpora's
 * only if a sequence variant adds them), or null when no variant has the sequence model.
 */
function _framedClips(prep: _Prepared): Clip[] | null {
  const sequence = prep.variants.filter((v) => v.variant.sequence);
  if (!sequence.length) return null;
  return sequence.some((v) => v.variant.moreSpeakers) ? prep.all : prep.clips;
}

async function _fold(
  def: FunctionalsExperimentDef,
  prep: _Prepared,
  data: FunctionalsData,
  variant: FunctionalsVariant,
  f: { fold: Fold; key: string },
  ctx: RunContext,
): Promise<FoldResult> {
  const file = foldFile(ctx.runDir, f.key);
  const done = await readFoldResult(file, ctx.fingerprint);
  if (done) return { ...done, name: f.fold.name };
  const started = performance.now();
  const present = (rs: number[]) => rs.filter((i) => data.ok[i]);
  const fold = {
    train: present(f.fold.train),
    val: present(f.fold.val),
    test: present(f.fold.test),
  };
  ctx.log(
    `${def.name} / ${variant.name} / ${f.fold.name}: train ${fold.train.length}, ` +
      `val ${fold.val.length}, test ${fold.test.length}`,
  );
  // per-speaker (domain-adapted): each speaker's (corpus's) statistics from all their rows,
  // labels never read; per-corpus: each training corpus's from its training rows
  const std = variant.standardisation;
  const speakers = std === "per-speaker"
    ? prep.all.map((c) => `${c.corpus}:${c.actor}`)
    : std === "domain-adapted" || std === "per-corpus"
    ? prep.all.map((c) => c.corpus)
    : null;
  const within = std === "per-corpus" ? "stats" : "all";
  const read: RowReader = (set, idx, statsOf) =>
    standardise(data.sets[set], idx, statsOf, speakers, within);
  const k = prep.classes.length;
  const inner = variant.selection === "corpora"
    ? _corpusSplits(prep.all, [...fold.train, ...fold.val], def.name)
    : undefined;
  const r = await nestedFold(
    read,
    prep.labels,
    k,
    { ...fold, inner },
    prep.recipe.variants[variant.name].grid,
    {
      frames: variant.sequence && data.frames ? frameReader(data.frames, speakers) : undefined,
      seed: ctx.settings.seed,
    },
  );
  const y = Int32Array.from(fold.test, (i) => prep.labels[i]);
  const score = scoreTest(r.probabilities, fold.test, y, prep.all, k);
  const calibration = {
    temperature: r.temperature,
    ece: expectedCalibrationError(r.probabilities, y, k).ece,
    ece_uncalibrated: expectedCalibrationError(r.uncalibrated, y, k).ece,
  };
  const seconds = (performance.now() - started) / 1000;
  // named in full: with folds two or more at a time, lines of other folds come between
  ctx.log(
    `${def.name} / ${variant.name} / ${f.fold.name}: accuracy ${score.accuracy.toFixed(3)}, UAR ${
      score.uar.toFixed(3)
    } (chose ${r.chosen.map(describeCandidate).join(" + ")}; validation UAR ${
      r.validationUar.toFixed(3)
    }; ECE ${calibration.ece.toFixed(3)} at T ${r.temperature.toFixed(2)}; ${
      seconds.toFixed(0)
    } s)`,
  );
  const result: FoldResult = {
    name: f.fold.name,
    fingerprint: ctx.fingerprint,
    ...score,
    n_train: fold.train.length,
    n_val: fold.val.length,
    n_test: fold.test.length,
    leak_audit: {
      ...auditLeaks(prep.all, [...fold.train, ...fold.val], fold.test),
      transductive_speaker_statistics: std === "per-speaker",
      test_corpus_audio_read: std === "domain-adapted",
    },
    backend: null,
    history: {},
    train_samples_per_s: null,
    seconds,
    recipe: {
      chosen: r.chosen,
      validation_uar: r.validationUar,
      ...(inner ? { validation: "leave-one-training-corpus-out" as const } : {}),
    },
    calibration,
  };
  await writeFileAtomic(file, JSON.stringify(result));
  return result;
}

/**
 * Nested leave-one-corpus-out over a fold's training rows: each training corpus the validation
 * rows in turn, fitted on the others. Throws naming the experiment with fewer than two.
 */
function _corpusSplits(all: readonly Clip[], rows: readonly number[], name: string) {
  const corpora = [...new Set(rows.map((i) => all[i].corpus))].sort();
  if (corpora.length < 2) {
    throw new Error(`${name}: choosing across corpora needs two training corpora, not ${corpora}`);
  }
  return corpora.map((c) => ({
    train: rows.filter((i) => all[i].corpus !== c),
    val: rows.filter((i) => all[i].corpus === c),
  }));
}
