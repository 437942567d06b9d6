/**
 * Honest evaluation: random and actor-disjoint folds, leak audits, metrics, the study's named
 * experiments and their runners, serlab's nested selection, and the choice of the model that
 * `train` and `reproduce` save.
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
  speakerFolds,
} from "./folds.ts";
export { randomSplit, rowSplit } from "./split.ts";
export { auditLeaks, type LeakAudit } from "./leak.ts";
export { argmaxRows, computeMetrics, meanStd, type Metrics } from "./metrics.ts";
export { defaultExperiments, experimentByName, EXPERIMENTS } from "./experiments.ts";
export { experimentClips } from "./experiment_clips.ts";
export type {
  Anchor,
  ExperimentDef,
  FoldPlan,
  FunctionalsExperimentDef,
  FunctionalsVariant,
  FusionExperimentDef,
  Protocol,
  SpeakerFoldPlan,
  Variant,
} from "./experiment_def.ts";
export {
  foldFile,
  type FoldUnit,
  type QuickSettings,
  type RunContext,
  type RunSettings,
  unitByKey,
} from "./context.ts";
export {
  type ExperimentResult,
  experimentResult,
  type FoldResult,
  groupMetrics,
  readFoldResult,
  scoreTest,
  summariseVariant,
  type TestScore,
  type VariantResult,
} from "./result.ts";
export { planExperiment, runExperiment, runFoldUnit } from "./run.ts";
export { functionalSetMatrices } from "./functionals_data.ts";
export {
  augmentationOf,
  CLIP_NORMALISED,
  CROSS_CORPUS_GRID,
  DEFAULT_AUGMENTATION,
  ENROLMENT_BUDGETS,
  type ExperimentRecipe,
  experimentRecipe,
  FUNCTIONAL_CUT,
  FUNCTIONAL_GRID,
  FUNCTIONAL_SELECTION,
  FUNCTIONAL_SETS,
  type FunctionalsRecipe,
  FUSIONNET_RECIPE,
  type FusionRecipe,
  PROSODIC_SET,
  QUICK_FUNCTIONALS,
  QUICK_TRAINING,
  type RecipeSettings,
  SEQUENCE_CANDIDATE,
  variantGrid,
} from "./recipes.ts";
export {
  analyseDomain,
  type CorpusAudio,
  corpusAudio,
  corpusIdentification,
  type DomainAnalysis,
  FEATURE_GROUPS,
  type FeatureShift,
  featureShifts,
  type GroupIdentification,
  recordingConditions,
} from "./domain.ts";
export {
  type Candidate,
  describeCandidate,
  type Family,
  fitCandidate,
  type FrameReader,
  nestedFold,
  type RowReader,
  selectAcross,
  selectCandidate,
  type SelectionOptions,
  type Split,
} from "./best.ts";
export { type Standardisation, standardise } from "./standardise.ts";
export {
  type BestOptions,
  DEPLOY_GRID,
  type DeployChoice,
  type DeployFamily,
  describeChoice,
  FAMILY_CHOICES,
  trainBestAndSave,
} from "./deploy_best.ts";
export { type SequenceDeployOptions, trainSequenceForDeploy } from "./deploy_sequence.ts";
export { trainFunctionalsForDeploy } from "./deploy_functionals.ts";
