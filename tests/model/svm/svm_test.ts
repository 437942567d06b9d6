import { assert, assertAlmostEquals } from "../../_assert.ts";
import { fitSvm, libsvm, SvmClassifier } from "../../../lib/model/svm/mod.ts";
import { Random } from "../../../lib/util/random.ts";

function rings(n: number, seed: number) {
  // class 0 inside radius 1, class 1 on a ring of radius 3: not linearly separable
  const rng = new Random(seed);
  const x = new Float32Array(2 * n * 2), y = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    y[i] = i % 2;
    const r = y[i] ? 3 + 0.2 * rng.normal() : 0.8 * rng.next(), t = 2 * Math.PI * rng.next();
    x[2 * i] = r * Math.cos(t), x[2 * i + 1] = r * Math.sin(t);
  }
  return { data: { x, rows: 2 * n, dims: 2 }, y };
}

Deno.test("RBF SVM separates rings, its probabilities sum to 1, and it round-trips JSON", async () => {
  const lib = await libsvm();
  const { data, y } = rings(40, 1);
  const m = fitSvm(lib, data, y, 2, { kernel: "rbf", cost: 10, gammaScale: 1 });
  const test = rings(30, 2);
  const p = m.predictProba(test.data);
  let right = 0;
  for (let i = 0; i < test.data.rows; i++) {
    assertAlmostEquals(p[2 * i] + p[2 * i + 1], 1, 1e-6);
    if ((p[2 * i + 1] > 0.5 ? 1 : 0) === test.y[i]) right++;
  }
  assert(right / test.data.rows > 0.95, `accuracy ${right / test.data.rows}`);
  const back = SvmClassifier.fromJSON(lib, JSON.parse(JSON.stringify(m.toJSON())));
  // libsvm's text format rounds the coefficients; the probabilities agree closely
  const q = back.predictProba(test.data);
  for (let i = 0; i < p.length; i++) assertAlmostEquals(q[i], p[i], 1e-3);
  m.free(), back.free();
});

Deno.test("linear SVM cannot separate rings but separates a shifted blob", async () => {
  const lib = await libsvm();
  const { data, y } = rings(40, 3);
  const lin = fitSvm(lib, data, y, 2, { kernel: "linear", cost: 1 });
  const p = lin.predictProba(data);
  let right = 0;
  for (let i = 0; i < data.rows; i++) if ((p[2 * i + 1] > 0.5 ? 1 : 0) === y[i]) right++;
  assert(right / data.rows < 0.8, `a linear kernel should fail on rings (${right / data.rows})`);
  lin.free();
  const x = Float32Array.from({ length: 40 }, (_, i) => (i % 2 ? 2 : -2) + Math.sin(i));
  const blob = fitSvm(
    lib,
    { x, rows: 40, dims: 1 },
    Int32Array.from({ length: 40 }, (_, i) => i % 2),
    2,
    {
      kernel: "linear",
      cost: 1,
    },
  );
  const q = blob.predictProba({ x: Float32Array.of(-3, 3), rows: 2, dims: 1 });
  assert(q[0] > 0.5 && q[3] > 0.5);
  blob.free();
});
