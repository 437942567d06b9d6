/**
 * Spectral centroid and bandwidth (p = 2) per frame, from magnitudes, as
 * `librosa.feature.spectral_centroid` and `spectral_bandwidth`: each frame's magnitudes are
 * normalised to sum 1 (unless the sum is below float32's smallest normal number).
 *
 * @example
 * ```ts
 * import { spectralShape } from "./spectral.ts";
 * import { stft } from "./stft.ts";
 * const y = new Float32Array(8192).map((_, i) => Math.sin(2 * Math.PI * 1000 * i / 22050));
 * const s = stft(y, 2048, 512);
 * console.log(Math.round(spectralShape(s.magnitude, s.frames, 22050, 2048).centroid[8])); // ≈ 1000
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
