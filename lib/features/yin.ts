/**
 * YIN as librosa 0.10.1 computes it (de Cheveigné & Kawahara, JASA 2002): the cumulative mean
 * normalised difference of every frame, with librosa's defaults (frame length 2048, window 1024,
 * hop 512, centred frames padded with zeros), the F0 `librosa.yin` picks from it, and the
 * refined period and periodicity behind voice quality. `pyin.ts` decodes pYIN from the same
 * frames.
 *
 * @module
 */
import { FFT } from "./fft.ts";
import { isTrough, TINY } from "./_pitch_util.ts";

/** The pitch search range and framing. */
export interface PitchSettings {
  /** Lowest F0, Hz. */
  fmin: number;
  /** Highest F0, Hz. */
  fmax: number;
  /** Frame length, samples; the autocorrelation window is half of it. */
  frameLength: number;
  /** Hop between frames, samples. */
  hop: number;
}

/** serlab's pitch settings: 65 Hz (C2) to 1047 Hz (C6), frames of 2048, hop 512. */
export const PITCH_SETTINGS: PitchSettings = Object.freeze({
  fmin: 65,
  fmax: 1047,
  frameLength: 2048,
  hop: 512,
});

/** The cumulative mean normalised difference function (CMNDF) of every frame. */
export interface YinFrames {
  sampleRate: number;
  settings: PitchSettings;
  frames: number;
  /** Smallest and largest lag searched, samples. */
  minPeriod: number;
  maxPeriod: number;
  /** Lags per frame: `maxPeriod - minPeriod + 1`. */
  lags: number;
  /** CMNDF, `frames * lags`, lag `minPeriod + i` of frame `t` at `t * lags + i`. */
  cmndf: Float64Array;
  /** Parabolic-interpolation shift of each lag (librosa's `_parabolic_interpolation`). */
  shifts: Float64Array;
  /**
   * Normalised periodicity `r(τ) = 1 - d(τ) / (e₀ + e_τ)` = `2·acf(τ) / (e₀ + e_τ)`, same layout:
   * the energy-normalised autocorrelation at each lag (1 for a perfectly periodic frame).
   */
  periodicity: Float64Array;
}

/**
 * The CMNDF of each frame of `y` exactly as librosa's `_cumulative_mean_normalized_difference`
 * computes it (float32 energies, autocorrelation by FFT, |values| below 1e-6 set to 0).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PITCH_SETTINGS, yinFrames } from "./pitch.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(2 * Math.PI * 220 * i / 22050));
 * const f = yinFrames(y, 22050, PITCH_SETTINGS);
 * assertEquals([f.frames, f.lags], [44, 320]);
 * ```
 */
