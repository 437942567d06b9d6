import * as tfl from "@tensorflow/tfjs-layers";
import type { DeployableModel } from "../model/deployable.ts";
import { cardDeployable } from "../model/card_families.ts";
import type { TrainedFusionNet } from "../model/fusionnet/model.ts";
import { fusionNetDeployable } from "../model/fusionnet/deployable.ts";
import { LayersNetwork } from "../model/fusionnet/layers_network.ts";
import { MODEL_FORMAT, MODEL_FORMATS_READ, type ModelCard } from "../model/fusionnet/save.ts";
import { FUSIONNET_TRAINING } from "../model/fusionnet/train.ts";

/**
 * Loads a saved model of any family over HTTP as a {@linkcode DeployableModel} (the browser
 * page's way), with how many clips it was trained on: a functional-set or sequence model from
 * its card alone (a functional-set classifier family's entry loads what the family runs on,
 * libsvm included; the sequence model runs on its WebAssembly kernels);
 * SER-FusionNet's `extractor/`, `fusion/` and `gender/` with `tf.loadLayersModel`, each wrapped
 * as a network so that the same prediction code runs as on the command line.
 *
 * @example
 * ```ts ignore
 * const { model, trainedOnClips } = await loadDeployableFromUrl("/model");
 * ```
 */
export async function loadDeployableFromUrl(
  base: string,
): Promise<{ model: DeployableModel; trainedOnClips: number }> {
  const raw = await _card(base);
  const carded = cardDeployable(raw, `${base}/serlab.json`);
  if (carded) {
    const trainedOnClips = (raw as { trainedOn: { clips: number } }).trainedOn.clips;
    return { model: carded, trainedOnClips };
  }
  const { card, model } = await _fusionNetFromCard(base, raw as ModelCard);
  return { model: fusionNetDeployable(card, model), trainedOnClips: card.trainedOn.clips };
}

async function _card(base: string): Promise<unknown> {
  const response = await fetch(`${base}/serlab.json`);
  if (!response.ok) throw new Error(`${base}/serlab.json: HTTP ${response.status}`);
  return await response.json();
}

async function _fusionNetFromCard(
  base: string,
  card: ModelCard,
): Promise<{ card: ModelCard; model: TrainedFusionNet }> {
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
