/**
 * The study's experiments, each selectable by name, and the ones `reproduce` runs by default.
 *
 * @module
 */
import { type Clip, SUPERSET_CORPORA } from "../corpora/clip.ts";
import type { FusionInputs } from "../model/fusionnet/model.ts";
import type {
  Anchor,
  ExperimentDef,
  FunctionalsExperimentDef,
  FunctionalsVariant,
  SpeakerFoldPlan,
  Variant,
} from "./experiment_def.ts";
import { ENROLMENT_BUDGETS } from "./recipes.ts";

const ALL: FusionInputs = { deep: true, statistical: true, gender: true };
const FUSION: Variant = { name: "fusion", inputs: ALL, augment: true };
const INDUCTIVE: FunctionalsVariant = { name: "inductive", standardisation: "inductive" };
const WITH_SEQUENCE: FunctionalsVariant[] = [
  { name: "inductive", standardisation: "inductive", sequence: true },
  { name: "per-speaker", standardisation: "per-speaker", sequence: true },
];
const KEESING = "Keesing et al., Interspeech 2021";
/** Published speaker-independent RAVDESS figures without a pretrained encoder (UAR). */
const RAVDESS_ANCHORS: Anchor[] = [
  { system: "eGeMAPS (88 functionals)", standardisation: "inductive", uar: 0.5, source: KEESING },
  {
    system: "eGeMAPS (88 functionals)",
    standardisation: "per-speaker",
    uar: 0.61,
    source: KEESING,
  },
  {
    system: "ComParE 2013 (6,373 functionals), RBF SVM",
    standardisation: "inductive",
    uar: 0.59,
    source: KEESING,
  },
  {
    system: "ComParE 2013 (6,373 functionals), RBF SVM",
    standardisation: "per-speaker",
    uar: 0.69,
    source: KEESING,
  },
  {
    system:
      "residual LSTM + attention over MFCC and chroma frames (47k parameters; 5 subject folds)",
    standardisation: "inductive",
    uar: 0.623,
    source: "published from-scratch system",
  },
];

function _bestRavdess(
  name: string,
  title: string,
  folds: SpeakerFoldPlan,
  variants: FunctionalsVariant[],
): FunctionalsExperimentDef {
  return {
    name,
    title,
    dataset: "ravdess",
    protocol: "actor-cv",
    folds,
    model: "functionals",
    variants,
    anchors: RAVDESS_ANCHORS,
  };
}

/**
 * The study's experiments, each selectable by name: the paper's four, its leaky split, the
 * ablation, EmoBox's RAVDESS folds, leave-one-corpus-out, the enrolment curve, and serlab's
 * functional-set classifiers (`best-*`) on the same protocols.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { EXPERIMENTS } from "./experiments.ts";
 * assert(EXPERIMENTS.map((e) => e.name).includes("paper-ravdess-cv"));
 * ```
 */
