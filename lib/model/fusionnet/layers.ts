import { tf } from "./_tfjs.ts";
import * as tfl from "@tensorflow/tfjs-layers";
import type { ExtractorConfig, FusionConfig } from "./architecture.ts";

/**
 * The extractor as a TensorFlow.js layers model: the reference formulation, what the
 * TensorFlow.js backends train, and the format models are saved in (so browsers load them).
 * Input `[n, inputLength]`; the `deep` layer is the deep feature.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { extractorConfig } from "./architecture.ts";
 * import { extractorLayers } from "./layers.ts";
 * const m = extractorLayers(extractorConfig(6));
 * assertEquals(m.getLayer("deep").outputShape, [null, 32]);
 * ```
 */
export function extractorLayers(c: ExtractorConfig): tfl.Sequential {
  const m = tfl.sequential({ name: "extractor" });
  m.add(tfl.layers.reshape({ targetShape: [c.inputLength, 1], inputShape: [c.inputLength] }));
  for (let i = 0; i < c.convLayers; i++) {
    m.add(
      tfl.layers.conv1d({
        filters: c.filters,
        kernelSize: c.kernel,
        padding: "same",
        activation: "relu",
      }),
    );
    m.add(tfl.layers.maxPooling1d({ poolSize: c.pool, strides: c.stride, padding: "same" }));
  }
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: c.deep, activation: "relu", name: "deep" }));
  m.add(tfl.layers.dropout({ rate: c.dropout }));
  m.add(tfl.layers.dense({ units: c.classes, activation: "softmax", name: "emotion" }));
  return m;
}

/**
 * The fusion classifier as a TensorFlow.js layers model.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fusionConfig } from "./architecture.ts";
 * import { fusionLayers } from "./layers.ts";
 * assertEquals(fusionLayers(fusionConfig(41, 6)).countParams(), 41 * 12 + 12 + 12 * 6 + 6);
 * ```
 */
export function fusionLayers(c: FusionConfig): tfl.Sequential {
  const m = tfl.sequential({ name: "fusion" });
  c.hidden.forEach((units, i) =>
    m.add(
      tfl.layers.dense({
        units,
        activation: "relu",
        ...(i === 0 ? { inputShape: [c.inputs] } : {}),
      }),
    )
  );
  m.add(tfl.layers.dense({
    units: c.classes,
    activation: "softmax",
    name: "emotion",
    ...(c.hidden.length === 0 ? { inputShape: [c.inputs] } : {}),
  }));
  return m;
}

/** A layers model's weights as plain arrays, in layer order. */
export function readLayerWeights(m: tfl.LayersModel): Float32Array[] {
  return m.getWeights().map((w) => w.dataSync() as Float32Array).map((a) => a.slice());
}

/** Sets a layers model's weights from plain arrays in layer order. */
export function writeLayerWeights(m: tfl.LayersModel, weights: Float32Array[]): void {
  const current = m.getWeights();
  if (current.length !== weights.length) {
    throw new RangeError(`${weights.length} weight arrays for ${current.length} variables`);
  }
  m.setWeights(weights.map((w, i) => tf.tensor(w, current[i].shape)));
}
