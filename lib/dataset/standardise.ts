import type { FeatureTable } from "./table.ts";

/**
 * Per-speaker standardisation: the acoustic and statistical features of each group of rows
 * (a speaker, or a speaker's copies under one augmentation) are shifted and scaled by that
 * group's own mean and standard deviation. It uses no labels, only a speaker's unlabelled
 * recordings, and removes much of what distinguishes one voice from another; at test time it
 * needs several recordings of the test speaker (the evaluation reports it as transductive).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { standardiseBySpeaker } from "./standardise.ts";
 * const t = { rows: 2, acoustic: new Float32Array(324).fill(1), statistical: Float32Array.of(...Array(8).fill(1), ...Array(8).fill(3)), gender: Float32Array.of(0, 0) };
 * assertEquals(standardiseBySpeaker(t, ["a", "a"]).statistical[0], -1);
 * ```
 */
export function standardiseBySpeaker(
  table: FeatureTable,
  groups: ArrayLike<string | number>,
): FeatureTable {
  const members = new Map<string | number, number[]>();
  for (let i = 0; i < table.rows; i++) {
    members.set(groups[i], [...(members.get(groups[i]) ?? []), i]);
  }
  const out: FeatureTable = {
    rows: table.rows,
    acoustic: new Float32Array(table.acoustic.length),
    statistical: new Float32Array(table.statistical.length),
    gender: table.gender.slice(),
  };
  for (const key of ["acoustic", "statistical"] as const) {
    const src = table[key], dst = out[key];
    const d = src.length / Math.max(1, table.rows);
    for (const rows of members.values()) {
      for (let j = 0; j < d; j++) {
        let mean = 0;
        for (const i of rows) mean += src[i * d + j];
        mean /= rows.length;
        let v = 0;
        for (const i of rows) v += (src[i * d + j] - mean) ** 2;
        const sd = Math.sqrt(v / rows.length);
        const scale = sd > 1e-12 ? 1 / sd : 1;
        for (const i of rows) dst[i * d + j] = (src[i * d + j] - mean) * scale;
      }
    }
  }
  return out;
}
