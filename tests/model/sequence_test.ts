import { assert, assertEquals } from "../_assert.ts";
import { SequenceModel, trainSequenceModel } from "../../lib/model/sequence/mod.ts";
import { parameterBlocks, SequenceNet, type SequenceShape } from "../../lib/model/sequence/_net.ts";
import { Random } from "../../lib/util/random.ts";

const SHAPE: SequenceShape = { features: 5, classes: 3, hidden: 16, attention: 16 };

function _clips(random: Random, lengths: number[], f: number): Float32Array[] {
  return lengths.map((T) => Float32Array.from({ length: T * f }, () => random.normal()));
}

Deno.test("sequence kernels: every parameter's gradient matches finite differences", () => {
  const random = new Random(7);
  const net = new SequenceNet(SHAPE);
  net.initialise(3);
  // non-zero biases, so that their gradients and the ReLUs' both sides are exercised
  const p = net.parameters;
  for (let i = 0; i < p.length; i++) if (p[i] === 0) p[i] = 0.1 * random.normal();
  net.parameters = p;
  const clips = _clips(random, [9, 2, 1], SHAPE.features); // T below, near and above the taps
  const labels = [0, 2, 1];
  // a dropout mask on the third clip
  const masks = [
    undefined,
    undefined,
    Float32Array.from({ length: 16 }, (_, i) => i % 3 ? 1.5 : 0),
  ];
  const loss = (): number => {
    let sum = 0;
    clips.forEach((x, i) => sum -= Math.log(net.probabilities(x, masks[i])[labels[i]]));
    return sum;
  };
  net.clearGradient();
  clips.forEach((x, i) => net.accumulate(x, labels[i], 1, masks[i]));
  const grad = net.gradient;
  const F = (SHAPE.features + 3) & ~3;
  let at = 0;
  for (const b of parameterBlocks(SHAPE)) {
    let num2 = 0, diff2 = 0, checked = 0;
    for (let r = 0; r < b.rows; r++) {
      for (let c = 0; c < b.cols; c++) {
        const i = at + r * b.cols + c;
        const padding = (b.name === "conv1.w" && r % F >= SHAPE.features) ||
          (b.name.startsWith("output") && c >= SHAPE.classes);
        if (padding) {
          assertEquals(grad[i], 0, `${b.name}: padding has a gradient`);
          continue;
        }
        if (b.rows * b.cols > 200 && random.next() > 0.15) continue; // a sample of big blocks
        const eps = 1e-3;
        const q = net.parameters;
        q[i] = p[i] + eps;
        net.parameters = q;
        const up = loss();
        q[i] = p[i] - eps;
        net.parameters = q;
        const down = loss();
        net.parameters = p;
        const numeric = (up - down) / (2 * eps);
        num2 += numeric ** 2;
        diff2 += (numeric - grad[i]) ** 2;
        checked++;
      }
    }
    const rel = Math.sqrt(diff2 / Math.max(num2, 1e-20));
    assert(checked > 0 && num2 > 0, `${b.name}: nothing checked`);
    // float32 differences and the odd ReLU kink inside ±eps: a wrong gradient is off by O(1)
    assert(rel < 5e-2, `${b.name}: relative error ${rel} over ${checked} entries`);
    at += b.rows * b.cols;
  }
  assertEquals(at, net.size);
});

/** Class 1 when a pulse appears in feature 2 somewhere in the clip, else class 0. */
function _pulses(seed: number, n: number): { frames: Float32Array[]; labels: number[] } {
  const random = new Random(seed);
  const frames: Float32Array[] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const T = 20 + random.int(12), f = 6;
    const x = Float32Array.from({ length: T * f }, () => random.normal());
    const label = i % 2;
    if (label) {
      const t = random.int(T - 2);
      for (let k = 0; k < 3; k++) x[(t + k) * f + 2] += 4;
    }
    frames.push(x);
    labels.push(label);
  }
  return { frames, labels };
}

Deno.test("sequence model learns whether a pulse appears, deterministically for a seed", async () => {
  const train = _pulses(1, 240), test = _pulses(2, 100);
  const options = {
    features: 6,
    epochs: 20,
    batchSize: 16,
    learningRate: 3e-3,
    hidden: 16,
    attention: 16,
    seed: 5,
    validation: { frames: test.frames.slice(0, 40), labels: test.labels.slice(0, 40) },
  };
  const model = await trainSequenceModel(train.frames, train.labels, { ...options, threads: 2 });
  const p = model.predictProba(test.frames);
  let right = 0;
  test.labels.forEach((y, i) => right += p[2 * i + y] > 0.5 ? 1 : 0);
  assert(right >= 90, `only ${right} of 100 held-out clips right`);
  assert(p.every(Number.isFinite));
  // the same on one thread as on two: the batch's shards are summed in a fixed order
  const again = await trainSequenceModel(train.frames, train.labels, { ...options, threads: 1 });
  assertEquals(again.predictProba(test.frames), p);
  assertEquals(again.history, model.history);
  const other = await trainSequenceModel(train.frames, train.labels, { ...options, seed: 6 });
  assert(other.predictProba(test.frames).some((v, i) => v !== p[i]), "the seed changes nothing");
  // the JSON round trip gives identical probabilities
  const loaded = SequenceModel.fromJSON(JSON.parse(JSON.stringify(model)));
  assertEquals(loaded.predictProba(test.frames), p);
  assertEquals(loaded.history, model.history);
});

Deno.test("sequence model rejects bad input with clear errors", async () => {
  const x = new Float32Array(12);
  let message = "";
  try {
    await trainSequenceModel([new Float32Array(10)], [0], { features: 4, classes: 2 });
  } catch (e) {
    message = (e as Error).message;
  }
  assert(message.includes("not T × 4 frames"), message);
  try {
    await trainSequenceModel([x, x], [0, 3], { features: 4, classes: 2 });
  } catch (e) {
    message = (e as Error).message;
  }
  assert(message.includes("label 3 of clip 1"), message);
  try {
    SequenceModel.fromJSON({ format: "other" } as never);
  } catch (e) {
    message = (e as Error).message;
  }
  assert(message.includes("not a serlab-sequence-1 model"), message);
});
