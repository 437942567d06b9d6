/**
 * The functional-set experiments' recipes, declared as data in one place: the sets and cut the
 * classifiers read, the candidate grids of the nested selection (on validation actors, and across
 * training corpora), the sequence candidate, and the quick settings of the demo corpus. Every
 * experiment writes the grid it used into its fold keys and `metrics.json`.
 *
 * @module
 */
import type { DerivedSetName } from "../features/derived.ts";
import type { Cut, SetName } from "../features/sets.ts";
import type { Candidate } from "./best.ts";
import type { QuickSettings } from "./context.ts";
import type { FunctionalsVariant } from "./experiments.ts";

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
 * on validation actors only: `tools/pilot_sequence.ts` found 20 as good as the model's default 30
 * for two thirds of the time), probabilities averaged over 3 seeds.
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
 * {@linkcode FUNCTIONAL_GRID}'s, and no SVMs; `tools/pilot_domain.ts` measured the candidates
 * (docs/domain.md).
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
