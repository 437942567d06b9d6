/**
 * How the functional-set experiments standardise a feature matrix before a classifier sees it:
 * by the training rows' statistics (inductive), per corpus, per speaker or per domain.
 *
 * @module
 */
import type { Matrix } from "../model/classifier.ts";

/**
 * How features are standardised. "inductive": by the training rows' statistics. "per-corpus"
 * (inductive): each training corpus by its own training rows, any other corpus (the held-out one)
 * by the average of the training corpora's statistics. "per-speaker" (transductive): each speaker
 * by all of their own rows, test speakers' unlabelled ones included. "domain-adapted"
 * (transductive): each corpus by all of its own rows, the held-out corpus's unlabelled audio
 * included.
 */
export type Standardisation = "inductive" | "per-corpus" | "per-speaker" | "domain-adapted";

/**
 * Rows `idx` of `m`, standardised by statistics of rows `statsOf` (inductive), or by the rows of
 * its group (`groups`: a key per row of `m`): with `within` "all" every row of the group,
 * whichever side it is on (per-speaker, domain-adapted); with "stats" the group's rows among
 * `statsOf`, and a row of a group with none there by the average of those groups' statistics
 * (per-corpus, inductive). Non-finite values become 0 (the mean).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { standardise } from "./standardise.ts";
 * const m = { x: Float32Array.of(1, 3, 5), rows: 3, dims: 1 };
 * assertEquals(Array.from(standardise(m, [2], [0, 1], null).x), [3]);
 * ```
 */
export function standardise(
  m: Matrix,
  idx: readonly number[],
  statsOf: readonly number[],
  speakers: readonly (string | number)[] | null,
  within: "all" | "stats" = "all",
): Matrix {
  const d = m.dims, out = new Float32Array(idx.length * d);
  const groups = new Map<string | number, number[]>();
  if (speakers) {
    // "all": every row of the group (unlabelled), whichever side it is on; "stats": statsOf's
    const rows = within === "all" ? Array.from({ length: m.rows }, (_, i) => i) : statsOf;
    for (const i of rows) {
      const k = speakers[i];
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(i);
    }
  }
  type Stats = { mean: Float64Array; inv: Float64Array };
  const statsFor = new Map<string | number, Stats>();
  const stats = (rows: readonly number[]): Stats => {
    const mean = new Float64Array(d), sq = new Float64Array(d), n = new Float64Array(d);
    for (const i of rows) {
      for (let j = 0; j < d; j++) {
        const v = m.x[i * d + j];
        if (Number.isFinite(v)) mean[j] += v, sq[j] += v * v, n[j]++;
      }
    }
    const inv = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      mean[j] = n[j] ? mean[j] / n[j] : 0;
      const sd = n[j] ? Math.sqrt(Math.max(0, sq[j] / n[j] - mean[j] * mean[j])) : 0;
      inv[j] = sd > 1e-9 ? 1 / sd : 0;
    }
    return { mean, inv };
  };
  const global = speakers ? null : stats(statsOf);
  let average: Stats | null = null;
  const unseen = (): Stats => {
    // the average of the seen groups' means and deviations: a group with no statistics rows
    const all = [...groups.keys()].map((k) => statsFor.get(k) ?? stats(groups.get(k)!));
    const mean = new Float64Array(d), sd = new Float64Array(d);
    for (const s of all) {
      for (let j = 0; j < d; j++) {
        mean[j] += s.mean[j] / all.length;
        sd[j] += (s.inv[j] ? 1 / s.inv[j] : 0) / all.length;
      }
    }
    return { mean, inv: sd.map((v) => v > 1e-9 ? 1 / v : 0) };
  };
  idx.forEach((i, r) => {
    let s: Stats | null = global;
    if (s === null) {
      const k = speakers![i];
      if (!groups.has(k)) s = average ??= unseen();
      else {
        if (!statsFor.has(k)) statsFor.set(k, stats(groups.get(k)!));
        s = statsFor.get(k)!;
      }
    }
    const { mean, inv } = s;
    for (let j = 0; j < d; j++) {
      const v = m.x[i * d + j];
      out[r * d + j] = Number.isFinite(v) ? (v - mean[j]) * inv[j] : 0;
    }
  });
  return { x: out, rows: idx.length, dims: d };
}
