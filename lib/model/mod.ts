/**
 * The models: SER-FusionNet (`fusionnet/`) and serlab's own families (`linear/`: logistic
 * regression, `svm/`, `sequence/`: the frame-level model), each in its folder behind the shared
 * interface (`classifier.ts`; the functional-set families listed in the registry `families.ts`,
 * each entry a `family.ts` of its folder), and the deployable seam every saved model goes through
 * (`deployable.ts`, `load_deployable.ts` and `card_families.ts`, the scaler, enrolment and
 * calibration). SER-FusionNet, a functional-set classifier and the sequence model each deploy.
 *
 * @module
 */
export * from "./fusionnet/mod.ts";
export { applyScaler, fitScaler, type Scaler } from "./scaler.ts";
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
export { checkFunctionalsCard } from "./check_functionals.ts";
export {
  FUNCTIONALS_FORMAT,
  FUNCTIONALS_LOAD,
  type FunctionalsCard,
  functionalsDeployable,
  saveFunctionals,
} from "./functionals_deploy.ts";
export { loadDeployable } from "./load_deployable.ts";
export { cardDeployable } from "./card_families.ts";
export {
  checkSequenceCard,
  saveSequence,
  SEQUENCE_FORMAT,
  type SequenceCard,
  sequenceDeployable,
  sequenceOnnx,
} from "./sequence/mod.ts";
export type { Classifier, Matrix, Trainer } from "./classifier.ts";
export type { CheckContext, ClassifierFamily, FamilyRuntime, OnnxPart } from "./family.ts";
export { candidateFamily, type CandidateName, classifierFamily, FAMILIES } from "./families.ts";
export {
  fitLogistic,
  LOGISTIC,
  type LogisticHyper,
  logisticLoss,
  LogisticRegression,
} from "./linear/mod.ts";
export {
  fitSvm,
  libsvm,
  type LibSvmModule,
  parseSvmModel,
  SVM,
  SvmClassifier,
  type SvmHyper,
  type SvmModelText,
  svmOnnx,
} from "./svm/mod.ts";
export { applyTemperature, fitTemperature } from "./calibration.ts";
