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
