import {
  type Clip,
  type Emotion,
  EMOTIONS,
  isStudyEmotion,
  orderCorpora,
  SUPERSET_CORPORA,
  SUPERSET_EMOTIONS,
} from "../corpora/clip.ts";
import { type LabelSet, labelSetOf } from "../corpora/labels.ts";
import type { PowerScale } from "../dataset/build.ts";
import type { FusionInputs } from "../model/fusionnet/model.ts";
import type { Standardisation } from "./best.ts";
import { ENROLMENT_BUDGETS } from "./recipes.ts";

/** How an experiment partitions its clips. */
export type Protocol =
  | "random-split"
  | "augment-then-split"
  | "actor-cv"
  | "leave-one-corpus-out";

/** Where the test folds come from. */
export type FoldPlan =
  | "random" // stratified 80/10/10 split of clips
  | "rows" // 80/10/10 split of rows after augmentation (the paper's leak)
  | "ravdess-paper" // actors 1-4, 5-8, ..., 21-24
  | "ravdess-emobox" // EmoBox's published folds
  | "superset-11" // 11 folds of 11 actors, dealt by the seed
  | "speakers" // each speaker held out (<= 24 speakers), else 10 folds dealt by gender
  | "corpora"; // each corpus held out in turn

/** The fold plans that keep every speaker on one side. */
export type SpeakerFoldPlan = Exclude<FoldPlan, "random" | "rows">;

/** A model variant an experiment trains in each fold. */
export interface Variant {
  name: string;
  inputs: FusionInputs;
  /** Whether training clips get augmented copies (the run's augmentations). */
  augment: boolean;
  /** Overrides the run's normalisation. */
  normalization?: "speaker" | "global";
  /** Overrides the run's scale of the power-like features. */
  power?: PowerScale;
}

/** Which clips and classes an experiment takes from the data (see {@linkcode experimentClips}). */
export type Dataset = "ravdess" | "superset" | "all" | "shared";

/** What every experiment states: its data, protocol, folds and classes. */
interface _ExperimentCommon {
  name: string;
  title: string;
  /**
   * "ravdess": RAVDESS speech, all 8 emotions; "superset": the paper's four corpora, 6 emotions;
   * "all": every clip of the data, all its emotions; "shared": every clip of the data, the
   * emotions all its corpora have.
   */
  dataset: Dataset;
  protocol: Protocol;
  folds: FoldPlan;
  /** The paper's figure for this experiment, if it reports one. */
  paper?: { accuracy: number; std?: number; text: string };
  /** The classes, when not the dataset's (e.g. the 4 of EmoBox's cross-corpus track). */
  labels?: readonly Emotion[];
}

/** An experiment that trains SER-FusionNet in every fold. */
export interface FusionExperimentDef extends _ExperimentCommon {
  model?: "fusionnet";
  variants: Variant[];
  /**
   * Measure the enrolment curve too (`lib/eval/enrolment.ts`): accuracy with the test speakers'
   * statistics from these many seconds of their other clips (null: all).
   */
  enrolment?: readonly (number | null)[];
}

/** A variant of a functional-set experiment. */
export interface FunctionalsVariant {
  name: string;
  /**
   * "inductive": features standardised by the training rows' statistics only; "per-corpus"
   * (inductive): each training corpus by its own; "per-speaker": each speaker by their own
   * unlabelled recordings, test speakers included (transductive); "domain-adapted": each corpus
   * by its own unlabelled recordings, the held-out corpus included (transductive). See
   * `Standardisation` in `lib/eval/best.ts`.
   */
  standardisation: Standardisation;
  /**
   * Training (never validation or test) adds the Superset's other corpora, 6 shared classes,
   * to a RAVDESS experiment; skipped with a note when no other corpus is present.
   */
  moreSpeakers?: boolean;
  /**
   * The frame-level sequence model joins the functional-set candidates of the nested selection
   * (`lib/eval/best.ts`). Left out where training folds are large (the Superset, more speakers):
   * there its training would take hours on a 2-core machine.
   */
  sequence?: boolean;
  /**
   * "corpora": the recipe is chosen by nested leave-one-corpus-out on the training corpora
   * (each training corpus the validation rows in turn; the held-out corpus never looked at) over
   * the cross-corpus grid (`CROSS_CORPUS_GRID` of `lib/eval/recipes.ts`), instead of on
   * validation actors.
   */
  selection?: "corpora";
}

