/**
 * A sequence-model card as a {@linkcode DeployableModel}: `predict`, `serve` (the browser page
 * too), enrolment and ONNX export load it like the other families.
 *
 * @module
 */
import { FRAME_COUNT, FRAME_NAMES, frameDescriptors } from "../../features/frames.ts";
import { applyTemperature } from "../calibration.ts";
import type { DeployableModel, DeployOptions, DeployPrediction } from "../deployable.ts";
import type { SequenceCard } from "./card.ts";
import { SequenceModel } from "./model.ts";
import { sequenceOnnx } from "./onnx.ts";

/**
 * The card as a deployable model: the feature vector is the clip's {@linkcode FRAME_COUNT}
 * frames of descriptors ({@linkcode frameDescriptors}, the paper's cut), each frame standardised
 * by the global scaler or a speaker's (domain's) statistics over frames; the probabilities are
 * those of the network trained for that standardisation (`inductive` before enrolment,
 * `speaker` after), calibrated by its temperature.
 *
 * @example
 * ```ts ignore
 * const model = sequenceDeployable(checkSequenceCard(card, "m/serlab.json"));
 * ```
 */
export function sequenceDeployable(card: SequenceCard): DeployableModel {
  const f = FRAME_NAMES.length, k = card.labels.length;
  const nets = new Map<string, SequenceModel>();
  const net = (which: "inductive" | "speaker") => {
    if (!nets.has(which)) nets.set(which, SequenceModel.fromJSON(card[which].network));
    return nets.get(which)!;
  };
  return {
    family: "sequence",
    labels: card.labels,
    load: card.load,
    featureNames: FRAME_NAMES,
    featureKey: `frames-${FRAME_COUNT}x${f}/${card.load.sampleRate}`,
    globalScaler: card.globalScaler,
    speakerNormalized: true,
    usesGender: false,
    features: (y: Float32Array) => frameDescriptors(y),
    predict(x: Float32Array, rows: number, o: DeployOptions = {}): Promise<DeployPrediction> {
      if (o.gender) throw new Error("a sequence model takes no gender");
      const width = FRAME_COUNT * f;
      if (x.length !== rows * width) {
        throw new RangeError(`${x.length} values are not ${rows} clips of ${FRAME_COUNT} frames`);
      }
      const which = (o.standardization ?? "global") === "global" ? "inductive" : "speaker";
      const clips = Array.from({ length: rows }, (_, r) => x.subarray(r * width, (r + 1) * width));
      const p = net(which).predictProba(clips);
      return Promise.resolve({
        probabilities: applyTemperature(p, k, card[which].calibration.temperature),
        inputs: { frames: x.slice() },
        details: Array.from({ length: rows }, () => ({})),
      });
    },
    exportOnnx: () => Promise.resolve(sequenceOnnx(card)),
    dispose: () => nets.clear(),
  };
}
