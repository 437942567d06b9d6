import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { applyTemperature, fitTemperature } from "../../lib/model/calibration.ts";
import { expectedCalibrationError } from "../../lib/eval/calibration.ts";
import { argmaxRows } from "../../lib/eval/metrics.ts";
import { Random } from "../../lib/util/random.ts";

/**
 * Rows whose labels are drawn from softmax(z), and the probabilities of a model that is sure
 * `sharpen` times too much: softmax(sharpen * z). Temperature scaling should find T = sharpen.
 */
function overconfident(rows: number, classes: number, sharpen: number, seed: number) {
  const rng = new Random(seed), rand = () => rng.next();
  const p = new Float32Array(rows * classes), y = new Int32Array(rows);
  const softmax = (z: number[]) => {
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  for (let r = 0; r < rows; r++) {
    const z = Array.from({ length: classes }, () => 2 * rand());
    const truth = softmax(z);
    let u = rand(), k = 0;
    while (k < classes - 1 && (u -= truth[k]) > 0) k++;
    y[r] = k;
    p.set(softmax(z.map((v) => v * sharpen)), r * classes);
  }
  return { p, y };
}

Deno.test("fitTemperature recovers how overconfident a model is", () => {
  for (const sharpen of [0.5, 3]) {
    const { p, y } = overconfident(4000, 4, sharpen, 7);
    assertAlmostEquals(fitTemperature(p, y, 4), sharpen, 0.25 * sharpen);
  }
});

Deno.test("temperature scaling keeps every argmax and lowers the calibration error", () => {
  const { p, y } = overconfident(4000, 6, 4, 11);
  const t = fitTemperature(p, y, 6);
  const scaled = applyTemperature(p, 6, t);
  assertEquals(argmaxRows(scaled, 6), argmaxRows(p, 6));
  const before = expectedCalibrationError(p, y, 6).ece;
  const after = expectedCalibrationError(scaled, y, 6).ece;
  assert(after < before / 2, `ECE ${before} -> ${after}`);
  assert(after < 0.05, `calibrated ECE ${after}`);
  for (let r = 0; r < 10; r++) {
    assertAlmostEquals(scaled.slice(r * 6, r * 6 + 6).reduce((a, b) => a + b, 0), 1, 1e-5);
  }
});

Deno.test("applyTemperature: T = 1 is the identity and a bad T is an error", () => {
  const p = Float32Array.of(0.7, 0.2, 0.1, 0, 0.5, 0.5);
  const same = applyTemperature(p, 3, 1);
  p.forEach((v, i) => assertAlmostEquals(same[i], v, 1e-6));
  for (const t of [0, -1, NaN, Infinity]) {
    let threw = false;
    try {
      applyTemperature(p, 3, t);
    } catch {
      threw = true;
    }
    assert(threw, `T = ${t} accepted`);
  }
});

Deno.test("expectedCalibrationError: bins, weights and an empty bin", () => {
  // two rows at 0.95 (one right), two at 0.55 (both right): (2/4)|0.5-0.95| + (2/4)|1-0.55|
  const p = Float32Array.of(0.95, 0.05, 0.05, 0.95, 0.55, 0.45, 0.45, 0.55);
  const e = expectedCalibrationError(p, Int32Array.of(0, 0, 0, 1), 2, 10);
  assertAlmostEquals(e.ece, 0.5 * 0.45 + 0.5 * 0.45, 1e-6);
  assertEquals(e.bins[9].n, 2);
  assertEquals(e.bins[5].n, 2);
  assert(Number.isNaN(e.bins[0].accuracy));
});
