/**
 * A functional-set classifier (a registered family's, `families.ts`, on one functional set over
 * the whole recording) as a {@linkcode DeployableModel}, and its model card: everything it needs
 * is in `serlab.json`, so `predict`, `serve` (in the browser too) and enrolment load it like
 * FusionNet.
 * A card holds the recipe fitted twice: on rows standardised by the training statistics
 * (`inductive`, used before a speaker is enrolled) and on per-speaker standardised rows
 * (`classifier`, used with a speaker's or a target domain's own statistics).
 *
 * @module
 */
import type { LoadSettings } from "../audio/load.ts";
import { type AnySetName, extractAnySet, setNames } from "../features/derived.ts";
import { CUTS } from "../features/sets.ts";
import { encodeModel } from "../onnx/mod.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import type { DeployableModel, DeployOptions, DeployPrediction, OnnxExport } from "./deployable.ts";
import type { Classifier } from "./classifier.ts";
import type { ClassifierFamily } from "./family.ts";
import { classifierFamily } from "./families.ts";
import type { Scaler } from "./scaler.ts";
import { HEADS, headsSpec } from "./_heads.ts";

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
  /** The set the classifier reads: a named functional set or one derived from it. */
  set: AnySetName;
  /** The sets' version ({@linkcode SETS_VERSION} of `lib/dataset`) the features follow. */
  setsVersion: number;
  load: LoadSettings;
  /** Trained on per-speaker standardised rows: a speaker's enrolment statistics apply. */
  normalization: "speaker";
  /** Standardisation before a speaker is enrolled: over all training rows. */
  globalScaler: Scaler;
  /**
   * The classifier's `toJSON()` (its `family` names its entry in `families.ts`) fitted on
   * per-speaker standardised rows, with the calibration's temperature folded in by the family's
   * `calibrate` (logistic regression: the weights divided by it): used once a speaker is enrolled
   * or a domain adapted (and before that too on cards without `inductive`).
   */
  classifier: Record<string, unknown>;
  /**
   * Temperature scaling (Guo et al., ICML 2017) fitted on held-out probabilities; it is already
   * folded into `classifier` (softmax(log p / T)), recorded here to be read.
   */
  calibration?: { temperature: number; fittedOn: string };
  /**
   * The same recipe fitted on rows standardised by `globalScaler` and calibrated the same way:
   * what predicts before a speaker is enrolled. Absent on cards saved before 2026-12-07.
   */
  inductive?: {
    classifier: Record<string, unknown>;
    calibration: { temperature: number; fittedOn: string };
  };
  /**
   * The chosen recipe's validation figures (means over the validation splits) and how it was
   * chosen; `fusionnet`: FusionNet's validation accuracy when both were trained.
   */
  validation: {
    accuracy: number;
    uar: number;
    fusionnet: number | null;
    chosenBy?: "leave-one-corpus-out" | "validation actors";
  };
  /**
   * The expected figures on a corpus the model never heard: leave-one-corpus-out over the
   * training corpora; null when it was trained on one corpus (nothing measured it elsewhere).
   */
  unseenCorpus?: UnseenCorpusEstimate | null;
  trainedOn: { clips: number; manifestSha256: string; corpora: string[] };
  seed: number;
  versions: Record<string, string>;
}

/**
 * Leave-one-corpus-out figures of a deployed recipe: each training corpus held out in turn,
 * fitted on the others; means over the held-out corpora of UAR, accuracy and the expected
 * calibration error (each corpus calibrated by a temperature fitted on the others; null with one
 * split). `global`: rows standardised by the training statistics (before enrolment); `speaker`:
 * each speaker by their own recordings (after enrolment). The recipe is the best of several on
 * these same splits, so the figures lean optimistic.
 */
export interface UnseenCorpusEstimate {
  validation: "leave-one-corpus-out";
  corpora: string[];
  global: { uar: number; accuracy: number; ece: number | null };
  speaker: { uar: number; accuracy: number; ece: number | null };
}

/**
 * A functional-set card as a {@linkcode DeployableModel}: the feature vector is the card's set
 * over the whole recording, standardised by the global scaler or a speaker's (domain's)
 * statistics, then the probabilities of the classifier fitted for that standardisation
 * (`inductive` or `classifier`), by its family's entry in the registry (which loads what the
 * family runs on, e.g. libsvm, at the first prediction); its ONNX export is both classifiers, by
 * their family's nodes.
 *
 * @example
 * ```ts ignore
 * const model = functionalsDeployable(checkFunctionalsCard(card, "m/serlab.json"));
 * ```
 */
