import type { Classifier, Matrix } from "../model/classifier.ts";
import { candidateFamily, type CandidateName } from "../model/families.ts";
import { trainSequenceModel } from "../model/sequence/mod.ts";
import { applyTemperature, fitTemperature } from "../model/calibration.ts";
import { argmaxRows, computeMetrics } from "./metrics.ts";

/**
 * A classifier family of the nested selection: a candidate family of the registry
 * (`lib/model/families.ts`: "logistic", "svm-linear", "svm-rbf"), or the sequence model.
 */
export type Family = CandidateName | "sequence";

/**
 * One candidate of the nested selection. A functional-set candidate is a set, a candidate family
 * of the registry and its strength (`c`: the L2 penalty for logistic regression, libsvm's C for
 * the SVMs; the RBF's gamma is 1/dims). The sequence candidate is the frame-level model of `lib/model/sequence` over the
 * frame descriptors, trained for a fixed number of `epochs` (no early stopping, so validation
 * actors only ever score it), its probabilities averaged over `seeds` networks.
 */
export type Candidate =
  | { set: string; family: CandidateName; c: number }
  | { set: "frames"; family: "sequence"; epochs: number; seeds: number };

/**
 * A candidate in a few words, as logs and reports print it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeCandidate } from "./best.ts";
 * assertEquals(describeCandidate({ set: "large", family: "logistic", c: 0.3 }), "logistic large c=0.3");
 * ```
 */
export function describeCandidate(c: Candidate): string {
  return c.family === "sequence"
    ? `sequence frames, ${c.epochs} epochs, ${c.seeds} seeds`
    : `${c.family} ${c.set} c=${c.c}`;
}

/** Reads standardised rows of a feature set; the only way selection and fitting see data. */
export type RowReader = (set: string, idx: readonly number[], statsOf: readonly number[]) => Matrix;

/**
 * Reads clips' frame descriptors (each T × `features`, frame-major) for the sequence candidate;
 * the only way it sees data. The model standardises frames by its training clips' statistics.
 */
export interface FrameReader {
  features: number;
  read(idx: readonly number[]): Float32Array[];
}

/** What the nested selection needs beyond the rows: the frames, and the run's seed. */
export interface SelectionOptions {
  /** The frame descriptors, for the sequence candidate. */
  frames?: FrameReader;
  /** Seed of the sequence candidate's networks (default 42). */
  seed?: number;
  /** Whether the families' best may be averaged into an ensemble (default true). */
  ensemble?: boolean;
}

/**
 * Nested selection: every candidate is fitted on `train` and scored (UAR) on `val` — both
 * drawn from a fold's training actors; then the probability average of each family's best
 * candidate is scored too. Returns the best recipe (one candidate, or the ensemble's members)
 * with its validation UAR and accuracy. It reads rows only through `read` and `options.frames`,
 * so a test can check it never touches test rows.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { selectCandidate } from "./best.ts";
 * const x = Float32Array.of(-2, -1, 1, 2, -1.5, 1.5);
 * const read = (_s: string, idx: readonly number[]) => ({ x: Float32Array.from(idx.map((i) => x[i])), rows: idx.length, dims: 1 });
 * const r = await selectCandidate(read, Int32Array.of(0, 0, 1, 1, 0, 1), 2, [0, 1, 2, 3], [4, 5], [{ set: "a", family: "logistic", c: 0.1 }]);
 * assertEquals(r.validationUar, 1);
 * ```
 */
export function selectCandidate(
  read: RowReader,
  labels: Int32Array,
  classes: number,
  train: readonly number[],
  val: readonly number[],
  grid: readonly Candidate[],
  options: SelectionOptions = {},
): Promise<Selection> {
  return selectAcross(read, labels, classes, [{ train, val }], grid, options);
}

/** One split of a nested selection: fitted on `train`, scored on `val`. */
export interface Split {
  train: readonly number[];
  val: readonly number[];
}

/**
 * What a nested selection chose: the recipe, its mean validation UAR and accuracy over the
 * splits, and its validation rows' probabilities (one array per split, rows in the split's `val`
 * order), from which {@linkcode nestedFold} fits the temperature.
 */
export interface Selection {
  recipe: Candidate[];
  validationUar: number;
  validationAccuracy: number;
  validationProbabilities: Float32Array[];
}

