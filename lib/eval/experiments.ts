import type { Emotion } from "../corpora/clip.ts";
import type { PowerScale } from "../dataset/build.ts";
import type { FusionInputs } from "../model/fusionnet.ts";
import { ENROLMENT_BUDGETS } from "./enrolment.ts";

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
  | "corpora"; // each corpus held out in turn

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

/** A named experiment of the study. */
export interface ExperimentDef {
  name: string;
  title: string;
  /** "ravdess": RAVDESS speech, all 8 emotions; "superset": the four corpora, 6 emotions. */
  dataset: "ravdess" | "superset";
  protocol: Protocol;
  folds: FoldPlan;
  /** The paper's figure for this experiment, if it reports one. */
  paper?: { accuracy: number; std?: number; text: string };
  variants: Variant[];
  /** The classes, when not the dataset's (e.g. the 4 of EmoBox's cross-corpus track). */
  labels?: readonly Emotion[];
  /**
   * Measure the enrolment curve too (`lib/eval/enrolment.ts`): accuracy with the test speakers'
   * statistics from these many seconds of their other clips (null: all).
   */
  enrolment?: readonly (number | null)[];
}

const ALL: FusionInputs = { deep: true, statistical: true, gender: true };
const FUSION: Variant = { name: "fusion", inputs: ALL, augment: true };

/**
 * The study's experiments, each selectable by name: the paper's four, its leaky split, the
 * ablation, EmoBox's RAVDESS folds and leave-one-corpus-out.
 *
 * @example
 * ```ts
 * import { EXPERIMENTS } from "./experiments.ts";
 * console.log(EXPERIMENTS.map((e) => e.name).includes("paper-ravdess-cv")); // true
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
      title: "Leave one corpus out: train on the other three (6 emotions), test on the fourth",
      dataset: "superset",
      protocol: "leave-one-corpus-out",
      folds: "corpora",
      variants: [FUSION],
    },
    {
      name: "cross-corpus-4",
      title: "Leave one corpus out on angry, happy, neutral, sad (EmoBox's cross-corpus classes)",
      dataset: "superset",
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
  ] satisfies ExperimentDef[],
);

/**
 * The experiment called `name`; throws listing the names if there is none.
 *
 * @example
 * ```ts
 * import { experimentByName } from "./experiments.ts";
 * console.log(experimentByName("ablation").variants.length); // 8
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
