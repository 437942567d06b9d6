/** A chroma filter bank: `chroma` rows of `bins` weights, row-major. */
export interface ChromaFilterbank {
  chroma: number;
  bins: number;
  weights: Float64Array;
}

const _banks = new Map<string, ChromaFilterbank>();

/**
 * librosa's chroma filter bank (`librosa.filters.chroma`, defaults: 12 classes starting at C,
 * Gaussian bumps two bins wide, weighted by a Gaussian of 2 octaves around octave 5, columns
 * L2-normalised), for a tuning in fractions of a semitone.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { chromaFilterbank } from "./chroma.ts";
 * const fb = chromaFilterbank(22050, 2048, 0);
 * assertEquals([fb.chroma, fb.bins], [12, 1025]);
 * ```
 */
export function chromaFilterbank(
  sr: number,
  nFft: number,
  tuning: number,
  nChroma = 12,
): ChromaFilterbank {
  const key = `${sr}:${nFft}:${tuning}:${nChroma}`;
  const known = _banks.get(key);
  if (known) return known;
  const frq = new Float64Array(nFft);
  const a440 = 440 * 2 ** (tuning / nChroma);
  for (let k = 1; k < nFft; k++) frq[k] = nChroma * Math.log2((k * sr) / nFft / (a440 / 16));
  frq[0] = frq[1] - 1.5 * nChroma;
  const width = new Float64Array(nFft);
  for (let k = 0; k < nFft - 1; k++) width[k] = Math.max(frq[k + 1] - frq[k], 1);
  width[nFft - 1] = 1;
  const half = Math.round(nChroma / 2);
  const wts = new Float64Array(nChroma * nFft);
  for (let c = 0; c < nChroma; c++) {
    for (let k = 0; k < nFft; k++) {
      const d = _mod(frq[k] - c + half + 10 * nChroma, nChroma) - half;
      wts[c * nFft + k] = Math.exp(-0.5 * ((2 * d) / width[k]) ** 2);
    }
  }
  for (let k = 0; k < nFft; k++) {
    let norm = 0;
    for (let c = 0; c < nChroma; c++) norm += wts[c * nFft + k] ** 2;
    norm = Math.sqrt(norm);
    const scale = norm >= _TINY64 ? 1 / norm : 1;
    const octave = Math.exp(-0.5 * ((frq[k] / nChroma - 5) / 2) ** 2);
    for (let c = 0; c < nChroma; c++) wts[c * nFft + k] *= scale * octave;
  }
  // roll so that row 0 is C (3 classes down from A), keep the non-negative frequencies
  const bins = nFft / 2 + 1;
  const shift = 3 * Math.floor(nChroma / 12);
  const weights = new Float64Array(nChroma * bins);
  for (let c = 0; c < nChroma; c++) {
    const from = (c + shift) % nChroma;
    for (let k = 0; k < bins; k++) weights[c * bins + k] = Math.fround(wts[from * nFft + k]);
  }
  const bank = { chroma: nChroma, bins, weights };
  _banks.set(key, bank);
  return bank;
}

/**
 * Chroma of each frame from magnitudes, each frame scaled to a maximum of 1 (frames whose
 * maximum is below float32's smallest normal number are left as they are), as
 * `librosa.feature.chroma_stft(S=magnitude, sr, tuning)`. Returns `frames * chroma`, frame-major.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { chroma, chromaFilterbank } from "./chroma.ts";
 * import { stft } from "./stft.ts";
 * const s = stft(new Float32Array(4096).fill(0.1), 2048, 512);
 * assertEquals(chroma(s.magnitude, s.frames, chromaFilterbank(22050, 2048, 0)).length, 9 * 12);
 * ```
 */
export function chroma(
  magnitude: Float64Array,
  frames: number,
  bank: ChromaFilterbank,
): Float64Array {
  const { chroma: nc, bins, weights } = bank;
  const out = new Float64Array(frames * nc);
  for (let t = 0; t < frames; t++) {
    const s = t * bins;
    let max = 0;
    for (let c = 0; c < nc; c++) {
      const w = c * bins;
      let acc = 0;
      for (let k = 0; k < bins; k++) acc += weights[w + k] * magnitude[s + k];
      out[t * nc + c] = acc;
      max = Math.max(max, Math.abs(acc));
    }
    if (max >= _TINY32) { for (let c = 0; c < nc; c++) out[t * nc + c] /= max; }
  }
  return out;
}

/** float32's smallest normal number: librosa's threshold for normalising a frame. */
const _TINY32 = 1.1754943508222875e-38;
const _TINY64 = 2.2250738585072014e-308;

function _mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
