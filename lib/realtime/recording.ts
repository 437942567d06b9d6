import { decodeAudio, readMono } from "../audio/mod.ts";
import { cutClip } from "../audio/load.ts";
import { resample } from "../audio/resample.ts";
import type { SileroVad, SpeechRegion } from "../audio/vad.ts";
import { AudioError } from "../audio/error.ts";
import type { DeployableModel } from "../model/deployable.ts";
import { type Prediction, standardizationOf } from "./predict.ts";
import type { EmotionPredictor } from "./predictor.ts";

/**
 * Recordings up to this long (seconds) are one clip, read through the model's cut as in
 * training; longer ones are judged on their speech segments, each at most this long (the
 * corpora's clips last 1.5 to 5 s).
 */
export const LONG_RECORDING = 5;

/** Why a verdict names no emotion. */
export type NoEmotion = "no speech" | "uncertain";

/**
 * The verdict on a recording or on one speech segment: the same fields for every model family.
 * `emotion` is null, with `reason`, when the voice activity detector heard no speech (then
 * `probabilities` is null too) or when the most probable emotion is below `minConfidence`.
 */
export interface Verdict extends Omit<Prediction, "emotion" | "probabilities"> {
  emotion: string | null;
  reason: NoEmotion | null;
  probabilities: Record<string, number> | null;
  /** Speech segments heard: the whole-file verdict averages their probabilities. */
  segments: number;
  /** `--segments`: where the segment lies in the recording, seconds. */
  start?: number;
  end?: number;
}

/** How {@linkcode judgeRecording} judges. */
export interface JudgeOptions {
  /** One verdict per speech segment (with its start and end) instead of one for the file. */
  perSegment?: boolean;
  gender?: "male" | "female";
  /** Below this top probability the verdict is `"uncertain"` (0: never). */
  minConfidence?: number;
  withInputs?: boolean;
}

/**
 * Judges a recording (WAV or AIFF bytes) on all of its speech. Silero VAD finds the speech
 * (see `lib/audio/vad.ts`); none gives `{ emotion: null, reason: "no speech" }`. A recording up
 * to {@linkcode LONG_RECORDING} seconds is one clip through the model's cut, as the training
 * clips were read; a longer one is cut into its speech segments (each region of the detector,
 * split evenly into pieces of at most {@linkcode LONG_RECORDING} s), each predicted, and the
 * verdict averages their probabilities, saying how many it heard (`segments`). With
 * `perSegment`, every segment gets its own verdict (with `start` and `end`) instead.
 *
 * Throws {@linkcode AudioError} naming `file` for unusable audio (including samples far outside
 * [-1, 1]) and an error naming it when the model fails.
 *
 * @example
 * ```ts ignore
 * const vad = await SileroVad.load();
 * for await (const v of judgeRecording(predictor, vad, bytes, "talk.wav")) console.log(v);
 * ```
 */
export async function* judgeRecording(
  predictor: EmotionPredictor,
  vad: SileroVad,
  bytes: Uint8Array,
  file: string,
  o: JudgeOptions = {},
): AsyncGenerator<Verdict> {
  const model = predictor.model;
  const results: Prediction[] = [];
  let heard = 0;
  for await (const c of speechClips(model, vad, bytes, file, o.perSegment)) {
    heard++;
    let p: Prediction;
    try {
      p = await predictor.predictSignal(c.y, o.gender, o.withInputs);
    } catch (e) {
      if (e instanceof RangeError) throw new AudioError(file, "non-finite", e.message);
      throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
    }
    if (o.perSegment) yield { start: c.start, end: c.end, ..._verdict(p, 1, o.minConfidence) };
    else results.push(p);
  }
  // no speech: one verdict saying so, with --segments too (the file is never left out)
  if (!heard) yield _noSpeech(predictor);
  else if (!o.perSegment) {
    yield _verdict(_average(results, model.labels), results.length, o.minConfidence);
  }
}

/** A stretch of a recording's speech as a model reads it. */
export interface SpeechClip {
  /** The samples, mono at the model's rate (`load.sampleRate`). */
  y: Float32Array;
  /** Where it lies in the recording, seconds. */
  start: number;
  end: number;
  /** Seconds of speech the detector heard in it. */
  speech: number;
}

