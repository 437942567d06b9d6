/**
 * What a functional-set classifier family provides so that experiments can fit it and a model
 * card can deploy it (`predict`, `serve` and its browser page, enrolment, ONNX): one entry per
 * family, in the family's folder (`linear/family.ts`, `svm/family.ts`), listed by the registry
 * (`families.ts`).
 *
 * @module
 */
import type { OnnxNode, OnnxTensor } from "../onnx/mod.ts";
import type { Classifier, Trainer } from "./classifier.ts";

/** What a family needs loaded before it fits or rebuilds a classifier (e.g. libsvm's asm.js). */
export interface FamilyRuntime<H> {
  /** Fits a classifier of the family with hyperparameters `H`. */
  fit: Trainer<H>;
  /** Rebuilds a fitted classifier from its `toJSON()` (and {@linkcode ClassifierFamily.calibrate}). */
  fromJSON(json: Record<string, unknown>): Classifier;
}

/** Part of an ONNX graph: nodes, their constants, and the operator sets they need. */
export interface OnnxPart {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  /** Domain → version, e.g. `{ "": 13, "ai.onnx.ml": 1 }`. */
  opsets: Record<string, number>;
}

/** What a card's classifier must agree with, and how its check reports a problem. */
export interface CheckContext {
  /** Features of the card's set. */
  dims: number;
  /** The card's labels. */
  classes: number;
  /** Throws `FILE: classifier.FIELD: problem`. */
  fail(field: string, problem: string): never;
}

/**
 * A classifier family of the functional-set experiments and the deployed functional-set model.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { LOGISTIC } from "./linear/family.ts";
 * assertEquals(LOGISTIC.candidates.logistic(0.3), { l2: 0.3 });
 * ```
 */
export interface ClassifierFamily<H = unknown> {
  /** The name its classifiers' `toJSON()` write as `family`, e.g. "logistic". */
  readonly name: string;
  /**
   * The candidate families of the experiments' grids it fits (e.g. "svm-linear", "svm-rbf"),
   * each turning a candidate's strength `c` into the hyperparameters.
   */
  readonly candidates: Readonly<Record<string, (c: number) => H>>;
  /** Loads what the family runs on (once) and returns its trainer and loader. */
  load(): Promise<FamilyRuntime<H>>;
  /** Checks a card's `classifier` (the family's `toJSON()`), field by field. */
  check(json: Record<string, unknown>, context: CheckContext): void;
  /**
   * The classifier's JSON with a temperature folded in: its probabilities become
   * softmax(log p / T) (temperature scaling, Guo et al., ICML 2017).
   */
  calibrate(json: Record<string, unknown>, temperature: number): Record<string, unknown>;
  /**
   * The classifier as ONNX nodes from the standardised features `input` (n × dims) to the
   * probabilities `output` (n × classes), names of its own prefixed by `output`.
   */
  onnx(json: Record<string, unknown>, input: string, output: string): OnnxPart;
}
