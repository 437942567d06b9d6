import * as tfl from "@tensorflow/tfjs-layers";
import type { TrainedFusionNet } from "../model/fusionnet.ts";
import { LayersNetwork } from "../model/layers_network.ts";
import { MODEL_FORMAT, MODEL_FORMATS_READ, type ModelCard } from "../model/save.ts";
import { FUSIONNET_TRAINING } from "../model/train.ts";

/**
 * Loads a saved model over HTTP with TensorFlow.js (the browser page's way): `serlab.json`, then
 * `extractor/`, `fusion/` and `gender/` with `tf.loadLayersModel`, each wrapped as a network so
 * that the same prediction code runs as on the command line.
 *
 * @example
 * ```ts ignore
 * const { card, model } = await loadModelFromUrl("/model");
 * ```
 */
export async function loadModelFromUrl(
  base: string,
): Promise<{ card: ModelCard; model: TrainedFusionNet }> {
  const response = await fetch(`${base}/serlab.json`);
  if (!response.ok) throw new Error(`${base}/serlab.json: HTTP ${response.status}`);
  const card = (await response.json()) as ModelCard;
  if (!MODEL_FORMATS_READ.includes(card.format)) {
    throw new Error(`${base}/serlab.json: format ${card.format}, expected ${MODEL_FORMAT}`);
  }
  const layers = async (part: string) =>
    new LayersNetwork(
      await tfl.loadLayersModel(`${base}/${part}/model.json`) as tfl.Sequential,
      "tfjs-browser",
    );
  const model: TrainedFusionNet = {
    settings: {
      labels: card.labels,
      inputs: card.inputs,
      extractor: card.extractor!,
      fusionHidden: card.fusion?.hidden ?? [],
      training: FUSIONNET_TRAINING,
      backend: "auto",
      seed: card.seed,
    },
    backend: { name: "tfjs-cpu", detail: "TensorFlow.js in the browser", candidates: {} },
    scalers: card.scalers,
    extractor: card.extractor ? await layers("extractor") : null,
    fusion: card.fusion ? await layers("fusion") : null,
    gender: card.inputs.gender ? await layers("gender") : null,
    history: {},
  };
  return { card, model };
}
