/**
 * The model card of a deployed sequence model (`serlab.json`): the frame descriptors it reads,
 * its two networks (one for frames standardised by the training statistics, used before a
 * speaker is enrolled, one for frames standardised by the speaker's or domain's own), their
 * calibration, how they were validated, and the card's field-by-field check.
 *
 * @module
 */
import type { LoadSettings } from "../../audio/load.ts";
import { FRAME_COUNT, FRAME_NAMES } from "../../features/frames.ts";
import { CUTS } from "../../features/sets.ts";
import { writeFileAtomic } from "../../util/atomic.ts";
import { cardFields } from "../_card_fields.ts";
import type { Scaler } from "../scaler.ts";
import { SequenceModel, type SequenceModelJSON } from "./model.ts";

/** The format tag of a sequence model's `serlab.json`. */
export const SEQUENCE_FORMAT = "serlab-sequence-card/1";

/** A network of the card with the temperature that calibrates its probabilities. */
export interface CalibratedNetwork {
  /** {@linkcode SequenceModel.toJSON}'s output. */
  network: SequenceModelJSON;
  /**
   * Temperature scaling (Guo et al., ICML 2017) fitted on the validation actors' probabilities:
   * predictions are softmax(log p / T).
   */
  calibration: { temperature: number; fittedOn: string };
}

/** The model card of a deployed sequence model. */
export interface SequenceCard {
  format: typeof SEQUENCE_FORMAT;
  family: "sequence";
  /** The recipe in words, e.g. "sequence frames, 20 epochs, 1 seed". */
  recipe: string;
  labels: string[];
  /** Corpus emotion → class (null: not used), as the other cards. */
  labelMap: Record<string, string | null>;
  /**
   * The frame descriptors the networks read: frames of these values, {@linkcode FRAME_COUNT}
   * of them for a clip of the paper's cut (more for a longer speech segment), computed as the
   * functional sets' version `version` (`SETS_VERSION` of `lib/dataset`) computes them.
   */
  frames: { names: string[]; count: number; version: number };
  /** The paper's 2.5 s cut at 22,050 Hz (`CUTS.paper`), which the descriptors assume. */
  load: LoadSettings;
  /** `speaker`: a speaker's enrolment statistics apply (to `network`). */
  normalization: "speaker";
  /** Per-descriptor standardisation of every frame before a speaker is enrolled. */
  globalScaler: Scaler;
  /** Trained on frames each standardised by their speaker's statistics: used once enrolled. */
  speaker: CalibratedNetwork;
  /** Trained on frames standardised by `globalScaler`: used before a speaker is enrolled. */
  inductive: CalibratedNetwork;
  /**
   * Accuracy and UAR of each network on the validation actors (which also stopped its training
   * early, so the figures lean optimistic).
   */
  validation: {
    chosenBy: "validation actors";
    actors: number;
    inductive: { accuracy: number; uar: number };
    speaker: { accuracy: number; uar: number };
  };
  trainedOn: { clips: number; manifestSha256: string; corpora: string[] };
  seed: number;
  versions: Record<string, string>;
}

/**
 * Checks a parsed sequence `serlab.json` before a model is built from it, field by field as the
 * other cards are checked: the format and family, labels and label map, the frames (this
 * serlab's {@linkcode FRAME_NAMES} and {@linkcode FRAME_COUNT}), the cut (the paper's), the
 * normalisation, the global scaler (one finite mean and positive scale per descriptor), each
 * network (its shape against the frames and labels, its parameters through
 * {@linkcode SequenceModel.fromJSON}) and temperature, and the validation, training, seed and
 * versions records. Throws an `Error` whose message is `file: field: problem`.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkSequenceCard } from "./card.ts";
 * assertThrows(
 *   () =>
 *     checkSequenceCard(
 *       { format: "serlab-sequence-card/1", family: "sequence", recipe: "", labels: ["a"] },
 *       "m/serlab.json",
 *     ),
 *   Error,
 *   "m/serlab.json: labels: must be two or more distinct names, holds 1",
 * );
 * ```
 */
export function checkSequenceCard(value: unknown, file: string): SequenceCard {
  const { fail, obj, ...check } = cardFields(file);
  const card = obj(value, "the card");
  const labels = check.identity(card, SEQUENCE_FORMAT, "sequence");
  const frames = obj(card.frames, "frames");
  if (JSON.stringify(frames.names) !== JSON.stringify(FRAME_NAMES)) {
    fail("frames.names", "not the frame descriptors this serlab computes (docs/models.md)");
  }
  if (frames.count !== FRAME_COUNT) {
    fail("frames.count", `${JSON.stringify(frames.count)}, expected ${FRAME_COUNT}`);
  }
  check.int(frames.version, "frames.version", 1);
  check.load(card.load, "load");
  const load = card.load as Record<string, unknown>;
  for (const [k, v] of Object.entries(CUTS.paper)) {
    if (load[k] !== v) {
      fail(`load.${k}`, `${JSON.stringify(load[k])}, expected ${v} (the paper's cut)`);
    }
  }
  check.is(card, "normalization", "speaker");
  check.scaler(card.globalScaler, "globalScaler", FRAME_NAMES.length);
  for (const field of ["inductive", "speaker"]) {
    const part = obj(card[field], field);
    const net = obj(part.network, `${field}.network`);
    const shape = obj(net.shape, `${field}.network.shape`);
    if (shape.features !== FRAME_NAMES.length) {
      fail(`${field}.network.shape.features`, `${shape.features}, expected ${FRAME_NAMES.length}`);
    }
    if (shape.classes !== labels.length) {
      fail(
        `${field}.network.shape.classes`,
        `${shape.classes}, but there are ${labels.length} labels`,
      );
    }
    try {
      SequenceModel.fromJSON(net as unknown as SequenceModelJSON);
    } catch (e) {
      fail(`${field}.network`, e instanceof Error ? e.message : String(e));
    }
    const t = obj(part.calibration, `${field}.calibration`).temperature;
    if (typeof t !== "number" || !(t > 0) || !isFinite(t)) {
      fail(`${field}.calibration.temperature`, `must be a positive finite number, got ${t}`);
    }
  }
  const validation = obj(card.validation, "validation");
  for (const k of ["inductive", "speaker"]) {
    const v = obj(validation[k], `validation.${k}`);
    for (const m of ["accuracy", "uar"]) {
      if (typeof v[m] !== "number") fail(`validation.${k}.${m}`, "must be a number");
    }
  }
  check.provenance(card);
  return card as unknown as SequenceCard;
}

/**
 * Writes a sequence model folder: its `serlab.json` (atomically).
 *
 * @example
 * ```ts ignore
 * await saveSequence(card, "results/run/model");
 * ```
 */
export async function saveSequence(card: SequenceCard, dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await writeFileAtomic(`${dir}/serlab.json`, JSON.stringify(card) + "\n");
}
