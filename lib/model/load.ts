import { tf } from "./_tfjs.ts";
import * as tfl from "@tensorflow/tfjs-layers";
import { fusionConfig } from "./architecture.ts";
import { WasmExtractor } from "./engine.ts";
import type { TrainedFusionNet } from "./fusionnet.ts";
import { LayersNetwork } from "./layers_network.ts";
import { DenseNetwork } from "./mlp.ts";
import { MODEL_FORMAT, MODEL_FORMATS_READ, type ModelCard } from "./save.ts";
import { FUSIONNET_TRAINING } from "./train.ts";

/** A model loaded for prediction, with its card. */
export interface LoadedModel {
  card: ModelCard;
  model: TrainedFusionNet;
}

/**
 * Loads a model saved by {@linkcode saveFusionNet}. The extractor runs on the WebAssembly engine
 * when it supports the architecture (else on TensorFlow.js), the small networks in TypeScript:
 * the same code that trained them. Throws naming the folder and file for anything missing or
 * of another format.
 *
 * @example
 * ```ts ignore
 * const { card, model } = await loadFusionNet("results/demo-1a2b3c4d/model");
 * console.log(card.labels);
 * ```
 */
export async function loadFusionNet(dir: string): Promise<LoadedModel> {
  let card: ModelCard;
  try {
    card = JSON.parse(await Deno.readTextFile(`${dir}/serlab.json`));
  } catch (e) {
    throw new Error(
      `${dir}/serlab.json: cannot read a model card (${e instanceof Error ? e.message : e})`,
    );
  }
  if (!MODEL_FORMATS_READ.includes(card.format)) {
    throw new Error(`${dir}/serlab.json: format ${card.format}, expected ${MODEL_FORMAT}`);
  }
  const model: TrainedFusionNet = {
    settings: {
      labels: card.labels,
      inputs: card.inputs,
      extractor: card.extractor ??
        {
          inputLength: 162,
          classes: card.labels.length,
          filters: 0,
          kernel: 5,
          pool: 5,
          stride: 2,
          convLayers: 1,
          deep: 0,
          dropout: 0,
        },
      fusionHidden: card.fusion?.hidden ?? [],
      training: FUSIONNET_TRAINING,
      backend: card.backend.name,
      seed: card.seed,
    },
    backend: card.backend,
    scalers: card.scalers,
    extractor: null,
    fusion: null,
    gender: null,
    history: {},
  };
  if (card.extractor) {
    const weights = await readSavedWeights(`${dir}/extractor`);
    if (WasmExtractor.supports(card.extractor)) {
      const net = await WasmExtractor.create(card.extractor, card.seed, 1);
      net.setWeights(weights);
      model.extractor = net;
    } else {
      const layers = await tfl.loadLayersModel(await _handler(`${dir}/extractor`));
      model.extractor = new LayersNetwork(layers as tfl.Sequential, "tfjs-cpu");
    }
  }
  if (card.fusion) {
    const net = new DenseNetwork(
      fusionConfig(card.fusion.inputs, card.labels.length, card.fusion.hidden),
      0,
    );
    net.setWeights(await readSavedWeights(`${dir}/fusion`));
    model.fusion = net;
  }
  if (card.inputs.gender) {
    const net = new DenseNetwork(fusionConfig(170, 2, []), 0);
    net.setWeights(await readSavedWeights(`${dir}/gender`));
    model.gender = net;
  }
  return { card, model };
}

/**
 * The weights of a TensorFlow.js layers model folder (`model.json` + its weight files), as plain
 * arrays in manifest order.
 *
 * @example
 * ```ts ignore
 * const weights = await readSavedWeights("model/fusion");
 * ```
 */
export async function readSavedWeights(dir: string): Promise<Float32Array[]> {
  const artifacts = await (await _handler(dir)).load!();
  const named = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
  return artifacts.weightSpecs!.map((s) => named[s.name].dataSync() as Float32Array).map((a) =>
    a.slice()
  );
}

async function _handler(dir: string): Promise<tf.io.IOHandler> {
  let json: {
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  try {
    json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  } catch (e) {
    throw new Error(`${dir}/model.json: ${e instanceof Error ? e.message : e}`);
  }
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const parts = [];
  for (const g of json.weightsManifest) {
    for (const p of g.paths) parts.push(await Deno.readFile(`${dir}/${p}`));
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return tf.io.fromMemory({
    modelTopology: json.modelTopology as tf.io.ModelArtifacts["modelTopology"],
    weightSpecs: specs,
    weightData: data.buffer,
  });
}
