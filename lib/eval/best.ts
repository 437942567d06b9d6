import type { Classifier, Matrix } from "../model/classifier.ts";
import { fitLogistic } from "../model/linear/mod.ts";
import { fitSvm, type LibSvmModule } from "../model/svm/mod.ts";
import { argmaxRows, computeMetrics } from "./metrics.ts";

/** How features are standardised: from training rows only, or each speaker by its own rows. */
export type Standardisation = "inductive" | "per-speaker";

/** A classifier family of the nested selection. */
export type Family = "logistic" | "svm-linear" | "svm-rbf";

/**
 * One candidate of the nested selection: a feature set, a family and its strength (`c`: the L2
 * penalty for logistic regression, libsvm's C for the SVMs; the RBF's gamma is 1/dims).
 */
export interface Candidate {
  set: string;
  family: Family;
  c: number;
}

/**
 * Rows `idx` of `m`, standardised by statistics of rows `statsOf` (inductive), or each row by
 * its speaker's own rows (per-speaker); non-finite values become 0 (the mean).
 *
 * @example
 * ```ts
 * import { standardise } from "./best.ts";
 * const m = { x: Float32Array.of(1, 3, 5), rows: 3, dims: 1 };
 * console.log(Array.from(standardise(m, [2], [0, 1], null).x)); // [3]
 * ```
 */
