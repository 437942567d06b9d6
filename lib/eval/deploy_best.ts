/**
 * The model `train` and `reproduce` save for `predict` and `serve`. Trained on two or more
 * corpora: serlab's functional-set classifier chosen by leave-one-corpus-out, the only choice
 * here validated on recordings of a corpus the model never heard. Trained on one corpus:
 * SER-FusionNet, or the functional-set classifier when it is better on the same validation
 * actors. `train --family` names the family instead (the sequence model deploys only so).
 *
 * @module
 */
import type { Clip } from "../corpora/clip.ts";
import { MODEL_FOLDER } from "../model/folder.ts";
import { type FunctionalsCard, saveFunctionals } from "../model/functionals_deploy.ts";
import { saveSequence, type SequenceCard } from "../model/sequence/card.ts";
import { type DeployOptions, trainAndSave } from "../model/fusionnet/deploy.ts";
import type { ModelCard } from "../model/fusionnet/save.ts";
import { replaceFolder } from "../util/owned.ts";
import type { Candidate } from "./best.ts";
import { trainFunctionalsForDeploy } from "./deploy_functionals.ts";
import { trainSequenceForDeploy } from "./deploy_sequence.ts";
import { FUNCTIONAL_GRID, QUICK_FUNCTIONALS, SEQUENCE_CANDIDATE } from "./recipes.ts";

/**
 * The candidates a deployed functional-set model trained on one corpus is chosen from: every
 * functional-set candidate of {@linkcode FUNCTIONAL_GRID}, logistic regressions and SVMs (each
 * family deploys, the browser page included, through its entry in `lib/model/families.ts`).
 * With two or more corpora the choice is the cross-corpus grid's
 * ({@linkcode trainFunctionalsForDeploy}).
 */
export const DEPLOY_GRID: readonly Extract<Candidate, { c: number }>[] = Object.freeze(
  FUNCTIONAL_GRID.filter((c): c is Extract<Candidate, { c: number }> => c.family !== "sequence"),
);

/**
 * What {@linkcode trainBestAndSave} saved, both families' validation accuracy (FusionNet's null
 * when it was not trained), and how the choice was validated.
 */
export interface DeployChoice {
  card: ModelCard | FunctionalsCard | SequenceCard;
  family: DeployFamily;
  validation: { fusionnet: number | null; functionals: number | null; recipe: string | null };
  /** How the family was chosen: `asked` when `--family` named it. */
  chosenBy: "leave-one-corpus-out" | "validation actors" | "asked";
}

/** The families `train` can deploy. */
export type DeployFamily = "fusionnet" | "functionals" | "sequence";

/** What `train --family` takes: `auto` (the choice {@linkcode trainBestAndSave} describes) or a family. */
export const FAMILY_CHOICES = ["auto", "fusionnet", "functionals", "sequence"] as const;

/** {@linkcode trainBestAndSave}'s options: FusionNet's, and which family to deploy. */
export interface BestOptions extends DeployOptions {
  /** `auto` (default) or the family to train and save whatever the validation says. */
  family?: (typeof FAMILY_CHOICES)[number];
  /** A quick look (`--quick`): the sequence model's quick epochs ({@linkcode QUICK_FUNCTIONALS}). */
  quick?: boolean;
}

/**
 * Trains the model for deployment. On clips of two or more corpora: the functional-set
 * classifier chosen by leave-one-corpus-out ({@linkcode trainFunctionalsForDeploy}), whose card
 * states its expected figures on an unseen corpus; FusionNet, validated on held-out actors of the
 * same corpora only, is not trained (the cross-corpus study shows those figures say little about
 * a new corpus). On one corpus: SER-FusionNet ({@linkcode trainAndSave}) and the functional-set
 * classifier chosen on the same validation actors, the better kept. With `o.family` other than
 * `auto`, that family alone is trained and saved (the sequence model by
 * {@linkcode trainSequenceForDeploy}); too few actors to hold any out is then an error. The card
 * says what it is. `o.out` must be new, empty or an earlier serlab model, which is then replaced
 * atomically ({@linkcode replaceFolder}); anything else is refused with a `RefusedError` before
 * training.
 *
 * @example
 * ```ts ignore
 * const choice = await trainBestAndSave(clips, { root, out: "results/x/model", ... });
 * console.log(choice.family, choice.validation);
 * ```
 */
export async function trainBestAndSave(
  allClips: Clip[],
  o: BestOptions,
): Promise<DeployChoice> {
  // the model is made in a new sibling folder and takes o.out's place when done: o.out must be
  // new, empty or an earlier serlab model (refused before any training otherwise)
  const family = o.family ?? "auto";
  return await replaceFolder(
    o.out,
    MODEL_FOLDER,
    (tmp) =>
      family === "auto"
        ? _trainBest(allClips, { ...o, out: tmp })
        : _trainAsked(family, allClips, { ...o, out: tmp }),
  );
}

