/**
 * Linear classifiers: multinomial logistic regression with an L2 penalty (L-BFGS, pure
 * TypeScript on typed arrays).
 *
 * @module
 */
export { fitLogistic, type LogisticHyper, logisticLoss, LogisticRegression } from "./logistic.ts";
export { LOGISTIC } from "./family.ts";
