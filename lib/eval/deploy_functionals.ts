/**
 * The functional-set classifier `train` and `reproduce` save: its recipe chosen for recordings it
 * never heard (leave-one-corpus-out over the training corpora, when there are two or more), its
 * probabilities calibrated on held-out data, and two classifiers of that recipe in one card: one
 * for rows standardised by the training set's statistics (what a new user's first recording
 * gets) and one for rows standardised by the speaker's or the target domain's own statistics
 * (after enrolment or `predict --adapt`).
 *
 * @module
 */
import { labelMapOf, labelSetOf } from "../corpora/labels.ts";
import { type Clip, SUPERSET_EMOTIONS } from "../corpora/clip.ts";
import { SETS_VERSION } from "../dataset/featurize.ts";
import { applyTemperature } from "../model/calibration.ts";
import type { Matrix } from "../model/classifier.ts";
import {
  FUNCTIONALS_FORMAT,
  FUNCTIONALS_LOAD,
  type FunctionalsCard,
  type UnseenCorpusEstimate,
} from "../model/functionals_deploy.ts";
import { type DeployOptions, deployValidationActors } from "../model/fusionnet/deploy.ts";
import { candidateFamily } from "../model/families.ts";
import { fitScaler } from "../model/scaler.ts";
import {
  type Candidate,
  describeCandidate,
  fitCandidate,
  type RowReader,
  selectAcross,
  type Split,
  validationTemperature,
} from "./best.ts";
import { standardise } from "./standardise.ts";
import { expectedCalibrationError } from "./calibration.ts";
import { CROSS_CORPUS_GRID } from "./recipes.ts";
import { functionalsData } from "./functionals_data.ts";

/** A corpus is held out in turn only with this many usable clips (fewer: it only trains). */
export const MIN_HELD_OUT_CLIPS = 20;

/**
 * Trains the functional-set classifier for deployment. With two or more corpora of at least
 * {@linkcode MIN_HELD_OUT_CLIPS} usable clips (smaller ones only ever train) the recipe is chosen from {@linkcode CROSS_CORPUS_GRID} (the `robust` variant's grid of
 * `best-cross-corpus`) by leave-one-corpus-out — each corpus the validation rows in turn, fitted
 * on the others, every row standardised by the training rows' statistics as `predict` does
 * before enrolment — and the card states the chosen recipe's mean UAR, accuracy and calibration
 * error over those splits as its expected figures on an unseen corpus (`unseenCorpus`), before
 * and after enrolment. With one corpus it is chosen from `grid` on validation actors
 * ({@linkcode deployValidationActors}, each speaker standardised by their own recordings, as
 * FusionNet's training does) and `unseenCorpus` is null: nothing measured it on another corpus.
 *
 * The recipe is refitted on every clip twice, on rows standardised by the training statistics
 * (`inductive.classifier`, used until a speaker is enrolled) and on per-speaker standardised rows
 * (`classifier`, used with enrolment or domain statistics), each calibrated by temperature
 * scaling (Guo et al., ICML 2017) fitted on its own validation probabilities and folded into its
 * weights. Returns the card (`validation.fusionnet` null), or null when one corpus has too few
 * actors to hold any out (or no usable clips among them).
 *
 * @example
 * ```ts ignore
 * const card = await trainFunctionalsForDeploy(clips, { root, cacheDir, valShare: 0.15, ... }, DEPLOY_GRID);
 * if (card) await saveFunctionals(card, "results/x/model");
 * ```
 */
