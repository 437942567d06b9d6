import { tf } from "./_tfjs.ts";
import type * as tfl from "@tensorflow/tfjs-layers";
import type { LoadSettings } from "../../audio/load.ts";
import type { PowerScale } from "../../dataset/build.ts";
import type { FeatureSettings } from "../../features/extract.ts";
import { writeFileAtomic } from "../../util/atomic.ts";
import { type ExtractorConfig, fusionConfig } from "./architecture.ts";
import type { BackendInfo } from "./backend.ts";
import { extractorLayers, fusionLayers, writeLayerWeights } from "./layers.ts";
import { type FusionInputs, fusionWidth, type TrainedFusionNet } from "./model.ts";
import type { Scaler } from "../scaler.ts";

/** The format tag of `serlab.json`. */
export const MODEL_FORMAT = "serlab-fusionnet/3";

/** Earlier formats {@linkcode loadFusionNet} still reads (2: one global scaler, no enrolment). */
export const MODEL_FORMATS_READ: readonly string[] = ["serlab-fusionnet/2", MODEL_FORMAT];

/** `serlab.json`: what a saved model needs besides its TensorFlow.js weights. */
export interface ModelCard {
  format: typeof MODEL_FORMAT | "serlab-fusionnet/2";
  labels: string[];
  /** How the corpora's emotions became `labels` (`--labels`): emotion -> label, null if dropped. */
  labelMap?: Record<string, string | null>;
  inputs: FusionInputs;
  /**
   * How features were standardised in training: "speaker" (format 3): each training speaker's
   * [acoustic, statistical] vectors by the speaker's own statistics, so that a new speaker's
   * enrolment statistics apply, `globalScaler` until then; "global" (format 2): `scalers` only.
   */
  normalization: "global" | "speaker";
  /** The scaler over the 170 [acoustic, statistical] values used before enrolment (format 3). */
  globalScaler?: Scaler;
  /** The scale of the power-like features (`scalePower` of `lib/dataset`). */
  power: PowerScale;
  scalers: { acoustic: Scaler; statistical: Scaler };
  extractor: ExtractorConfig | null;
  fusion: { inputs: number; hidden: number[] } | null;
  load: LoadSettings;
  features: FeatureSettings;
  featuresVersion: number;
  backend: BackendInfo;
  versions: Record<string, string>;
  trainedOn: { clips: number; manifestSha256: string; corpora: string[] };
  seed: number;
  created: string;
  /** Validation accuracy of the kept epoch, per stage (extractor, fusion, gender). */
  validation: Record<string, number | null>;
  /**
   * Temperature scaling (Guo et al., ICML 2017) of the emotion probabilities, fitted on the
   * validation actors': `predict` and the ONNX graph give softmax(z / T). Absent: T = 1.
   */
  calibration?: { temperature: number; fittedOn: string };
}

/**
 * Saves a trained model to `dir`: `extractor/`, `fusion/` and `gender/` (the gender
 * classifier), each `model.json` + `weights.bin` in TensorFlow.js's layers format (browsers load
 * them with `tf.loadLayersModel`), and `serlab.json` with labels, scalers, power scale, feature and cut settings,
 * versions and provenance. Files are written atomically.
 *
 * @example
 * ```ts ignore
 * await saveFusionNet(model, "results/run/model", { load, features, featuresVersion: 1, ... });
 * ```
 */
export async function saveFusionNet(
  model: TrainedFusionNet,
  dir: string,
  meta: Pick<
    ModelCard,
    | "load"
    | "features"
    | "featuresVersion"
    | "versions"
    | "trainedOn"
    | "normalization"
    | "power"
    | "globalScaler"
    | "labelMap"
    | "calibration"
  >,
): Promise<ModelCard> {
  const s = model.settings;
  if (model.extractor) {
    const layers = extractorLayers(s.extractor);
    writeLayerWeights(layers, model.extractor.getWeights());
    await _saveLayers(layers, `${dir}/extractor`);
  }
  let fusion: ModelCard["fusion"] = null;
  if (model.fusion) {
    const config = fusionConfig(fusionWidth(s), s.labels.length, s.fusionHidden);
    const layers = fusionLayers(config);
    writeLayerWeights(layers, model.fusion.getWeights());
    await _saveLayers(layers, `${dir}/fusion`);
    fusion = { inputs: config.inputs, hidden: config.hidden };
  }
  if (model.gender) {
    const layers = fusionLayers(fusionConfig(170, 2, []));
    writeLayerWeights(layers, model.gender.getWeights());
    await _saveLayers(layers, `${dir}/gender`);
  }
  const best = (h?: { epochs: { valAccuracy: number | null }[]; bestEpoch: number }) =>
    h ? h.epochs[h.bestEpoch - 1]?.valAccuracy ?? null : null;
  const card: ModelCard = {
    format: MODEL_FORMAT,
    labels: s.labels,
    inputs: s.inputs,
    scalers: model.scalers,
    extractor: model.extractor ? s.extractor : null,
    fusion,
    backend: model.backend,
    seed: s.seed,
    created: new Date().toISOString(),
    validation: {
      extractor: best(model.history.extractor),
      fusion: best(model.history.fusion),
      gender: best(model.history.gender),
    },
    ...meta,
  };
  await writeFileAtomic(`${dir}/serlab.json`, JSON.stringify(card, null, 1) + "\n");
  return card;
}

async function _saveLayers(model: tfl.LayersModel, dir: string): Promise<void> {
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const { weightData, ...rest } = artifacts;
    const bytes = new Uint8Array(weightData as ArrayBuffer);
    await writeFileAtomic(`${dir}/weights.bin`, bytes);
    const json = {
      modelTopology: rest.modelTopology,
      format: "layers-model",
      generatedBy: rest.generatedBy,
      convertedBy: "serlab",
      weightsManifest: [{ paths: ["weights.bin"], weights: rest.weightSpecs }],
    };
    await writeFileAtomic(`${dir}/model.json`, JSON.stringify(json));
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: "JSON",
        weightDataBytes: bytes.length,
      },
    };
  }));
}