/**
 * {@linkcode selectCandidate} over several splits, each candidate (and the ensemble) scored by
 * its mean UAR and accuracy over them: e.g. leave one training corpus out, each training corpus
 * the validation rows in turn (nested leave-one-corpus-out).
 *
 * @example
 * ```ts
 * import { selectAcross } from "./best.ts";
 * const x = Float32Array.of(-2, -1, 1, 2, -1.5, 1.5);
 * const read = (_s: string, idx: readonly number[]) => ({ x: Float32Array.from(idx.map((i) => x[i])), rows: idx.length, dims: 1 });
 * const splits = [{ train: [0, 3], val: [1, 2] }, { train: [1, 2], val: [4, 5] }];
 * const r = await selectAcross(read, Int32Array.of(0, 0, 1, 1, 0, 1), 2, splits, [{ set: "a", family: "logistic", c: 0.1 }]);
 * console.log(r.validationUar); // 1
 * ```
 */
export async function selectAcross(
  read: RowReader,
  labels: Int32Array,
  classes: number,
  splits: readonly Split[],
  grid: readonly Candidate[],
  options: SelectionOptions = {},
): Promise<Selection> {
  const yVal = splits.map((s) => _labels(labels, s.val));
  const score = (recipe: Candidate[], ps: Float32Array[]) => {
    const ms = ps.map((p, k) => computeMetrics(yVal[k], argmaxRows(p, classes), classes));
    const mean = (f: (m: (typeof ms)[number]) => number) =>
      ms.reduce((a, m) => a + f(m), 0) / ms.length;
    return {
      recipe,
      validationUar: mean((m) => m.uar),
      validationAccuracy: mean((m) => m.accuracy),
      validationProbabilities: ps,
    };
  };
  const bestOf = new Map<Family, { c: Candidate; uar: number; ps: Float32Array[] }>();
  for (const c of grid) {
    const ps = [];
    for (const s of splits) {
      ps.push(await _fitPredict(read, labels, classes, c, s.train, s.val, options));
    }
    const uar = score([c], ps).validationUar;
    const b = bestOf.get(c.family);
    if (!b || uar > b.uar) bestOf.set(c.family, { c, uar, ps });
  }
  let best: Selection = {
    recipe: [grid[0]],
    validationUar: -1,
    validationAccuracy: -1,
    validationProbabilities: [],
  };
  for (const b of bestOf.values()) {
    if (b.uar > best.validationUar) best = score([b.c], b.ps);
  }
  if (bestOf.size > 1 && options.ensemble !== false) {
    const members = [...bestOf.values()];
    const ensemble = score(
      members.map((m) => m.c),
      splits.map((_, k) => _average(members.map((m) => m.ps[k]))),
    );
    if (ensemble.validationUar > best.validationUar) best = ensemble;
  }
  return best;
}

/**
 * One test fold with nested selection: the recipe is chosen by {@linkcode selectCandidate} on
 * the fold's validation rows (fitted on its training rows), or with `fold.inner` by
 * {@linkcode selectAcross} over those splits of the training + validation rows; refitted on
 * training + validation rows, and the test rows are scored once. The probabilities are
 * calibrated by temperature scaling (Guo et al., ICML 2017) fitted on the validation rows'
 * probabilities of the chosen recipe (argmax, hence accuracy and UAR, unchanged). Returns the
 * test rows' calibrated and uncalibrated class probabilities (row-major), the temperature, and
 * the recipe with its validation UAR.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { nestedFold } from "./best.ts";
 * const x = Float32Array.of(-2, -1, 1, 2, -1.5, 1.5, -1.2, 1.2);
 * const read = (_s: string, idx: readonly number[]) => ({ x: Float32Array.from(idx.map((i) => x[i])), rows: idx.length, dims: 1 });
 * const r = await nestedFold(read, Int32Array.of(0, 0, 1, 1, 0, 1, 0, 1), 2, { train: [0, 1, 2, 3], val: [4, 5], test: [6, 7] }, [{ set: "a", family: "logistic", c: 0.1 }]);
 * assertEquals(r.probabilities.length, 4); // 2 test rows x 2 classes
 * ```
 */
