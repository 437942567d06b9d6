/**
 * What an experiment definition states: its data, protocol, folds, classes and variants, for
 * SER-FusionNet and for serlab's functional-set classifiers. The study's experiments are
 * `EXPERIMENTS` of `lib/eval/experiments.ts`; the values they vary, `lib/eval/recipes.ts`.
 *
 * @module
 */
import type { Emotion } from "../corpora/clip.ts";
import type { PowerScale } from "../dataset/build.ts";
import type { FusionInputs } from "../model/fusionnet/model.ts";
import type { Standardisation } from "./standardise.ts";

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
