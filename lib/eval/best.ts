import type { Clip } from "../corpora/clip.ts";
import type { Classifier, Matrix } from "../model/classifier.ts";
import { fitLogistic } from "../model/linear/mod.ts";
import { fitSvm, type LibSvmModule } from "../model/svm/mod.ts";
import type { Fold } from "./folds.ts";
import { auditLeaks, type LeakAudit } from "./leak.ts";
import { argmaxRows, computeMetrics, meanStd } from "./metrics.ts";

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

/** Raw features of every clip under each named set, and the labels. */
export interface BestData {
  sets: Record<string, Matrix>;
  labels: Int32Array;
  classes: number;
}

/** One test fold's outcome. */
export interface BestFold {
  name: string;
  accuracy: number;
  uar: number;
  macro_f1: number;
  n_train: number;
  n_val: number;
  n_test: number;
  /** The selected recipe: one candidate, or the members of a probability-averaging ensemble. */
  chosen: Candidate[];
  validation_uar: number;
  leak_audit: LeakAudit & { transductive_speaker_statistics: boolean };
  seconds: number;
}

/** The outcome of {@linkcode evaluateBest}. */
export interface BestResult {
  model: string;
  standardisation: Standardisation;
  folds: BestFold[];
  accuracy_mean: number;
  accuracy_std: number;
  uar_mean: number;
  selection: string;
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
 * Actor-fold evaluation of the logistic family with nested selection: per fold, the feature
 * set and L2 penalty are chosen on the fold's validation actors (carved from its training
 * actors), then refitted on training + validation actors and measured once on the test actors.
 *
 * @example
 * ```ts
 * import { evaluateBest } from "./best.ts";
 * console.log(typeof evaluateBest); // "function"
 * ```
 */
export function evaluateBest(
  clips: readonly Clip[],
  data: BestData,
  folds: readonly Fold[],
  options: {
    standardisation: Standardisation;
    grid: readonly Candidate[];
    /** libsvm-js, needed when the grid holds SVMs ({@linkcode libsvm}). */
    svm?: LibSvmModule;
    log?: (line: string) => void;
  },
): BestResult {
  const speakers = options.standardisation === "per-speaker" ? clips.map((c) => c.actor) : null;
  const read: RowReader = (set, idx, statsOf) =>
    standardise(data.sets[set], idx, statsOf, speakers);
  const out: BestFold[] = [];
  for (const fold of folds) {
    const t0 = performance.now();
    const sel = selectCandidate(
      read,
      data.labels,
      data.classes,
      fold.train,
      fold.val,
      options.grid,
      options.svm,
    );
    const fitRows = [...fold.train, ...fold.val];
    const p = _average(sel.recipe.map((c) => {
      const model = fitCandidate(
        read(c.set, fitRows, fitRows),
        _labels(data.labels, fitRows),
        data.classes,
        c,
        options.svm,
      );
      const q = model.predictProba(read(c.set, fold.test, fitRows));
      _free(model);
      return q;
    }));
    const m = computeMetrics(
      _labels(data.labels, fold.test),
      argmaxRows(p, data.classes),
      data.classes,
    );
    const f: BestFold = {
      name: fold.name,
      accuracy: m.accuracy,
      uar: m.uar,
      macro_f1: m.macroF1,
      n_train: fold.train.length,
      n_val: fold.val.length,
      n_test: fold.test.length,
      chosen: sel.recipe,
      validation_uar: sel.validationUar,
      leak_audit: {
        ...auditLeaks(clips, fitRows, fold.test),
        transductive_speaker_statistics: speakers !== null,
      },
      seconds: (performance.now() - t0) / 1000,
    };
    options.log?.(
      `  ${fold.name}: accuracy ${f.accuracy.toFixed(3)} UAR ${f.uar.toFixed(3)} ` +
        `(chose ${f.chosen.map((c) => `${c.family} ${c.set} c=${c.c}`).join(" + ")}; ` +
        `validation UAR ${f.validation_uar.toFixed(3)})`,
    );
    out.push(f);
  }
  const acc = meanStd(out.map((f) => f.accuracy));
  return {
    model: [...new Set(options.grid.map((c) => c.family))].join(", ") + " (nested selection)",
    standardisation: options.standardisation,
    folds: out,
    accuracy_mean: acc.mean,
    accuracy_std: acc.std,
    uar_mean: meanStd(out.map((f) => f.uar)).mean,
    selection: "per fold, feature set, family, strength and whether to average the families' " +
      "best into an ensemble chosen by UAR on validation actors carved from the training " +
      "actors; the choice refitted on training + validation actors; test actors scored once",
  };
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
