/**
 * A functional-set classifier (a registered family's, `families.ts`, on one functional set over
 * the whole recording) as a {@linkcode DeployableModel}, and its model card: everything it needs
 * is in `serlab.json`, so `predict`, `serve` (in the browser too) and enrolment load it like
 * FusionNet.
 *
 * @module
 */
import type { LoadSettings } from "../audio/load.ts";
import { CUTS, extractSet, functionalSet, type SetName } from "../features/sets.ts";
import { encodeModel } from "../onnx/mod.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import type { Classifier } from "./classifier.ts";
import type { DeployableModel, DeployOptions, DeployPrediction, OnnxExport } from "./deployable.ts";
import type { ClassifierFamily } from "./family.ts";
import { classifierFamily } from "./families.ts";
import type { Scaler } from "./scaler.ts";

/** The format tag of a functional-set model's `serlab.json`. */
export const FUNCTIONALS_FORMAT = "serlab-functionals/1";

/** The model card of a functional-set model: what it is, how it was chosen, its weights. */
export interface FunctionalsCard {
  format: typeof FUNCTIONALS_FORMAT;
  family: "functionals";
  /** The recipe in words, e.g. "logistic large c=0.3" or "svm-rbf compact c=1". */
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
  /**
   * The classifier's `toJSON()` (its `family` names its entry in `families.ts`), with the
   * calibration's temperature folded in by the family's `calibrate` (logistic regression: the
   * weights divided by it).
   */
  classifier: Record<string, unknown>;
  /**
   * Temperature scaling (Guo et al., ICML 2017) fitted on the validation actors' probabilities;
   * it is already folded into `classifier` (softmax(log p / T)), recorded here to be read.
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
 * the classifier's probabilities, by its family's entry in the registry (which loads what the
 * family runs on, e.g. libsvm, at the first prediction); its ONNX export is the family's nodes.
 *
 * @example
 * ```ts ignore
 * const model = functionalsDeployable(checkFunctionalsCard(card, "m/serlab.json"));
 * ```
 */
export function functionalsDeployable(card: FunctionalsCard): DeployableModel {
  const names = functionalSet(card.set).names;
  const family = classifierFamily(card.classifier.family);
  if (!family) throw new Error(`no classifier family "${card.classifier.family}"`);
  let classifier: Promise<Classifier> | null = null;
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
    async predict(x: Float32Array, rows: number, o: DeployOptions = {}): Promise<DeployPrediction> {
      if (o.gender) throw new Error("a functional-set model takes no gender");
      const clean = x.map((v) => Number.isFinite(v) ? v : 0);
      classifier ??= family.load().then((f) => f.fromJSON(card.classifier));
      const probabilities = (await classifier).predictProba({ x: clean, rows, dims: names.length });
      return {
        probabilities,
        inputs: { features: x.slice(0, rows * names.length) },
        details: Array.from({ length: rows }, () => ({})),
      };
    },
    exportOnnx: () => Promise.resolve(_onnx(card, names, family)),
    dispose: () => {
      classifier?.then((c) => (c as { free?: () => void }).free?.());
    },
  };
}

/** The classifier as one ONNX graph on standardised features, by its family's entry. */
function _onnx(
  card: FunctionalsCard,
  names: readonly string[],
  family: ClassifierFamily,
): OnnxExport {
  const d = names.length, k = card.labels.length;
  const part = family.onnx(card.classifier, "features", "probabilities");
  const model = encodeModel({
    name: "serlab-functionals",
    nodes: part.nodes,
    initializers: part.initializers,
    inputs: [{ name: "features", shape: ["n", d] }],
    outputs: [{ name: "probabilities", shape: ["n", k] }],
    opsets: part.opsets,
    doc: `serlab functional-set classifier (${card.recipe}); labels: ${card.labels.join(", ")}`,
  }, card.versions.serlab ?? "");
  const spec = {
    format: "serlab-onnx-spec/1",
    family: "functionals",
    opset: 13,
    opsets: part.opsets,
    classifier: card.classifier.family,
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