export async function nestedFold(
  read: RowReader,
  labels: Int32Array,
  classes: number,
  fold: {
    train: readonly number[];
    val: readonly number[];
    test: readonly number[];
    inner?: readonly Split[];
  },
  grid: readonly Candidate[],
  options: SelectionOptions = {},
): Promise<{
  probabilities: Float32Array;
  uncalibrated: Float32Array;
  temperature: number;
  chosen: Candidate[];
  validationUar: number;
}> {
  const splits = fold.inner ?? [{ train: fold.train, val: fold.val }];
  const sel = await selectAcross(read, labels, classes, splits, grid, options);
  const fitRows = [...fold.train, ...fold.val];
  const ps = [];
  for (const c of sel.recipe) {
    ps.push(await _fitPredict(read, labels, classes, c, fitRows, fold.test, options));
  }
  const uncalibrated = _average(ps);
  const temperature = validationTemperature(sel.validationProbabilities, labels, splits, classes);
  return {
    probabilities: applyTemperature(uncalibrated, classes, temperature),
    uncalibrated,
    temperature,
    chosen: sel.recipe,
    validationUar: sel.validationUar,
  };
}

/**
 * The temperature (Guo et al., ICML 2017) fitted on validation probabilities pooled over
 * `splits` (`probabilities[k]`: split k's `val` rows in order, as {@linkcode Selection} holds
 * them); 1 when the splits have no validation rows (too few speakers to hold any out).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { validationTemperature } from "./best.ts";
 * // always 90% sure, right 60% of the time: overconfident, so T > 1
 * const p = new Float32Array(20).map((_, i) => (i % 2 === 0 ? 0.9 : 0.1));
 * const labels = Int32Array.from({ length: 10 }, (_, i) => (i < 6 ? 0 : 1));
 * const val = Array.from({ length: 10 }, (_, i) => i);
 * assert(validationTemperature([p], labels, [{ train: [], val }], 2) > 1);
 * ```
 */
export function validationTemperature(
  probabilities: readonly Float32Array[],
  labels: Int32Array,
  splits: readonly Split[],
  classes: number,
): number {
  const valRows = splits.flatMap((s) => s.val);
  if (!valRows.length) return 1;
  return fitTemperature(_concat(probabilities), _labels(labels, valRows), classes);
}

/**
 * Fits one functional-set candidate on a standardised matrix, by its family's entry in the
 * registry (`lib/model/families.ts`), which loads what the family runs on (libsvm) first.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fitCandidate } from "./best.ts";
 * const m = await fitCandidate({ x: Float32Array.of(-1, 1), rows: 2, dims: 1 }, Int32Array.of(0, 1), 2, { set: "a", family: "svm-linear", c: 0.1 });
 * assertEquals(m.family, "svm");
 * ```
 */
export async function fitCandidate(
  m: Matrix,
  y: Int32Array,
  classes: number,
  c: Extract<Candidate, { c: number }>,
): Promise<Classifier> {
  const { family, hyper } = candidateFamily(c.family, c.c);
  return (await family.load()).fit(m, y, classes, hyper, 0);
}

/** Fits candidate `c` on rows `fit` and returns the probabilities of rows `score`. */
async function _fitPredict(
  read: RowReader,
  labels: Int32Array,
  classes: number,
  c: Candidate,
  fit: readonly number[],
  score: readonly number[],
  options: SelectionOptions,
): Promise<Float32Array> {
  if (c.family !== "sequence") {
    const model = await fitCandidate(read(c.set, fit, fit), _labels(labels, fit), classes, c);
    const p = model.predictProba(read(c.set, score, fit));
    _free(model);
    return p;
  }
  const frames = options.frames;
  if (!frames) throw new Error("candidate sequence needs the frame descriptors (options.frames)");
  const x = frames.read(fit), y = _labels(labels, fit), test = frames.read(score);
  const ps = [];
  for (let s = 0; s < c.seeds; s++) {
    const model = await trainSequenceModel(x, y, {
      features: frames.features,
      classes,
      epochs: c.epochs,
      seed: (options.seed ?? 42) + s,
    });
    ps.push(model.predictProba(test));
  }
  return _average(ps);
}

function _free(model: Classifier): void {
  (model as { free?: () => void }).free?.();
}

function _average(ps: Float32Array[]): Float32Array {
  const out = new Float32Array(ps[0].length);
  for (const p of ps) for (let i = 0; i < out.length; i++) out[i] += p[i] / ps.length;
  return out;
}

function _concat(ps: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(ps.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of ps) out.set(p, at), at += p.length;
  return out;
}

function _labels(labels: Int32Array, idx: readonly number[]): Int32Array {
  return Int32Array.from(idx, (i) => labels[i]);
}
