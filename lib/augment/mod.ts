/**
 * Audio augmentation for training clips: noise, shift, time stretch, pitch shift, low-pass.
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { augment } from "./mod.ts";
 * const noisy = augment(new Float32Array(22050), 22050, "noise", 42);
 * assertEquals(noisy.length, 22050);
 * ```
 *
 * @module
 */
export { augment, type Augmentation, AUGMENTATIONS } from "./augment.ts";
export { addNoise } from "./noise.ts";
export { shift } from "./shift.ts";
export { timeStretch } from "./stretch.ts";
export { pitchShift } from "./pitch.ts";
export { lowPass } from "./lowpass.ts";
export { randomChannel } from "./channel.ts";
