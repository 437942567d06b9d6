import type { Random } from "../util/random.ts";
import { lowPass } from "./lowpass.ts";

/**
 * A random recording channel: what another microphone, room level and line would do to the
 * same speech. The corpora differ in exactly these (bandwidths of 8, 12 and 19 kHz, levels 9 dB
 * apart, different microphones: docs/domain.md), so copies through random channels teach a
 * classifier that they carry no emotion (channel augmentation, as in Ko et al., "A study on
 * data augmentation of reverberant speech for robust speech recognition", ICASSP 2017, and the
 * codec/band-limit augmentation of speaker recognition).
 *
 * In order: a band limit (4th-order Butterworth low-pass, cutoff U(3.4, 8) kHz, below the
 * Nyquist frequency), a spectral tilt (first-order: y[n] + t (y[n] - y[n-1]), t U(-0.5, 0.5),
 * brighter or duller), a gain of U(-12, 6) dB, and white noise U(20, 40) dB below the clip's RMS.
 * Samples are not clipped after the gain (a loud clip may exceed 1; the features do not care).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { randomChannel } from "./channel.ts";
 * import { Random } from "../util/random.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(i / 5));
 * assertEquals(randomChannel(y, 22050, new Random(1)).length, 22050);
 * ```
 */
export function randomChannel(y: Float32Array, sr: number, random: Random): Float32Array {
  const cutoff = Math.min(random.uniform(3400, 8000), 0.45 * sr);
  const tilt = random.uniform(-0.5, 0.5);
  const gain = 10 ** (random.uniform(-12, 6) / 20);
  const snr = random.uniform(20, 40);
  const band = lowPass(y, sr, cutoff);
  const out = new Float32Array(band.length);
  let energy = 0;
  for (let i = 0; i < band.length; i++) {
    out[i] = gain * (band[i] + tilt * (band[i] - (i ? band[i - 1] : 0)));
    energy += out[i] * out[i];
  }
  const noise = Math.sqrt(energy / Math.max(1, out.length)) * 10 ** (-snr / 20);
  for (let i = 0; i < out.length; i++) out[i] += noise * random.normal();
  return out;
}
