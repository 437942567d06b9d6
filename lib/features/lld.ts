import { spectralContrast } from "./contrast.ts";
import { delta } from "./delta.ts";
import { melFilterbank, melSpectrogram } from "./mel.ts";
import { mfcc, powerToDb } from "./mfcc.ts";
import { onsetStrength } from "./onset.ts";
import { PITCH_SETTINGS, pyin, yin, yinFrames } from "./pitch.ts";
import { rms } from "./rms.ts";
import { spectralFlatness, spectralRolloff, spectralShape } from "./spectral.ts";
import { stft } from "./stft.ts";
import { harmonicsToNoise, jitter, loudness, shimmer } from "./voice.ts";
import { zeroCrossingRate } from "./zcr.ts";

/** FFT size, hop, pitch range: librosa's defaults, as `librosa-0.10.1-lld.json` used them. */
const N_FFT = 2048, HOP = 512;

/**
 * Names of the low-level descriptors, each a matrix of rows (bands or coefficients; one row for
 * a scalar descriptor) over frames. The first fourteen are librosa's, as in
 * `../shared/reference/librosa-0.10.1-lld.json`; the rest are serlab's (see `voice.ts`):
 * `zcr`, `rms`, `loudness`, `f0_semitones` (the refined pYIN F0 in semitones above 27.5 Hz,
 * voiced frames only), `hnr`, `jitter`, `shimmer`. NaN marks frames where a descriptor is
 * undefined (unvoiced frames of the pitch-based ones).
 */
export const LLD_NAMES = Object.freeze(
  [
    "yin",
    "pyin_f0",
    "pyin_voiced_flag",
    "pyin_voiced_prob",
    "spectral_contrast",
    "spectral_flatness",
    "spectral_rolloff",
    "onset_strength",
    "mfcc",
    "mfcc_delta",
    "mfcc_delta2",
    "logmel64",
    "spectral_centroid",
    "spectral_bandwidth",
    "zcr",
    "rms",
    "loudness",
    "f0_semitones",
    "hnr",
    "jitter",
    "shimmer",
  ] as const,
);

/** One low-level descriptor's name. */
export type LldName = typeof LLD_NAMES[number];

/** A clip's low-level descriptors. */
export interface LowLevelDescriptors {
  sampleRate: number;
  hop: number;
  frames: number;
  /** Each descriptor's rows over frames. */
  rows: Record<LldName, Float64Array[]>;
}

/**
 * The low-level descriptors of a clip `y` at `sr` Hz: pitch (yin, pyin with 65–1047 Hz, frames
 * of 2048), spectral contrast, flatness, roll-off, onset strength, 20 MFCCs with deltas, 64-band
 * log-mel, centroid and bandwidth as librosa 0.10.1 computes them at its defaults (n_fft 2048,
 * hop 512, centred), and serlab's voice-quality descriptors on the pYIN track. Throws for a clip
 * of fewer than 9 frames (the deltas' width), as librosa does.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { lowLevelDescriptors } from "./lld.ts";
 * const y = new Float32Array(55125).map((_, i) => Math.sin(2 * Math.PI * 200 * i / 22050));
 * const d = lowLevelDescriptors(y, 22050);
 * assertEquals([d.frames, d.rows.mfcc.length, Math.round(d.rows.pyin_f0[0][50])], [108, 20, 200]);
 * ```
 */
export function lowLevelDescriptors(y: Float32Array, sr: number): LowLevelDescriptors {
  const spec = stft(y, N_FFT, HOP);
  const frames = spec.frames;
  if (frames < 9) {
    throw new RangeError(`the clip has ${frames} frames; the descriptors' deltas need 9 frames`);
  }
  const mel128 = melSpectrogram(spec.power, frames, melFilterbank(sr, N_FFT, 128));
  const mel64 = melSpectrogram(spec.power, frames, melFilterbank(sr, N_FFT, 64));
  const cepstra = _rows(mfcc(mel128, frames, 128, 20), frames, 20);
  const shape = spectralShape(spec.magnitude, frames, sr, N_FFT);
  const yf = yinFrames(y, sr, { ...PITCH_SETTINGS, hop: HOP });
  const p = pyin(yf);
  const energy = rms(y, N_FFT, HOP);
  const periodicity = Float64Array.from(
    p.lag,
    (l, t) => l >= 0 ? yf.periodicity[t * yf.lags + l] : p.voicedFlag[t] ? _gridR(yf, p, t) : NaN,
  );
  const rows: Record<LldName, Float64Array[]> = {
    yin: [yin(yf)],
    pyin_f0: [p.f0],
    pyin_voiced_flag: [Float64Array.from(p.voicedFlag)],
    pyin_voiced_prob: [p.voicedProb],
    spectral_contrast: spectralContrast(spec.magnitude, frames, sr, N_FFT),
    spectral_flatness: [spectralFlatness(spec.magnitude, frames, N_FFT)],
    spectral_rolloff: [spectralRolloff(spec.magnitude, frames, sr, N_FFT)],
    onset_strength: [onsetStrength(mel128, frames, 128, N_FFT, HOP)],
    mfcc: cepstra,
    mfcc_delta: cepstra.map((c) => delta(c, 1)),
    mfcc_delta2: cepstra.map((c) => delta(c, 2)),
    logmel64: _rows(powerToDb(mel64), frames, 64),
    spectral_centroid: [shape.centroid],
    spectral_bandwidth: [shape.bandwidth],
    zcr: [zeroCrossingRate(y, N_FFT, HOP)],
    rms: [energy],
    loudness: [loudness(mel64, frames, 64)],
    f0_semitones: [p.f0Fine.map((f) => 12 * Math.log2(f / 27.5))],
    hnr: [harmonicsToNoise(periodicity)],
    jitter: [jitter(p.f0Fine)],
    shimmer: [shimmer(energy, p.voicedFlag)],
  };
  return { sampleRate: sr, hop: HOP, frames, rows };
}

/** The periodicity at the lag nearest the grid F0 of a voiced frame no trough pointed to. */
function _gridR(
  yf: ReturnType<typeof yinFrames>,
  p: ReturnType<typeof pyin>,
  t: number,
): number {
  const lag = Math.round(yf.sampleRate / p.f0[t]) - yf.minPeriod;
  return yf.periodicity[t * yf.lags + Math.min(Math.max(lag, 0), yf.lags - 1)];
}

/** Splits a frame-major `frames * n` matrix into `n` rows over frames. */
function _rows(m: Float64Array, frames: number, n: number): Float64Array[] {
  const rows = Array.from({ length: n }, () => new Float64Array(frames));
  for (let t = 0; t < frames; t++) for (let j = 0; j < n; j++) rows[j][t] = m[t * n + j];
  return rows;
}
