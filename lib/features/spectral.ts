/**
 * Spectral centroid and bandwidth (p = 2) per frame, from magnitudes, as
 * `librosa.feature.spectral_centroid` and `spectral_bandwidth`: each frame's magnitudes are
 * normalised to sum 1 (unless the sum is below float32's smallest normal number).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { spectralShape } from "./spectral.ts";
 * import { stft } from "./stft.ts";
 * const y = new Float32Array(8192).map((_, i) => Math.sin(2 * Math.PI * 1000 * i / 22050));
 * const s = stft(y, 2048, 512);
 * assertEquals(Math.round(spectralShape(s.magnitude, s.frames, 22050, 2048).centroid[8]), 1000);
 * ```
 */
export function spectralShape(
  magnitude: Float64Array,
  frames: number,
  sr: number,
  nFft: number,
): { centroid: Float64Array; bandwidth: Float64Array } {
  const bins = nFft / 2 + 1;
  const centroid = new Float64Array(frames);
  const bandwidth = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const s = t * bins;
    let sum = 0;
    for (let k = 0; k < bins; k++) sum += magnitude[s + k];
    const norm = sum >= 1.1754943508222875e-38 ? 1 / sum : 1;
    let c = 0;
    for (let k = 0; k < bins; k++) c += ((k * sr) / nFft) * magnitude[s + k] * norm;
    let b = 0;
    for (let k = 0; k < bins; k++) {
      const d = (k * sr) / nFft - c;
      b += magnitude[s + k] * norm * d * d;
    }
    centroid[t] = c;
    bandwidth[t] = Math.sqrt(b);
  }
  return { centroid, bandwidth };
}

/**
 * Spectral roll-off per frame as `librosa.feature.spectral_rolloff(S=|STFT|, sr,
 * roll_percent)`: the frequency of the first bin at which the cumulative magnitude (float32, as
 * librosa sums it) reaches `rollPercent` of the frame's total.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { spectralRolloff } from "./spectral.ts";
 * import { stft } from "./stft.ts";
 * const s = stft(new Float32Array(8192).map(() => Math.random() - 0.5), 2048, 512);
 * assert(spectralRolloff(s.magnitude, s.frames, 22050, 2048)[8] > 8000); // white noise
 * ```
 */
export function spectralRolloff(
  magnitude: Float64Array,
  frames: number,
  sr: number,
  nFft: number,
  rollPercent = 0.85,
): Float64Array {
  const bins = nFft / 2 + 1;
  const out = new Float64Array(frames);
  const cum = new Float64Array(bins);
  const step = (sr / 2) / (bins - 1);
  for (let t = 0; t < frames; t++) {
    let acc = 0;
    for (let k = 0; k < bins; k++) {
      cum[k] = acc = Math.fround(acc + Math.fround(magnitude[t * bins + k]));
    }
    const threshold = Math.fround(rollPercent * acc);
    let k = 0;
    while (k < bins - 1 && cum[k] < threshold) k++;
    out[t] = k * step;
  }
  return out;
}

/**
 * Spectral flatness per frame as `librosa.feature.spectral_flatness(y)`: the geometric over the
 * arithmetic mean of the power spectrum, each power floored at 1e-10.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { spectralFlatness } from "./spectral.ts";
 * assertAlmostEquals(spectralFlatness(new Float64Array(1025 * 2).fill(0.5), 2, 2048)[0], 1, 1e-9);
 * ```
 */
export function spectralFlatness(
  magnitude: Float64Array,
  frames: number,
  nFft: number,
): Float64Array {
  const bins = nFft / 2 + 1;
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let logSum = 0, sum = 0;
    for (let k = 0; k < bins; k++) {
      const m = magnitude[t * bins + k];
      const p = Math.max(1e-10, m * m);
      logSum += Math.log(p);
      sum += p;
    }
    out[t] = Math.exp(logSum / bins) / (sum / bins);
  }
  return out;
}
