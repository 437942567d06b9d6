/**
 * The rows of FusionNet experiments: a clip or one of its augmented copies, the folds made of
 * them, and their feature tables.
 *
 * @module
 */
import type { Augmentation } from "../augment/augment.ts";
import type { Clip } from "../corpora/clip.ts";
import { buildTable, type PowerScale } from "../dataset/build.ts";
import type { AugmentationSpec } from "../dataset/compute.ts";
import { standardiseBySpeaker } from "../dataset/standardise.ts";
import type { FeatureTable } from "../dataset/table.ts";
import type { FeatureSet } from "../features/extract.ts";
import { seedOf } from "../util/random.ts";
import type { RunSettings } from "./context.ts";
import type { FusionExperimentDef } from "./experiment_def.ts";
import { type Fold, speakerFolds } from "./folds.ts";
import { augmentationOf } from "./recipes.ts";
import { randomSplit, rowSplit } from "./split.ts";

/** A row: clip `clip` of the experiment, or its copy augmented by `aug`. */
export interface FusionRow {
  clip: number;
  aug: Augmentation | null;
}

/** A fold's rows on each side. */
export interface FusionPlan {
  name: string;
  train: FusionRow[];
  val: FusionRow[];
  test: FusionRow[];
}

/** Feature tables of every row, and each row key's ({@linkcode rowKey}) index into them. */
export interface FusionTables {
  table: FeatureTable;
  index: Map<string, number>;
}

/**
 * A row's key in the feature maps and tables: the clip index and the augmentation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { rowKey } from "./fusion_rows.ts";
 * assertEquals([rowKey({ clip: 3, aug: null }), rowKey({ clip: 3, aug: "noise" })], ["3:", "3:noise"]);
 * ```
 */
export function rowKey(r: FusionRow): string {
  return `${r.clip}:${r.aug ?? ""}`;
}

/**
 * The augmentation of one clip: its seed comes from the run seed and the clip's content.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { augmentationSpec } from "./fusion_rows.ts";
 * assertEquals(augmentationSpec("noise", { sha256: "ab" }, 1).kind, "noise");
 * ```
 */
export function augmentationSpec(
  kind: Augmentation,
  clip: Pick<Clip, "sha256">,
  seed: number,
): AugmentationSpec {
  return { kind, seed: seedOf(seed, clip.sha256) };
}

/**
 * A FusionNet experiment's folds as rows of clips: a random split of clips, the leaky split of
 * rows (clips and their augmented copies, {@linkcode augmentationOf}), or speaker folds; folds
 * with no training or test clip left out. Augmented copies of a training side are added per
 * variant by the runner.
 *
 * @example
 * ```ts ignore
 * const plans = fusionFolds(experimentByName("paper-ravdess-cv"), clips, settings);
 * ```
 */
export function fusionFolds(
  def: FusionExperimentDef,
  clips: Clip[],
  s: Pick<RunSettings, "seed" | "augment" | "valShare">,
): FusionPlan[] {
  const rows = (idx: number[]) => idx.map((clip) => ({ clip, aug: null }));
  const plain = (folds: Fold[]) =>
    folds.filter((f) => f.test.length > 0 && f.train.length > 0).map((f) => ({
      name: f.name,
      train: rows(f.train),
      val: rows(f.val),
      test: rows(f.test),
    }));
  const plan = def.folds;
  switch (plan) {
    case "random":
      return plain([randomSplit(clips, seedOf(s.seed, def.name))]);
    case "rows": {
      const copies: (Augmentation | null)[] = [null, ...augmentationOf(def, s.augment)];
      const all: FusionRow[] = clips.flatMap((_, clip) => copies.map((aug) => ({ clip, aug })));
      const split = rowSplit(all.map((r) => r.clip), seedOf(s.seed, def.name));
      return [{
        name: split.name,
        train: split.train.map((i) => all[i]),
        val: split.val.map((i) => all[i]),
        test: split.test.map((i) => all[i]),
      }];
    }
    default:
      return plain(speakerFolds(plan, clips, s.seed, s.valShare));
  }
}

/**
 * Feature tables of every (clip, augmentation) row of `featureOf` (keyed by {@linkcode rowKey}),
 * standardised per speaker (and augmentation) if asked, with each row key's index.
 *
 * @example
 * ```ts ignore
 * const tables = fusionTables(clips, featureOf, "speaker", "log");
 * ```
 */
export function fusionTables(
  clips: Clip[],
  featureOf: Map<string, FeatureSet>,
  normalization: "speaker" | "global",
  power: PowerScale,
): FusionTables {
  const keys = [...featureOf.keys()];
  const rowsOf = keys.map((k) => Number(k.slice(0, k.indexOf(":"))));
  const table = buildTable(
    rowsOf.map((i) => clips[i]),
    keys.map((k) => featureOf.get(k)!),
    power,
  );
  const index = new Map(keys.map((k, i) => [k, i]));
  if (normalization === "global") return { table, index };
  const groups = keys.map((k, i) => `${clips[rowsOf[i]].actor}|${k.slice(k.indexOf(":") + 1)}`);
  return { table: standardiseBySpeaker(table, groups), index };
}
