import { AudioError } from "../audio/error.ts";
import { resample } from "../audio/resample.ts";
import { monoChunks, type StreamFormat } from "./pcm_stream.ts";
import type { Prediction } from "./predict.ts";
import type { EmotionPredictor } from "./predictor.ts";
import { Segmenter, type SegmentOptions, speechSeconds } from "../audio/segments.ts";
import type { SileroVad } from "../audio/vad.ts";
import { levelDb, Windower } from "./windows.ts";

/** How a stream is analysed. */
export interface StreamOptions {
  /** Window length, seconds (2.5: the training clips'). */
  window: number;
  /** Seconds between windows. */
  hop: number;
  /** Windows quieter than this (dBFS, RMS) are reported as silence, not classified. */
  silenceDb: number;
  gender?: "male" | "female";
  /**
   * Enrol the speaker as the stream goes: each window's new speech is added to the speaker's
   * statistics, which replace the global scaler once they hold the predictor's minimum.
   */
  enrol?: boolean;
  /** Add the ONNX model's input tensors to each prediction. */
  withInputs?: boolean;
  /**
   * A voice activity detector: a window above `silenceDb` in which it hears no speech (noise,
   * music, a fan) is not classified either (`reason: "no speech"`).
   */
  vad?: SileroVad;
}

/** One window's result; `enrolledSeconds` is the speech enrolled so far (when enrolling). */
export type StreamResult =
  | (
    & { start: number; end: number; silent: false; levelDb: number; enrolledSeconds?: number }
    & Prediction
  )
  | {
    start: number;
    end: number;
    silent: true;
    /** Below `silenceDb`, or no speech heard by the detector. */
    reason: "silence" | "no speech";
    levelDb: number;
    enrolledSeconds?: number;
  };

/**
 * Predicts emotions over a live stream (raw PCM in `format`, or a WAV stream), one result per
 * window as soon as the window is complete; memory stays bounded on an endless stream.
 *
 * Throws {@linkcode AudioError} naming the stream, after the windows before the problem, when
 * {@linkcode monoChunks} does (empty, cut or non-finite input), when a window's features or
 * probabilities are not finite, and when the stream ends before one whole window.
 *
 * @example
 * ```ts ignore
 * for await (const r of predictStream(predictor, Deno.stdin.readable, { sampleRate: 16000, channels: 1, encoding: "s16le" },
 *   "stdin", { window: 2.5, hop: 0.5, silenceDb: -50 })) console.log(r);
 * ```
 */
export async function* predictStream(
  predictor: EmotionPredictor,
  source: AsyncIterable<Uint8Array>,
  format: StreamFormat | "wav",
  name: string,
  options: StreamOptions,
): AsyncGenerator<StreamResult> {
  let windower: Windower | null = null;
  const target = predictor.model.load.sampleRate;
  let windows = 0, seconds = 0;
  let first = true;
  for await (const { samples, sampleRate } of monoChunks(source, format, name)) {
    windower ??= new Windower(sampleRate, options.window, options.hop);
    seconds += samples.length / sampleRate;
    for (const w of windower.push(samples)) {
      windows++;
      const level = levelDb(w.samples);
      const base = { start: round(w.start), end: round(w.end), levelDb: round(level) };
      const fresh = first ? w.samples : w.samples.subarray(
        Math.max(0, w.samples.length - Math.round(options.hop * sampleRate)),
      );
      first = false;
      if (!(level >= options.silenceDb)) {
        yield { ...base, silent: true, reason: "silence", ...enrolled(predictor, options) };
        continue;
      }
      if (options.vad && (await options.vad.regions(w.samples, sampleRate)).length === 0) {
        yield { ...base, silent: true, reason: "no speech", ...enrolled(predictor, options) };
        continue;
      }
      const y = resample(w.samples, sampleRate, target);
      const speech = options.enrol ? speechSeconds(fresh, sampleRate, options.silenceDb) : 0;
      let p;
      try {
        p = await predictor.predictSignal(y, options.gender, options.withInputs, speech);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        throw new AudioError(name, "non-finite", `${base.start}-${base.end} s: ${e.message}`);
      }
      yield { ...base, silent: false, ...p, ...enrolled(predictor, options) };
    }
  }
  if (windows === 0) {
    throw new AudioError(
      name,
      "too-short",
      `the stream held ${
        seconds.toFixed(2)
      } s of audio, less than one ${options.window} s window: nothing to predict`,
    );
  }
}

/** One speech segment's result. */
export type SegmentResult = { start: number; end: number } & Prediction;

/**
 * Splits a recording into speech segments ({@linkcode Segmenter}) and predicts each, as the
 * samples arrive: memory holds one segment, however long the recording.
 *
 * @example
 * ```ts ignore
 * const file = await Deno.open("long.wav");
 * for await (const r of predictSegments(predictor, monoChunks(file.readable, "wav", "long.wav"), {})) {
 *   console.log(r.start, r.end, r.emotion);
 * }
 * ```
 */
export async function* predictSegments(
  predictor: EmotionPredictor,
  chunks: AsyncIterable<{ samples: Float32Array; sampleRate: number }>,
  options: Partial<SegmentOptions> & { gender?: "male" | "female"; withInputs?: boolean },
): AsyncGenerator<SegmentResult> {
  let segmenter: Segmenter | null = null;
  const target = predictor.model.load.sampleRate;
  const predict = async (s: { start: number; end: number; samples: Float32Array }) => ({
    start: round(s.start),
    end: round(s.end),
    ...(await predictor.predictSignal(
      resample(s.samples, segmenter!.sampleRate, target),
      options.gender,
      options.withInputs,
    )),
  });
  for await (const { samples, sampleRate } of chunks) {
    segmenter ??= new Segmenter(sampleRate, options);
    for (const s of segmenter.push(samples)) yield await predict(s);
  }
  for (const s of segmenter?.flush() ?? []) yield await predict(s);
}

function enrolled(p: EmotionPredictor, o: StreamOptions): { enrolledSeconds?: number } {
  return o.enrol ? { enrolledSeconds: round(p.enrolment?.seconds ?? 0) } : {};
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
