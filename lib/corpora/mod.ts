/**
 * The four corpora and EMO-DB in the layouts they ship in, any labelled recordings through a
 * manifest CSV, and the SER Superset merged from the four.
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
  EMODB_SPEAKERS,
  type Emotion,
  EMOTIONS,
  type Gender,
  globalActorId,
  isStudyEmotion,
  orderCorpora,
  SUPERSET_CORPORA,
  SUPERSET_EMOTIONS,
} from "./clip.ts";
export { labelEmodb } from "./emodb.ts";
export { dataName, loadData, noClipsMessage, skippedLines } from "./data.ts";
export { MANIFEST_REQUIRED, readManifestCorpus } from "./manifest_corpus.ts";
export { labelRavdess } from "./ravdess.ts";
export { labelCremad, parseCremadDemographics } from "./cremad.ts";
export { labelTess } from "./tess.ts";
export { labelSavee } from "./savee.ts";
export { discoverClips, type Discovery, type Skipped } from "./discover.ts";
export { buildSuperset, countClips, formatCounts, type SupersetCounts } from "./superset.ts";
export { MANIFEST_COLUMNS, parseManifest, stringifyManifest } from "./manifest.ts";
export { type DuplicateGroup, findDuplicates } from "./duplicates.ts";
export {
  defaultLabelSet,
  emotionOf,
  labelMapOf,
  type LabelSet,
  labelSetOf,
  parseLabelSet,
} from "./labels.ts";
