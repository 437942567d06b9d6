import { scalePower } from "../../dataset/build.ts";
import { ACOUSTIC_NAMES, extractFeatures, STATISTICAL_NAMES } from "../../features/extract.ts";
import { applyTemperature } from "../calibration.ts";
import type { DeployableModel, DeployOptions, DeployPrediction } from "../deployable.ts";
import {
  disposeFusionNet,
  estimateGender,
  predictFusionNet,
  type TrainedFusionNet,
} from "./model.ts";
import { fusionNetOnnx } from "./onnx.ts";
import type { ModelCard } from "./save.ts";

const FEATURE_NAMES = Object.freeze([
  ...ACOUSTIC_NAMES.map((n) => `acoustic.${n}`),
  ...STATISTICAL_NAMES.map((n) => `statistical.${n}`),
]);

/**
 * SER-FusionNet as a {@linkcode DeployableModel}: the feature vector is the 162 acoustic and 8
 * statistical features (power-like ones on the card's scale); a format-3 model standardises it
 * by `card.globalScaler` or a speaker's statistics, a format-2 model (trained with one global
 * scaler) only by its own scalers, so its `globalScaler` is the identity and it cannot be
 * enrolled. The probabilities are calibrated by the card's temperature when it has one. Works
 * with the command line's networks and the browser's TensorFlow.js ones.
 *
 * @example
 * ```ts ignore
 * const { card, model } = await loadFusionNet(dir);
 * const deployable = fusionNetDeployable(card, model);
 * ```
 */
export function fusionNetDeployable(card: ModelCard, model: TrainedFusionNet): DeployableModel {
  const speaker = card.normalization === "speaker" && Boolean(card.globalScaler);
  return {
    family: "fusionnet",
    labels: card.labels,
    load: card.load,
    featureNames: FEATURE_NAMES,
    featureKey:
      `fusionnet-170/features-${card.featuresVersion}/${card.power}/${card.load.sampleRate}`,
    globalScaler: speaker
      ? card.globalScaler!
      : { mean: Array(170).fill(0), scale: Array(170).fill(1) },
    frameLevel: false,
    speakerNormalized: speaker,
    usesGender: true,
    features(y: Float32Array): Float32Array {
      const f = extractFeatures(y, card.load.sampleRate, card.features);
      const t = scalePower({
        rows: 1,
        acoustic: f.acoustic,
        statistical: f.statistical,
        gender: new Float32Array(1),
      }, card.power);
      const out = new Float32Array(170);
      out.set(t.acoustic);
      out.set(t.statistical, 162);
      return out;
    },
    async predict(x: Float32Array, rows: number, o: DeployOptions = {}): Promise<DeployPrediction> {
      const table = {
        rows,
        acoustic: new Float32Array(rows * 162),
        statistical: new Float32Array(rows * 8),
        gender: new Float32Array(rows),
      };
      for (let r = 0; r < rows; r++) {
        table.acoustic.set(x.subarray(r * 170, r * 170 + 162), r * 162);
        table.statistical.set(x.subarray(r * 170 + 162, (r + 1) * 170), r * 8);
      }
      const given = new Float32Array(rows).fill(-1);
      let source: "given" | "estimated" = "given";
      if (o.gender) {
        table.gender.fill(o.gender === "female" ? 1 : 0);
        given.set(table.gender);
      } else if (model.gender) {
        const p = await estimateGender(model, table);
        for (let r = 0; r < rows; r++) table.gender[r] = p[r] >= 0.5 ? 1 : 0;
        source = "estimated";
      } else given.fill(0);
      const raw = await predictFusionNet(model, table);
      const t = card.calibration?.temperature ?? 1;
      const probabilities = t === 1 ? raw : applyTemperature(raw, card.labels.length, t);
      return {
        probabilities,
        inputs: { features: x.slice(0, rows * 170), gender: given },
        details: Array.from({ length: rows }, (_, r) => ({
          gender: table.gender[r] >= 0.5 ? "female" : "male",
          genderSource: source,
        })),
      };
    },
    exportOnnx() {
      const spec = {
        format: "serlab-onnx-spec/1",
        family: "fusionnet",
        opset: 13,
        labels: card.labels,
        inputs: {
          features: {
            shape: ["n", 170],
            names: FEATURE_NAMES,
            description:
              "the 162 acoustic and 8 statistical features of a 2.5 s cut (librosa 0.10.1 " +
              "definitions; see docs/features.md), power-like ones as log10 (floored at 1e-10) " +
              `when power is "log", then standardised: (x - mean) / scale with the speaker's ` +
              "enrolment statistics, or with `globalScaler` before enrolment",
            power: card.power,
            load: card.load,
            features: card.features,
            featuresVersion: card.featuresVersion,
            globalScaler: speaker
              ? card.globalScaler
              : { mean: Array(170).fill(0), scale: Array(170).fill(1) },
            speakerNormalized: speaker,
          },
          gender: {
            shape: ["n", 1],
            description: "0 male, 1 female, -1: estimated by the model's gender classifier",
          },
        },
        outputs: { probabilities: { shape: ["n", card.labels.length], labels: card.labels } },
      };
      return Promise.resolve({ model: fusionNetOnnx(card, model), spec });
    },
    dispose: () => disposeFusionNet(model),
  };
}
