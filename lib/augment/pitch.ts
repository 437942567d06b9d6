import { resample } from "../audio/resample.ts";
import { timeStretch } from "./stretch.ts";

/**
 * Shifts the pitch by `steps` semitones, keeping the length, as `librosa.effects.pitch_shift`:
 * time-stretch by 2^(-steps/12), then resample back (the ratio taken as a fraction with a
 * denominator up to 1000, within 1e-6 of exact).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pitchShift } from "./pitch.ts";
 * assertEquals(pitchShift(new Float32Array(22050), 2).length, 22050);
 * ```
 */
export function pitchShift(y: Float32Array, steps: number): Float32Array {
  if (steps === 0) return y.slice();
  const rate = 2 ** (-steps / 12);
  const stretched = timeStretch(y, rate);
  const [num, den] = _fraction(rate, 1000); // resample from sr / rate to sr: ratio rate
  const shifted = resample(stretched, den, num);
  const out = new Float32Array(y.length);
  out.set(shifted.subarray(0, y.length));
  return out;
}

/** The best fraction num/den ≈ x with den <= maxDen (continued fractions). */
function _fraction(x: number, maxDen: number): [number, number] {
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let v = x;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(v);
    const [h2, k2] = [a * h1 + h0, a * k1 + k0];
    if (k2 > maxDen) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    if (Math.abs(v - a) < 1e-12) break;
    v = 1 / (v - a);
  }
  return [h1, k1];
}
