/**
 * Voice activity detection with Silero VAD (v5), the ONNX model that npm's
 * `@ricky0123/vad-web` ships (`dist/silero_vad_v5.onnx`), run by `onnxruntime-node`.
 *
 * The frame logic follows Silero's own reference code (github.com/snakers4/silero-vad,
 * `src/silero_vad/utils_vad.py`): `OnnxWrapper.__call__` feeds 16 kHz audio in frames of 512
 * samples, each preceded by the last 64 samples of the frame before (the context), with the
 * recurrent `state` ([2, 1, 128]) carried from frame to frame; the output is the probability that
 * the frame holds speech. `get_speech_timestamps` turns the probabilities into speech regions: a
 * region starts at a frame of probability ≥ `threshold` (0.5), ends once the probability has
 * stayed below `threshold - 0.15` for `min_silence_duration_ms` (100 ms: the hangover), is kept
 * when longer than `min_speech_duration_ms` (250 ms), and is padded by `speech_pad_ms` (30 ms) on
 * each side. Those defaults are used here.
 *
 * @module
 */
import { resample } from "./resample.ts";

/** The rate Silero VAD runs at. */
export const VAD_RATE = 16000;
const FRAME = 512;
const CONTEXT = 64;

/** Silero's `get_speech_timestamps` settings (its defaults). */
export interface VadOptions {
  /** A frame is speech from this probability on. */
  threshold: number;
  /** Silence (probability below `threshold - 0.15`) that ends a region, seconds. */
  minSilence: number;
  /** Shorter regions are dropped, seconds. */
  minSpeech: number;
  /** Padding added on each side of a region, seconds. */
  pad: number;
}

/** Silero's defaults: 0.5, 100 ms, 250 ms, 30 ms. */
export const VAD_DEFAULTS: Readonly<VadOptions> = Object.freeze({
  threshold: 0.5,
  minSilence: 0.1,
  minSpeech: 0.25,
  pad: 0.03,
});

/** A stretch of speech, in seconds from the start of the recording. */
export interface SpeechRegion {
  start: number;
  end: number;
}

/** The model file in the npm package (`node_modules`, which `deno install` fills). */
export function sileroModelPath(): string {
  return new URL("../../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx", import.meta.url)
    .pathname;
}

// deno-lint-ignore no-explicit-any
type Ort = any;

/**
 * Silero VAD over one recording or stream: push samples (any rate; resampled to 16 kHz per
 * chunk), then `finish` for the regions. Memory holds the regions, not the audio.
 *
 * @example
 * ```ts ignore
 * const vad = await SileroVad.load();
 * const regions = await vad.regions(samples, 48000); // [{ start: 0.42, end: 2.9 }, ...]
 * vad.dispose();
 * ```
 */
export class SileroVad {
  readonly options: VadOptions;
  readonly #ort: Ort;
  readonly #session: Ort;
  #state = new Float32Array(2 * 128);
  #context = new Float32Array(CONTEXT);
  #pending = new Float32Array(0);
  #frames = 0;
  #tracker: _Tracker;

  private constructor(ort: Ort, session: Ort, options: VadOptions) {
    this.#ort = ort;
    this.#session = session;
    this.options = options;
    this.#tracker = new _Tracker(options);
  }

  /** Loads the model (throws naming the file when the npm package is not installed). */
  static async load(options: Partial<VadOptions> = {}): Promise<SileroVad> {
    const file = sileroModelPath();
    try {
      await Deno.stat(file);
    } catch {
      throw new Error(
        `${file}: Silero VAD's model is missing; run \`deno install\` (npm @ricky0123/vad-web)`,
      );
    }
    const ort = await import("onnxruntime-node");
    const session = await ort.InferenceSession.create(file);
    return new SileroVad(ort, session, { ...VAD_DEFAULTS, ...options });
  }

