/**
 * The model `train` and `reproduce` save for `predict` and `serve`: SER-FusionNet, or serlab's
 * functional-set classifier when it is better on the same validation actors.
 *
 * @module
 */
import { SUPERSET_EMOTIONS } from "../corpora/clip.ts";
import { labelSetOf } from "../corpora/labels.ts";
import { SETS_VERSION } from "../dataset/featurize.ts";
import {
  type DeployOptions,
  deployValidationActors,
  trainAndSave,
} from "../model/fusionnet/deploy.ts";
import {
  FUNCTIONALS_FORMAT,
  FUNCTIONALS_LOAD,
  type FunctionalsCard,
  saveFunctionals,
} from "../model/functionals_deploy.ts";
import { MODEL_FOLDER } from "../model/folder.ts";
import type { ModelCard } from "../model/fusionnet/save.ts";
import { fitTemperature } from "../model/calibration.ts";
import { candidateFamily } from "../model/families.ts";
import { fitScaler } from "../model/scaler.ts";
import type { Clip } from "../corpora/clip.ts";
import {
  type Candidate,
  describeCandidate,
  fitCandidate,
  selectCandidate,
  standardise,
} from "./best.ts";
import { FUNCTIONAL_GRID } from "./recipes.ts";
import { functionalSetMatrices } from "./run_functionals.ts";
import { replaceFolder } from "../util/owned.ts";

/**
 * The candidates a deployed functional-set model is chosen from: every functional-set candidate
 * of {@linkcode FUNCTIONAL_GRID}, logistic regressions and SVMs (each family deploys, the browser
 * page included, through its entry in `lib/model/families.ts`).
 */
export const DEPLOY_GRID: readonly Extract<Candidate, { c: number }>[] = Object.freeze(
  FUNCTIONAL_GRID.filter((c): c is Extract<Candidate, { c: number }> => c.family !== "sequence"),
);

/** What {@linkcode trainBestAndSave} saved, and both families' validation accuracy. */
export interface DeployChoice {
  card: ModelCard | FunctionalsCard;
  family: "fusionnet" | "functionals";
  validation: { fusionnet: number | null; functionals: number | null; recipe: string | null };
}

/**
 * Trains SER-FusionNet for deployment ({@linkcode trainAndSave}) and a functional-set classifier
 * on the same clips ({@linkcode trainFunctionalsForDeploy}, chosen on the same validation
 * actors), and saves the functional-set classifier in FusionNet's place when its validation
 * accuracy is higher. Its card says what it is and both figures. `o.out` must be new, empty or
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
  const fusion = await trainAndSave(allClips, o);
  const fusionnet = fusion.validation.fusion ?? null;
  const functional = await trainFunctionalsForDeploy(allClips, o);
  if (!functional) {
    return {
      card: fusion,
      family: "fusionnet",
      validation: { fusionnet, functionals: null, recipe: null },
    };
  }
  const card = { ...functional, validation: { ...functional.validation, fusionnet } };
  const validation = { fusionnet, functionals: card.validation.accuracy, recipe: card.recipe };
  if (fusionnet !== null && card.validation.accuracy <= fusionnet) {
    return { card: fusion, family: "fusionnet", validation };
  }
  // FusionNet's files give way (o.out is the new folder serlab made): one model, the card's
  await Deno.remove(o.out, { recursive: true });
  await saveFunctionals(card, o.out);
  return { card, family: "functionals", validation };
}

/**
 * A functional-set classifier for deployment: the recipe chosen from {@linkcode DEPLOY_GRID} by
 * validation accuracy on the actors {@linkcode deployValidationActors} holds out (as FusionNet's
 * training does, each speaker standardised by their own recordings), then refitted on every
 * clip. Returns its card (`validation.fusionnet` null), or null when there are too few actors
 * to hold any out.
 *
 * @example
 * ```ts ignore
 * const card = await trainFunctionalsForDeploy(clips, { root, cacheDir, valShare: 0.15, ... });
 * if (card) await saveFunctionals(card, "results/x/model");
 * ```
 */
