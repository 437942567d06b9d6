import type { FeatureBatch } from "../dataset/featurize.ts";
import type { FoldUnit, RunContext } from "./context.ts";
import type { ExperimentDef } from "./experiment_def.ts";
import type { ExperimentResult, FoldResult } from "./result.ts";
import {
  planFunctionalsExperiment,
  runFunctionalsExperiment,
  runFunctionalsFoldUnit,
} from "./run_functionals.ts";
import { planFusionExperiment, runFusionExperiment, runFusionFoldUnit } from "./run_fusionnet.ts";

/**
 * Runs one experiment of either model family — SER-FusionNet (`run_fusionnet.ts`) or the
 * functional-set classifiers (`run_functionals.ts`) — and returns its result in the one shape
 * `metrics.json` records. Finished folds are kept in the run folder and reused on resume.
 *
 * @example
 * ```ts ignore
 * const result = await runExperiment(experimentByName("paper-ravdess-cv"), ctx);
 * ```
 */
export function runExperiment(def: ExperimentDef, ctx: RunContext): Promise<ExperimentResult> {
  return def.model === "functionals"
    ? runFunctionalsExperiment(def, ctx)
    : runFusionExperiment(def, ctx);
}

/**
 * An experiment's work without doing it: its fold units (every variant × fold, with the keys of
 * their result files) and the feature jobs to compute first, by task (FusionNet's features, or
 * the functional sets and frame descriptors). Throws as {@linkcode runExperiment} does when the
 * data cannot support the experiment.
 *
 * @example
 * ```ts ignore
 * const { units, features } = await planExperiment(experimentByName("paper-ravdess-cv"), ctx);
 * ```
 */
export async function planExperiment(
  def: ExperimentDef,
  ctx: RunContext,
): Promise<{ units: FoldUnit[]; features: FeatureBatch[] }> {
  return def.model === "functionals"
    ? await planFunctionalsExperiment(def, ctx)
    : await planFusionExperiment(def, ctx);
}

/**
 * Runs one fold unit of an experiment (found by its key, from {@linkcode planExperiment}) and
 * writes its result file; a finished unit is read back, not trained again.
 *
 * @example
 * ```ts ignore
 * const result = await runFoldUnit(experimentByName("paper-ravdess-cv"), ctx, unit.key);
 * ```
 */
export function runFoldUnit(def: ExperimentDef, ctx: RunContext, key: string): Promise<FoldResult> {
  return def.model === "functionals"
    ? runFunctionalsFoldUnit(def, ctx, key)
    : runFusionFoldUnit(def, ctx, key);
}