  /** Starts a new recording: state, context and regions cleared. */
  reset(): void {
    this.#state = new Float32Array(2 * 128);
    this.#context = new Float32Array(CONTEXT);
    this.#pending = new Float32Array(0);
    this.#frames = 0;
    this.#tracker = new _Tracker(this.options);
  }

  /** Adds a chunk of mono samples at `sampleRate`; returns the regions that ended. */
  async push(samples: Float32Array, sampleRate: number): Promise<SpeechRegion[]> {
    const y = resample(samples, sampleRate, VAD_RATE);
    const all = new Float32Array(this.#pending.length + y.length);
    all.set(this.#pending);
    all.set(y, this.#pending.length);
    const out: SpeechRegion[] = [];
    let at = 0;
    for (; at + FRAME <= all.length; at += FRAME) {
      const p = await this.#frame(all.subarray(at, at + FRAME));
      const r = this.#tracker.frame(p, this.#frames++);
      if (r) out.push(r);
    }
    this.#pending = all.slice(at);
    return out;
  }

  /** Ends the recording: the last region, if speech runs to the end. */
  finish(): SpeechRegion[] {
    const end = this.#frames * FRAME + this.#pending.length;
    return this.#tracker.finish(end);
  }

  /** The speech regions of a whole signal (state reset before and after). */
  async regions(samples: Float32Array, sampleRate: number): Promise<SpeechRegion[]> {
    this.reset();
    const out = [...await this.push(samples, sampleRate), ...this.finish()];
    this.reset();
    return out;
  }

  /** Frees the session. */
  dispose(): void {
    this.#session.release?.();
  }

  async #frame(frame: Float32Array): Promise<number> {
    const ort = this.#ort;
    const input = new Float32Array(CONTEXT + FRAME);
    input.set(this.#context);
    input.set(frame, CONTEXT);
    const out = await this.#session.run({
      input: new ort.Tensor("float32", input, [1, CONTEXT + FRAME]),
      state: new ort.Tensor("float32", this.#state, [2, 1, 128]),
      sr: new ort.Tensor("int64", BigInt64Array.of(BigInt(VAD_RATE)), []),
    });
    this.#state = new Float32Array(out.stateN.data as Float32Array);
    this.#context = input.slice(FRAME);
    return (out.output.data as Float32Array)[0];
  }
}

/** `get_speech_timestamps`'s hysteresis over frame probabilities, as frames arrive. */
class _Tracker {
  readonly #o: VadOptions;
  #start = -1; // sample where the current region began, -1 when none
  #tempEnd = 0;
  #lastEnd = 0; // end of the last region emitted (samples), to bound the padding

  constructor(o: VadOptions) {
    this.#o = o;
  }

  frame(p: number, index: number): SpeechRegion | null {
    const o = this.#o, at = index * FRAME;
    const neg = Math.max(o.threshold - 0.15, 0.01);
    if (p >= o.threshold && this.#tempEnd) this.#tempEnd = 0;
    if (p >= o.threshold && this.#start < 0) {
      this.#start = at;
      return null;
    }
    if (p < neg && this.#start >= 0) {
      if (!this.#tempEnd) this.#tempEnd = at;
      if (at - this.#tempEnd < o.minSilence * VAD_RATE) return null;
      const r = this.#close(this.#tempEnd);
      this.#tempEnd = 0;
      return r;
    }
    return null;
  }

  finish(end: number): SpeechRegion[] {
    const r = this.#start >= 0 ? this.#close(end, end) : null;
    return r ? [r] : [];
  }

  #close(end: number, limit = Infinity): SpeechRegion | null {
    const o = this.#o, start = this.#start;
    this.#start = -1;
    if (end - start <= o.minSpeech * VAD_RATE) return null;
    const pad = o.pad * VAD_RATE;
    const s = Math.max(this.#lastEnd, start - pad), e = Math.min(limit, end + pad);
    this.#lastEnd = e;
    return { start: s / VAD_RATE, end: e / VAD_RATE };
  }
}
