import { AudioError } from "../audio/error.ts";
import { loadClip, type LoadSettings } from "../audio/load.ts";
import { augment, type Augmentation } from "../augment/augment.ts";
import { extractFeatures, type FeatureSet, type FeatureSettings } from "../features/extract.ts";
import { checkFiniteFeatures } from "../features/finite.ts";
import { frameDescriptors } from "../features/frames.ts";
import { type Cut, CUTS, extractSet, type SetName } from "../features/sets.ts";

/** An augmentation of one clip: its kind and the seed its randomness comes from. */
export interface AugmentationSpec {
  kind: Augmentation;
  seed: number;
}

/**
 * The features of one file's bytes: cut and resampled by `load`, augmented if asked, then
 * featurised. Throws (naming the file) for unusable audio or non-finite features.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { computeFeatures } from "./compute.ts";
 * import { FUSIONNET_LOAD } from "../audio/load.ts";
 * import { FUSIONNET_FEATURES } from "../features/extract.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const f = computeFeatures(await Deno.readFile(path), path, null, FUSIONNET_LOAD, FUSIONNET_FEATURES);
 * assertEquals(f.acoustic.length, 162);
 * ```
 */
export function computeFeatures(
  bytes: Uint8Array,
  file: string,
  augmentation: AugmentationSpec | null,
  load: LoadSettings,
  settings: FeatureSettings,
): FeatureSet {
  let y = loadClip(bytes, file, load);
  if (augmentation) y = augment(y, load.sampleRate, augmentation.kind, augmentation.seed);
  const set = extractFeatures(y, load.sampleRate, settings);
  try {
    checkFiniteFeatures(set, y);
  } catch (e) {
    throw new AudioError(file, "non-finite", (e as Error).message);
  }
  return set;
}

/**
 * What a worker computes for a clip: SER-FusionNet's features, a named functional set, or the
 * sequence model's frame-level descriptors.
 */
export type FeatureTask =
  | { kind: "fusionnet"; load: LoadSettings; features: FeatureSettings }
  | { kind: "set"; set: SetName; cut: Cut }
  | { kind: "frames" };

/**
 * A named functional set of one file's bytes, loaded with the cut's settings and augmented if
 * asked. Throws (naming the file) for unusable audio, a clip too short for the descriptors or
 * non-finite features.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { computeSet } from "./compute.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * assertEquals(computeSet(await Deno.readFile(path), path, null, "compact", "paper").length, 69);
 * ```
 */
export function computeSet(
  bytes: Uint8Array,
  file: string,
  augmentation: AugmentationSpec | null,
  set: SetName,
  cut: Cut,
): Float32Array {
  const load = CUTS[cut];
  let y = loadClip(bytes, file, load);
  if (augmentation) y = augment(y, load.sampleRate, augmentation.kind, augmentation.seed);
  try {
    return extractSet(y, load.sampleRate, set);
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
  }
}

/**
 * The frame-level descriptors of one file's bytes (`lib/features/frames.ts`: the paper's cut,
 * padded to 2.5 s), augmented if asked. Throws (naming the file) for unusable audio or
 * non-finite descriptors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { computeFrames } from "./compute.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * assertEquals(computeFrames(await Deno.readFile(path), path, null).length, 6480);
 * ```
 */
export function computeFrames(
  bytes: Uint8Array,
  file: string,
  augmentation: AugmentationSpec | null,
): Float32Array {
  const load = CUTS.paper;
  let y = loadClip(bytes, file, load);
  if (augmentation) y = augment(y, load.sampleRate, augmentation.kind, augmentation.seed);
  try {
    return frameDescriptors(y);
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
  }
}

/**
 * Runs a {@linkcode FeatureTask} on one file's bytes; a set's values and a clip's frames come as
 * `acoustic`.
 */
export function computeTask(
  bytes: Uint8Array,
  file: string,
  augmentation: AugmentationSpec | null,
  task: FeatureTask,
): FeatureSet {
  if (task.kind === "fusionnet") {
    return computeFeatures(bytes, file, augmentation, task.load, task.features);
  }
  return {
    acoustic: task.kind === "frames"
      ? computeFrames(bytes, file, augmentation)
      : computeSet(bytes, file, augmentation, task.set, task.cut),
    statistical: new Float32Array(0),
  };
}
