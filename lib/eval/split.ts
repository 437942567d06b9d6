import type { Clip } from "../corpora/clip.ts";
import { Random } from "../util/random.ts";
import type { Fold } from "./folds.ts";

/**
 * The paper's random split, done honestly: clips stratified by emotion into train, validation
 * and test by `ratios` (0.8, 0.1, 0.1), byte-identical clips kept together. Speakers are shared
 * across the sides, as in the paper (the leak audit reports it).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { randomSplit } from "./split.ts";
 * assertEquals(randomSplit([], 1).test, []);
 * ```
 */
export function randomSplit(
  clips: readonly Clip[],
  seed: number,
  ratios: [number, number, number] = [0.8, 0.1, 0.1],
): Fold {
  const random = new Random(seed);
  // unit of assignment: a group of byte-identical clips, stratified by its first clip's emotion
  const groups = new Map<string, number[]>();
  clips.forEach((c, i) => groups.set(c.sha256, [...(groups.get(c.sha256) ?? []), i]));
  const byEmotion = new Map<string, number[][]>();
  for (const g of groups.values()) {
    const e = clips[g[0]].emotion;
    byEmotion.set(e, [...(byEmotion.get(e) ?? []), g]);
  }
  const fold: Fold = { name: "random split", train: [], val: [], test: [] };
  for (const e of [...byEmotion.keys()].sort()) {
    const gs = random.shuffle(byEmotion.get(e)!) as number[][];
    const nTest = Math.round(gs.length * ratios[2]);
    const nVal = Math.round(gs.length * ratios[1]);
    gs.forEach((g, i) =>
      (i < nTest ? fold.test : i < nTest + nVal ? fold.val : fold.train).push(...g)
    );
  }
  for (const k of ["train", "val", "test"] as const) fold[k].sort((a, b) => a - b);
  return fold;
}

/**
 * The paper's leaky way, kept to measure the leak: rows (clips and their augmented copies)
 * shuffled and cut 80/10/10 with no regard for which clip a row came from. `rows[i]` is the clip
 * index of row i; returns row indices.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { rowSplit } from "./split.ts";
 * const f = rowSplit([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], 1); // 5 clips, 2 rows each
 * assertEquals([f.train.length, f.val.length, f.test.length], [8, 1, 1]);
 * ```
 */
export function rowSplit(
  rows: readonly number[],
  seed: number,
  ratios: [number, number, number] = [0.8, 0.1, 0.1],
): Fold {
  const random = new Random(seed);
  const order = random.shuffle(rows.map((_, i) => i)) as number[];
  const nTest = Math.round(rows.length * ratios[2]);
  const nVal = Math.round(rows.length * ratios[1]);
  const sorted = (a: number[]) => a.sort((x, y) => x - y);
  return {
    name: "augment-then-split",
    test: sorted(order.slice(0, nTest)),
    val: sorted(order.slice(nTest, nTest + nVal)),
    train: sorted(order.slice(nTest + nVal)),
  };
}