export function functionalsDeployable(card: FunctionalsCard): DeployableModel {
  const names = setNames(card.set);

  const loaded = new Map<Record<string, unknown>, Promise<Classifier>>();
  const load = (json: Record<string, unknown>) => {
    if (!loaded.has(json)) {
      loaded.set(json, _family(json).load().then((f) => f.fromJSON(json)));
    }
    return loaded.get(json)!;
  };
  return {
    family: "functionals",
    labels: card.labels,
    load: card.load,
    featureNames: names,
    featureKey: `functionals-${card.set}/sets-${card.setsVersion}/${card.load.sampleRate}`,
    globalScaler: card.globalScaler,
    frameLevel: false,
    speakerNormalized: true,
    usesGender: false,
    features: (y: Float32Array) => extractAnySet(y, card.load.sampleRate, card.set),
    async predict(x: Float32Array, rows: number, o: DeployOptions = {}): Promise<DeployPrediction> {
      if (o.gender) throw new Error("a functional-set model takes no gender");
      const clean = x.map((v) => Number.isFinite(v) ? v : 0);
      const global = (o.standardization ?? "global") === "global" && card.inductive;
      const classifier = await load(global ? card.inductive!.classifier : card.classifier);
      const probabilities = classifier.predictProba({ x: clean, rows, dims: names.length });
      return {
        probabilities,
        inputs: { features: x.slice(0, rows * names.length) },
        details: Array.from({ length: rows }, () => ({})),
      };
    },
    exportOnnx: () => Promise.resolve(_onnx(card, names)),
    dispose: () => {
      for (const c of loaded.values()) c.then((c) => (c as { free?: () => void }).free?.());
    },
  };
}

/**
 * Both classifiers as one ONNX graph on standardised features, by their family's entry: output
 * `probabilities` for features standardised by `globalScaler` (the `inductive` classifier),
 * `probabilities_own_statistics` for features standardised by a speaker's or domain's own
 * statistics (`classifier`). On a card without `inductive` both outputs are `classifier`'s.
 */
function _onnx(card: FunctionalsCard, names: readonly string[]): OnnxExport {
  const d = names.length, k = card.labels.length;
  const jsons = [card.inductive?.classifier ?? card.classifier, card.classifier];
  const heads = HEADS.map((h, i) => ({
    output: h.output,
    part: _family(jsons[i]).onnx(jsons[i], "features", h.output),
  }));
  const model = encodeModel({
    name: "serlab-functionals",
    nodes: heads.flatMap((h) => h.part.nodes),
    initializers: heads.flatMap((h) => h.part.initializers),
    inputs: [{ name: "features", shape: ["n", d] }],
    outputs: heads.map((h) => ({ name: h.output, shape: ["n", k] })),
    opsets: heads[0].part.opsets,
    doc: `serlab functional-set classifier (${card.recipe}); labels: ${card.labels.join(", ")}`,
  }, card.versions.serlab ?? "");
  const spec = {
    format: "serlab-onnx-spec/1",
    family: "functionals",
    opset: 13,
    opsets: heads[0].part.opsets,
    classifier: card.classifier.family,
    labels: card.labels,
    inputs: {
      features: {
        shape: ["n", d],
        names,
        description: `the "${card.set}" functional set over the whole recording (serlab's ` +
          "low-level descriptors and functionals; see docs/features.md), standardised: " +
          "(x - mean) / scale with `globalScaler` (read output `probabilities`), or with the " +
          "speaker's enrolment or the target domain's statistics (read output " +
          "`probabilities_own_statistics`)",
        set: card.set,
        setsVersion: card.setsVersion,
        load: card.load,
        globalScaler: card.globalScaler,
        speakerNormalized: true,
      },
    },
    outputs: headsSpec(card.labels),
  };
  return { model, spec };
}

/** A classifier JSON's entry in the registry (a checked card has only registered ones). */
function _family(json: Record<string, unknown>): ClassifierFamily {
  const family = classifierFamily(json.family);
  if (!family) throw new Error(`no classifier family "${json.family}"`);
  return family;
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
