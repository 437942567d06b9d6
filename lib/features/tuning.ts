/**
 * Tuning estimation as `librosa.estimate_tuning(S=magnitude, sr, n_fft)` does it: pitches
 * tracked by parabolic interpolation of spectral peaks (`piptrack`, 150-4000 Hz, peaks above 10%
 * of each frame's maximum), those at or above the median peak magnitude kept, and the most
 * common deviation from equal temperament in a 0.01-semitone histogram returned.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { estimateTuning } from "./tuning.ts";
 * import { stft } from "./stft.ts";
 * // 440 Hz * 2^(0.2/12): a fifth of a semitone sharp
 * const f = 440 * 2 ** (0.2 / 12);
 * const y = new Float32Array(22050).map((_, i) => Math.sin(2 * Math.PI * f * i / 22050));
 * const s = stft(y, 2048, 512);
 * assertAlmostEquals(estimateTuning(s.magnitude, s.frames, 22050, 2048), 0.2, 0.05); // 0.17
 * ```
 *
 * @module
 */

const FMIN = 150;
const FMAX = 4000;
const THRESHOLD = 0.1;
const RESOLUTION = 0.01;

/** The estimated tuning, in fractions of a semitone (-0.5 ..= 0.49), from magnitudes. */
export function estimateTuning(
  magnitude: Float64Array,
  frames: number,
  sr: number,
  nFft: number,
): number {
  const bins = nFft / 2 + 1;
  const pitches: number[] = [];
  const mags: number[] = [];
  const kMin = Math.ceil((FMIN * nFft) / sr);
  for (let t = 0; t < frames; t++) {
    const s = magnitude.subarray(t * bins, (t + 1) * bins);
    let max = 0;
    for (let k = 0; k < bins; k++) if (s[k] > max) max = s[k];
    const ref = THRESHOLD * max;
    const gated = (k: number) => (s[k] > ref ? s[k] : 0);
    for (let k = Math.max(1, kMin); k < bins - 1; k++) {
      const freq = (k * sr) / nFft;
      if (freq >= FMAX) break;
      if (freq < FMIN) continue;
      const x = gated(k);
      if (!(x > gated(k - 1) && x >= gated(k + 1))) continue;
      // parabolic interpolation of the raw magnitudes around the peak
      const a = s[k + 1] + s[k - 1] - 2 * s[k];
      const b = (s[k + 1] - s[k - 1]) / 2;
      const shift = Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
      const pitch = ((k + shift) * sr) / nFft;
      if (!(pitch > 0)) continue;
      pitches.push(pitch);
      mags.push(s[k] + 0.5 * b * shift); // np.gradient at k is b
    }
  }
  if (pitches.length === 0) return 0;
  const threshold = _median(mags);
  const counts = new Int32Array(Math.ceil(1 / RESOLUTION));
  let any = false;
  for (let i = 0; i < pitches.length; i++) {
    if (!(mags[i] >= threshold)) continue;
    let residual = (12 * Math.log2(pitches[i] / (440 / 16))) % 1;
    if (residual < 0) residual += 1;
    if (residual >= 0.5) residual -= 1;
    counts[_histogramBin(residual, counts.length)]++;
    any = true;
  }
  if (!any) return 0;
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return -0.5 + best * (1 / counts.length); // numpy.linspace(-0.5, 0.5, n + 1)[best]
}

/** numpy.histogram's bin for `v` in [-0.5, 0.5] over `n` equal bins (the last one closed). */
function _histogramBin(v: number, n: number): number {
  const edge = (i: number) => -0.5 + i / n;
  let i = Math.floor((v + 0.5) * n);
  if (i >= n) i = n - 1;
  if (i < 0) i = 0;
  if (v < edge(i)) i--;
  else if (i !== n - 1 && v >= edge(i + 1)) i++;
  return Math.max(0, Math.min(n - 1, i));
}

function _median(values: number[]): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
