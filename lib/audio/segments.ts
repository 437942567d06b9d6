/** How speech is told from silence and cut into segments. */
export interface SegmentOptions {
  /** Frames quieter than this (dBFS, RMS of a 20 ms frame) are silence. */
  silenceDb: number;
  /** Seconds of silence a segment may contain before it ends (the hangover). */
  hangover: number;
  /** Shorter segments are dropped (seconds). */
  minSegment: number;
  /** Longer speech is cut into segments of at most this (seconds). */
  maxSegment: number;
}

/** serlab's segmentation: -50 dBFS, 0.3 s hangover, segments of 0.5 to 5 s. */
export const SEGMENT_DEFAULTS: Readonly<SegmentOptions> = Object.freeze({
  silenceDb: -50,
  hangover: 0.3,
  minSegment: 0.5,
  maxSegment: 5,
});

/** A stretch of speech: its place in the recording (seconds) and its samples. */
export interface Segment {
  start: number;
  end: number;
  samples: Float32Array;
  /** Seconds of its frames above the silence threshold. */
  speech: number;
}

const FRAME_SECONDS = 0.02;

/**
 * Energy-based voice activity with hangover, on a stream of samples: frames of 20 ms above
 * `silenceDb` are speech; a segment starts at the first speech frame, ends after `hangover`
 * seconds of silence (the trailing silence trimmed), is cut every `maxSegment` seconds, and is
 * dropped when shorter than `minSegment`. Holds at most one segment of audio, however long the
 * stream.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Segmenter } from "./segments.ts";
 * const sr = 1000, s = new Segmenter(sr);
 * const y = new Float32Array(3 * sr);
 * y.fill(0.5, 1000, 2000); // speech from 1 s to 2 s
 * assertEquals([...s.push(y), ...s.flush()].map((g) => [g.start, g.end]), [[1, 2]]);
 * ```
 */
export class Segmenter {
  readonly sampleRate: number;
  readonly options: SegmentOptions;
  readonly #frame: number;
  readonly #buffer: Float32Array;
  #frameFill = 0;
  readonly #frameBuf: Float32Array;
  #frames = 0; // frames seen
  #length = 0; // samples in the current segment
  #start = -1; // first frame of the current segment, -1 when none
  #silentRun = 0;
  #speechFrames = 0;

  constructor(sampleRate: number, options: Partial<SegmentOptions> = {}) {
    this.sampleRate = sampleRate;
    this.options = { ...SEGMENT_DEFAULTS, ...options };
    const o = this.options;
    if (!(o.maxSegment > o.minSegment && o.minSegment >= 0 && o.hangover >= 0)) {
      throw new RangeError("segments need 0 <= min < max and a hangover >= 0");
    }
    this.#frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRate));
    this.#frameBuf = new Float32Array(this.#frame);
    this.#buffer = new Float32Array(Math.ceil(o.maxSegment * sampleRate) + this.#frame);
  }

  /** Adds samples; returns the segments that ended, oldest first. */
  push(samples: Float32Array): Segment[] {
    const out: Segment[] = [];
    let i = 0;
    while (i < samples.length) {
      const n = Math.min(this.#frame - this.#frameFill, samples.length - i);
      this.#frameBuf.set(samples.subarray(i, i + n), this.#frameFill);
      this.#frameFill += n;
      i += n;
      if (this.#frameFill === this.#frame) {
        this.#onFrame(this.#frameBuf, out);
        this.#frameFill = 0;
      }
    }
    return out;
  }

  /** Ends the stream: the last segment, if any. */
  flush(): Segment[] {
    const out: Segment[] = [];
    if (this.#frameFill > 0) {
      this.#onFrame(this.#frameBuf.subarray(0, this.#frameFill), out);
      this.#frameFill = 0;
    }
    this.#end(out, this.#silentRun);
    return out;
  }

  #onFrame(frame: Float32Array, out: Segment[]): void {
    let s = 0;
    for (let j = 0; j < frame.length; j++) s += frame[j] * frame[j];
    const loud = 10 * Math.log10(s / frame.length) >= this.options.silenceDb;
    const frameIndex = this.#frames++;
    if (this.#start < 0) {
      if (!loud) return;
      this.#start = frameIndex;
      this.#length = 0;
      this.#silentRun = 0;
      this.#speechFrames = 0;
    }
    this.#buffer.set(frame, this.#length);
    this.#length += frame.length;
    if (loud) {
      this.#silentRun = 0;
      this.#speechFrames++;
    } else this.#silentRun++;
    if (this.#silentRun * this.#frame >= this.options.hangover * this.sampleRate && !loud) {
      this.#end(out, this.#silentRun);
    } else if (this.#length + this.#frame > this.#buffer.length - this.#frame) {
      this.#end(out, 0);
    }
  }

  /** Closes the current segment, its last `trailing` (silent) frames trimmed. */
  #end(out: Segment[], trailing: number): void {
    if (this.#start < 0) return;
    const length = Math.max(0, this.#length - trailing * this.#frame);
    const start = this.#start * this.#frame / this.sampleRate;
    if (length >= this.options.minSegment * this.sampleRate && this.#speechFrames > 0) {
      out.push({
        start,
        end: start + length / this.sampleRate,
        samples: this.#buffer.slice(0, length),
        speech: this.#speechFrames * this.#frame / this.sampleRate,
      });
    }
    this.#start = -1;
    this.#length = 0;
  }
}

/**
 * Seconds of speech in a signal: its 20 ms frames above `silenceDb` (silence does not count).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { speechSeconds } from "./segments.ts";
 * const y = new Float32Array(1000);
 * y.fill(0.5, 0, 500);
 * assertEquals(speechSeconds(y, 1000), 0.5);
 * ```
 */
export function speechSeconds(
  y: Float32Array,
  sampleRate: number,
  silenceDb = SEGMENT_DEFAULTS.silenceDb,
): number {
  const frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRate));
  let speech = 0;
  for (let at = 0; at + frame <= y.length; at += frame) {
    let s = 0;
    for (let j = at; j < at + frame; j++) s += y[j] * y[j];
    if (10 * Math.log10(s / frame) >= silenceDb) speech++;
  }
  return speech * frame / sampleRate;
}
