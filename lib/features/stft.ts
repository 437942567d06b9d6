import { FFT } from "./fft.ts";

/** A short-time Fourier transform's magnitudes and powers, frame by frame. */
export interface Spectrogram {
  /** Frequency bins per frame (`nFft / 2 + 1`). */
  bins: number;
  /** Number of frames. */
  frames: number;
  /** |X|, `frames * bins`, frame `t` at `t * bins`. */
  magnitude: Float64Array;
  /** |X|², same layout. */
  power: Float64Array;
}

const _ffts = new Map<
  number,
  { fft: FFT; out: number[]; frame: Float64Array; window: Float64Array }
>();

/**
 * The STFT as `librosa.stft(y, n_fft, hop_length)` computes it (librosa 0.10 defaults): frames
 * centred by padding `nFft / 2` zeros at each end, a periodic Hann window, `1 + floor(len/hop)`
 * frames.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stft } from "./stft.ts";
 * const s = stft(new Float32Array(22050), 2048, 512);
 * assertEquals([s.bins, s.frames], [1025, 44]);
 * ```
 */
export function stft(y: Float32Array, nFft: number, hop: number): Spectrogram {
  const { fft, out, frame, window } = _plan(nFft);
  const bins = nFft / 2 + 1;
  const frames = 1 + Math.floor(y.length / hop);
  const magnitude = new Float64Array(frames * bins);
  const power = new Float64Array(frames * bins);
  const half = nFft / 2;
  for (let t = 0; t < frames; t++) {
    const start = t * hop - half; // index into y of the frame's first sample
    for (let i = 0; i < nFft; i++) {
      const j = start + i;
      frame[i] = j >= 0 && j < y.length ? y[j] * window[i] : 0;
    }
    fft.realTransform(out, frame);
    const base = t * bins;
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k], im = out[2 * k + 1];
      const p = re * re + im * im;
      power[base + k] = p;
      magnitude[base + k] = Math.sqrt(p);
    }
  }
  return { bins, frames, magnitude, power };
}

function _plan(nFft: number) {
  let plan = _ffts.get(nFft);
  if (!plan) {
    const fft = new FFT(nFft);
    const window = new Float64Array(nFft);
    for (let i = 0; i < nFft; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft);
    plan = { fft, out: fft.createComplexArray(), frame: new Float64Array(nFft), window };
    _ffts.set(nFft, plan);
  }
  return plan;
}

/** A complex STFT: `frames * bins` real and imaginary parts, frame-major. */
export interface ComplexSpectrogram {
  nFft: number;
  hop: number;
  bins: number;
  frames: number;
  re: Float64Array;
  im: Float64Array;
}

/**
 * The complex STFT, framed and windowed as {@linkcode stft}.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { complexStft, istft } from "./stft.ts";
 * const y = new Float32Array(8192).map((_, i) => Math.sin(i / 10));
 * const back = istft(complexStft(y, 2048, 512), y.length);
 * assertAlmostEquals(back[4000], y[4000], 1e-6);
 * ```
 */
export function complexStft(y: Float32Array, nFft: number, hop: number): ComplexSpectrogram {
  const { fft, out, frame, window } = _plan(nFft);
  const bins = nFft / 2 + 1;
  const frames = 1 + Math.floor(y.length / hop);
  const re = new Float64Array(frames * bins), im = new Float64Array(frames * bins);
  const half = nFft / 2;
  for (let t = 0; t < frames; t++) {
    const start = t * hop - half;
    for (let i = 0; i < nFft; i++) {
      const j = start + i;
      frame[i] = j >= 0 && j < y.length ? y[j] * window[i] : 0;
    }
    fft.realTransform(out, frame);
    for (let k = 0; k < bins; k++) {
      re[t * bins + k] = out[2 * k];
      im[t * bins + k] = out[2 * k + 1];
    }
  }
  return { nFft, hop, bins, frames, re, im };
}

/**
 * The inverse STFT as `librosa.istft(D, hop_length, length=length)` (centred frames, Hann
 * window, overlap-add divided by the summed squared window).
 */
export function istft(spec: ComplexSpectrogram, length: number): Float32Array {
  const { nFft, hop, bins, frames, re, im } = spec;
  const { fft, window } = _plan(nFft);
  const full = new Float64Array(2 * nFft), time = new Float64Array(2 * nFft);
  const total = nFft + hop * (frames - 1);
  const acc = new Float64Array(total), norm = new Float64Array(total);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < bins; k++) {
      full[2 * k] = re[t * bins + k];
      full[2 * k + 1] = im[t * bins + k];
    }
    full[1] = 0;
    full[2 * (bins - 1) + 1] = 0;
    for (let k = bins; k < nFft; k++) {
      full[2 * k] = full[2 * (nFft - k)];
      full[2 * k + 1] = -full[2 * (nFft - k) + 1];
    }
    fft.inverseTransform(time, full);
    const at = t * hop;
    for (let i = 0; i < nFft; i++) {
      acc[at + i] += time[2 * i] * window[i];
      norm[at + i] += window[i] * window[i];
    }
  }
  const out = new Float32Array(length);
  const half = nFft / 2;
  for (let i = 0; i < length; i++) {
    const j = i + half;
    if (j >= total) break;
    out[i] = norm[j] > 1.1754943508222875e-38 ? acc[j] / norm[j] : acc[j];
  }
  return out;
}
