/**
 * Honest evaluation: random and actor-disjoint folds, leak audits, metrics, and the study's
 * named experiments.
 *
 * @module
 */
export {
  actorFolds,
  corpusFolds,
  dealActors,
  EMOBOX_RAVDESS_FOLDS,
  type Fold,
  RAVDESS_FOLDS,
} from "./folds.ts";
export { randomSplit, rowSplit } from "./split.ts";
export { auditLeaks, type LeakAudit } from "./leak.ts";
export { argmaxRows, computeMetrics, meanStd, type Metrics } from "./metrics.ts";
export {
  experimentByName,
  type ExperimentDef,
  EXPERIMENTS,
  type FoldPlan,
  type Protocol,
  type Variant,
} from "./experiments.ts";
export {
  type ExperimentResult,
  foldFile,
  type FoldResult,
  type FoldUnit,
  planExperiment,
  type RunContext,
  runExperiment,
  runFoldUnit,
  type RunSettings,
  type VariantResult,
} from "./run.ts";
export {
  type BestData,
  type BestFold,
  type BestResult,
  type Candidate,
  evaluateBest,
  type Family,
  fitCandidate,
  type RowReader,
  selectCandidate,
  type Standardisation,
  standardise,
} from "./best.ts";
