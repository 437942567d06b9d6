/**
 * SER-FusionNet: the Conv1D deep-feature extractor, the fusion classifier, their training on
 * the fastest backend available, and saving models in TensorFlow.js's format; beside it serlab's
 * own families (logistic regression, SVMs, the frame-level sequence model), and the deployable
 * seam every saved model goes through (FusionNet's, and the functional-set classifier's).
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
export { applyScaler, fitScaler, type Scaler } from "./scaler.ts";
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
} from "./fusionnet.ts";
export { MODEL_FORMAT, MODEL_FORMATS_READ, type ModelCard, saveFusionNet } from "./save.ts";
export {
  type DeployableModel,
  type DeployOptions,
  type DeployPrediction,
  type OnnxExport,
} from "./deployable.ts";
export {
  ENROLMENT_FORMAT,
  type EnrolmentJson,
  MIN_ENROLMENT_SECONDS,
  readEnrolment,
  SpeakerStatistics,
} from "./enrolment.ts";
export { fusionNetDeployable } from "./fusionnet_deploy.ts";
export { checkFunctionalsCard } from "./check_functionals.ts";
export {
  FUNCTIONALS_FORMAT,
  FUNCTIONALS_LOAD,
  type FunctionalsCard,
  functionalsDeployable,
  saveFunctionals,
} from "./functionals_deploy.ts";
export { fusionNetOnnx } from "./fusionnet_onnx.ts";
export { loadDeployable } from "./load_deployable.ts";
export { type LoadedModel, loadFusionNet, readModelCard, readSavedWeights } from "./load.ts";
export { checkModelCard } from "./check.ts";
export type { Classifier, Matrix, Trainer } from "./classifier.ts";
export { fitLogistic, type LogisticHyper, logisticLoss, LogisticRegression } from "./linear/mod.ts";
export { fitSvm, libsvm, type LibSvmModule, SvmClassifier, type SvmHyper } from "./svm/mod.ts";
