import { assertAlmostEquals, assertEquals } from "../_assert.ts";
import { argmaxRows, computeMetrics, meanStd } from "../../lib/eval/mod.ts";

Deno.test("metrics agree with a hand count", () => {
  // true:      0 0 0 1 1 2
  // predicted: 0 0 1 1 2 2
  const m = computeMetrics(Int32Array.of(0, 0, 0, 1, 1, 2), Int32Array.of(0, 0, 1, 1, 2, 2), 3);
  assertEquals(m.confusion, [[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
  assertAlmostEquals(m.accuracy, 4 / 6, 1e-12);
  assertAlmostEquals(m.uar, (2 / 3 + 1 / 2 + 1) / 3, 1e-12);
  assertAlmostEquals(m.macroPrecision, (1 + 1 / 2 + 1 / 2) / 3, 1e-12);
  const f1 = [2 * 1 * (2 / 3) / (1 + 2 / 3), 0.5, 2 * 0.5 * 1 / 1.5];
  assertAlmostEquals(m.macroF1, (f1[0] + f1[1] + f1[2]) / 3, 1e-12);
});

Deno.test("classes absent from a fold do not count in macro averages", () => {
  const m = computeMetrics(Int32Array.of(0, 1), Int32Array.of(0, 1), 4);
  assertEquals([m.accuracy, m.uar, m.macroF1], [1, 1, 1]);
});

Deno.test("argmax and mean ± std", () => {
  assertEquals(Array.from(argmaxRows(Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.3, 0.2), 3)), [1, 0]);
  const s = meanStd([0.4, 0.5, 0.6]);
  assertAlmostEquals(s.mean, 0.5, 1e-12);
  assertAlmostEquals(s.std, 0.1, 1e-12);
});
