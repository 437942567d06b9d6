/**
 * A functional-set classifier (logistic regression on one functional set over the whole
 * recording) as a {@linkcode DeployableModel}, and its model card: everything it needs is in
 * `serlab.json`, so `predict`, `serve` (in the browser too) and enrolment load it like FusionNet.
 *
 * @module
 */
import type { LoadSettings } from "../audio/load.ts";
import { CUTS, extractSet, functionalSet, type SetName } from "../features/sets.ts";
import { encodeModel } from "../onnx/mod.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import type { DeployableModel, DeployOptions, DeployPrediction, OnnxExport } from "./deployable.ts";
import { LogisticRegression } from "./linear/logistic.ts";
import type { Scaler } from "./scaler.ts";

/** The format tag of a functional-set model's `serlab.json`. */
export const FUNCTIONALS_FORMAT = "serlab-functionals/1";

/** The model card of a functional-set model: what it is, how it was chosen, its weights. */
export interface FunctionalsCard {
  format: typeof FUNCTIONALS_FORMAT;
  family: "functionals";
  /** The recipe in words, e.g. "logistic large c=0.3". */
  recipe: string;
  labels: string[];
  /** Corpus emotion → class (null: not used), as FusionNet's card. */
  labelMap: Record<string, string | null>;
  set: SetName;
  /** The sets' version ({@linkcode SETS_VERSION} of `lib/dataset`) the features follow. */
  setsVersion: number;
  load: LoadSettings;
  /** Trained on per-speaker standardised rows: a speaker's enrolment statistics apply. */
  normalization: "speaker";
  /** Standardisation before a speaker is enrolled: over all training rows. */
  globalScaler: Scaler;
  /** `LogisticRegression.toJSON()`, its weights divided by the calibration's temperature. */
  classifier: Record<string, unknown>;
  /**
   * Temperature scaling (Guo et al., ICML 2017) fitted on the validation actors' probabilities;
   * it is already folded into `classifier`'s weights (softmax(z / T)), recorded here to be read.
   */
  calibration?: { temperature: number; fittedOn: string };
  /** Chosen on validation actors over FusionNet: both figures, accuracy. */
  validation: { accuracy: number; uar: number; fusionnet: number | null };
  trainedOn: { clips: number; manifestSha256: string; corpora: string[] };
  seed: number;
  versions: Record<string, string>;
}

/**
 * A functional-set card as a {@linkcode DeployableModel}: the feature vector is the card's set
 * over the whole recording, standardised by the global scaler or a speaker's statistics, then
 * the logistic regression's probabilities; its ONNX export is that regression as Gemm → Softmax.
 *
 * @example
 * ```ts ignore
 * const model = functionalsDeployable(checkFunctionalsCard(card, "m/serlab.json"));
 * ```
 */
export function functionalsDeployable(card: FunctionalsCard): DeployableModel {
  const names = functionalSet(card.set).names;
  const classifier = LogisticRegression.fromJSON(card.classifier);
  return {
    family: "functionals",
    labels: card.labels,
    load: card.load,
    featureNames: names,
    featureKey: `functionals-${card.set}/sets-${card.setsVersion}/${card.load.sampleRate}`,
    globalScaler: card.globalScaler,
    speakerNormalized: true,
    usesGender: false,
    features: (y: Float32Array) => extractSet(y, card.load.sampleRate, card.set),
    predict(x: Float32Array, rows: number, o: DeployOptions = {}): Promise<DeployPrediction> {
      if (o.gender) throw new Error("a functional-set model takes no gender");
      const clean = x.map((v) => Number.isFinite(v) ? v : 0);
      const probabilities = classifier.predictProba({ x: clean, rows, dims: names.length });
      return Promise.resolve({
        probabilities,
        inputs: { features: x.slice(0, rows * names.length) },
        details: Array.from({ length: rows }, () => ({})),
      });
    },
    exportOnnx: () => Promise.resolve(_onnx(card, names)),
    dispose: () => {},
  };
}

/** The logistic regression as one ONNX graph (opset 13) on standardised features. */
function _onnx(card: FunctionalsCard, names: readonly string[]): OnnxExport {
  const d = names.length, k = card.labels.length;
  const w = card.classifier.weights as number[];
  // the classifier's weights are class-major, each class's d weights then its bias
  const gemm = new Float32Array(d * k), bias = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) gemm[j * k + c] = w[c * (d + 1) + j];
    bias[c] = w[c * (d + 1) + d];
  }
  const model = encodeModel({
    name: "serlab-functionals",
    nodes: [
      { op: "Gemm", inputs: ["features", "weights", "bias"], outputs: ["scores"] },
      { op: "Softmax", inputs: ["scores"], outputs: ["probabilities"], attributes: { axis: 1 } },
    ],
    initializers: [
      { name: "weights", dims: [d, k], type: "float", values: gemm },
      { name: "bias", dims: [k], type: "float", values: bias },
    ],
    inputs: [{ name: "features", shape: ["n", d] }],
    outputs: [{ name: "probabilities", shape: ["n", k] }],
    opsets: { "": 13 },
    doc: `serlab functional-set classifier (${card.recipe}); labels: ${card.labels.join(", ")}`,
  }, card.versions.serlab ?? "");
  const spec = {
    format: "serlab-onnx-spec/1",
    family: "functionals",
    opset: 13,
    labels: card.labels,
    inputs: {
      features: {
        shape: ["n", d],
        names,
        description: `the "${card.set}" functional set over the whole recording (serlab's ` +
          "low-level descriptors and functionals; see docs/features.md), standardised: " +
          "(x - mean) / scale with the speaker's enrolment statistics, or with `globalScaler` " +
          "before enrolment",
        set: card.set,
        setsVersion: card.setsVersion,
        load: card.load,
        globalScaler: card.globalScaler,
        speakerNormalized: true,
      },
    },
    outputs: { probabilities: { shape: ["n", k], labels: card.labels } },
  };
  return { model, spec };
}

/** The cut a functional-set model reads recordings with: the whole of each. */
export const FUNCTIONALS_LOAD: LoadSettings = CUTS.whole;

/**
 * Writes a functional-set model folder: its `serlab.json` (atomically).
 *
 * @example
 * ```ts ignore
 * await saveFunctionals(card, "results/run/model");
 * ```
 */
export async function saveFunctionals(card: FunctionalsCard, dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await writeFileAtomic(`${dir}/serlab.json`, JSON.stringify(card) + "\n");
}
