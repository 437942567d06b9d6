/**
 * The sequence model `train --family sequence` saves: the frame-level network of
 * `lib/model/sequence` trained twice, on frames standardised by the training statistics (what a
 * new user's first recording gets) and on frames standardised by each speaker's own (after
 * enrolment or `predict --adapt`), each early-stopped and calibrated on held-out actors.
 *
 * @module
 */
import { labelMapOf, labelSetOf } from "../corpora/labels.ts";
import { type Clip, SUPERSET_EMOTIONS } from "../corpora/clip.ts";
import { featurizeFrames, SETS_VERSION } from "../dataset/featurize.ts";
import { FRAME_COUNT, FRAME_FEATURES, FRAME_NAMES } from "../features/frames.ts";
import { CUTS } from "../features/sets.ts";
import { fitTemperature } from "../model/calibration.ts";
import { type DeployOptions, deployValidationActors } from "../model/fusionnet/deploy.ts";
import { applyScaler, fitScaler, type Scaler } from "../model/scaler.ts";
import {
  type CalibratedNetwork,
  SEQUENCE_FORMAT,
  type SequenceCard,
} from "../model/sequence/card.ts";
import { trainSequenceModel } from "../model/sequence/mod.ts";
import { frameReader } from "./frame_reader.ts";
import { argmaxRows, computeMetrics } from "./metrics.ts";

/** What {@linkcode trainSequenceForDeploy} needs besides the clips. */
export type SequenceDeployOptions =
  & Pick<
    DeployOptions,
    "root" | "cacheDir" | "valShare" | "labelSet" | "seed" | "versions" | "manifestSha256"
  >
  & {
    /** Most epochs of each network (early stopping on the validation actors may end it sooner). */
    epochs: number;
    /** Called after each epoch of each network. */
    onEpoch?: (stage: string, line: string) => void;
  };

/**
 * Trains the sequence model for deployment on every usable clip with the Superset's six
 * emotions or `labelSet`'s classes: a share of the actors ({@linkcode deployValidationActors},
 * as FusionNet's) held out, the network trained on the others twice — on frames standardised by
 * the training frames' statistics (`inductive`, the card's `globalScaler`) and on each speaker's
 * frames standardised by all of that speaker's frames (`speaker`, as the experiments'
 * per-speaker protocol; a new speaker's enrolment gives the same statistics) — each stopped
 * early on the validation actors (best validation loss kept) and calibrated by a temperature
 * fitted on their probabilities (Guo et al., ICML 2017). One network (one seed) per
 * standardisation, where the experiments average three: the card, the page and the ONNX export
 * run one network. Returns the card, or null when there are too few actors to hold any out.
 *
 * @example
 * ```ts ignore
 * const card = await trainSequenceForDeploy(clips, { root, cacheDir, valShare: 0.15, epochs: 20, ... });
 * if (card) await saveSequence(card, "results/x/model");
 * ```
 */
export async function trainSequenceForDeploy(
  allClips: Clip[],
  o: SequenceDeployOptions,
): Promise<SequenceCard | null> {
  const set = o.labelSet ?? labelSetOf(SUPERSET_EMOTIONS);
  const usable = allClips.filter((c) => set.map[c.emotion] !== undefined);
  if (!deployValidationActors(usable, o.valShare).size) return null;
  const r = await featurizeFrames(
    usable.map((c) => ({ file: `${o.root}/${c.path}`, sha256: c.sha256, augmentation: null })),
    { cacheDir: o.cacheDir, label: "model frame descriptors" },
  );
  for (const s of r.skipped) console.error(`  skipped ${s.reason}`);
  const kept = usable.flatMap((c, i) => r.values[i] ? [{ clip: c, frames: r.values[i]! }] : []);
  const clips = kept.map((k) => k.clip), frames = kept.map((k) => k.frames);
  const labels = Int32Array.from(clips, (c) => set.labels.indexOf(set.map[c.emotion]!));
  const valActors = deployValidationActors(clips, o.valShare);
  const train = clips.flatMap((c, i) => valActors.has(c.actor) ? [] : [i]);
  const val = clips.flatMap((c, i) => valActors.has(c.actor) ? [i] : []);
  if (!train.length || !val.length) return null;
  const globalScaler = _frameScaler(train.map((i) => frames[i]));
  const global = (idx: number[]) => idx.map((i) => applyScaler(frames[i], globalScaler));
  const own = frameReader(frames, clips.map((c) => `${c.corpus}:${c.actor}`)).read;
  const fit = async (stage: string, read: (idx: number[]) => Float32Array[]) =>
    await _network(
      stage,
      read(train),
      _at(labels, train),
      read(val),
      _at(labels, val),
      set.labels.length,
      o,
    );
  const inductive = await fit("inductive", global);
  const speaker = await fit("speaker", own);
  return {
    format: SEQUENCE_FORMAT,
    family: "sequence",
    recipe: `sequence frames, at most ${o.epochs} epochs, 1 seed`,
    labels: [...set.labels],
    labelMap: labelMapOf(set, allClips),
    frames: { names: [...FRAME_NAMES], count: FRAME_COUNT, version: SETS_VERSION },
    load: { ...CUTS.paper },
    normalization: "speaker",
    globalScaler,
    speaker: speaker.part,
    inductive: inductive.part,
    validation: {
      chosenBy: "validation actors",
      actors: valActors.size,
      inductive: inductive.figures,
      speaker: speaker.figures,
    },
    trainedOn: {
      clips: clips.length,
      manifestSha256: o.manifestSha256,
      corpora: [...new Set(clips.map((c) => c.corpus))].sort(),
    },
    seed: o.seed,
    versions: o.versions,
  };
}

/** One network trained, early-stopped and calibrated, with its validation figures. */
async function _network(
  stage: string,
  x: Float32Array[],
  y: Int32Array,
  valX: Float32Array[],
  valY: Int32Array,
  classes: number,
  o: SequenceDeployOptions,
): Promise<{ part: CalibratedNetwork; figures: { accuracy: number; uar: number } }> {
  const model = await trainSequenceModel(x, y, {
    features: FRAME_FEATURES,
    classes,
    epochs: o.epochs,
    seed: o.seed,
    validation: { frames: valX, labels: valY },
    onEpoch: (log) =>
      o.onEpoch?.(
        `sequence (${stage})`,
        `epoch ${log.epoch}: loss ${log.loss.toFixed(3)}, validation ${
          log.valAccuracy?.toFixed(3)
        }`,
      ),
  });
  const p = model.predictProba(valX);
  const m = computeMetrics(valY, argmaxRows(p, classes), classes);
  return {
    part: {
      network: model.toJSON(),
      calibration: { temperature: fitTemperature(p, valY, classes), fittedOn: "validation actors" },
    },
    figures: { accuracy: m.accuracy, uar: m.uar },
  };
}

/** The scaler of every frame of `clips` (each frames × {@linkcode FRAME_FEATURES}). */
function _frameScaler(clips: Float32Array[]): Scaler {
  const all = new Float32Array(clips.reduce((n, x) => n + x.length, 0));
  let at = 0;
  for (const x of clips) all.set(x, at), at += x.length;
  return fitScaler(all, FRAME_FEATURES);
}

function _at(labels: Int32Array, idx: number[]): Int32Array {
  return Int32Array.from(idx, (i) => labels[i]);
}
