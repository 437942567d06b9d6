import { AudioError } from "../audio/error.ts";
import { resample } from "../audio/resample.ts";
import { monoChunks, type StreamFormat } from "./pcm_stream.ts";
import type { Prediction } from "./predict.ts";
import type { EmotionPredictor } from "./predictor.ts";
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
}

/** One window's result. */
export type StreamResult =
  | ({ start: number; end: number; silent: false; levelDb: number } & Prediction)
  | { start: number; end: number; silent: true; levelDb: number };

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
  const target = predictor.card.load.sampleRate;
  let windows = 0, seconds = 0;
  for await (const { samples, sampleRate } of monoChunks(source, format, name)) {
    windower ??= new Windower(sampleRate, options.window, options.hop);
    seconds += samples.length / sampleRate;
    for (const w of windower.push(samples)) {
      windows++;
      const level = levelDb(w.samples);
      const base = { start: round(w.start), end: round(w.end), levelDb: round(level) };
      if (!(level >= options.silenceDb)) {
        yield { ...base, silent: true };
        continue;
      }
      const y = resample(w.samples, sampleRate, target);
      let p;
      try {
        p = await predictor.predictSignal(y, options.gender);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        throw new AudioError(name, "non-finite", `${base.start}-${base.end} s: ${e.message}`);
      }
      yield { ...base, silent: false, ...p };
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

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