export function yinFrames(y: Float32Array, sr: number, settings: PitchSettings): YinFrames {
  const { fmin, fmax, frameLength: n, hop } = settings;
  const w = Math.floor(n / 2);
  if (fmax > sr / 2) throw new RangeError(`fmax=${fmax} exceeds the Nyquist frequency ${sr / 2}`);
  if (!(fmin > 0 && fmin < fmax)) throw new RangeError(`need 0 < fmin < fmax: ${fmin}, ${fmax}`);
  const minPeriod = Math.floor(sr / fmax);
  const maxPeriod = Math.min(Math.ceil(sr / fmin), n - w - 1);
  if (n - w - 1 <= Math.floor(sr / fmax)) throw new RangeError(`fmax=${fmax} too small for frames`);
  const lags = maxPeriod - minPeriod + 1;
  const frames = 1 + Math.floor(y.length / hop);
  const cmndf = new Float64Array(frames * lags);
  const shifts = new Float64Array(frames * lags);
  const periodicity = new Float64Array(frames * lags);
  const fft = _fft(n);
  const z = new Float64Array(2 * n), spec = new Float64Array(2 * n), acf = new Float64Array(2 * n);
  const x = new Float64Array(n);
  const energy = new Float64Array(maxPeriod + 1), diff = new Float64Array(maxPeriod + 1);
  const half = Math.floor(n / 2);
  const csLen = w + maxPeriod + 1;
  const cs = new Float64Array(csLen);
  for (let t = 0; t < frames; t++) {
    const start = t * hop - half;
    for (let i = 0; i < n; i++) {
      const j = start + i;
      x[i] = j >= 0 && j < y.length ? y[j] : 0;
    }
    // one complex FFT carries u = x and v = x[1..w]: c[τ] = Σ_{i=1..w} x[i]·x[i+τ]
    for (let i = 0; i < n; i++) {
      z[2 * i] = x[i];
      z[2 * i + 1] = i >= 1 && i <= w ? x[i] : 0;
    }
    fft.transform(spec, z);
    for (let k = 0; k < n; k++) {
      const m = k === 0 ? 0 : n - k;
      const a = spec[2 * k], b = spec[2 * k + 1], c = spec[2 * m], d = spec[2 * m + 1];
      const ur = (a + c) / 2, ui = (b - d) / 2; // U_k
      const vr = (b + d) / 2, vi = (c - a) / 2; // V_k
      z[2 * k] = vr * ur + vi * ui; // conj(V)·U
      z[2 * k + 1] = vr * ui - vi * ur;
    }
    fft.inverseTransform(acf, z);
    // float32 running energies, as numpy's cumsum of float32 squares
    let acc = 0;
    for (let i = 0; i < csLen; i++) {
      acc = Math.fround(acc + Math.fround(x[i] * x[i]));
      cs[i] = acc;
    }
    for (let tau = 0; tau <= maxPeriod; tau++) {
      let e = Math.fround(cs[w + tau] - cs[tau]);
      if (Math.abs(e) < 1e-6) e = 0;
      energy[tau] = e;
    }
    for (let tau = 0; tau <= maxPeriod; tau++) {
      let r = acf[2 * tau];
      if (Math.abs(r) < 1e-6) r = 0;
      diff[tau] = Math.fround(energy[0] + energy[tau]) - 2 * r;
    }
    const base = t * lags;
    let cum = 0;
    for (let tau = 1; tau <= maxPeriod; tau++) {
      cum += diff[tau];
      if (tau >= minPeriod) {
        cmndf[base + tau - minPeriod] = diff[tau] / (cum / tau + TINY);
        const e = Math.fround(energy[0] + energy[tau]);
        periodicity[base + tau - minPeriod] = e > 0 ? 1 - diff[tau] / e : 0;
      }
    }
    for (let i = 1; i < lags - 1; i++) {
      const p = cmndf[base + i - 1], c = cmndf[base + i], q = cmndf[base + i + 1];
      const a = q + p - 2 * c, b = (q - p) / 2;
      shifts[base + i] = Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
    }
  }
  return {
    sampleRate: sr,
    settings,
    frames,
    minPeriod,
    maxPeriod,
    lags,
    cmndf,
    shifts,
    periodicity,
  };
}

/**
 * F0 per frame as `librosa.yin(y, fmin, fmax, sr, frame_length)`: the first CMNDF trough below
 * `threshold` (else the global minimum), refined by parabolic interpolation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PITCH_SETTINGS, yin, yinFrames } from "./pitch.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(2 * Math.PI * 220 * i / 22050));
 * assertEquals(Math.round(yin(yinFrames(y, 22050, PITCH_SETTINGS))[20]), 220);
 * ```
 */
export function yin(f: YinFrames, threshold = 0.1): Float64Array {
  const { frames, lags, cmndf, shifts, minPeriod, sampleRate } = f;
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const base = t * lags;
    let pick = -1, min = 0;
    for (let i = 0; i < lags; i++) {
      const v = cmndf[base + i];
      if (i === 0 || v < cmndf[base + min]) min = i;
      if (pick < 0 && v < threshold && isTrough(cmndf, base, i, lags)) pick = i;
    }
    if (pick < 0) pick = min;
    out[t] = sampleRate / (minPeriod + pick + shifts[base + pick]);
  }
  return out;
}

const _ffts = new Map<number, FFT>();
function _fft(n: number): FFT {
  let f = _ffts.get(n);
  if (!f) _ffts.set(n, f = new FFT(n));
  return f;
}
