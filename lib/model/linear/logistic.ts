import { linearKernels } from "../../kernels/linear.ts";
import type { Classifier, Matrix } from "../classifier.ts";

/** Hyperparameters of {@linkcode fitLogistic}. */
export interface LogisticHyper {
  /** L2 penalty on the weights (not the biases), per training row: loss = mean CE + l2/2·|W|². */
  l2: number;
  /** Most L-BFGS iterations (default 200). */
  maxIter?: number;
}

/**
 * Multinomial logistic regression with an L2 penalty, fitted by L-BFGS on the full batch
 * (deterministic: the seed is unused, the problem is convex). Weights are classes × (dims + 1),
 * the last column the bias.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { fitLogistic } from "./logistic.ts";
 * const m = fitLogistic({ x: Float32Array.of(-2, -1, 1, 2), rows: 4, dims: 1 }, Int32Array.of(0, 0, 1, 1), 2, { l2: 0.01 });
 * assert(m.predictProba({ x: Float32Array.of(3), rows: 1, dims: 1 })[1] > 0.9);
 * ```
 */
export function fitLogistic(
  data: Matrix,
  labels: Int32Array,
  classes: number,
  hyper: LogisticHyper,
  _seed = 0,
): LogisticRegression {
  const w0 = new Float64Array(classes * (data.dims + 1));
  const w = _lbfgs(_lossFunction(data, labels, classes, hyper.l2), w0, {
    maxIter: hyper.maxIter ?? 200,
  });
  return new LogisticRegression(classes, data.dims, w);
}

/** A fitted multinomial logistic regression. */
export class LogisticRegression implements Classifier {
  readonly family = "logistic";
  constructor(
    readonly classes: number,
    readonly dims: number,
    /** classes × (dims + 1), bias last. */
    readonly weights: Float64Array,
  ) {}

  /** Softmax probabilities, rows × classes. */
  predictProba(data: Matrix): Float32Array {
    if (data.dims !== this.dims) {
      throw new Error(`logistic model expects ${this.dims} features, got ${data.dims}`);
    }
    const out = new Float32Array(data.rows * this.classes);
    const z = new Float64Array(this.classes);
    for (let i = 0; i < data.rows; i++) {
      _scores(this.weights, data.x, i, data.dims, this.classes, z);
      _softmax(z);
      for (let c = 0; c < this.classes; c++) out[i * this.classes + c] = z[c];
    }
    return out;
  }

  /** `{family, classes, dims, weights}`. */
  toJSON(): Record<string, unknown> {
    return {
      family: this.family,
      classes: this.classes,
      dims: this.dims,
      weights: Array.from(this.weights),
    };
  }

  /** Rebuilds a model from {@linkcode LogisticRegression.toJSON}'s output. */
  static fromJSON(j: Record<string, unknown>): LogisticRegression {
    const classes = Number(j.classes), dims = Number(j.dims);
    const w = Float64Array.from(j.weights as number[]);
    if (j.family !== "logistic" || w.length !== classes * (dims + 1)) {
      throw new Error("not a serialised logistic regression (family or weight count wrong)");
    }
    return new LogisticRegression(classes, dims, w);
  }
}

/**
 * The penalised mean cross-entropy at weights `w`; writes its gradient into `grad`.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { logisticLoss } from "./logistic.ts";
 * const g = new Float64Array(4);
 * const l = logisticLoss(new Float64Array(4), { x: Float32Array.of(1), rows: 1, dims: 1 }, Int32Array.of(0), 2, 0, g);
 * assertAlmostEquals(l, Math.log(2), 1e-9); // zero weights: both classes 1/2
 * ```
 */
export function logisticLoss(
  w: Float64Array,
  data: Matrix,
  labels: Int32Array,
  classes: number,
  l2: number,
  grad: Float64Array,
): number {
  return _lossFunction(data, labels, classes, l2)(w, grad);
}

/**
 * The loss of {@linkcode logisticLoss} as a function of the weights, with `data` copied once into
 * the WebAssembly kernels' memory. The two products (scores, gradient) run there, each class's sum
 * in the same order and with the same roundings as the plain loops over `w` would.
 */
