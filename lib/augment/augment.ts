import { Random, seedOf } from "../util/random.ts";
import { randomChannel } from "./channel.ts";
import { lowPass } from "./lowpass.ts";
import { addNoise } from "./noise.ts";
import { pitchShift } from "./pitch.ts";
import { shift } from "./shift.ts";
import { timeStretch } from "./stretch.ts";

/** The augmentations the training side can add, one augmented copy of each clip per kind. */
export type Augmentation = "noise" | "shift" | "stretch" | "pitch" | "lowpass" | "channel";

/** Every augmentation, in a fixed order. */
export const AUGMENTATIONS: readonly Augmentation[] = Object.freeze([
  "noise",
  "shift",
  "stretch",
  "pitch",
  "lowpass",
  "channel",
]);

/**
 * One augmented copy of clip `y` at `sr` Hz: the randomness comes from `seed` only, so the
 * same (clip, kind, seed) always gives the same audio, and its features can be cached.
 *
 * - noise: Gaussian noise at 0.035 * U(0, 1) * max(y) (the authors')
 * - shift: circular shift by up to ±5,000 samples
 * - stretch: phase-vocoder time stretch at rate 0.8
 * - pitch: pitch shift by U(-2, 2) semitones
 * - lowpass: 4th-order Butterworth low-pass, cutoff U(2, 4) kHz
 * - channel: a random recording channel (band limit, tilt, gain, noise; `channel.ts`)
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { augment } from "./augment.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(i / 5));
 * assertEquals(augment(y, 22050, "stretch", 7).length, 27563);
 * ```
 */
export function augment(
  y: Float32Array,
  sr: number,
  kind: Augmentation,
  seed: number,
): Float32Array {
  const random = new Random(seedOf(seed, kind));
  switch (kind) {
    case "noise":
      return addNoise(y, random);
    case "shift":
      return shift(y, random);
    case "stretch":
      return timeStretch(y, 0.8);
    case "pitch":
      return pitchShift(y, random.uniform(-2, 2));
    case "lowpass":
      return lowPass(y, sr, random.uniform(2000, 4000));
    case "channel":
      return randomChannel(y, sr, random);
  }
}
