import { assertEquals } from "../_assert.ts";
import { type BatchResult, fit, FUSIONNET_TRAINING, type Network } from "../../lib/model/mod.ts";

/** A network whose validation loss follows a script and whose "weights" are the epoch it is at. */
class Scripted implements Network {
  readonly backend = "test";
  readonly inputs = 1;
  readonly classes = 2;
  epoch = 0;
  rates: number[] = [];
  #losses: number[];
  #weights: Float32Array[] = [Float32Array.of(0)];
  constructor(losses: number[]) {
    this.#losses = losses;
  }
  trainBatch(_x: Float32Array, _y: Int32Array, lr: number): Promise<BatchResult> {
    this.rates.push(lr);
    this.epoch++;
    this.#weights = [Float32Array.of(this.epoch)];
    return Promise.resolve({ loss: 1, correct: 0 });
  }
  predict(x: Float32Array): Promise<Float32Array> {
    // p(label 0) = exp(-loss): cross-entropy of label 0 is the scripted loss
    const p = Math.exp(-this.#losses[this.epoch - 1]);
    return Promise.resolve(
      Float32Array.from({ length: 2 * x.length }, (_, i) => (i % 2 ? 1 - p : p)),
    );
  }
  getWeights(): Float32Array[] {
    return this.#weights;
  }
  setWeights(w: Float32Array[]): void {
    this.#weights = w;
  }
  dispose(): void {}
}

Deno.test("fit lowers the rate on plateaus, stops early and restores the best epoch", async () => {
  const losses = [1.0, 0.8, 0.6, 0.65, 0.7, 0.62, 0.61, 0.9, 0.9, 0.9, 0.9];
  const net = new Scripted(losses);
  const one = { x: Float32Array.of(0), y: Int32Array.of(0) };
  const h = await fit(net, one, one, {
    ...FUSIONNET_TRAINING,
    batchSize: 1,
    earlyStopPatience: 5,
    epochs: 20,
  });
  // best at epoch 3 (0.6); five epochs without improvement: stop after epoch 8
  assertEquals(h.epochs.length, 8);
  assertEquals(h.bestEpoch, 3);
  assertEquals(h.stoppedEarly, true);
  assertEquals(net.getWeights()[0][0], 3);
  // patience 2: epochs 4 and 5 do not improve -> x0.4 from epoch 6; 6 and 7 do not beat 0.6 -> x0.4 again
  assertEquals(net.rates.map((r) => +r.toExponential(3)), [
    1e-3,
    1e-3,
    1e-3,
    1e-3,
    1e-3,
    4e-4,
    4e-4,
    1.6e-4,
  ]);
  assertEquals(h.epochs.map((e) => +e.valLoss!.toFixed(2)), losses.slice(0, 8));
});

Deno.test("the learning rate never goes below the floor", async () => {
  const net = new Scripted(new Array(30).fill(1));
  const one = { x: Float32Array.of(0), y: Int32Array.of(0) };
  await fit(net, one, one, {
    ...FUSIONNET_TRAINING,
    batchSize: 1,
    epochs: 30,
    earlyStopPatience: 100,
    plateau: { factor: 0.1, patience: 1, minLr: 1e-7 },
  });
  assertEquals(Math.min(...net.rates), 1e-7);
});