export const EXPERIMENTS: readonly ExperimentDef[] = Object.freeze(
  [
    {
      name: "paper-ravdess-split",
      title: "RAVDESS, random 80/10/10 split of clips (augmented after the split)",
      dataset: "ravdess",
      protocol: "random-split",
      folds: "random",
      paper: { accuracy: 0.8807, text: "88.07% (random split)" },
      variants: [FUSION],
    },
    {
      name: "paper-ravdess-cv",
      title: "RAVDESS, actor-disjoint 6-fold cross-validation (actors 1-4, 5-8, ...)",
      dataset: "ravdess",
      protocol: "actor-cv",
      folds: "ravdess-paper",
      paper: { accuracy: 0.45, std: 0.05, text: "0.45 ± 0.05 (6-fold CV)" },
      variants: [FUSION],
    },
    {
      name: "paper-superset-split",
      title: "SER Superset, random 80/10/10 split of clips (augmented after the split)",
      dataset: "superset",
      protocol: "random-split",
      folds: "random",
      paper: { accuracy: 0.6804, text: "68.04% (test split)" },
      variants: [FUSION],
    },
    {
      name: "paper-superset-cv",
      title: "SER Superset, actor-disjoint 11-fold cross-validation (11 actors a fold)",
      dataset: "superset",
      protocol: "actor-cv",
      folds: "superset-11",
      paper: { accuracy: 0.43, std: 0.02, text: "0.43 ± 0.02 (11-fold CV)" },
      variants: [FUSION],
    },
    {
      name: "leaky-ravdess-split",
      title: "RAVDESS, the paper's way: augment, then split rows at random (leaks by design)",
      dataset: "ravdess",
      protocol: "augment-then-split",
      folds: "rows",
      paper: { accuracy: 0.8807, text: "88.07% (the figure this protocol produced)" },
      variants: [FUSION],
    },
    {
      name: "ablation",
      title: "Ablation on the RAVDESS actor folds",
      dataset: "ravdess",
      protocol: "actor-cv",
      folds: "ravdess-paper",
      variants: [
        FUSION,
        {
          name: "deep-only",
          inputs: { deep: true, statistical: false, gender: false },
          augment: true,
        },
        {
          name: "statistical-only",
          inputs: { deep: false, statistical: true, gender: true },
          augment: true,
        },
        {
          name: "fusion-no-gender",
          inputs: { deep: true, statistical: true, gender: false },
          augment: true,
        },
        { name: "fusion-no-augmentation", inputs: ALL, augment: false },
        {
          name: "fusion-global-normalisation",
          inputs: ALL,
          augment: true,
          normalization: "global",
        },
        {
          name: "fusion-linear-power",
          inputs: ALL,
          augment: true,
          power: "linear",
        },
        {
          name: "paper-preprocessing",
          inputs: ALL,
          augment: true,
          normalization: "global",
          power: "linear",
        },
      ],
    },
    {
      name: "emobox-ravdess",
      title: "RAVDESS on EmoBox's published actor folds",
      dataset: "ravdess",
      protocol: "actor-cv",
      folds: "ravdess-emobox",
      variants: [FUSION],
    },
    {
      name: "cross-corpus",
      title: "Leave one corpus out: train on the others, test on the one held out " +
        "(the emotions all corpora share: 6 for the Superset's four)",
      dataset: "shared",
      protocol: "leave-one-corpus-out",
      folds: "corpora",
      variants: [FUSION],
    },
    {
      name: "cross-corpus-4",
      title: "Leave one corpus out on angry, happy, neutral, sad (EmoBox's cross-corpus classes)",
      dataset: "shared",
      protocol: "leave-one-corpus-out",
      folds: "corpora",
      labels: ["angry", "happy", "neutral", "sad"],
      variants: [FUSION],
    },
    {
      name: "enrolment-ravdess",
      title:
        "RAVDESS actor folds: the test speaker's statistics from 0, 5, 10, 20, 40 s or all of their other clips",
      dataset: "ravdess",
      protocol: "actor-cv",
      folds: "ravdess-paper",
      enrolment: ENROLMENT_BUDGETS,
      variants: [{ ...FUSION, normalization: "speaker" }],
    },
    _bestRavdess(
      "best-ravdess-cv",
      "serlab's classifiers (functional sets, sequence model) on the paper's RAVDESS actor folds",
      "ravdess-paper",
      WITH_SEQUENCE,
    ),
    {
      name: "best-ravdess-more-speakers",
      title: "serlab's functional-set classifiers on the paper's RAVDESS actor folds, trained " +
        "on RAVDESS only and with the Superset's other corpora added to training",
      dataset: "ravdess",
      protocol: "actor-cv",
      folds: "ravdess-paper",
      model: "functionals",
      variants: [
        { ...INDUCTIVE, name: "ravdess-only" },
        { ...INDUCTIVE, name: "more-speakers", moreSpeakers: true },
      ],
      anchors: [],
    },
    _bestRavdess(
      "best-emobox-ravdess",
      "serlab's classifiers (functional sets, sequence model) on EmoBox's RAVDESS actor folds",
      "ravdess-emobox",
      WITH_SEQUENCE,
    ),
    {
      name: "best-superset-cv",
      title: "serlab's functional-set classifiers on the Superset's 11 actor folds",
      dataset: "superset",
      protocol: "actor-cv",
      folds: "superset-11",
      model: "functionals",
      variants: [INDUCTIVE],
      anchors: [],
    },
    {
      name: "best-cross-corpus",
      title: "serlab's functional-set classifiers, leave one corpus out (the emotions all " +
        "corpora share: 6 for the Superset's four)",
      dataset: "shared",
      protocol: "leave-one-corpus-out",
      folds: "corpora",
      model: "functionals",
      variants: [
        { name: "robust", standardisation: "inductive", selection: "corpora" },
        INDUCTIVE,
        { name: "per-speaker", standardisation: "per-speaker" },
        { name: "domain-adapted", standardisation: "domain-adapted", selection: "corpora" },
      ],
      anchors: [],
    },
    {
      name: "speaker-cv",
      title: "Any data, all its emotions: each speaker held out (at most 24 speakers), " +
        "else 10 speaker folds balanced by gender",
      dataset: "all",
      protocol: "actor-cv",
      folds: "speakers",
      variants: [FUSION],
    },
    {
      name: "best-speaker-cv",
      title: "serlab's functional-set classifiers on any data, all its emotions: each speaker " +
        "held out (at most 24 speakers), else 10 speaker folds balanced by gender",
      dataset: "all",
      protocol: "actor-cv",
      folds: "speakers",
      model: "functionals",
      variants: [INDUCTIVE, { name: "per-speaker", standardisation: "per-speaker" }],
      anchors: [],
    },
  ] satisfies ExperimentDef[],
);

/** The protocols for any data: on the Superset's four corpora alone their actor-cv twins run. */
const _ANY_DATA: readonly string[] = ["speaker-cv", "best-speaker-cv"];

/**
 * The experiments `reproduce` runs when none are named: all of them, except that
 * `speaker-cv` and `best-speaker-cv` join only when the data holds a corpus beyond the
 * Superset's four (on those four, the paper's and serlab's actor-fold experiments already
 * hold every speaker out, and the first command stays short).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { defaultExperiments } from "./experiments.ts";
 * const names = (corpus: string) => defaultExperiments([{ corpus }]).map((e) => e.name);
 * assertEquals(names("ravdess").includes("best-speaker-cv"), false);
 * assertEquals(names("emodb").includes("best-speaker-cv"), true);
 * ```
 */
export function defaultExperiments(clips: readonly Pick<Clip, "corpus">[]): ExperimentDef[] {
  const other = clips.some((c) => !(SUPERSET_CORPORA as readonly string[]).includes(c.corpus));
  return EXPERIMENTS.filter((e) => other || !_ANY_DATA.includes(e.name));
}

/**
 * The experiment called `name`; throws listing the names if there is none.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { experimentByName } from "./experiments.ts";
 * assertEquals(experimentByName("ablation").variants.length, 8);
 * ```
 */
export function experimentByName(name: string): ExperimentDef {
  const e = EXPERIMENTS.find((x) => x.name === name);
  if (!e) {
    throw new Error(
      `unknown experiment "${name}"; one of: ${EXPERIMENTS.map((x) => x.name).join(", ")}`,
    );
  }
  return e;
}