export async function trainFunctionalsForDeploy(
  allClips: Clip[],
  o: Pick<
    DeployOptions,
    "root" | "cacheDir" | "valShare" | "labelSet" | "seed" | "versions" | "manifestSha256"
  >,
): Promise<FunctionalsCard | null> {
  const set = o.labelSet ?? labelSetOf(SUPERSET_EMOTIONS);
  const clips = allClips.filter((c) => set.map[c.emotion] !== undefined);
  const labels = Int32Array.from(clips, (c) => set.labels.indexOf(set.map[c.emotion]!));
  const valActors = deployValidationActors(clips, o.valShare);
  if (valActors.size === 0) return null;
  const { sets, ok } = await functionalSetMatrices(
    clips,
    { root: o.root, cacheDir: o.cacheDir, log: (line) => console.error(line) },
    "model",
  );
  const rows = clips.map((_, i) => i).filter((i) => ok[i]);
  const train = rows.filter((i) => !valActors.has(clips[i].actor));
  const val = rows.filter((i) => valActors.has(clips[i].actor));
  const speakers = clips.map((c) => c.actor);
  const read = (s: string, idx: readonly number[], statsOf: readonly number[]) =>
    standardise(sets[s], idx, statsOf, speakers);
  const sel = await selectCandidate(read, labels, set.labels.length, train, val, DEPLOY_GRID);
  const c = sel.recipe[0] as typeof DEPLOY_GRID[number];
  const model = await fitCandidate(
    read(c.set, rows, rows),
    Int32Array.from(rows, (i) => labels[i]),
    set.labels.length,
    c,
  );
  // temperature scaling fitted on the validation actors' probabilities, folded into the
  // classifier by its family (softmax(log p / T)), so predict, the browser and ONNX apply it
  const temperature = fitTemperature(
    sel.validationProbabilities[0],
    Int32Array.from(val, (i) => labels[i]),
    set.labels.length,
  );
  const classifier = candidateFamily(c.family, c.c).family.calibrate(model.toJSON(), temperature);
  const m = sets[c.set];
  const raw = new Float32Array(rows.length * m.dims);
  rows.forEach((i, r) => raw.set(m.x.subarray(i * m.dims, (i + 1) * m.dims), r * m.dims));
  return {
    format: FUNCTIONALS_FORMAT,
    family: "functionals",
    recipe: describeCandidate(c),
    labels: [...set.labels],
    labelMap: Object.fromEntries(
      [...new Set(allClips.map((x) => x.emotion))].map((e) => [e, set.map[e] ?? null]),
    ),
    set: c.set as FunctionalsCard["set"],
    setsVersion: SETS_VERSION,
    load: FUNCTIONALS_LOAD,
    normalization: "speaker",
    globalScaler: fitScaler(raw, m.dims),
    classifier,
    calibration: { temperature, fittedOn: "validation actors" },
    validation: { accuracy: sel.validationAccuracy, uar: sel.validationUar, fusionnet: null },
    trainedOn: {
      clips: rows.length,
      manifestSha256: o.manifestSha256,
      corpora: [...new Set(clips.map((x) => x.corpus))],
    },
    seed: o.seed,
    versions: o.versions,
  };
}

/**
 * The saved family and both families' validation accuracy, in one line.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { describeChoice } from "./deploy_best.ts";
 * const card = { labels: ["angry", "sad"] } as never;
 * assertEquals(
 *   describeChoice({ card, family: "fusionnet", validation: { fusionnet: 0.5, functionals: 0.4, recipe: "logistic large c=1" } }),
 *   "fusionnet (angry, sad); validation accuracy: FusionNet 0.500, functional sets 0.400 (logistic large c=1)",
 * );
 * ```
 */
export function describeChoice(choice: DeployChoice): string {
  const f = (v: number | null) => v?.toFixed(3) ?? "n/a";
  const v = choice.validation;
  return `${choice.family} (${choice.card.labels.join(", ")}); validation accuracy: FusionNet ${
    f(v.fusionnet)
  }, functional sets ${f(v.functionals)}${v.recipe ? ` (${v.recipe})` : ""}`;
}
