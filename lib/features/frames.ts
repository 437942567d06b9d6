/**
 * Frame-level descriptors for the sequence model: a fixed-length, frame-major matrix (T × F) of
 * low-level descriptors over the paper's 2.5 s cut, a clip shorter than the cut padded with
 * silence so that every clip has {@linkcode FRAME_COUNT} frames.
 *
 * @module
 */
import { CUTS } from "./sets.ts";
import { type LldName, lowLevelDescriptors } from "./lld.ts";

/**
 * The descriptors of every frame, in order: 20 MFCCs and their deltas, spectral contrast (7
 * bands), flatness, roll-off, centroid, bandwidth, onset strength, zero-crossing rate, RMS,
 * loudness, pYIN's voicing probability, F0 in semitones, HNR, jitter and shimmer (60 in all).
 */
export const FRAME_DESCRIPTORS: readonly LldName[] = Object.freeze([
  "mfcc",
  "mfcc_delta",
  "spectral_contrast",
  "spectral_flatness",
  "spectral_rolloff",
  "spectral_centroid",
  "spectral_bandwidth",
  "onset_strength",
  "zcr",
  "rms",
  "loudness",
  "pyin_voiced_prob",
  "f0_semitones",
  "hnr",
  "jitter",
  "shimmer",
]);

/** Values per frame: the rows of {@linkcode FRAME_DESCRIPTORS}. */
export const FRAME_FEATURES = 60;

/** Rows of the descriptors of {@linkcode FRAME_DESCRIPTORS} with more than one (the others have one). */
const _ROWS: Partial<Record<LldName, number>> = { mfcc: 20, mfcc_delta: 20, spectral_contrast: 7 };

/**
 * The names of a frame's values, in order: a descriptor of one row by its name, one of several
 * by its name and row (from 1), e.g. "mfcc_1", "spectral_contrast_7".
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FRAME_FEATURES, FRAME_NAMES } from "./frames.ts";
 * assertEquals(FRAME_NAMES.length, FRAME_FEATURES);
 * assertEquals([FRAME_NAMES[0], FRAME_NAMES[59]], ["mfcc_1", "shimmer"]);
 * ```
 */
export const FRAME_NAMES: readonly string[] = Object.freeze(
  FRAME_DESCRIPTORS.flatMap((name) =>
    _ROWS[name] ? Array.from({ length: _ROWS[name] }, (_, r) => `${name}_${r + 1}`) : [name]
  ),
);

/** Frames per clip: the paper's 2.5 s cut at 22,050 Hz, hop 512, centred. */
export const FRAME_COUNT = 108;

/**
 * The frame-level descriptors of a clip `y` (at the paper's 22,050 Hz), T × F frame-major: a
 * clip of the paper's 2.5 s cut or shorter (padded with silence to 2.5 s) has
 * {@linkcode FRAME_COUNT} frames, a longer one every frame of it (1 + ⌊samples / 512⌋, centred
 * frames: what a deployed sequence model reads from a long speech segment). A descriptor
 * undefined in some frames (the pitch-based ones in unvoiced frames) takes the mean of its
 * defined frames there, or 0 when it has none. Throws for a clip whose descriptors are not finite
 * otherwise.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FRAME_COUNT, FRAME_FEATURES, frameDescriptors } from "./frames.ts";
 * const y = new Float32Array(40000).map((_, i) => Math.sin(2 * Math.PI * 200 * i / 22050));
 * assertEquals(frameDescriptors(y).length, FRAME_COUNT * FRAME_FEATURES);
 * const long = new Float32Array(5 * 22050).map((_, i) => Math.sin(2 * Math.PI * 200 * i / 22050));
 * assertEquals(frameDescriptors(long).length, (1 + Math.floor(5 * 22050 / 512)) * FRAME_FEATURES);
 * ```
 */
export function frameDescriptors(y: Float32Array): Float32Array {
  const { sampleRate, duration } = CUTS.paper;
  const length = Math.max(Math.round(sampleRate * duration!), y.length);
  const padded = new Float32Array(length);
  padded.set(y);
  const d = lowLevelDescriptors(padded, sampleRate);
  const rows = FRAME_DESCRIPTORS.flatMap((name) => d.rows[name]);
  const frames = d.frames;
  const out = new Float32Array(frames * FRAME_FEATURES);
  rows.forEach((row, j) => {
    let sum = 0, n = 0;
    for (const v of row) if (Number.isFinite(v)) sum += v, n++;
    const fill = n ? sum / n : 0;
    for (let t = 0; t < frames; t++) {
      const v = row[t];
      out[t * FRAME_FEATURES + j] = Number.isFinite(v) ? v : fill;
    }
  });
  if (!out.every(Number.isFinite)) throw new RangeError("frame descriptors are not finite");
  return out;
}
