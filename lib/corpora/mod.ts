/**
 * The four corpora in the layouts they ship in, and the SER Superset merged from them.
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildSuperset, discoverClips, stringifyManifest } from "./mod.ts";
 * const { clips } = await discoverClips("../shared/datasets/sample");
 * const manifest = stringifyManifest(buildSuperset(clips));
 * assertEquals(manifest.trim().split("\n").length, 1 + 551);
 * ```
 *
 * @module
 */
export {
  type Clip,
  type ClipLabel,
  CORPORA,
  type Corpus,
  type Emotion,
  EMOTIONS,
  type Gender,
  globalActorId,
  SUPERSET_EMOTIONS,
} from "./clip.ts";
export { labelRavdess } from "./ravdess.ts";
export { labelCremad, parseCremadDemographics } from "./cremad.ts";
export { labelTess } from "./tess.ts";
export { labelSavee } from "./savee.ts";
export { discoverClips, type Discovery, type Skipped } from "./discover.ts";
export { buildSuperset, countClips, formatCounts, type SupersetCounts } from "./superset.ts";
export { MANIFEST_COLUMNS, parseManifest, stringifyManifest } from "./manifest.ts";
export { type DuplicateGroup, findDuplicates } from "./duplicates.ts";
export { type LabelSet, labelSetOf, parseLabelSet } from "./labels.ts";
