import { powerToDb } from "./mfcc.ts";

/**
 * Onset strength (spectral flux) as `librosa.onset.onset_strength(y, sr)`: the mean over mel
 * bands of the positive rise of the log-mel spectrogram (`power_to_db`, top_db 80) from one
 * frame to the next, delayed by `1 + nFft / (2·hop)` frames with zeros in front (librosa's
 * centring) and cut to the clip's frames.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { onsetStrength } from "./onset.ts";
 * // 8 frames, 2 bands, 10 dB more power each frame
 * const mel = Float64Array.from({ length: 8 * 2 }, (_, i) => 10 ** (i >> 1));
 * const onset = onsetStrength(mel, 8, 2, 2048, 512);
 * assertAlmostEquals(onset[2], 0, 1e-9); // the first 1 + 2048 / (2 * 512) frames are the delay
 * assertAlmostEquals(onset[3], 10, 1e-9);
 * ```
 */
export function onsetStrength(
  melPower: Float64Array,
  frames: number,
  bands: number,
  nFft: number,
  hop: number,
): Float64Array {
  const db = powerToDb(melPower);
  const lag = 1, shift = lag + Math.floor(nFft / (2 * hop));
  const out = new Float64Array(frames);
  for (let t = shift; t < frames; t++) {
    const u = t - shift + lag; // the later frame of the difference
    let acc = 0;
    for (let b = 0; b < bands; b++) {
      const d = db[u * bands + b] - db[(u - lag) * bands + b];
      if (d > 0) acc += d;
    }
    out[t] = acc / bands;
  }
  return out;
}
