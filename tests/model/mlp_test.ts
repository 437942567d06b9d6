import { assert } from "../_assert.ts";
import { tf } from "../../lib/model/fusionnet/_tfjs.ts";
import {
  DenseNetwork,
  fusionConfig,
  fusionLayers,
  writeLayerWeights,
} from "../../lib/model/mod.ts";
import { Random } from "../../lib/util/random.ts";

Deno.test("DenseNetwork's Adam steps match tf.layers trainOnBatch", async () => {
  const config = fusionConfig(41, 6, [12]);
  const ours = new DenseNetwork(config, 4);
  const layers = fusionLayers(config);
  writeLayerWeights(layers, ours.getWeights());
  layers.compile({
    optimizer: tf.train.adam(0.01, 0.9, 0.999, 1e-7),
    loss: "categoricalCrossentropy",
  });
  const random = new Random(2);
  for (let step = 0; step < 3; step++) {
    const x = Float32Array.from({ length: 16 * 41 }, () => random.normal());
    const y = Int32Array.from({ length: 16 }, () => random.int(6));
    const r = await ours.trainBatch(x, y, 0.01);
    const theirs = await layers.trainOnBatch(
      tf.tensor2d(x, [16, 41]),
      tf.oneHot(tf.tensor1d(y, "int32"), 6),
    ) as number;
    assert(
      Math.abs(r.loss - theirs) < 1e-4 * Math.abs(theirs),
      `step ${step}: loss ${r.loss} vs ${theirs}`,
    );
  }
  const a = ours.getWeights(), b = layers.getWeights().map((w) => w.dataSync());
  a.forEach((w, i) => {
    let worst = 0;
    for (let j = 0; j < w.length; j++) {
      worst = Math.max(worst, Math.abs(w[j] - b[i][j]) / (Math.abs(b[i][j]) + 1e-3));
    }
    assert(worst < 1e-3, `weight ${i}: relative difference ${worst}`);
  });
});
