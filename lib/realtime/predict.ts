import { checkFiniteVector } from "../features/finite.ts";
import type { DeployableModel } from "../model/deployable.ts";
import { applyScaler, type Scaler } from "../model/scaler.ts";

/** What the model says about one clip, window or segment. */
export interface Prediction {
  /** The most probable emotion. */
  emotion: string;
  /** Probability of every emotion, in the model's label order. */
  probabilities: Record<string, number>;
  /**
   * What standardised the features: the training set's global scaler, the speaker's enrolment
   * statistics, or the target domain's (`predict --adapt DIR`: domain-adapted).
   */
  standardization: "global" | "speaker" | "domain";
  /**
   * The gender bit used, given or estimated by the model's gender classifier (FusionNet); null
   * for a family that takes no gender (the functional-set model). Present for every family, so
   * that every model's predictions have the same fields.
   */
  gender: "male" | "female" | null;
  genderSource: "given" | "estimated" | null;
  /** The ONNX model's inputs for this prediction (when asked: `withInputs`). */
  inputs?: Record<string, number[]>;
}

/** How {@linkcode predictSignal} standardises and what it reports. */
export interface SignalOptions {
  /** The speaker's scaler (enrolment); before it, the domain's, then the model's global one. */
  speaker?: Scaler;
  /** The target domain's scaler (`predict --adapt`), used when no speaker's is given. */
  domain?: Scaler;
  gender?: "male" | "female";
  /** Add the ONNX model's input tensors to the prediction. */
  withInputs?: boolean;
}

/**
 * What standardises the features given these scalers: the speaker's when there is one, else
 * the domain's, else the model's global scaler.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { standardizationOf } from "./predict.ts";
 * const s = { mean: [0], scale: [1] };
 * assertEquals([standardizationOf({}), standardizationOf({ domain: s, speaker: s })], ["global", "speaker"]);
 * ```
 */
export function standardizationOf(
  o: Pick<SignalOptions, "speaker" | "domain">,
): Prediction["standardization"] {
  return o.speaker ? "speaker" : o.domain ? "domain" : "global";
}

/**
 * Predicts the emotion of a mono signal at `model.load.sampleRate`: the model's feature vector,
 * standardised by the speaker's statistics (if given) or the global scaler, then the classifier.
 * Throws a `RangeError` when the features or the probabilities are not finite: a non-finite number
 * is never a prediction. Pure: the browser page calls it with TensorFlow.js networks, the command
 * line with the WebAssembly engine.
 *
 * @example
 * ```ts ignore
 * const p = await predictSignal(model, y, { gender: "female" });
 * ```
 */
export async function predictSignal(
  model: DeployableModel,
  y: Float32Array,
  o: SignalOptions = {},
): Promise<Prediction> {
  const raw = model.features(y);
  checkFiniteVector(raw, y);
  return await predictFeatures(model, raw, o);
}

/**
 * {@linkcode predictSignal} from the model's feature vector of the signal (`model.features(y)`),
 * for callers that also enrol it. Throws a `RangeError` when the standardised features or the
 * probabilities are not finite.
 *
 * @example
 * ```ts ignore
 * const raw = model.features(y);
 * const p = await predictFeatures(model, raw, {});
 * ```
 */
export async function predictFeatures(
  model: DeployableModel,
  raw: Float32Array,
  o: SignalOptions = {},
): Promise<Prediction> {
  if (o.gender && !model.usesGender) {
    throw new Error(`a ${model.family} model takes no gender (given ${o.gender})`);
  }
  const x = applyScaler(raw, o.speaker ?? o.domain ?? model.globalScaler);
  checkFiniteVector(x);
  const standardization = standardizationOf(o);
  const r = await model.predict(x, 1, { gender: o.gender, standardization });
  const p = r.probabilities;
  if (!p.every(Number.isFinite)) {
    throw new RangeError("the model's probabilities are not finite (a damaged model?)");
  }
  const labels = model.labels;
  let best = 0;
  for (let c = 1; c < labels.length; c++) if (p[c] > p[best]) best = c;
  return {
    emotion: labels[best],
    probabilities: Object.fromEntries(labels.map((l, c) => [l, p[c]])),
    standardization,
    gender: (r.details[0]?.gender as Prediction["gender"] | undefined) ?? null,
    genderSource: (r.details[0]?.genderSource as Prediction["genderSource"] | undefined) ?? null,
    ...(o.withInputs
      ? { inputs: Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, Array.from(v)])) }
      : {}),
  };
}
