import type { Clip } from "../corpora/clip.ts";
import type { Classifier, Matrix } from "../model/classifier.ts";
import { fitLogistic } from "../model/linear/mod.ts";
import type { Fold } from "./folds.ts";
import { auditLeaks, type LeakAudit } from "./leak.ts";
import { argmaxRows, computeMetrics, meanStd } from "./metrics.ts";

/** How features are standardised: from training rows only, or each speaker by its own rows. */
export type Standardisation = "inductive" | "per-speaker";

/** One candidate of the nested selection: a feature set and an L2 penalty. */
export interface Candidate {
  set: string;
  l2: number;
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
  chosen: Candidate;
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
 * drawn from a fold's training actors; returns the best candidate and its validation UAR. It
 * reads rows only through `read`, so a test can check it never touches test rows.
 *
 * @example
 * ```ts
 * import { selectCandidate } from "./best.ts";
 * const x = Float32Array.of(-2, -1, 1, 2, -1.5, 1.5);
 * const read = (_s: string, idx: readonly number[]) => ({ x: Float32Array.from(idx.map((i) => x[i])), rows: idx.length, dims: 1 });
 * const r = selectCandidate(read, Int32Array.of(0, 0, 1, 1, 0, 1), 2, [0, 1, 2, 3], [4, 5], [{ set: "a", l2: 0.1 }]);
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
): { candidate: Candidate; validationUar: number } {
  let best = { candidate: grid[0], validationUar: -1 };
  for (const c of grid) {
    const model = _fit(read(c.set, train, train), _labels(labels, train), classes, c);
    const p = model.predictProba(read(c.set, val, train));
    const uar = computeMetrics(_labels(labels, val), argmaxRows(p, classes), classes).uar;
    if (uar > best.validationUar) best = { candidate: c, validationUar: uar };
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
    );
    const fitRows = [...fold.train, ...fold.val];
    const model = _fit(
      read(sel.candidate.set, fitRows, fitRows),
      _labels(data.labels, fitRows),
      data.classes,
      sel.candidate,
    );
    const p = model.predictProba(read(sel.candidate.set, fold.test, fitRows));
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
      chosen: sel.candidate,
      validation_uar: sel.validationUar,
      leak_audit: {
        ...auditLeaks(clips, fitRows, fold.test),
        transductive_speaker_statistics: speakers !== null,
      },
      seconds: (performance.now() - t0) / 1000,
    };
    options.log?.(
      `  ${fold.name}: accuracy ${f.accuracy.toFixed(3)} UAR ${f.uar.toFixed(3)} ` +
        `(chose ${f.chosen.set}, l2 ${f.chosen.l2}; validation UAR ${f.validation_uar.toFixed(3)})`,
    );
    out.push(f);
  }
  const acc = meanStd(out.map((f) => f.accuracy));
  return {
    model: "logistic",
    standardisation: options.standardisation,
    folds: out,
    accuracy_mean: acc.mean,
    accuracy_std: acc.std,
    uar_mean: meanStd(out.map((f) => f.uar)).mean,
    selection: "feature set and L2 penalty chosen per fold by UAR on validation actors carved " +
      "from the training actors; refitted on training + validation actors; test actors scored once",
  };
}

function _fit(m: Matrix, y: Int32Array, classes: number, c: Candidate): Classifier {
  return fitLogistic(m, y, classes, { l2: c.l2 });
}

function _labels(labels: Int32Array, idx: readonly number[]): Int32Array {
  return Int32Array.from(idx, (i) => labels[i]);
}
