/**
 * SER-FusionNet, one model family: the Conv1D deep-feature extractor, the fusion classifier,
 * their training on the fastest backend available (the WebAssembly engine, TensorFlow.js when it
 * loads), saving and loading models in TensorFlow.js's format, its deployable form and ONNX export,
 * and `trainAndSave` (`deploy.ts`) for the model `train` saves.
 *
 * @module
 */
export {
  type ExtractorConfig,
  extractorConfig,
  type FusionConfig,
  fusionConfig,
  pooledLength,
} from "./architecture.ts";
export {
  type BatchResult,
  type FeatureNetwork,
  type Network,
  scoreProbabilities,
} from "./network.ts";
export { WasmExtractor } from "./engine.ts";
export { DenseNetwork } from "./mlp.ts";
export { extractorLayers, fusionLayers, readLayerWeights, writeLayerWeights } from "./layers.ts";
export { LayersNetwork } from "./layers_network.ts";
export {
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  BACKENDS,
  createExtractor,
  selectBackend,
} from "./backend.ts";
export {
  type EpochLog,
  fit,
  FUSIONNET_TRAINING,
  type History,
  type LabelledRows,
  type TrainOptions,
} from "./train.ts";
export {
  disposeFusionNet,
  estimateGender,
  type FusionInputs,
  type FusionNetSettings,
  fusionRows,
  type LabelledTable,
  predictExtractor,
  predictFusionNet,
  type TrainedFusionNet,
  trainFusionNet,
} from "./model.ts";
export { MODEL_FORMAT, MODEL_FORMATS_READ, type ModelCard, saveFusionNet } from "./save.ts";
export { fusionNetDeployable } from "./deployable.ts";
export { fusionNetOnnx } from "./onnx.ts";
export { type LoadedModel, loadFusionNet, readModelCard, readSavedWeights } from "./load.ts";
export { checkModelCard } from "./check.ts";
export { FUSIONNET_DESIGN, trainAndSave } from "./deploy.ts";
