import type { LoadSettings } from "../audio/load.ts";
import type { Scaler } from "./scaler.ts";

/** What a deployable model says about rows of standardised feature vectors. */
export interface DeployPrediction {
  /** Class probabilities, `rows * labels.length`, row-major. */
  probabilities: Float32Array;
  /**
   * The tensors the ONNX export of this model takes for these rows, keyed by its input names
   * (flattened, row-major): running the ONNX file on them gives `probabilities`.
   */
  inputs: Record<string, Float32Array>;
  /** Per-row extras a family reports (FusionNet: `gender`, `genderSource`). */
  details: Record<string, unknown>[];
}

/** Options of {@linkcode DeployableModel.predict} that some families use. */
export interface DeployOptions {
  /** The speaker's gender when known (FusionNet's gender input; else estimated). */
  gender?: "male" | "female";
  /**
   * What standardised the rows (default "global"): a family that fitted a classifier for each
   * (the functional-set model) picks the one that matches.
   */
  standardization?: "global" | "speaker" | "domain";
}

/** An ONNX file and the description of its inputs that goes beside it as `spec.json`. */
export interface OnnxExport {
  model: Uint8Array;
  spec: Record<string, unknown>;
}

/**
 * The seam between model families and everything that deploys them (`predict`, `serve`,
 * enrolment, segments, ONNX export): a deployable model is a feature definition, a scaler and a
 * classifier producing probabilities.
 *
 * - `features(y)` turns a mono signal at `load.sampleRate` into the family's feature vector
 *   (`featureNames.length` values, before any standardisation), or, for a frame-level family
 *   (the sequence model), a fixed number of frames of `featureNames.length` values each,
 *   frame-major: scalers and enrolment statistics then apply to each frame's values;
 * - the vector is standardised by `globalScaler` (fit on the training rows), or, once a speaker
 *   is enrolled, by the speaker's own statistics over the same vectors (`SpeakerStatistics`) —
 *   which is only right for a model trained on per-speaker standardised rows
 *   (`speakerNormalized`);
 * - `predict` maps standardised rows to probabilities;
 * - `exportOnnx` (optional) writes the same `predict` as one ONNX graph whose inputs are what
 *   `predict` reports in `inputs`.
 *
 * @example
 * ```ts ignore
 * const model = await loadDeployable("results/run/model");
 * const x = applyScaler(model.features(y), model.globalScaler);
 * const { probabilities } = await model.predict(x, 1);
 * ```
 */
export interface DeployableModel {
  /** The family, e.g. "fusionnet". */
  readonly family: string;
  /** Class names, in the order of the probabilities. */
  readonly labels: readonly string[];
  /** How a recording is cut and resampled for the model (`loadClip`). */
  readonly load: LoadSettings;
  /** Names of the feature vector's values (of each frame's, for a frame-level family), in order. */
  readonly featureNames: readonly string[];
  /**
   * Identifies the feature vector (definition, settings, power scale): enrolment statistics
   * are only valid for models with the same key.
   */
  readonly featureKey: string;
  /** The standardisation used until a speaker is enrolled. */
  readonly globalScaler: Scaler;
  /**
   * Whether `features(y)` gives frames (as many as the signal holds, each of
   * `featureNames.length` values: the sequence model) rather than one vector.
   */
  readonly frameLevel: boolean;
  /** Whether the classifier was trained on per-speaker standardised rows (enrolment applies). */
  readonly speakerNormalized: boolean;
  /**
   * Whether `predict` takes the speaker's gender (FusionNet's gender input): then each row's
   * `details` report `gender` and `genderSource`; a family without one rejects a given gender.
   */
  readonly usesGender: boolean;
  /** The feature vector (or frames) of a mono signal at `load.sampleRate`. */
  features(y: Float32Array): Float32Array;
  /** Probabilities for `rows` standardised feature vectors (each as long as `features` gives). */
  predict(x: Float32Array, rows: number, options?: DeployOptions): Promise<DeployPrediction>;
  /** The model as one ONNX graph, for families that support it. */
  exportOnnx?(): Promise<OnnxExport>;
  /** Frees networks and workers. */
  dispose(): void;
}
