/**
 * Support vector machines: libsvm (npm `libsvm-js`) with linear and RBF kernels and Platt
 * probability estimates, behind the shared {@linkcode Classifier} interface; its registry entry
 * (`SVM`), libsvm's model text read into arrays, and its ONNX nodes.
 *
 * @module
 */
export { type LibSvm, libsvm, type LibSvmModule } from "./libsvm.ts";
export { fitSvm, SvmClassifier, type SvmHyper } from "./svm.ts";
export { SVM } from "./family.ts";
export { parseSvmModel, type SvmModelText } from "./model_text.ts";
export { svmOnnx } from "./onnx.ts";
