/**
 * The model's view of a set of clips: their features as row-major matrices.
 * Row `i` of each array belongs to the same clip.
 */
export interface FeatureTable {
  rows: number;
  /** `rows * 162`: frame means of ZCR, chroma, MFCC, RMS, mel. */
  acoustic: Float32Array;
  /** `rows * 8`: waveform moments and spectral means. */
  statistical: Float32Array;
  /** `rows`: 1 for female speakers, 0 for male, 0.5 where the gender is unknown. */
  gender: Float32Array;
}

/**
 * The rows `indices` of `table`, in that order.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { selectRows } from "./table.ts";
 * const t = { rows: 2, acoustic: new Float32Array(324), statistical: new Float32Array(16), gender: Float32Array.of(0, 1) };
 * assertEquals(selectRows(t, [1]).gender, Float32Array.of(1));
 * ```
 */
export function selectRows(table: FeatureTable, indices: ArrayLike<number>): FeatureTable {
  const a = table.acoustic.length / Math.max(1, table.rows),
    s = table.statistical.length / Math.max(1, table.rows);
  const n = indices.length;
  const out: FeatureTable = {
    rows: n,
    acoustic: new Float32Array(n * a),
    statistical: new Float32Array(n * s),
    gender: new Float32Array(n),
  };
  for (let r = 0; r < n; r++) {
    const i = indices[r];
    out.acoustic.set(table.acoustic.subarray(i * a, (i + 1) * a), r * a);
    out.statistical.set(table.statistical.subarray(i * s, (i + 1) * s), r * s);
    out.gender[r] = table.gender[i];
  }
  return out;
}

/**
 * Tables stacked row-wise.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { concatTables } from "./table.ts";
 * const t = { rows: 1, acoustic: new Float32Array(162), statistical: new Float32Array(8), gender: Float32Array.of(1) };
 * assertEquals(concatTables([t, t]).rows, 2);
 * ```
 */
export function concatTables(tables: FeatureTable[]): FeatureTable {
  const cat = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return {
    rows: tables.reduce((n, t) => n + t.rows, 0),
    acoustic: cat(tables.map((t) => t.acoustic)),
    statistical: cat(tables.map((t) => t.statistical)),
    gender: cat(tables.map((t) => t.gender)),
  };
}
