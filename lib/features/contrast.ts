import { powerToDb } from "./mfcc.ts";

/**
 * Spectral contrast per octave band as `librosa.feature.spectral_contrast(S=|STFT|, sr)` with
 * its defaults (fmin 200 Hz, 6 bands, quantile 0.02): for each band (below 200 Hz, then octaves
 * up to the top one, which takes every bin above it) the mean of the largest and of the
 * smallest 2% of the band's magnitudes (at least one bin), and their difference in dB
 * (`power_to_db` of each, top_db 80 over all bands and frames). Returns `nBands + 1` rows over
 * frames.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { spectralContrast } from "./contrast.ts";
 * import { stft } from "./stft.ts";
 * const s = stft(new Float32Array(8192).map(() => Math.random() - 0.5), 2048, 512);
 * assertEquals(spectralContrast(s.magnitude, s.frames, 22050, 2048).length, 7);
 * ```
 */
export function spectralContrast(
  magnitude: Float64Array,
  frames: number,
  sr: number,
  nFft: number,
  fmin = 200,
  nBands = 6,
  quantile = 0.02,
): Float64Array[] {
  const bins = nFft / 2 + 1;
  const octa = [0, ...Array.from({ length: nBands + 1 }, (_, i) => fmin * 2 ** i)];
  if (octa.slice(0, -1).some((f) => f >= 0.5 * sr)) {
    throw new RangeError("spectral contrast: a band exceeds the Nyquist frequency");
  }
  const freq = (k: number) => k * ((sr / 2) / (bins - 1));
  const bands: { from: number; to: number; take: number }[] = [];
  for (let k = 0; k <= nBands; k++) {
    let first = -1, last = -1;
    for (let b = 0; b < bins; b++) {
      const f = freq(b);
      if (f >= octa[k] && f <= octa[k + 1]) {
        if (first < 0) first = b;
        last = b;
      }
    }
    let from = first, to = last + 1; // the band's bins, [from, to)
    if (k > 0) from--;
    if (k === nBands) to = bins;
    const count = to - from;
    if (k < nBands) to--; // librosa drops the band's last bin from the sub-band
    bands.push({ from, to, take: Math.max(_rint(quantile * count), 1) });
  }
  const peak = new Float64Array((nBands + 1) * frames);
  const valley = new Float64Array((nBands + 1) * frames);
  const most = Math.max(...bands.map((b) => b.take));
  const low = new Float64Array(most), high = new Float64Array(most);
  for (let t = 0; t < frames; t++) {
    const base = t * bins;
    bands.forEach(({ from, to, take }, k) => {
      // the `take` smallest and largest magnitudes (float32, as librosa's), kept sorted
      let nLow = 0, nHigh = 0;
      for (let b = from; b < to; b++) {
        const v = Math.fround(magnitude[base + b]);
        if (nLow < take || v < low[nLow - 1]) {
          let i = nLow < take ? nLow++ : nLow - 1;
          for (; i > 0 && low[i - 1] > v; i--) low[i] = low[i - 1];
          low[i] = v;
        }
        if (nHigh < take || v > high[0]) {
          let i: number;
          if (nHigh < take) {
            i = nHigh++;
            for (; i > 0 && high[i - 1] > v; i--) high[i] = high[i - 1];
          } else {
            i = 0;
            for (; i + 1 < take && high[i + 1] < v; i++) high[i] = high[i + 1];
          }
          high[i] = v;
        }
      }
      let lo = 0, hi = 0;
      for (let i = 0; i < take; i++) {
        lo += low[i];
        hi += high[i];
      }
      valley[k * frames + t] = lo / take;
      peak[k * frames + t] = hi / take;
    });
  }
  const p = powerToDb(peak), v = powerToDb(valley);
  return Array.from({ length: nBands + 1 }, (_, k) => {
    const row = new Float64Array(frames);
    for (let t = 0; t < frames; t++) row[t] = p[k * frames + t] - v[k * frames + t];
    return row;
  });
}

/** numpy's `rint`: halves to even. */
function _rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
