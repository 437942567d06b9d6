import { tf } from "./_tfjs.ts";
import * as tfl from "@tensorflow/tfjs-layers";
import { fusionConfig } from "./architecture.ts";
import { WasmExtractor } from "./engine.ts";
import type { TrainedFusionNet } from "./model.ts";
import { LayersNetwork } from "./layers_network.ts";
import { DenseNetwork } from "./mlp.ts";
import { checkModelCard } from "./check.ts";
import type { Network } from "./network.ts";
import type { ModelCard } from "./save.ts";
import { FUSIONNET_TRAINING } from "./train.ts";

/** A model loaded for prediction, with its card. */
export interface LoadedModel {
  card: ModelCard;
  model: TrainedFusionNet;
}

/**
 * Loads a model saved by {@linkcode saveFusionNet}. The extractor runs on the WebAssembly engine
 * when it supports the architecture (else on TensorFlow.js), the small networks in TypeScript:
 * the same code that trained them. Checks the whole folder first and throws naming the file for
 * anything missing, damaged, of another format or inconsistent: the card
 * ({@linkcode checkModelCard}), each `model.json`, each weight file's size against its manifest,
 * each weight's count against the network the card describes, and that every weight is finite.
 *
 * @example
 * ```ts ignore
 * const { card, model } = await loadFusionNet("results/demo-1a2b3c4d/model");
 * console.log(card.labels);
 * ```
 */
export async function loadFusionNet(dir: string): Promise<LoadedModel> {
  const card = await readModelCard(dir);
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
  try {
    if (card.extractor) {
      const weights = await readSavedWeights(`${dir}/extractor`);
      if (WasmExtractor.supports(card.extractor)) {
        const net = await WasmExtractor.create(card.extractor, card.seed, 1);
        model.extractor = net;
        _setWeights(net, weights, `${dir}/extractor`);
      } else {
        const layers = await tfl.loadLayersModel(await _handler(`${dir}/extractor`)).catch((e) => {
          throw new Error(`${dir}/extractor: ${e instanceof Error ? e.message : e}`);
        });
        model.extractor = new LayersNetwork(layers as tfl.Sequential, "tfjs-cpu");
      }
    }
    if (card.fusion) {
      const net = new DenseNetwork(
        fusionConfig(card.fusion.inputs, card.labels.length, card.fusion.hidden),
        0,
      );
      _setWeights(net, await readSavedWeights(`${dir}/fusion`), `${dir}/fusion`);
      model.fusion = net;
    }
    if (card.inputs.gender) {
      const net = new DenseNetwork(fusionConfig(170, 2, []), 0);
      _setWeights(net, await readSavedWeights(`${dir}/gender`), `${dir}/gender`);
      model.gender = net;
    }
  } catch (e) {
    model.extractor?.dispose();
    throw e;
  }
  return { card, model };
}

/**
 * Reads and checks a model folder's `serlab.json` ({@linkcode checkModelCard}), naming the file
 * in every error.
 *
 * @example
 * ```ts ignore
 * const card = await readModelCard("results/demo-1a2b3c4d/model");
 * ```
 */
export async function readModelCard(dir: string): Promise<ModelCard> {
  const file = `${dir}/serlab.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    throw new Error(`${file}: cannot read a model card (${e instanceof Error ? e.message : e})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  return checkModelCard(value, file);
}

/** Sets a network's weights after checking each array's size against the network's own. */
function _setWeights(net: Network, weights: Float32Array[], dir: string): void {
  const want = net.getWeights().map((w) => w.length);
  if (
    weights.length !== want.length || weights.some((w, i) => w.length !== want[i])
  ) {
    throw new Error(
      `${dir}/model.json: weights of sizes ${weights.map((w) => w.length).join(", ")}, ` +
        `but the card's network needs ${want.join(", ")}`,
    );
  }
  net.setWeights(weights);
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
  const weights = artifacts.weightSpecs!.map((s) => named[s.name].dataSync() as Float32Array).map(
    (a) => a.slice(),
  );
  for (const t of Object.values(named)) t.dispose();
  weights.forEach((w, i) => {
    const bad = w.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(
        `${dir}/weights.bin: ${artifacts.weightSpecs![i].name}[${bad}] is ${
          w[bad]
        } (a damaged file?)`,
      );
    }
  });
  return weights;
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
  const groups = Array.isArray(json?.weightsManifest) ? json.weightsManifest : null;
  const specs = groups?.flatMap((g) => Array.isArray(g?.weights) ? g.weights : []) ?? [];
  if (
    !groups || !groups.every((g) => Array.isArray(g?.paths)) ||
    !specs.every((w) =>
      typeof w?.name === "string" && w.dtype === "float32" && Array.isArray(w.shape) &&
      w.shape.every((d) => Number.isInteger(d) && d >= 0)
    )
  ) {
    throw new Error(`${dir}/model.json: no valid weightsManifest (float32 weights with shapes)`);
  }
  const parts = [];
  for (const g of groups) {
    for (const p of g.paths) {
      const file = `${dir}/${p}`;
      parts.push(
        await Deno.readFile(file).catch((e) => {
          throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
        }),
      );
    }
  }
  const need = 4 * specs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  const have = parts.reduce((n, p) => n + p.length, 0);
  if (have !== need) {
    throw new Error(
      `${dir}/${groups.flatMap((g) => g.paths).join(", ")}: ${have} bytes, but model.json's ` +
        `weights need ${need}`,
    );
  }
  const data = new Uint8Array(have);
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
