/**
 * Every experiment's recipe, declared as data in one place (SpeechBrain's habit: everything an
 * experiment can vary, in one place): FusionNet's training schedule and design as the study
 * runs them, the default augmentation, the enrolment budgets, the functional sets and cut the
 * classifiers read, the candidate grids of the nested selection (on validation actors, and
 * across training corpora), the sequence candidate, and the quick settings. Every experiment
 * writes the recipe it used into `metrics.json` ({@linkcode experimentRecipe}); a
 * functional-set experiment's grid is in its fold keys too.
 *
 * @module
 */
import type { DerivedSetName } from "../features/derived.ts";
import type { Augmentation } from "../augment/augment.ts";
import type { PowerScale } from "../dataset/build.ts";
import type { Cut, SetName } from "../features/sets.ts";
import { FUSIONNET_DESIGN } from "../model/fusionnet/deploy.ts";
import { FUSIONNET_TRAINING, type TrainOptions } from "../model/fusionnet/train.ts";
import type { Candidate } from "./best.ts";
import type { QuickSettings, RunSettings } from "./context.ts";
import type {
  ExperimentDef,
  FunctionalsExperimentDef,
  FunctionalsVariant,
  FusionExperimentDef,
} from "./experiment_def.ts";

/**
 * The augmentations whose copies of each training clip FusionNet experiments add by default
 * (`--augment`, the paper's): added noise and a pitch shift. The leaky split
 * (`augment-then-split`) makes these copies when the run asks for none.
 */
export const DEFAULT_AUGMENTATION: readonly Augmentation[] = Object.freeze(["noise", "pitch"]);

/**
 * FusionNet's recipe as the study runs it: the model's own training schedule and fixed design
 * (`FUSIONNET_TRAINING`, `FUSIONNET_DESIGN` of `lib/model/fusionnet`), taken as they are.
 * `reproduce` and `train` start their settings from it.
 */
export const FUSIONNET_RECIPE = Object.freeze({
  training: FUSIONNET_TRAINING,
  design: FUSIONNET_DESIGN,
});

/** The `train` task's `--quick` schedule: FusionNet's, at most 20 epochs, patience 3. */
export const QUICK_TRAINING: TrainOptions = Object.freeze({
  ...FUSIONNET_TRAINING,
  epochs: 20,
  earlyStopPatience: 3,
});

/** The enrolment budgets measured by `enrolment-ravdess`: 0, 5, 10, 20, 40 s and all. */
export const ENROLMENT_BUDGETS: readonly (number | null)[] = Object.freeze([
  0,
  5,
  10,
  20,
  40,
  null,
]);

/** The functional sets the classifiers choose from, over the whole recording. */
export const FUNCTIONAL_SETS: readonly SetName[] = Object.freeze(["compact", "large"]);
/** The cut the functional sets are computed over. */
export const FUNCTIONAL_CUT: Cut = "whole";
/** The large set with every descriptor standardised over its clip (`lib/features/clip_norm.ts`). */
export const CLIP_NORMALISED: DerivedSetName = "large-clipnorm";
/** The compact set's prosodic features only (`lib/features/prosody.ts`). */
export const PROSODIC_SET: DerivedSetName = "compact-prosody";

/**
 * The nested-selection grid, fixed before any result was seen: logistic regression on both
 * sets (L2 0.01, 0.1, 1 on `compact`; 0.1, 0.3, 1 on `large`), linear (C 0.1) and RBF (C 1, 10)
 * SVMs on `compact`.
 */
export const FUNCTIONAL_GRID: readonly Candidate[] = Object.freeze([
  ...[0.01, 0.1, 1].map((c) => ({ set: "compact", family: "logistic" as const, c })),
  ...[0.1, 0.3, 1].map((c) => ({ set: "large", family: "logistic" as const, c })),
  { set: "compact", family: "svm-linear" as const, c: 0.1 },
  { set: "compact", family: "svm-rbf" as const, c: 1 },
  { set: "compact", family: "svm-rbf" as const, c: 10 },
]);

/**
 * The sequence candidate of variants that include it: the frame-level model, 20 epochs (chosen
 * on validation actors only: a pilot, `tools/pilot_sequence.ts` of commit 23cda35, found 20 as
 * good as the model's default 30 for two thirds of the time; docs/models.md), probabilities averaged over 3 seeds.
 */
export const SEQUENCE_CANDIDATE: Readonly<Extract<Candidate, { family: "sequence" }>> = Object
  .freeze({
    set: "frames" as const,
    family: "sequence" as const,
    epochs: 20,
    seeds: 3,
  });

