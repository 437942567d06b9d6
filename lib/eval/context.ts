import type { LoadSettings } from "../audio/load.ts";
import type { Augmentation } from "../augment/augment.ts";
import type { Clip } from "../corpora/clip.ts";
import type { LabelSet } from "../corpora/labels.ts";
import type { PowerScale } from "../dataset/build.ts";
import type { FeatureSettings } from "../features/extract.ts";
import type { BackendChoice } from "../model/fusionnet/backend.ts";
import type { TrainOptions } from "../model/fusionnet/train.ts";
import type { Candidate } from "./best.ts";

/** Everything that shapes a run's numbers (recorded in metrics.json). */
export interface RunSettings {
  seed: number;
  /** Augmentations whose copies are added to the training side (variants may turn them off). */
  augment: Augmentation[];
  /** "speaker": features standardised per speaker (ours); "global": one scaler (the paper's). */
  normalization: "speaker" | "global";
  /** The scale of the power-like features ("log": ours; "linear": the paper's). */
  power: PowerScale;
  backend: BackendChoice;
  training: TrainOptions;
  /** Stacked Conv1D blocks of the extractor (1: the authors' notebook). */
  convLayers: number;
  fusionHidden: number[];
  /** Share of training actors held out for early stopping. */
  valShare: number;
  load: LoadSettings;
  features: FeatureSettings;
  /** `--labels`: the classes of every experiment (absent: each experiment's own). */
  labels?: LabelSet;
  /**
   * Quick settings (`--quick`, and always on the demo corpus): FusionNet's extractor trained for
   * fewer epochs, the functional-set experiments' smaller grid and sequence candidate. Absent:
   * the full study's.
   */
  quick?: QuickSettings;
}

/** What a quick run cuts: the FusionNet extractor's epochs, the functional-set grid. */
export interface QuickSettings {
  /** At most this many epochs for FusionNet's extractor (its other stages keep theirs). */
  extractorEpochs: number;
  /** The nested selection's candidates (one or two of each family). */
  grid: readonly Candidate[];
  /** The sequence candidate of the variants that include it (fewer epochs and seeds). */
  sequence: Extract<Candidate, { family: "sequence" }>;
}

/** Where a run reads clips and features and writes fold results. */
export interface RunContext {
  /** Every clip found (all emotions); experiments pick theirs. */
  clips: Clip[];
  /** Folder the clip paths are relative to. */
  root: string;
  cacheDir: string;
  /** Run folder: finished folds are kept under `folds/` and reused when the run resumes. */
  runDir: string;
  settings: RunSettings;
  /** A fingerprint of settings and data: fold files from other settings are not reused. */
  fingerprint: string;
  log: (line: string) => void;
}

/** One unit of a study's work: a fold of a variant of an experiment, found by its key. */
export interface FoldUnit {
  experiment: string;
  variant: string;
  fold: string;
  /** The content key of the fold's result file, {@linkcode foldFile}. */
  key: string;
}

/**
 * An experiment's fold units, every variant × fold, in order; `foldName` names a fold.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { foldUnits } from "./context.ts";
 * const variants = [{ variant: { name: "a" }, folds: [{ key: "k1", name: "f1" }] }];
 * assertEquals(foldUnits("x", variants, (f) => f.name), [
 *   { experiment: "x", variant: "a", fold: "f1", key: "k1" },
 * ]);
 * ```
 */
export function foldUnits<F extends { key: string }>(
  experiment: string,
  variants: readonly { variant: { name: string }; folds: readonly F[] }[],
  foldName: (fold: F) => string,
): FoldUnit[] {
  return variants.flatMap((v) =>
    v.folds.map((f) => ({ experiment, variant: v.variant.name, fold: foldName(f), key: f.key }))
  );
}

/**
 * Where a fold's result is kept in a run folder: the key hashes the settings, the variant and
 * the fold's rows, so a finished fold is reused by any run (or task) that needs the same work.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { foldFile } from "./context.ts";
 * assertEquals(foldFile("results/x", "0123"), "results/x/folds/0123.json");
 * ```
 */
export function foldFile(runDir: string, key: string): string {
  return `${runDir}/folds/${key}.json`;
}

/**
 * The variant and fold of a run's units whose key is `key`; throws naming the experiment when
 * none is.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { unitByKey } from "./context.ts";
 * const variants = [{ name: "a", folds: [{ key: "k1" }, { key: "k2" }] }];
 * assertEquals(unitByKey(variants, "k2", "x").variant.name, "a");
 * ```
 */
export function unitByKey<V extends { folds: { key: string }[] }>(
  variants: readonly V[],
  key: string,
  experiment: string,
): { variant: V; fold: V["folds"][number] } {
  for (const variant of variants) {
    const fold = variant.folds.find((f) => f.key === key);
    if (fold) return { variant, fold };
  }
  throw new Error(`${experiment}: no fold with key ${key} in this run`);
}