function _lossFunction(
  data: Matrix,
  labels: Int32Array,
  classes: number,
  l2: number,
): (w: Float64Array, grad: Float64Array) => number {
  const d = data.dims, rows = data.rows, stride = d + 1, cp = (classes + 7) & ~7;
  // The kernels take rows in pairs: an odd count gets a zero row whose residual stays zero.
  const paired = rows + (rows & 1);
  const { kernels, heap } = linearKernels();
  const x = heap.alloc(paired * d * 4), wt = heap.alloc(d * cp * 8), bias = heap.alloc(cp * 8);
  const z = heap.alloc(paired * cp * 8), gt = heap.alloc(d * cp * 8);
  heap.f32(x, rows * d).set(data.x.subarray(0, rows * d));
  const W = heap.f64(wt, d * cp), B = heap.f64(bias, cp);
  const Z = heap.f64(z, paired * cp), G = heap.f64(gt, d * cp);
  const p = new Float64Array(classes);
  return (w, grad) => {
    for (let c = 0; c < classes; c++) {
      const o = c * stride;
      for (let j = 0; j < d; j++) W[j * cp + c] = w[o + j];
      B[c] = w[o + d];
    }
    kernels.scores(x, paired, d, wt, bias, cp, z);
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const o = i * cp, y = labels[i];
      for (let c = 0; c < classes; c++) p[c] = Z[o + c];
      _softmax(p);
      loss -= Math.log(Math.max(p[y], 1e-300));
      // Z becomes the residuals the gradient kernel reads; padded classes have none.
      for (let c = 0; c < classes; c++) {
        const r = p[c] - (c === y ? 1 : 0);
        Z[o + c] = r;
        grad[c * stride + d] += r;
      }
      Z.fill(0, o + classes, o + cp);
    }
    Z.fill(0, rows * cp); // the padding row's scores: no residual
    G.fill(0);
    kernels.gradient(x, paired, d, z, cp, gt);
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < d; j++) grad[c * stride + j] = G[j * cp + c];
    }
    const n = Math.max(1, rows);
    loss /= n;
    for (let k = 0; k < grad.length; k++) grad[k] /= n;
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < d; j++) {
        const k = c * stride + j;
        loss += 0.5 * l2 * w[k] * w[k];
        grad[k] += l2 * w[k];
      }
    }
    return loss;
  };
}

function _scores(
  w: Float64Array,
  x: Float32Array,
  i: number,
  d: number,
  classes: number,
  z: Float64Array,
): void {
  const row = i * d, stride = d + 1;
  for (let c = 0; c < classes; c++) {
    const o = c * stride;
    let s = w[o + d];
    for (let j = 0; j < d; j++) s += w[o + j] * x[row + j];
    z[c] = s;
  }
}

/** In place: z becomes softmax(z). */
function _softmax(z: Float64Array): void {
  let m = -Infinity;
  for (let c = 0; c < z.length; c++) m = Math.max(m, z[c]);
  let s = 0;
  for (let c = 0; c < z.length; c++) s += z[c] = Math.exp(z[c] - m);
  for (let c = 0; c < z.length; c++) z[c] /= s;
}

/** Limited-memory BFGS with a backtracking (Armijo) line search; minimises f from x0. */
function _lbfgs(
  f: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  opts: { maxIter: number; memory?: number; tol?: number },
): Float64Array {
  const n = x0.length, m = opts.memory ?? 10, tol = opts.tol ?? 1e-6;
  let x = x0.slice();
  let g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [], Y: Float64Array[] = [], R: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  };
  for (let it = 0; it < opts.maxIter; it++) {
    if (Math.sqrt(dot(g, g)) < tol) break;
    const q = g.slice();
    const alpha = new Array<number>(S.length);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = R[k] * dot(S[k], q);
      for (let i = 0; i < n; i++) q[i] -= alpha[k] * Y[k][i];
    }
    const gamma = S.length ? dot(S.at(-1)!, Y.at(-1)!) / dot(Y.at(-1)!, Y.at(-1)!) : 1;
    for (let i = 0; i < n; i++) q[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = R[k] * dot(Y[k], q);
      for (let i = 0; i < n; i++) q[i] += S[k][i] * (alpha[k] - b);
    }
    // direction = -q
    let gd = -dot(g, q);
    if (!(gd < 0)) { // not a descent direction: restart with steepest descent
      S.length = Y.length = R.length = 0;
      q.set(g);
      gd = -dot(g, g);
    }
    let step = S.length ? 1 : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    const xn = new Float64Array(n), gn = new Float64Array(n);
    let fn = Infinity;
    for (let ls = 0; ls < 30; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i] - step * q[i];
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * gd) break;
      step *= 0.5;
    }
    if (!(fn < fx)) break;
    const s = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s), Y.push(y), R.push(1 / sy);
      if (S.length > m) S.shift(), Y.shift(), R.shift();
    }
    const rel = (fx - fn) / Math.max(1, Math.abs(fx));
    x = xn, g = gn, fx = fn;
    if (rel < 1e-9) break;
  }
  return x;
}