/**
 * A quick run's settings (`--quick`, and always on the demo corpus, where the full grid, 3
 * seeds of 20 epochs and FusionNet's extractor took most of the first command's time):
 * FusionNet's extractor at most 10 epochs (on the demo corpus its validation accuracy levels off
 * within 10; the full schedule ran 19 to 38 there), one functional-set candidate of each family
 * at the middle of its grid, and the sequence model trained once (1 seed) for 8 epochs. Recorded
 * in the run's settings (`metrics.json`, `settings.quick`).
 */
export const QUICK_FUNCTIONALS: QuickSettings = Object.freeze({
  extractorEpochs: 10,
  grid: Object.freeze([
    { set: "compact", family: "logistic" as const, c: 0.1 },
    { set: "large", family: "logistic" as const, c: 0.3 },
    { set: "compact", family: "svm-linear" as const, c: 0.1 },
    { set: "compact", family: "svm-rbf" as const, c: 1 },
  ]),
  sequence: Object.freeze({
    set: "frames" as const,
    family: "sequence" as const,
    epochs: 8,
    seeds: 1,
  }),
});

/** How the recipe of every fold is chosen, as the report states it. */
export const FUNCTIONAL_SELECTION =
  "logistic regression, linear and RBF SVMs on the compact and large functional sets " +
  "(whole recording), and in the RAVDESS variants marked so the frame-level sequence model " +
  "(3 seeds averaged); per fold, the set, family, strength and whether to average the " +
  "families' best into an ensemble chosen by UAR on validation actors carved from the " +
  "training actors, refitted on training + validation actors, test actors scored once";

/**
 * The grid of variants chosen by nested leave-one-corpus-out (`selection: "corpora"`): logistic
 * regression on `compact` (L2 0.1, 1, 10), on its prosodic features ({@linkcode PROSODIC_SET},
 * L2 1, 10), on `large` (L2 1, 10) and on `large-clipnorm` ({@linkcode CLIP_NORMALISED}: the
 * large set over per-utterance standardised descriptors, L2 1, 10). Stronger penalties than
 * {@linkcode FUNCTIONAL_GRID}'s, and no SVMs; a pilot (`tools/pilot_domain.ts` of commit 23cda35)
 * measured the candidates (docs/domain.md, docs/domain_pilot/).
 */
export const CROSS_CORPUS_GRID: readonly Candidate[] = Object.freeze([
  ...[0.1, 1, 10].map((c) => ({ set: "compact", family: "logistic" as const, c })),
  ...[1, 10].map((c) => ({ set: PROSODIC_SET, family: "logistic" as const, c })),
  ...[1, 10].map((c) => ({ set: "large", family: "logistic" as const, c })),
  ...[1, 10].map((c) => ({ set: CLIP_NORMALISED, family: "logistic" as const, c })),
]);

/**
 * A variant's candidates: {@linkcode CROSS_CORPUS_GRID} when chosen across corpora, else
 * {@linkcode FUNCTIONAL_GRID} (a quick run's grid, {@linkcode QUICK_FUNCTIONALS}, when `quick`
 * is given), and {@linkcode SEQUENCE_CANDIDATE} (or the quick one) when the variant includes the
 * sequence model.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FUNCTIONAL_GRID, QUICK_FUNCTIONALS, variantGrid } from "./recipes.ts";
 * const v = { name: "inductive", standardisation: "inductive" as const, sequence: true };
 * assertEquals(variantGrid(v).length - FUNCTIONAL_GRID.length, 1);
 * assertEquals(variantGrid(v, QUICK_FUNCTIONALS).length, QUICK_FUNCTIONALS.grid.length + 1);
 * ```
 */
export function variantGrid(
  variant: FunctionalsVariant,
  quick?: QuickSettings,
): readonly Candidate[] {
  const grid = variant.selection === "corpora" ? CROSS_CORPUS_GRID : quick?.grid ?? FUNCTIONAL_GRID;
  return variant.sequence ? [...grid, quick?.sequence ?? SEQUENCE_CANDIDATE] : grid;
}

/**
 * The augmentations whose copies a FusionNet variant's training side gets: the run's (or, in
 * the leaky split that augments before splitting, the run's or else
 * {@linkcode DEFAULT_AUGMENTATION}), none for a variant without augmentation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { augmentationOf } from "./recipes.ts";
 * assertEquals(augmentationOf({ protocol: "augment-then-split" }, []), ["noise", "pitch"]);
 * assertEquals(augmentationOf({ protocol: "actor-cv" }, [], { augment: true }), []);
 * assertEquals(augmentationOf({ protocol: "actor-cv" }, ["shift"], { augment: false }), []);
 * ```
 */
