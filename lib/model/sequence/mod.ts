/**
 * The frame-level sequence model (Conv1D over frames of low-level descriptors, attention
 * pooling, softmax), trained on the WebAssembly kernels of `kernels/sequence.ts`, and its model
 * card, deployable model and ONNX export (`train --family sequence`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SequenceModel, trainSequenceModel } from "./mod.ts";
 * const frames = [0, 1, 0, 1].map((c) => Float32Array.from({ length: 20 * 4 }, (_, i) => c * (i % 4)));
 * const model = await trainSequenceModel(frames, [0, 1, 0, 1], {
 *   features: 4,
 *   epochs: 2,
 *   hidden: 16,
 *   attention: 16,
 * });
 * const again = SequenceModel.fromJSON(JSON.parse(JSON.stringify(model)));
 * assertEquals(again.predictProba(frames), model.predictProba(frames));
 * ```
 *
 * @module
 */
export {
  type SequenceEpoch,
  SequenceModel,
  type SequenceModelJSON,
  type SequenceOptions,
  trainSequenceModel,
} from "./model.ts";
export type { SequenceShape } from "./_net.ts";
export {
  type CalibratedNetwork,
  checkSequenceCard,
  saveSequence,
  SEQUENCE_FORMAT,
  type SequenceCard,
} from "./card.ts";
export { sequenceDeployable } from "./deployable.ts";
export { sequenceOnnx } from "./onnx.ts";
