/**
 * From clips to what the model reads: features of many clips on all cores with a content-keyed
 * cache (SER-FusionNet's features or a named functional set), augmented copies, feature tables,
 * per-speaker normalisation.
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FUSIONNET_LOAD } from "../audio/mod.ts";
 * import { FUSIONNET_FEATURES } from "../features/mod.ts";
 * import { featurize } from "./mod.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const r = await featurize([{ file: path, sha256: "0".repeat(64), augmentation: null }],
 *   { load: FUSIONNET_LOAD, features: FUSIONNET_FEATURES, cacheDir: null });
 * assertEquals(r.features.length, 1);
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
export { standardiseBySpeaker } from "./standardise.ts";