export function augmentationOf(
  def: Pick<FusionExperimentDef, "protocol">,
  run: readonly Augmentation[],
  variant?: { augment: boolean },
): readonly Augmentation[] {
  if (def.protocol === "augment-then-split") return run.length ? run : DEFAULT_AUGMENTATION;
  return variant && !variant.augment ? [] : run;
}

/** A FusionNet experiment's recipe, as `metrics.json` records it. */
export interface FusionRecipe {
  model: "fusionnet";
  training: TrainOptions;
  /** The cap on the extractor's epochs of a quick run, else null. */
  extractor_epochs: number | null;
  conv_layers: number;
  fusion_hidden: number[];
  /** Share of training actors held out for early stopping. */
  val_share: number;
  /** Each variant's augmentations of the training side, and its feature processing. */
  variants: Record<string, {
    augmentation: Augmentation[];
    normalization: "speaker" | "global";
    power: PowerScale;
  }>;
  /** The enrolment budgets in seconds (null: all), for experiments that measure the curve. */
  enrolment_budgets?: (number | null)[];
}

/** A functional-set experiment's recipe, as `metrics.json` records it. */
export interface FunctionalsRecipe {
  model: "functionals";
  sets: SetName[];
  cut: Cut;
  /** Whether the quick grid and sequence candidate were used ({@linkcode QUICK_FUNCTIONALS}). */
  quick: boolean;
  /**
   * Each variant's candidates (the sequence candidate last, when it has one) and where its
   * recipe is chosen: on validation actors or leaving each training corpus out in turn.
   */
  variants: Record<string, {
    grid: Candidate[];
    selection: "validation-actors" | "training-corpora";
  }>;
}

/** The recipe an experiment runs with, as data. */
export type ExperimentRecipe = FusionRecipe | FunctionalsRecipe;

/** The run settings a recipe reads. */
export type RecipeSettings = Pick<
  RunSettings,
  | "augment"
  | "training"
  | "convLayers"
  | "fusionHidden"
  | "valShare"
  | "quick"
  | "normalization"
  | "power"
>;

/**
 * The recipe `def` runs with under `settings`, as data: what the runners use (the fold keys and
 * nested selection of functional-set experiments read their grids from it) and what
 * `metrics.json` records beside the sentence of `model`.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { experimentByName } from "./experiments.ts";
 * import { experimentRecipe, FUNCTIONAL_GRID, FUSIONNET_RECIPE } from "./recipes.ts";
 * const run = { augment: [], normalization: "speaker" as const, power: "log" as const };
 * const { training, design } = FUSIONNET_RECIPE;
 * const r = experimentRecipe(experimentByName("best-superset-cv"), { training, ...design, ...run });
 * assert(r.model === "functionals");
 * assertEquals(r.variants.inductive.grid, [...FUNCTIONAL_GRID]);
 * ```
 */
export function experimentRecipe(
  def: FunctionalsExperimentDef,
  settings: RecipeSettings,
): FunctionalsRecipe;
export function experimentRecipe(def: FusionExperimentDef, settings: RecipeSettings): FusionRecipe;
export function experimentRecipe(def: ExperimentDef, settings: RecipeSettings): ExperimentRecipe;
export function experimentRecipe(
  def: ExperimentDef,
  settings: RecipeSettings,
): ExperimentRecipe {
  return def.model === "functionals"
    ? _functionalsRecipe(def, settings.quick)
    : _fusionRecipe(def, settings);
}

function _functionalsRecipe(
  def: FunctionalsExperimentDef,
  quick: QuickSettings | undefined,
): FunctionalsRecipe {
  return {
    model: "functionals",
    sets: [...FUNCTIONAL_SETS],
    cut: FUNCTIONAL_CUT,
    quick: quick !== undefined,
    variants: Object.fromEntries(def.variants.map((v) => [v.name, {
      grid: [...variantGrid(v, quick)],
      selection: v.selection === "corpora" ? "training-corpora" : "validation-actors",
    }])),
  };
}

function _fusionRecipe(
  def: FusionExperimentDef,
  s: RecipeSettings,
): FusionRecipe {
  return {
    model: "fusionnet",
    training: s.training,
    extractor_epochs: s.quick?.extractorEpochs ?? null,
    conv_layers: s.convLayers,
    fusion_hidden: [...s.fusionHidden],
    val_share: s.valShare,
    variants: Object.fromEntries(def.variants.map((v) => [v.name, {
      augmentation: [...augmentationOf(def, s.augment, v)],
      normalization: v.normalization ?? s.normalization,
      power: v.power ?? s.power,
    }])),
    ...(def.enrolment ? { enrolment_budgets: [...def.enrolment] } : {}),
  };
}
