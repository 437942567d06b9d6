import type { Clip } from "../corpora/clip.ts";
import type { FeatureSet } from "../features/extract.ts";
import type { FeatureTable } from "./table.ts";

/**
 * A feature table from clips and their features (row `i` from `clips[i]` and `features[i]`).
 *
 * @example
 * ```ts
 * import { buildTable } from "./build.ts";
 * console.log(buildTable([], []).rows); // 0
 * ```
 */
export function buildTable(clips: readonly Clip[], features: readonly FeatureSet[]): FeatureTable {
  const n = clips.length;
  const table: FeatureTable = {
    rows: n,
    acoustic: new Float32Array(n * 162),
    statistical: new Float32Array(n * 8),
    gender: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    table.acoustic.set(features[i].acoustic, i * 162);
    table.statistical.set(features[i].statistical, i * 8);
    table.gender[i] = clips[i].gender === "female" ? 1 : 0;
  }
  return table;
}
