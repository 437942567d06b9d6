import { assert, assertEquals } from "../_assert.ts";
import { tf } from "../../lib/model/fusionnet/_tfjs.ts";
import {
  createExtractor,
  extractorConfig,
  extractorLayers,
  LayersNetwork,
  type Network,
  readLayerWeights,
  selectBackend,
  WasmExtractor,
  writeLayerWeights,
} from "../../lib/model/mod.ts";
import { Random } from "../../lib/util/random.ts";

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-30));
}

/** Gradients of the mean cross-entropy of the tf.layers model, dropout off, in weight order. */
function layersGradients(
  model: ReturnType<typeof extractorLayers>,
  x: Float32Array,
  y: Int32Array,
  classes: number,
) {
  const n = y.length;
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const { value, grads } = tf.variableGrads(() => {
    const p = model.apply(tf.tensor2d(x, [n, x.length / n]), { training: false }) as tf.Tensor;
    const picked = tf.sum(tf.mul(tf.oneHot(tf.tensor1d(y, "int32"), classes), tf.log(p)), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  }, vars);
  return {
    loss: value.dataSync()[0],
    gradients: vars.map((v) => grads[v.name].dataSync() as Float32Array),
  };
}

for (const threads of [1, 2]) {
  Deno.test(`engine gradients match the tf.layers formulation (${threads} thread${threads > 1 ? "s" : ""})`, async () => {
    const config = extractorConfig(6);
    const engine = await WasmExtractor.create(config, 3, threads);
    try {
      const model = extractorLayers(config);
      writeLayerWeights(model, engine.getWeights());
      const random = new Random(5);
      const n = 24;
      const x = Float32Array.from({ length: n * 162 }, () => random.normal());
      const y = Int32Array.from({ length: n }, () => random.int(6));
      const ours = await engine.gradients(x, y);
      const ref = layersGradients(model, x, y, 6);
      assert(
        Math.abs(ours.loss - ref.loss) <= 1e-5 * Math.abs(ref.loss),
        `loss ${ours.loss} vs ${ref.loss}`,
      );
      assertEquals(ours.gradients.length, ref.gradients.length);
      ours.gradients.forEach((g, i) => {
        const e = relativeError(g, ref.gradients[i]);
        assert(e <= 1e-4, `weight ${i} (${model.trainableWeights[i].name}): relative error ${e}`);
      });
      // a training step changes the weights
      const before = engine.getWeights()[2].slice(0, 8);
      await engine.trainBatch(x, y, 1e-3);
      assert(relativeError(engine.getWeights()[2].slice(0, 8), before) > 0);
    } finally {
      engine.dispose();
    }
  });
}

Deno.test("engine and tf.layers (tfjs cpu) learn a small problem to the same accuracy", async () => {
  // three classes told apart by the frequency of a ripple along the 162 inputs
  const config = extractorConfig(3, { filters: 16, deep: 16 });
  const random = new Random(11);
  const make = (n: number) => {
    const y = Int32Array.from({ length: n }, () => random.int(3));
    const x = new Float32Array(n * 162);
    for (let r = 0; r < n; r++) {
      const f = [3, 7, 13][y[r]], phase = random.uniform(0, 6.3);
      for (let i = 0; i < 162; i++) {
        x[r * 162 + i] = Math.sin((2 * Math.PI * f * i) / 162 + phase) + 0.5 * random.normal();
      }
    }
    return { x, y };
  };
  const train = make(192), test = make(96);
  const engine = await WasmExtractor.create(config, 1, 1);
  const layers = extractorLayers(config);
  writeLayerWeights(layers, engine.getWeights());
  const reference = new LayersNetwork(layers, "tfjs-cpu");
  const accuracy = async (net: Network) => {
    for (let epoch = 0; epoch < 20; epoch++) {
      for (let i = 0; i < 192; i += 32) {
        await net.trainBatch(
          train.x.subarray(i * 162, (i + 32) * 162),
          train.y.subarray(i, i + 32),
          3e-3,
        );
      }
    }
    const p = await net.predict(test.x);
    let correct = 0;
    for (let r = 0; r < 96; r++) {
      const row = Array.from(p.subarray(3 * r, 3 * r + 3));
      if (row.indexOf(Math.max(...row)) === test.y[r]) correct++;
    }
    return correct / 96;
  };
  const ours = await accuracy(engine), theirs = await accuracy(reference);
  engine.dispose();
  reference.dispose();
  // tf.layers draws its dropout masks from tfjs's unseeded generator, so its accuracy varies from
  // run to run (0.885 to 1 seen at 12 epochs); the engine's is the same every run. The engine must
  // learn the problem, and not be worse than the reference.
  const both = `accuracies ${ours} (engine) and ${theirs} (tf.layers)`;
  assert(ours >= 0.9 && theirs >= 0.85, both);
  assert(ours >= theirs - 0.05, both);
});

Deno.test("engine weights round-trip in Keras order", async () => {
  const config = extractorConfig(4, { filters: 8 });
  const engine = await WasmExtractor.create(config, 9, 1);
  const layers = extractorLayers(config);
  writeLayerWeights(layers, engine.getWeights());
  const back = readLayerWeights(layers);
  engine.getWeights().forEach((w, i) => assertEquals(Array.from(w), Array.from(back[i])));
  assertEquals(back.map((w) => w.length), [5 * 8, 8, 81 * 8 * 32, 32, 32 * 4, 4]);
  engine.dispose();
});

Deno.test("two stacked Conv1D blocks (the report's depth) train on TensorFlow.js when chosen automatically", async () => {
  const config = extractorConfig(3, { convLayers: 2, filters: 8, deep: 8 });
  const backend = await selectBackend("auto", config);
  assertEquals(backend.name === "wasm-simd", false);
  const net = await createExtractor(config, 1, backend);
  const layers = extractorLayers(config);
  assertEquals(layers.layers.filter((l) => l.getClassName() === "Conv1D").length, 2);
  const random = new Random(3);
  const x = Float32Array.from({ length: 16 * 162 }, () => random.normal());
  const y = Int32Array.from({ length: 16 }, () => random.int(3));
  const first = await net.trainBatch(x, y, 1e-2);
  let last = first;
  for (let i = 0; i < 20; i++) last = await net.trainBatch(x, y, 1e-2);
  assert(last.loss < first.loss, `loss ${first.loss} -> ${last.loss}`);
  assertEquals((await net.predict(x)).length, 16 * 3);
  net.dispose();
});

Deno.test("auto picks a backend that loads and records why the others did not; a forced one that cannot load is an error", async () => {
  const config = extractorConfig(6);
  const auto = await selectBackend("auto", config);
  const names = ["tfjs-node-gpu", "tfjs-node", "tfjs-webgpu", "wasm-simd"];
  assert(names.includes(auto.name), auto.name);
  // every candidate that lost says why (a reason) or how fast it trained (a rate)
  for (const name of names.filter((n) => n !== auto.name)) {
    const said = auto.candidates[name];
    assert(typeof said === "string" || typeof said === "number", `${name}: ${said}`);
  }
  const unloadable = names.find((n) => typeof auto.candidates[n] === "string");
  if (unloadable) {
    let message = "";
    try {
      await selectBackend(unloadable as "tfjs-node", config);
    } catch (e) {
      message = (e as Error).message;
    }
    assert(message.startsWith(`backend ${unloadable} is not available`), message);
  }
  assertEquals((await selectBackend("wasm-simd", config)).name, "wasm-simd");
});
