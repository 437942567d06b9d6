/**
 * From clips to what the model reads: features of many clips on all cores with a content-keyed
 * cache (SER-FusionNet's features or a named functional set), augmented copies, feature tables,
 * per-speaker normalisation.
 *
 * ```ts
 * import { featurize } from "./mod.ts";
 * ```
 *
 * @module
 */
export {
  type AugmentationSpec,
  computeFeatures,
  computeFrames,
  computeSet,
  computeTasks,
  type FeatureTask,
} from "./compute.ts";
export {
  type BatchOptions,
  cacheKey,
  type FeatureBatch,
  type FeatureJob,
  FEATURES_VERSION,
  featureSettingsKey,
  featurize,
  featurizeBatches,
  featurizeFrames,
  type FeaturizeOptions,
  type FeaturizeResult,
  featurizeSet,
  featurizeTask,
  framesSettingsKey,
  type SetFeaturizeOptions,
  type SetFeaturizeResult,
  SETS_VERSION,
  setSettingsKey,
  type TaskResult,
  taskTable,
} from "./featurize.ts";
export { concatTables, type FeatureTable, selectRows } from "./table.ts";
export { buildTable, type PowerScale, scalePower } from "./build.ts";
export { normalizeBySpeaker } from "./normalize.ts";
