/**
 * The options `reproduce` and `train` share, parsed and checked in one place.
 *
 * @module
 */
import { type Augmentation, AUGMENTATIONS } from "../lib/augment/augment.ts";
import { type BackendChoice, BACKENDS } from "../lib/model/backend.ts";
import { FUSIONNET_TRAINING, type TrainOptions } from "../lib/model/train.ts";

/** `--seed N` (default 42); anything but an integer is an error. */
export function seedOption(value: unknown): number {
  const seed = value === undefined ? 42 : Number(value);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${value}`);
  return seed;
}

/** `--backend NAME` (default auto). */
export function backendOption(value: unknown): BackendChoice {
  const backend = (value ?? "auto") as BackendChoice;
  if (!BACKENDS.includes(backend)) {
    throw new Error(`--backend must be one of ${BACKENDS.join(", ")}`);
  }
  return backend;
}

/** `--augment LIST|none` (default noise,pitch). */
export function augmentOption(value: unknown): Augmentation[] {
  const names = (value as string[] | undefined) ?? ["noise", "pitch"];
  if (names.includes("none")) return [];
  for (const a of names) {
    if (!AUGMENTATIONS.includes(a as Augmentation)) throw new Error(`unknown augmentation "${a}"`);
  }
  return names as Augmentation[];
}

/** The training schedule: the paper's, or with `--quick` fewer epochs and a shorter patience. */
export function trainingOption(quick: unknown): TrainOptions {
  return quick
    ? { ...FUSIONNET_TRAINING, epochs: 20, earlyStopPatience: 3 }
    : { ...FUSIONNET_TRAINING };
}
