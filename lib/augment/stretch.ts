import { complexStft, istft } from "../features/stft.ts";

/**
 * Time-stretches by `rate` (0.8: 25% longer) with librosa's phase vocoder
 * (`librosa.effects.time_stretch`: n_fft 2048, hop 512), keeping the pitch.
 *
 * The accumulated phase advances, frame to frame, by the phase difference of the two source
 * frames; its 2π wrapping does not change the phasor, so the phasor is advanced by multiplying
 * unit vectors instead of taking angles, sines and cosines (the same result, ten times faster).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { timeStretch } from "./stretch.ts";
 * assertEquals(timeStretch(new Float32Array(22050), 0.8).length, 27563);
 * ```
 */
export function timeStretch(y: Float32Array, rate: number): Float32Array {
  const d = complexStft(y, 2048, 512);
  const { bins, frames } = d;
  // magnitudes and unit phasors of the source frames, two silent frames appended
  const mag = new Float64Array((frames + 2) * bins);
  const ur = new Float64Array((frames + 2) * bins).fill(1),
    ui = new Float64Array((frames + 2) * bins);
  for (let i = 0; i < frames * bins; i++) {
    const m = Math.sqrt(d.re[i] * d.re[i] + d.im[i] * d.im[i]);
    mag[i] = m;
    if (m > 0) {
      ur[i] = d.re[i] / m;
      ui[i] = d.im[i] / m;
    }
  }
  const steps = Math.ceil(frames / rate);
  const re = new Float64Array(steps * bins), im = new Float64Array(steps * bins);
  const pr = Float64Array.from(ur.subarray(0, bins)), pi = Float64Array.from(ui.subarray(0, bins));
  for (let s = 0; s < steps; s++) {
    const step = s * rate;
    const t = Math.floor(step), alpha = step - t;
    const a = t * bins, b = (t + 1) * bins, o = s * bins;
    for (let k = 0; k < bins; k++) {
      const m = (1 - alpha) * mag[a + k] + alpha * mag[b + k];
      re[o + k] = m * pr[k];
      im[o + k] = m * pi[k];
      // advance by angle(frame t+1) - angle(frame t)
      const dr = ur[b + k] * ur[a + k] + ui[b + k] * ui[a + k];
      const di = ui[b + k] * ur[a + k] - ur[b + k] * ui[a + k];
      const nr = pr[k] * dr - pi[k] * di, ni = pr[k] * di + pi[k] * dr;
      const norm = Math.sqrt(nr * nr + ni * ni) || 1;
      pr[k] = nr / norm;
      pi[k] = ni / norm;
    }
  }
  return istft({ ...d, frames: steps, re, im }, Math.round(y.length / rate));
}
