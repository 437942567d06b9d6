/**
 * The model `train` and `reproduce` save for `predict` and `serve`. Trained on two or more
 * corpora: serlab's functional-set classifier chosen by leave-one-corpus-out, the only choice
 * here validated on recordings of a corpus the model never heard. Trained on one corpus:
 * SER-FusionNet, or the functional-set classifier when it is better on the same validation
 * actors.
 *
 * @module
 */
import type { Clip } from "../corpora/clip.ts";
import { MODEL_FOLDER } from "../model/folder.ts";
import { type FunctionalsCard, saveFunctionals } from "../model/functionals_deploy.ts";
import { type DeployOptions, trainAndSave } from "../model/fusionnet/deploy.ts";
import type { ModelCard } from "../model/fusionnet/save.ts";
import { replaceFolder } from "../util/owned.ts";
import type { Candidate } from "./best.ts";
import { trainFunctionalsForDeploy } from "./deploy_functionals.ts";
import { FUNCTIONAL_GRID } from "./recipes.ts";

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
  card: ModelCard | FunctionalsCard;
  family: "fusionnet" | "functionals";
  validation: { fusionnet: number | null; functionals: number | null; recipe: string | null };
  chosenBy: "leave-one-corpus-out" | "validation actors";
}

/**
 * Trains the model for deployment. On clips of two or more corpora: the functional-set
 * classifier chosen by leave-one-corpus-out ({@linkcode trainFunctionalsForDeploy}), whose card
 * states its expected figures on an unseen corpus; FusionNet, validated on held-out actors of the
 * same corpora only, is not trained (the cross-corpus study shows those figures say little about
 * a new corpus). On one corpus: SER-FusionNet ({@linkcode trainAndSave}) and the functional-set
 * classifier chosen on the same validation actors, the better kept. The card says what it is. `o.out` must be new, empty or
 * an earlier serlab model, which is then replaced atomically ({@linkcode replaceFolder});
 * anything else is refused with a `RefusedError` before training.
 *
 * @example
 * ```ts ignore
 * const choice = await trainBestAndSave(clips, { root, out: "results/x/model", ... });
 * console.log(choice.family, choice.validation);
 * ```
 */
export async function trainBestAndSave(
  allClips: Clip[],
  o: DeployOptions,
): Promise<DeployChoice> {
  // the model is made in a new sibling folder and takes o.out's place when done: o.out must be
  // new, empty or an earlier serlab model (refused before any training otherwise)
  return await replaceFolder(
    o.out,
    MODEL_FOLDER,
    (tmp) => _trainBest(allClips, { ...o, out: tmp }),
  );
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
  const head = `${choice.family} (${choice.card.labels.join(", ")})`;
  const unseen = (choice.card as FunctionalsCard).unseenCorpus;
  if (choice.chosenBy === "leave-one-corpus-out" && unseen) {
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
