/**
 * A sequence-model card as a {@linkcode DeployableModel}: `predict`, `serve` (the browser page
 * too), enrolment and ONNX export load it like the other families.
 *
 * @module
 */
import { FRAME_NAMES, frameDescriptors } from "../../features/frames.ts";
import { applyTemperature } from "../calibration.ts";
import type { DeployableModel, DeployOptions, DeployPrediction } from "../deployable.ts";
import type { SequenceCard } from "./card.ts";
import { SequenceModel } from "./model.ts";
import { sequenceOnnx } from "./onnx.ts";

/**
 * The card as a deployable model: the feature vector is the clip's frames of descriptors
 * ({@linkcode frameDescriptors}: 108 for the paper's cut, every frame of a longer speech
 * segment), each frame standardised by the global scaler or a speaker's (domain's) statistics
 * over frames; the probabilities are those of the network trained for that standardisation
 * (`inductive` before enrolment, `speaker` after), calibrated by its temperature. Rows given
 * together to `predict` have as many frames each.
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
    if (!nets.has(which)) nets.set(which, _network(card, which));
    return nets.get(which)!;
  };
  return {
    family: "sequence",
    labels: card.labels,
    load: card.load,
    featureNames: FRAME_NAMES,
    featureKey: `frames-${f}/sets-${card.frames.version}/${card.load.sampleRate}`,
    globalScaler: card.globalScaler,
    frameLevel: true,
    speakerNormalized: true,
    usesGender: false,
    features: (y: Float32Array) => frameDescriptors(y),
    predict(x: Float32Array, rows: number, o: DeployOptions = {}): Promise<DeployPrediction> {
      if (o.gender) throw new Error("a sequence model takes no gender");
      const width = x.length / rows;
      if (!Number.isInteger(width / f) || width === 0) {
        throw new RangeError(`${x.length} values are not ${rows} clips of frames of ${f}`);
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

/** One of the card's networks; a clear error where shared WebAssembly memory is not allowed. */
function _network(card: SequenceCard, which: "inductive" | "speaker"): SequenceModel {
  if (typeof SharedArrayBuffer === "undefined") {
    throw new Error(
      "the sequence model runs on shared WebAssembly memory, which this page may not use: " +
        "open it as `deno task serve` serves it (cross-origin isolated, on localhost or https)",
    );
  }
  return SequenceModel.fromJSON(card[which].network);
}