/** The family `--family` named, trained and saved whatever the others would score. */
async function _trainAsked(
  family: DeployFamily,
  allClips: Clip[],
  o: BestOptions,
): Promise<DeployChoice> {
  const chosenBy = "asked";
  if (family === "fusionnet") {
    const card = await trainAndSave(allClips, o);
    const validation = {
      fusionnet: card.validation.fusion ?? null,
      functionals: null,
      recipe: null,
    };
    return { card, family, validation, chosenBy };
  }
  const few = "too few actors to hold any out for validation (at least 3 are needed)";
  if (family === "functionals") {
    const card = await trainFunctionalsForDeploy(allClips, o, DEPLOY_GRID);
    if (!card) throw new Error(`the functional-set model: ${few}`);
    await saveFunctionals(card, o.out);
    const validation = {
      fusionnet: null,
      functionals: card.validation.accuracy,
      recipe: card.recipe,
    };
    return { card, family, validation, chosenBy };
  }
  const card = await trainSequenceForDeploy(allClips, {
    ...o,
    epochs: o.quick ? QUICK_FUNCTIONALS.sequence.epochs : SEQUENCE_CANDIDATE.epochs,
    onEpoch: (stage, line) => console.error(`${stage} ${line}`),
  });
  if (!card) throw new Error(`the sequence model: ${few}`);
  await saveSequence(card, o.out);
  return {
    card,
    family,
    validation: { fusionnet: null, functionals: null, recipe: card.recipe },
    chosenBy,
  };
}

async function _trainBest(allClips: Clip[], o: DeployOptions): Promise<DeployChoice> {
  // the functional-set model first: chosen by leave-one-corpus-out when its card says so (the
  // corpora, the label set and failed clips decide whether it could be), and then kept as it is
  const functional = await trainFunctionalsForDeploy(allClips, o, DEPLOY_GRID);
  if (functional?.validation.chosenBy === "leave-one-corpus-out") {
    await saveFunctionals(functional, o.out);
    return {
      card: functional,
      family: "functionals",
      validation: {
        fusionnet: null,
        functionals: functional.validation.accuracy,
        recipe: functional.recipe,
      },
      chosenBy: "leave-one-corpus-out",
    };
  }
  const fusion = await trainAndSave(allClips, o);
  const fusionnet = fusion.validation.fusion ?? null;
  const chosenBy = "validation actors";
  if (!functional) {
    return {
      card: fusion,
      family: "fusionnet",
      validation: { fusionnet, functionals: null, recipe: null },
      chosenBy,
    };
  }
  const card = { ...functional, validation: { ...functional.validation, fusionnet } };
  const validation = { fusionnet, functionals: card.validation.accuracy, recipe: card.recipe };
  if (fusionnet !== null && card.validation.accuracy <= fusionnet) {
    return { card: fusion, family: "fusionnet", validation, chosenBy };
  }
  // FusionNet's files give way (o.out is the new folder serlab made): one model, the card's
  await Deno.remove(o.out, { recursive: true });
  await saveFunctionals(card, o.out);
  return { card, family: "functionals", validation, chosenBy };
}

/**
 * The saved model in one line: its family and labels, and how it was chosen — with the expected
 * figures on an unseen corpus when it was chosen by leave-one-corpus-out, else both families'
 * accuracy on the validation actors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeChoice } from "./deploy_best.ts";
 * const card = { labels: ["angry", "sad"] } as never;
 * assertEquals(
 *   describeChoice({ card, family: "fusionnet", chosenBy: "validation actors", validation: { fusionnet: 0.5, functionals: 0.4, recipe: "logistic large c=1" } }),
 *   "fusionnet (angry, sad); validation accuracy: FusionNet 0.500, functional sets 0.400 (logistic large c=1)",
 * );
 * ```
 */
export function describeChoice(choice: DeployChoice): string {
  const f = (v: number | null | undefined) => v?.toFixed(3) ?? "n/a";
  const v = choice.validation;
  const head = `${choice.family} (${choice.card.labels.join(", ")})${
    choice.chosenBy === "asked" ? ", as asked" : ""
  }`;
  if (choice.family === "sequence") {
    const s = (choice.card as SequenceCard).validation;
    return `${head}, ${v.recipe}; on ${s.actors} validation actors: UAR ${
      f(s.inductive.uar)
    }, accuracy ${f(s.inductive.accuracy)} (UAR ${
      f(s.speaker.uar)
    } once a speaker is enrolled; they also stopped training, so optimistic)`;
  }
  const unseen = (choice.card as FunctionalsCard).unseenCorpus;
  if (choice.family === "functionals" && unseen) {
    return `${head}, ${v.recipe}, chosen by leave-one-corpus-out over ${
      unseen.corpora.join(", ")
    }; expected on an unseen corpus: UAR ${f(unseen.global.uar)}, accuracy ${
      f(unseen.global.accuracy)
    }, calibration error ${f(unseen.global.ece)} (UAR ${
      f(unseen.speaker.uar)
    } once a speaker is enrolled; the best of the grid on these splits, so optimistic)`;
  }
  return `${head}; validation accuracy: FusionNet ${f(v.fusionnet)}, functional sets ${
    f(v.functionals)
  }${v.recipe ? ` (${v.recipe})` : ""}`;
}
