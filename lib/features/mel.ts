/**
 * librosa's Slaney-style mel filter bank (`librosa.filters.mel(htk=False, norm="slaney")`),
 * stored sparsely: each band's nonzero weights over a run of FFT bins.
 */
export interface MelFilterbank {
  /** Number of mel bands. */
  bands: number;
  /** FFT bins per frame. */
  bins: number;
  /** First FFT bin of band `m`. */
  start: Int32Array;
  /** Weights of band `m`, starting at bin `start[m]`. */
  weights: Float64Array[];
}

const _banks = new Map<string, MelFilterbank>();

/**
 * The mel filter bank for `sr` and `nFft` with `nMels` bands from 0 Hz to `sr / 2`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { melFilterbank } from "./mel.ts";
 * const fb = melFilterbank(22050, 2048, 128);
 * assertEquals([fb.bands, fb.bins], [128, 1025]);
 * ```
 */
export function melFilterbank(sr: number, nFft: number, nMels: number): MelFilterbank {
  const key = `${sr}:${nFft}:${nMels}`;
  const known = _banks.get(key);
  if (known) return known;
  const bins = nFft / 2 + 1;
  const fftFreqs = Float64Array.from({ length: bins }, (_, k) => (k * sr) / nFft);
  const minMel = hzToMel(0), maxMel = hzToMel(sr / 2);
  const melF = Float64Array.from(
    { length: nMels + 2 },
    (_, i) => melToHz(minMel + ((maxMel - minMel) * i) / (nMels + 1)),
  );
  const start = new Int32Array(nMels);
  const weights: Float64Array[] = [];
  for (let m = 0; m < nMels; m++) {
    const lo = melF[m + 1] - melF[m], hi = melF[m + 2] - melF[m + 1];
    const enorm = 2 / (melF[m + 2] - melF[m]);
    const row = new Float64Array(bins);
    let first = -1, last = -1;
    for (let k = 0; k < bins; k++) {
      const lower = (fftFreqs[k] - melF[m]) / lo;
      const upper = (melF[m + 2] - fftFreqs[k]) / hi;
      const w = Math.max(0, Math.min(lower, upper));
      // librosa stores the bank as float32
      row[k] = Math.fround(Math.fround(w) * enorm);
      if (row[k] > 0) {
        if (first < 0) first = k;
        last = k;
      }
    }
    start[m] = Math.max(first, 0);
    weights.push(first < 0 ? new Float64Array(0) : row.slice(first, last + 1));
  }
  const bank = { bands: nMels, bins, start, weights };
  _banks.set(key, bank);
  return bank;
}

/**
 * Band energies of each frame: `bank · power`, as `librosa.feature.melspectrogram` with
 * power 2. Returns `frames * bands`, frame-major.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { melFilterbank, melSpectrogram } from "./mel.ts";
 * import { stft } from "./stft.ts";
 * const s = stft(new Float32Array(4096).fill(0.1), 2048, 512);
 * const mel = melSpectrogram(s.power, s.frames, melFilterbank(22050, 2048, 128));
 * assertEquals(mel.length, 9 * 128);
 * ```
 */
export function melSpectrogram(
  power: Float64Array,
  frames: number,
  bank: MelFilterbank,
): Float64Array {
  const { bands, bins, start, weights } = bank;
  const out = new Float64Array(frames * bands);
  for (let t = 0; t < frames; t++) {
    const base = t * bins;
    for (let m = 0; m < bands; m++) {
      const w = weights[m];
      const s = base + start[m];
      let acc = 0;
      for (let k = 0; k < w.length; k++) acc += w[k] * power[s + k];
      out[t * bands + m] = acc;
    }
  }
  return out;
}

/** Hertz to mels on the Slaney scale (linear below 1 kHz, logarithmic above). */
export function hzToMel(hz: number): number {
  const fSp = 200 / 3;
  const minLogHz = 1000, minLogMel = minLogHz / fSp, logStep = Math.log(6.4) / 27;
  return hz >= minLogHz ? minLogMel + Math.log(hz / minLogHz) / logStep : hz / fSp;
}

/** Mels on the Slaney scale to hertz. */
export function melToHz(mel: number): number {
  const fSp = 200 / 3;
  const minLogHz = 1000, minLogMel = minLogHz / fSp, logStep = Math.log(6.4) / 27;
  return mel >= minLogMel ? minLogHz * Math.exp(logStep * (mel - minLogMel)) : fSp * mel;
}