export async function trainFunctionalsForDeploy(
  allClips: Clip[],
  o: Pick<
    DeployOptions,
    "root" | "cacheDir" | "valShare" | "labelSet" | "seed" | "versions" | "manifestSha256"
  >,
  grid: readonly Candidate[],
): Promise<FunctionalsCard | null> {
  const set = o.labelSet ?? labelSetOf(SUPERSET_EMOTIONS);
  const clips = allClips.filter((c) => set.map[c.emotion] !== undefined);
  const labels = Int32Array.from(clips, (c) => set.labels.indexOf(set.map[c.emotion]!));
  const k = set.labels.length;
  const sets = await _sets(clips, o, [...CROSS_CORPUS_GRID, ...grid]);
  const rows = clips.map((_, i) => i).filter((i) => sets.ok[i]);
  // the corpora that can be held out: enough usable clips to score (smaller ones only train)
  const count = new Map<string, number>();
  for (const i of rows) count.set(clips[i].corpus, (count.get(clips[i].corpus) ?? 0) + 1);
  const corpora = [...count].filter(([, n]) => n >= MIN_HELD_OUT_CLIPS).map(([c]) => c).sort();
  const across = corpora.length >= 2;
  const candidates = across ? CROSS_CORPUS_GRID : grid;
  const valActors = across ? null : deployValidationActors(clips, o.valShare);
  const splits: Split[] = across
    ? corpora.map((c) => ({
      train: rows.filter((i) => clips[i].corpus !== c),
      val: rows.filter((i) => clips[i].corpus === c),
    }))
    : [{
      train: rows.filter((i) => !valActors!.has(clips[i].actor)),
      val: rows.filter((i) => valActors!.has(clips[i].actor)),
    }];
  if (splits.some((s) => !s.val.length || !s.train.length)) return null;
  const speakers = clips.map((c) => `${c.corpus}:${c.actor}`);
  const global: RowReader = (s, idx, statsOf) => standardise(sets.m[s], idx, statsOf, null);
  const own: RowReader = (s, idx, statsOf) => standardise(sets.m[s], idx, statsOf, speakers);
  // one recipe: the card holds one classifier of each standardisation, so no ensemble; chosen
  // with the standardisation it is judged by (global across corpora, per speaker on actors)
  const chooseGlobal = across;
  const sel = await selectAcross(chooseGlobal ? global : own, labels, k, splits, candidates, {
    ensemble: false,
  });
  const c = sel.recipe[0] as Extract<Candidate, { c: number }>;
  const fitted = async (isGlobal: boolean) => {
    const read = isGlobal ? global : own;
    const v = isGlobal === chooseGlobal ? sel : await selectAcross(read, labels, k, splits, [c]);
    const ps = v.validationProbabilities;
    const temperature = validationTemperature(ps, labels, splits, k);
    const fit = await fitCandidate(
      read(c.set, rows, rows),
      Int32Array.from(rows, (i) => labels[i]),
      k,
      c,
    );
    // folded into the classifier by its family (softmax(log p / T)): predict, ONNX need nothing
    const model = candidateFamily(c.family, c.c).family.calibrate(fit.toJSON(), temperature);
    (fit as { free?: () => void }).free?.();
    return {
      classifier: model,
      temperature,
      estimate: {
        uar: v.validationUar,
        accuracy: v.validationAccuracy,
        ece: _ece(ps, labels, splits, k),
      },
    };
  };
  const inductive = await fitted(true), perSpeaker = await fitted(false);
  const fittedOn = across ? "leave-one-corpus-out validation" : "validation actors";
  const unseenCorpus: UnseenCorpusEstimate | null = across
    ? {
      validation: "leave-one-corpus-out",
      corpora,
      global: inductive.estimate,
      speaker: perSpeaker.estimate,
    }
    : null;
  const m = sets.m[c.set], raw = new Float32Array(rows.length * m.dims);
  rows.forEach((i, r) => raw.set(m.x.subarray(i * m.dims, (i + 1) * m.dims), r * m.dims));
  return {
    format: FUNCTIONALS_FORMAT,
    family: "functionals",
    recipe: describeCandidate(c),
    labels: [...set.labels],
    labelMap: labelMapOf(set, allClips),
    set: c.set as FunctionalsCard["set"],
    setsVersion: SETS_VERSION,
    load: FUNCTIONALS_LOAD,
    normalization: "speaker",
    globalScaler: fitScaler(raw, m.dims),
    classifier: perSpeaker.classifier,
    calibration: { temperature: perSpeaker.temperature, fittedOn },
    inductive: {
      classifier: inductive.classifier,
      calibration: { temperature: inductive.temperature, fittedOn },
    },
    validation: {
      accuracy: sel.validationAccuracy,
      uar: sel.validationUar,
      fusionnet: null,
      chosenBy: across ? "leave-one-corpus-out" : "validation actors",
    },
    unseenCorpus,
    trainedOn: {
      clips: rows.length,
      manifestSha256: o.manifestSha256,
      corpora,
    },
    seed: o.seed,
    versions: o.versions,
  };
}

/**
 * The functional sets the candidates read, through the cache ({@linkcode functionalsData}, the
 * derived sets with them); a clip whose features failed is NaN, not 0, so that statistics skip
 * it (`standardise`).
 */
async function _sets(
  clips: Clip[],
  o: { root: string; cacheDir: string },
  candidates: readonly Candidate[],
): Promise<{ m: Record<string, Matrix>; ok: boolean[] }> {
  const where = { root: o.root, cacheDir: o.cacheDir, log: (line: string) => console.error(line) };
  const used = new Set(candidates.map((c) => c.set));
  const { sets, ok } = await functionalsData(clips, null, used, where, "model");
  for (const m of Object.values(sets)) {
    ok.forEach((good, i) => good || m.x.fill(NaN, i * m.dims, (i + 1) * m.dims));
  }
  return { m: sets, ok };
}

/**
 * The calibration error a split would see: each split's probabilities calibrated by the
 * temperature fitted on the other splits (never on its own rows), the mean ECE over splits;
 * null with one split (no held-out rows to fit on).
 */
function _ece(
  ps: readonly Float32Array[],
  labels: Int32Array,
  splits: readonly Split[],
  k: number,
): number | null {
  if (splits.length < 2) return null;
  let sum = 0;
  for (let s = 0; s < splits.length; s++) {
    const others = splits.flatMap((_, j) => j === s ? [] : [j]);
    const t = validationTemperature(
      others.map((j) => ps[j]),
      labels,
      others.map((j) => splits[j]),
      k,
    );
    const y = Int32Array.from(splits[s].val, (i) => labels[i]);
    sum += expectedCalibrationError(applyTemperature(ps[s], k, t), y, k).ece;
  }
  return sum / splits.length;
}
