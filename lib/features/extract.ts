import { chroma, chromaFilterbank } from "./chroma.ts";
import { melFilterbank, melSpectrogram } from "./mel.ts";
import { mfcc } from "./mfcc.ts";
import { moments } from "./moments.ts";
import { rms } from "./rms.ts";
import { spectralShape } from "./spectral.ts";
import { stft } from "./stft.ts";
import { estimateTuning } from "./tuning.ts";
import { zeroCrossingRate } from "./zcr.ts";

/** Analysis parameters (librosa 0.10's defaults are SER-FusionNet's). */
export interface FeatureSettings {
  /** FFT size and frame length, samples. */
  nFft: number;
  /** Hop between frames, samples. */
  hop: number;
  /** Mel bands. */
  nMels: number;
  /** MFCCs kept for the acoustic features. */
  nMfcc: number;
  /** MFCCs averaged into the last statistical feature. */
  nMfccStat: number;
}

/** SER-FusionNet's settings: n_fft 2048, hop 512, 128 mel bands, 20 MFCCs, MFCC-13 mean. */
export const FUSIONNET_FEATURES: FeatureSettings = Object.freeze({
  nFft: 2048,
  hop: 512,
  nMels: 128,
  nMfcc: 20,
  nMfccStat: 13,
});

/** One clip's features: what the model reads. */
export interface FeatureSet {
  /** Frame means of ZCR (1), chroma (12), MFCC (20), RMS (1), mel power (128): 162 numbers. */
  acoustic: Float32Array;
  /**
   * Waveform mean, variance, skewness, kurtosis, then means of RMS, spectral centroid,
   * spectral bandwidth and MFCC 1-13: 8 numbers.
   */
  statistical: Float32Array;
}

/** Frame-level features of a clip, each matrix as rows of features over frames (librosa's shape). */
export interface FeatureFrames {
  sampleRate: number;
  hop: number;
  frames: number;
  /** Estimated tuning, fractions of a semitone. */
  tuning: number;
  zcr: Float64Array;
  /** 12 rows, C to B. */
  chroma: Float64Array[];
  /** `nMfcc` rows. */
  mfcc: Float64Array[];
  rms: Float64Array;
  /** `nMels` rows of mel power. */
  mel: Float64Array[];
  centroid: Float64Array;
  bandwidth: Float64Array;
}

/**
 * Frame-level features of a clip `y` at `sr` Hz, as librosa 0.10.1 computes them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featureFrames, FUSIONNET_FEATURES } from "./extract.ts";
 * const y = new Float32Array(55125).map(() => Math.random() - 0.5);
 * const f = featureFrames(y, 22050, FUSIONNET_FEATURES);
 * assertEquals([f.frames, f.chroma.length, f.mel.length], [108, 12, 128]);
 * ```
 */
export function featureFrames(
  y: Float32Array,
  sr: number,
  settings: FeatureSettings = FUSIONNET_FEATURES,
): FeatureFrames {
  const { nFft, hop, nMels, nMfcc } = settings;
  const spec = stft(y, nFft, hop);
  const frames = spec.frames;
  const tuning = estimateTuning(spec.magnitude, frames, sr, nFft);
  const melPower = melSpectrogram(spec.power, frames, melFilterbank(sr, nFft, nMels));
  const shape = spectralShape(spec.magnitude, frames, sr, nFft);
  return {
    sampleRate: sr,
    hop,
    frames,
    tuning,
    zcr: zeroCrossingRate(y, nFft, hop),
    chroma: _rows(chroma(spec.magnitude, frames, chromaFilterbank(sr, nFft, tuning)), frames, 12),
    mfcc: _rows(mfcc(melPower, frames, nMels, nMfcc), frames, nMfcc),
    rms: rms(y, nFft, hop),
    mel: _rows(melPower, frames, nMels),
    centroid: shape.centroid,
    bandwidth: shape.bandwidth,
  };
}

/**
 * The 162 acoustic and 8 statistical features of a clip `y` at `sr` Hz.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { extractFeatures } from "./extract.ts";
 * const y = new Float32Array(55125).map(() => Math.random() - 0.5);
 * const { acoustic, statistical } = extractFeatures(y, 22050);
 * assertEquals([acoustic.length, statistical.length], [162, 8]);
 * ```
 */
export function extractFeatures(
  y: Float32Array,
  sr: number,
  settings: FeatureSettings = FUSIONNET_FEATURES,
): FeatureSet {
  return summarizeFrames(featureFrames(y, sr, settings), y, settings);
}

/** Frame means and waveform moments: the {@linkcode FeatureSet} of frame-level features. */
export function summarizeFrames(
  f: FeatureFrames,
  y: Float32Array,
  settings: FeatureSettings = FUSIONNET_FEATURES,
): FeatureSet {
  const acoustic = new Float32Array(1 + f.chroma.length + f.mfcc.length + 1 + f.mel.length);
  let i = 0;
  acoustic[i++] = _mean(f.zcr);
  for (const row of f.chroma) acoustic[i++] = _mean(row);
  for (const row of f.mfcc) acoustic[i++] = _mean(row);
  acoustic[i++] = _mean(f.rms);
  for (const row of f.mel) acoustic[i++] = _mean(row);
  const m = moments(y);
  let mfccStat = 0;
  for (let k = 0; k < settings.nMfccStat; k++) mfccStat += _mean(f.mfcc[k]);
  const statistical = Float32Array.of(
    m.mean,
    m.variance,
    m.skewness,
    m.kurtosis,
    _mean(f.rms),
    _mean(f.centroid),
    _mean(f.bandwidth),
    mfccStat / settings.nMfccStat,
  );
  return { acoustic, statistical };
}

/** Names of the 162 acoustic features, in order. */
export const ACOUSTIC_NAMES: readonly string[] = Object.freeze([
  "zcr",
  ..."C C# D D# E F F# G G# A A# B".split(" ").map((n) => `chroma_${n}`),
  ...Array.from({ length: 20 }, (_, k) => `mfcc_${k + 1}`),
  "rms",
  ...Array.from({ length: 128 }, (_, k) => `mel_${k + 1}`),
]);

/** Names of the 8 statistical features, in order. */
export const STATISTICAL_NAMES: readonly string[] = Object.freeze([
  "mean",
  "variance",
  "skewness",
  "kurtosis",
  "rms_mean",
  "centroid_mean",
  "bandwidth_mean",
  "mfcc13_mean",
]);

/** Splits a frame-major `frames * n` matrix into `n` rows over frames. */
function _rows(m: Float64Array, frames: number, n: number): Float64Array[] {
  const rows = Array.from({ length: n }, () => new Float64Array(frames));
  for (let t = 0; t < frames; t++) for (let j = 0; j < n; j++) rows[j][t] = m[t * n + j];
  return rows;
}

function _mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}