/** A published figure of another system on an experiment's protocol, for the report. */
export interface Anchor {
  system: string;
  standardisation: Standardisation;
  uar: number;
  source: string;
}

/**
 * An experiment of serlab's own functional-set classifiers (logistic regression, SVMs and their
 * ensembles, chosen by nested selection on validation actors: `lib/eval/best.ts`).
 */
export interface FunctionalsExperimentDef extends _ExperimentCommon {
  model: "functionals";
  folds: SpeakerFoldPlan;
  /** The first is the headline (inductive); per-speaker variants are labelled as such. */
  variants: FunctionalsVariant[];
  anchors: Anchor[];
}

/** A named experiment of the study. */
export type ExperimentDef = FusionExperimentDef | FunctionalsExperimentDef;

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

/**
 * An experiment's clips, classes and label indices. Its dataset picks the clips and default
 * classes: RAVDESS speech with its 8 emotions; the Superset's four corpora with their 6; all
 * clips with every emotion they have; or all clips with the emotions every corpus present has
 * (study emotions in their order, then others alphabetically). `labels` (the run's `--labels`)
 * or the experiment's own label set maps and narrows the classes. Throws naming the experiment
 * when no clip is left, fewer than two classes are, or a class of the run's `--labels` has no
 * clip.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { experimentByName, experimentClips } from "./experiments.ts";
 * assertThrows(
 *   () => experimentClips(experimentByName("paper-ravdess-cv"), []),
 *   Error,
 *   "paper-ravdess-cv: no RAVDESS clips",
 * );
 * ```
 */
export function experimentClips(
  def: ExperimentDef,
  all: readonly Clip[],
  labels?: LabelSet,
): { clips: Clip[]; classes: string[]; labels: Int32Array } {
  const set = labels ?? (def.labels ? labelSetOf(def.labels) : null);
  const superset = SUPERSET_CORPORA as readonly string[];
  const pool = def.dataset === "ravdess"
    ? all.filter((c) => c.corpus === "ravdess")
    : def.dataset === "superset"
    ? all.filter((c) => superset.includes(c.corpus))
    : all;
  const what = { ravdess: "RAVDESS", superset: "Superset", all: "", shared: "" }[def.dataset];
  if (pool.length === 0) throw new Error(`${def.name}: no ${what ? `${what} ` : ""}clips`);
  const classes = set ? [...set.labels] : _defaultClasses(def.dataset, pool);
  if (classes.length < 2) {
    throw new Error(
      `${def.name}: ${
        def.dataset === "shared" ? "the corpora share" : "the data has"
      } fewer than two emotions (${classes.join(", ") || "none"})`,
    );
  }
  const classOf = (c: Clip) => set ? set.map[c.emotion] : c.emotion;
  const clips = pool.filter((c) => classes.includes(classOf(c) ?? ""));
  if (clips.length === 0) throw new Error(`${def.name}: no ${what ? `${what} ` : ""}clips`);
  const y = Int32Array.from(clips, (c) => classes.indexOf(classOf(c)!));
  if (labels) {
    const empty = classes.filter((_, k) => !y.includes(k));
    if (empty.length) {
      throw new Error(`${def.name}: no clip of class ${empty.join(", ")} (--labels) in its data`);
    }
  }
  return { clips, classes, labels: y };
}

/** A dataset's classes when no label set is given. */
function _defaultClasses(dataset: Dataset, pool: readonly Clip[]): string[] {
  if (dataset === "ravdess") return [...EMOTIONS];
  if (dataset === "superset") return [...SUPERSET_EMOTIONS];
  const emotionsOf = (clips: readonly Clip[]) => new Set(clips.map((c) => c.emotion));
  let found = emotionsOf(pool);
  if (dataset === "shared") {
    for (const corpus of orderCorpora(pool.map((c) => c.corpus))) {
      const own = emotionsOf(pool.filter((c) => c.corpus === corpus));
      found = new Set([...found].filter((e) => own.has(e)));
    }
  }
  return [
    ...EMOTIONS.filter((e) => found.has(e)),
    ...[...found].filter((e) => !isStudyEmotion(e)).sort(),
  ];
}