/**
 * A recording's speech as a model reads it, found by Silero VAD (see `lib/audio/vad.ts`):
 * nothing when the detector hears no speech; a recording up to {@linkcode LONG_RECORDING}
 * seconds as one clip through the model's cut (as the training clips were read), unless
 * `perSegment`; otherwise each speech region, split evenly into pieces of at most
 * {@linkcode LONG_RECORDING} s ({@linkcode speechPieces}), read one at a time. What
 * {@linkcode judgeRecording} predicts and what enrolment and domain adaptation add up.
 *
 * @example
 * ```ts ignore
 * for await (const c of speechClips(model, vad, bytes, "talk.wav")) console.log(c.start, c.speech);
 * ```
 */
export async function* speechClips(
  model: Pick<DeployableModel, "load">,
  vad: SileroVad,
  bytes: Uint8Array,
  file: string,
  perSegment = false,
): AsyncGenerator<SpeechClip> {
  const pcm = decodeAudio(bytes, file);
  const sr = pcm.sampleRate, duration = pcm.frames / sr;
  vad.reset();
  const regions: SpeechRegion[] = [];
  for (let at = 0; at < pcm.frames; at += 60 * sr) {
    regions.push(...await vad.push(readMono(pcm, at, 60 * sr), sr));
  }
  regions.push(...vad.finish());
  if (regions.length === 0) return;
  if (!perSegment && duration <= LONG_RECORDING) {
    // the model's cut of the recording, and the speech the detector heard inside it
    const from = model.load.offset,
      to = Math.min(duration, from + (model.load.duration ?? duration));
    const speech = regions.reduce(
      (a, r) => a + Math.max(0, Math.min(to, r.end) - Math.max(from, r.start)),
      0,
    );
    yield { y: cutClip(pcm, file, model.load), start: from, end: to, speech };
    return;
  }
  for (const s of speechPieces(regions, duration)) {
    const from = Math.floor(s.start * sr), to = Math.ceil(s.end * sr);
    const y = resample(readMono(pcm, from, to - from), sr, model.load.sampleRate);
    yield { y, start: s.start, end: s.end, speech: s.end - s.start };
  }
}

/**
 * The detector's regions cut into pieces of at most {@linkcode LONG_RECORDING} seconds (a longer
 * region split evenly), clipped to the recording's `duration`, times rounded to the millisecond.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { speechPieces } from "./recording.ts";
 * assertEquals(speechPieces([{ start: 1, end: 13 }], 20), [
 *   { start: 1, end: 5 },
 *   { start: 5, end: 9 },
 *   { start: 9, end: 13 },
 * ]);
 * ```
 */
export function speechPieces(regions: SpeechRegion[], duration: number): SpeechRegion[] {
  const out: SpeechRegion[] = [];
  for (const r of regions) {
    const start = Math.max(0, r.start), end = Math.min(duration, r.end);
    const n = Math.ceil((end - start) / LONG_RECORDING);
    for (let k = 0; k < n; k++) {
      out.push({
        start: _round(start + (end - start) * k / n),
        end: _round(start + (end - start) * (k + 1) / n),
      });
    }
  }
  return out;
}

/**
 * The mean of the segments' probabilities; gender: the segments' majority; no model inputs
 * (they differ between segments).
 */
function _average(ps: Prediction[], labels: readonly string[]): Prediction {
  if (ps.length === 1) return ps[0];
  const probabilities: Record<string, number> = {};
  for (const l of labels) {
    probabilities[l] = ps.reduce((a, p) => a + p.probabilities[l], 0) / ps.length;
  }
  let best = labels[0];
  for (const l of labels) if (probabilities[l] > probabilities[best]) best = l;
  const female = ps.filter((p) => p.gender === "female").length;
  const male = ps.filter((p) => p.gender === "male").length;
  const { inputs: _, ...first } = ps[0];
  return {
    ...first,
    emotion: best,
    probabilities,
    gender: first.gender === null ? null : female > male ? "female" : "male",
  };
}

function _verdict(p: Prediction, segments: number, minConfidence = 0): Verdict {
  const uncertain = p.probabilities[p.emotion] < minConfidence;
  return {
    emotion: uncertain ? null : p.emotion,
    reason: uncertain ? "uncertain" : null,
    probabilities: p.probabilities,
    standardization: p.standardization,
    gender: p.gender,
    genderSource: p.genderSource,
    segments,
    ...(p.inputs ? { inputs: p.inputs } : {}),
  };
}

function _noSpeech(predictor: EmotionPredictor): Verdict {
  return {
    emotion: null,
    reason: "no speech",
    probabilities: null,
    standardization: standardizationOf({
      speaker: predictor.speakerScaler(),
      domain: predictor.domainScaler(),
    }),
    gender: null,
    genderSource: null,
    segments: 0,
  };
}

function _round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
