import { tf } from "./_tfjs.ts";
import * as tfl from "@tensorflow/tfjs-layers";
import type { BatchResult, FeatureNetwork } from "./network.ts";
import { readLayerWeights, writeLayerWeights } from "./layers.ts";

/**
 * A TensorFlow.js layers model as a {@linkcode FeatureNetwork}: trained with `trainOnBatch` and
 * Adam on whichever TensorFlow.js backend is active (tfjs-node, tfjs-node-gpu, WebGPU, cpu).
 * The model's `deep` layer gives the deep features.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { assertEquals } from "@std/assert";
 * import { extractorConfig } from "./architecture.ts";
 * import { extractorLayers } from "./layers.ts";
 * import { LayersNetwork } from "./layers_network.ts";
 * const net = new LayersNetwork(extractorLayers(extractorConfig(6, { filters: 8 })), "tfjs-cpu");
 * assertEquals(net.backend, "tfjs-cpu");
 * ```
 */
export class LayersNetwork implements FeatureNetwork {
  readonly backend: string;
  readonly inputs: number;
  readonly classes: number;
  readonly deep: number;
  readonly #model: tfl.Sequential;
  readonly #deepModel: tfl.LayersModel;
  readonly #optimizer: tf.AdamOptimizer;

  /** Wraps `model` (input `[n, inputs]`, softmax output); `backend` names what computes it. */
  constructor(model: tfl.Sequential, backend: string) {
    this.backend = backend;
    this.#model = model;
    this.inputs = model.inputs[0].shape[1] as number;
    this.classes = model.outputs[0].shape[1] as number;
    this.#optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-7);
    model.compile({
      optimizer: this.#optimizer,
      loss: "categoricalCrossentropy",
      metrics: ["accuracy"],
    });
    const deepLayer = model.layers.find((l) => l.name === "deep");
    this.deep = deepLayer ? (deepLayer.outputShape as number[])[1] : 0;
    this.#deepModel = deepLayer
      ? tfl.model({ inputs: model.inputs, outputs: deepLayer.output as tfl.SymbolicTensor })
      : model;
  }

  async trainBatch(x: Float32Array, y: Int32Array, lr: number): Promise<BatchResult> {
    // deno-lint-ignore no-explicit-any
    (this.#optimizer as any).learningRate = lr;
    const n = y.length;
    const xs = tf.tensor2d(x, [n, this.inputs]);
    const ys = tf.oneHot(tf.tensor1d(y, "int32"), this.classes);
    const [loss, acc] = (await this.#model.trainOnBatch(xs, ys)) as number[];
    tf.dispose([xs, ys]);
    return { loss, correct: Math.round(acc * n) };
  }

  async predict(x: Float32Array): Promise<Float32Array> {
    return await this.#run(this.#model, x);
  }

  async deepFeatures(x: Float32Array): Promise<Float32Array> {
    return await this.#run(this.#deepModel, x);
  }

  getWeights(): Float32Array[] {
    return readLayerWeights(this.#model);
  }

  setWeights(weights: Float32Array[]): void {
    writeLayerWeights(this.#model, weights);
  }

  dispose(): void {
    this.#model.dispose();
  }

  async #run(model: tfl.LayersModel, x: Float32Array): Promise<Float32Array> {
    const n = x.length / this.inputs;
    const xs = tf.tensor2d(x, [n, this.inputs]);
    const out = model.predict(xs, { batchSize: 256 }) as tf.Tensor;
    const data = (await out.data()) as Float32Array;
    tf.dispose([xs, out]);
    return data;
  }
}
