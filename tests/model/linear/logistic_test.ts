import { assert, assertAlmostEquals, assertEquals } from "../../_assert.ts";
import { fitLogistic, logisticLoss, LogisticRegression } from "../../../lib/model/linear/mod.ts";
import { Random } from "../../../lib/util/random.ts";

/** Three Gaussian blobs in 4 dimensions, `n` rows each, class means `sep` apart. */
function blobs(n: number, sep: number, seed: number) {
  const rng = new Random(seed);
  const rows = 3 * n, dims = 4, x = new Float32Array(rows * dims), y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    y[i] = i % 3;
    for (let j = 0; j < dims; j++) x[i * dims + j] = rng.normal() + (j === y[i] ? sep : 0);
  }
  return { data: { x, rows, dims }, y };
}

Deno.test("logistic regression separates well-separated classes and its rows sum to 1", () => {
  const { data, y } = blobs(40, 6, 1);
  const m = fitLogistic(data, y, 3, { l2: 1e-3 });
  const test = blobs(30, 6, 2);
  const p = m.predictProba(test.data);
  let right = 0;
  for (let i = 0; i < test.data.rows; i++) {
    const row = p.subarray(i * 3, i * 3 + 3);
    assertAlmostEquals(row[0] + row[1] + row[2], 1, 1e-5);
    if (row.indexOf(Math.max(...row)) === test.y[i]) right++;
  }
  assert(right / test.data.rows > 0.97, `accuracy ${right / test.data.rows}`);
});

Deno.test("logistic loss gradient matches central finite differences", () => {
  const { data, y } = blobs(5, 1, 3);
  const rng = new Random(4);
  const w = Float64Array.from({ length: 3 * 5 }, () => rng.normal() * 0.3);
  const g = new Float64Array(w.length), tmp = new Float64Array(w.length);
  logisticLoss(w, data, y, 3, 0.2, g);
  for (let k = 0; k < w.length; k++) {
    const h = 1e-5, wp = w.slice(), wm = w.slice();
    wp[k] += h, wm[k] -= h;
    const fd = (logisticLoss(wp, data, y, 3, 0.2, tmp) - logisticLoss(wm, data, y, 3, 0.2, tmp)) /
      (2 * h);
    assertAlmostEquals(g[k], fd, 1e-6 + 1e-4 * Math.abs(fd));
  }
});

Deno.test("logistic regression reaches the penalised optimum (gradient near zero) and round-trips JSON", () => {
  const { data, y } = blobs(20, 1, 5);
  const m = fitLogistic(data, y, 3, { l2: 0.1, maxIter: 500 });
  const g = new Float64Array(m.weights.length);
  logisticLoss(m.weights, data, y, 3, 0.1, g);
  assert(Math.sqrt(g.reduce((a, b) => a + b * b, 0)) < 1e-4, "gradient not near zero");
  const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assertEquals(Array.from(back.predictProba(data)), Array.from(m.predictProba(data)));
});

/** The loss as plain loops over the rows (the definition the WebAssembly kernels must match). */
function plainLoss(
  w: Float64Array,
  data: { x: Float32Array; rows: number; dims: number },
  labels: Int32Array,
  classes: number,
  l2: number,
  grad: Float64Array,
): number {
  const d = data.dims, stride = d + 1, z = new Float64Array(classes);
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < data.rows; i++) {
    let m = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = w[c * stride + d];
      for (let j = 0; j < d; j++) s += w[c * stride + j] * data.x[i * d + j];
      m = Math.max(m, z[c] = s);
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - m);
    for (let c = 0; c < classes; c++) z[c] /= sum;
    loss -= Math.log(Math.max(z[labels[i]], 1e-300));
    for (let c = 0; c < classes; c++) {
      const r = z[c] - (c === labels[i] ? 1 : 0);
      for (let j = 0; j < d; j++) grad[c * stride + j] += r * data.x[i * d + j];
      grad[c * stride + d] += r;
    }
  }
  const n = Math.max(1, data.rows);
  loss /= n;
  for (let k = 0; k < grad.length; k++) grad[k] /= n;
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < d; j++) {
      loss += 0.5 * l2 * w[c * stride + j] * w[c * stride + j];
      grad[c * stride + j] += l2 * w[c * stride + j];
    }
  }
  return loss;
}

Deno.test("logistic loss and gradient are bit for bit those of plain loops, for any class count and odd row counts", () => {
  const rng = new Random(6);
  for (
    const [rows, dims, classes] of [[1, 3, 2], [7, 13, 6], [20, 33, 7], [31, 50, 8], [9, 5, 11]]
  ) {
    const x = Float32Array.from({ length: rows * dims }, () => rng.normal() * 2);
    const y = Int32Array.from({ length: rows }, () => rng.int(classes));
    const w = Float64Array.from({ length: classes * (dims + 1) }, () => rng.normal());
    const g = new Float64Array(w.length), ref = new Float64Array(w.length);
    const data = { x, rows, dims };
    const loss = logisticLoss(w, data, y, classes, 0.05, g);
    assert(Object.is(loss, plainLoss(w, data, y, classes, 0.05, ref)), `loss, ${classes} classes`);
    for (let k = 0; k < g.length; k++) {
      assert(Object.is(g[k], ref[k]), `gradient ${k} of ${classes} classes: ${g[k]} vs ${ref[k]}`);
    }
  }
});
