/**
 * Support vector machines: libsvm (npm `libsvm-js`) with linear and RBF kernels and Platt
 * probability estimates, behind the shared {@linkcode Classifier} interface.
 *
 * @module
 */
export { type LibSvm, libsvm, type LibSvmModule } from "./libsvm.ts";
export { fitSvm, SvmClassifier, type SvmHyper } from "./svm.ts";
