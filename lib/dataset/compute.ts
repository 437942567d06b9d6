import { decodeAudio } from "../audio/decode.ts";
import { AudioError } from "../audio/error.ts";
import { cutClip, type LoadSettings } from "../audio/load.ts";
import type { Pcm } from "../audio/pcm.ts";
import { augment, type Augmentation } from "../augment/augment.ts";
import { extractFeatures, type FeatureSet, type FeatureSettings } from "../features/extract.ts";
import { checkFiniteFeatures } from "../features/finite.ts";
import { frameDescriptors } from "../features/frames.ts";
import { type LowLevelDescriptors, lowLevelDescriptors } from "../features/lld.ts";
import { type Cut, CUTS, setFromDescriptors, type SetName } from "../features/sets.ts";

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
  return _features(new _Source(bytes, file, augmentation), load, settings);
}

function _features(src: _Source, load: LoadSettings, settings: FeatureSettings): FeatureSet {
  const { file } = src;
  const y = src.signal(load);
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
  return _set(new _Source(bytes, file, augmentation), set, cut);
}

function _set(src: _Source, set: SetName, cut: Cut): Float32Array {
  const d = src.descriptors(cut);
  return _namingFile(src.file, () => setFromDescriptors(d, set));
}

/** `f()`, its error's message prefixed with the file it was computing. */
function _namingFile<T>(file: string, f: () => T): T {
  try {
    return f();
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
  return _frames(new _Source(bytes, file, augmentation));
}

function _frames(src: _Source): Float32Array {
  const y = src.signal(CUTS.paper);
  return _namingFile(src.file, () => frameDescriptors(y));
}

/**
 * Several {@linkcode FeatureTask}s of one file's bytes in one pass: the file is decoded once,
 * each cut resampled (and augmented) once, and a cut's low-level descriptors (pitch track
 * included) computed once for every functional set over it. Each task's values are exactly those
 * of the task run alone ({@linkcode computeFeatures}, {@linkcode computeSet},
 * {@linkcode computeFrames}; tested bit for bit); a set's values and a clip's frames come as
 * `acoustic`. A task that fails gives its error message (naming the file) in its place.
 *
 * @example
 * ```ts
 * import { computeTasks } from "./compute.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const [compact, large] = computeTasks(await Deno.readFile(path), path, null, [
 *   { kind: "set", set: "compact", cut: "whole" },
 *   { kind: "set", set: "large", cut: "whole" },
 * ]);
 * console.log(typeof compact !== "string" && compact.acoustic.length); // 69
 * console.log(typeof large !== "string" && large.acoustic.length); // 3428
 * ```
 */
export function computeTasks(
  bytes: Uint8Array,
  file: string,
  augmentation: AugmentationSpec | null,
  tasks: readonly FeatureTask[],
): (FeatureSet | string)[] {
  const src = new _Source(bytes, file, augmentation);
  const none = new Float32Array(0);
  return tasks.map((task) => {
    try {
      if (task.kind === "fusionnet") return _features(src, task.load, task.features);
      const acoustic = task.kind === "frames" ? _frames(src) : _set(src, task.set, task.cut);
      return { acoustic, statistical: none };
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  });
}

/**
 * One file's audio, decoded on first use, with each cut (resampled, augmented if asked) and each
 * cut's low-level descriptors computed once and kept for every task that reads them. Nothing
 * read from it is written to by the features (they copy what they change).
 */
class _Source {
  readonly file: string;
  readonly #bytes: Uint8Array;
  readonly #augmentation: AugmentationSpec | null;
  #pcm: Pcm | null = null;
  readonly #signals = new Map<string, Float32Array>();
  readonly #descriptors = new Map<Cut, LowLevelDescriptors>();

  constructor(bytes: Uint8Array, file: string, augmentation: AugmentationSpec | null) {
    this.#bytes = bytes;
    this.file = file;
    this.#augmentation = augmentation;
  }

  /** The clip as `loadClip(bytes, file, load)` gives it, augmented if asked. */
  signal(load: LoadSettings): Float32Array {
    const key = `${load.sampleRate}|${load.offset}|${load.duration}`;
    let y = this.#signals.get(key);
    if (!y) {
      this.#pcm ??= decodeAudio(this.#bytes, this.file);
      y = cutClip(this.#pcm, this.file, load);
      const a = this.#augmentation;
      if (a) y = augment(y, load.sampleRate, a.kind, a.seed);
      this.#signals.set(key, y);
    }
    return y;
  }

  /** The low-level descriptors of a cut; errors name the file. */
  descriptors(cut: Cut): LowLevelDescriptors {
    let d = this.#descriptors.get(cut);
    if (!d) {
      const load = CUTS[cut];
      const y = this.signal(load);
      d = _namingFile(this.file, () => lowLevelDescriptors(y, load.sampleRate));
      this.#descriptors.set(cut, d);
    }
    return d;
  }
}