export function standardise(
  m: Matrix,
  idx: readonly number[],
  statsOf: readonly number[],
  speakers: readonly (string | number)[] | null,
): Matrix {
  const d = m.dims, out = new Float32Array(idx.length * d);
  const groups = new Map<string | number, number[]>();
  if (speakers) {
    // per-speaker: every row of the speaker (unlabelled), whichever side it is on
    for (let i = 0; i < m.rows; i++) {
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
  idx.forEach((i, r) => {
    let s: Stats | null = global;
    if (s === null) {
      const k = speakers![i];
      if (!statsFor.has(k)) statsFor.set(k, stats(groups.get(k)!));
      s = statsFor.get(k)!;
    }
    const { mean, inv } = s;
    for (let j = 0; j < d; j++) {
      const v = m.x[i * d + j];
      out[r * d + j] = Number.isFinite(v) ? (v - mean[j]) * inv[j] : 0;
    }
  });
  return { x: out, rows: idx.length, dims: d };
}

/** Reads standardised rows of a feature set; the only way selection and fitting see data. */
export type RowReader = (set: string, idx: readonly number[], statsOf: readonly number[]) => Matrix;

/**
 * Nested selection: every candidate is fitted on `train` and scored (UAR) on `val` — both
 * drawn from a fold's training actors; then the probability average of each family's best
 * candidate is scored too. Returns the best recipe (one candidate, or the ensemble's members)
 * and its validation UAR. It reads rows only through `read`, so a test can check it never
 * touches test rows.
 *
 * @example
 * ```ts
 * import { selectCandidate } from "./best.ts";
 * const x = Float32Array.of(-2, -1, 1, 2, -1.5, 1.5);
 * const read = (_s: string, idx: readonly number[]) => ({ x: Float32Array.from(idx.map((i) => x[i])), rows: idx.length, dims: 1 });
 * const r = selectCandidate(read, Int32Array.of(0, 0, 1, 1, 0, 1), 2, [0, 1, 2, 3], [4, 5], [{ set: "a", family: "logistic", c: 0.1 }]);
 * console.log(r.validationUar); // 1
 * ```
 */
export function selectCandidate(
  read: RowReader,
  labels: Int32Array,
  classes: number,
  train: readonly number[],
  val: readonly number[],
  grid: readonly Candidate[],
  svm?: LibSvmModule,
): { recipe: Candidate[]; validationUar: number } {
  const yVal = _labels(labels, val);
  const bestOf = new Map<Family, { c: Candidate; uar: number; p: Float32Array }>();
  for (const c of grid) {
    const model = fitCandidate(read(c.set, train, train), _labels(labels, train), classes, c, svm);
    const p = model.predictProba(read(c.set, val, train));
    _free(model);
    const uar = computeMetrics(yVal, argmaxRows(p, classes), classes).uar;
    const b = bestOf.get(c.family);
    if (!b || uar > b.uar) bestOf.set(c.family, { c, uar, p });
  }
  let best = { recipe: [grid[0]], validationUar: -1 };
  for (const b of bestOf.values()) {
    if (b.uar > best.validationUar) best = { recipe: [b.c], validationUar: b.uar };
  }
  if (bestOf.size > 1) {
    const members = [...bestOf.values()];
    const p = _average(members.map((m) => m.p));
    const uar = computeMetrics(yVal, argmaxRows(p, classes), classes).uar;
    if (uar > best.validationUar) best = { recipe: members.map((m) => m.c), validationUar: uar };
  }
  return best;
}

/**
 * One test fold with nested selection: the recipe is chosen by {@linkcode selectCandidate} on
 * the fold's validation rows (fitted on its training rows), refitted on training + validation
 * rows, and the test rows are scored once. Returns the test rows' class probabilities (row-major)
 * and the recipe with its validation UAR.
 *
 * @example
 * ```ts
 * import { nestedFold } from "./best.ts";
 * const x = Float32Array.of(-2, -1, 1, 2, -1.5, 1.5, -1.2, 1.2);
 * const read = (_s: string, idx: readonly number[]) => ({ x: Float32Array.from(idx.map((i) => x[i])), rows: idx.length, dims: 1 });
 * const r = nestedFold(read, Int32Array.of(0, 0, 1, 1, 0, 1, 0, 1), 2, { train: [0, 1, 2, 3], val: [4, 5], test: [6, 7] }, [{ set: "a", family: "logistic", c: 0.1 }]);
 * console.log(r.probabilities.length); // 4
 * ```
 */
export function nestedFold(
  read: RowReader,
  labels: Int32Array,
  classes: number,
  fold: { train: readonly number[]; val: readonly number[]; test: readonly number[] },
  grid: readonly Candidate[],
  svm?: LibSvmModule,
): { probabilities: Float32Array; chosen: Candidate[]; validationUar: number } {
  const sel = selectCandidate(read, labels, classes, fold.train, fold.val, grid, svm);
  const fitRows = [...fold.train, ...fold.val];
  const probabilities = _average(sel.recipe.map((c) => {
    const model = fitCandidate(
      read(c.set, fitRows, fitRows),
      _labels(labels, fitRows),
      classes,
      c,
      svm,
    );
    const q = model.predictProba(read(c.set, fold.test, fitRows));
    _free(model);
    return q;
  }));
  return { probabilities, chosen: sel.recipe, validationUar: sel.validationUar };
}

/**
 * Fits one candidate on a standardised matrix.
 *
 * @example
 * ```ts
 * import { fitCandidate } from "./best.ts";
 * const m = fitCandidate({ x: Float32Array.of(-1, 1), rows: 2, dims: 1 }, Int32Array.of(0, 1), 2, { set: "a", family: "logistic", c: 0.1 });
 * console.log(m.family); // "logistic"
 * ```
 */
export function fitCandidate(
  m: Matrix,
  y: Int32Array,
  classes: number,
  c: Candidate,
  svm?: LibSvmModule,
): Classifier {
  if (c.family === "logistic") return fitLogistic(m, y, classes, { l2: c.c });
  if (!svm) throw new Error(`candidate ${c.family} needs libsvm (pass options.svm)`);
  return fitSvm(svm, m, y, classes, {
    kernel: c.family === "svm-rbf" ? "rbf" : "linear",
    cost: c.c,
  });
}

function _free(model: Classifier): void {
  (model as { free?: () => void }).free?.();
}

function _average(ps: Float32Array[]): Float32Array {
  const out = new Float32Array(ps[0].length);
  for (const p of ps) for (let i = 0; i < out.length; i++) out[i] += p[i] / ps.length;
  return out;
}

function _labels(labels: Int32Array, idx: readonly number[]): Int32Array {
  return Int32Array.from(idx, (i) => labels[i]);
}
