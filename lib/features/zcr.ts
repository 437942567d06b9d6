/**
 * Zero-crossing rate per frame as `librosa.feature.zero_crossing_rate(y, frame_length,
 * hop_length)`: frames centred by repeating the edge samples, |x| <= 1e-10 counted as zero (and
 * zero as positive), crossings between neighbours divided by the frame length.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { zeroCrossingRate } from "./zcr.ts";
 * const y = new Float32Array(4096).map((_, i) => (i % 2 ? 1 : -1));
 * assertEquals(zeroCrossingRate(y, 2048, 512)[4], 2047 / 2048);
 * ```
 */
export function zeroCrossingRate(y: Float32Array, frameLength: number, hop: number): Float64Array {
  const n = y.length;
  const half = Math.floor(frameLength / 2);
  const frames = 1 + Math.floor((n + 2 * half - frameLength) / hop);
  // sign bit of each padded sample, then crossings between neighbours as a prefix sum
  const padded = n + 2 * half;
  const neg = new Uint8Array(padded);
  for (let i = 0; i < padded; i++) {
    const v = y[Math.min(n - 1, Math.max(0, i - half))];
    neg[i] = Math.abs(v) <= 1e-10 ? 0 : v < 0 ? 1 : 0;
  }
  const cross = new Int32Array(padded + 1); // cross[i] = crossings among samples 0..i-1
  for (let i = 1; i < padded; i++) cross[i + 1] = cross[i] + (neg[i] !== neg[i - 1] ? 1 : 0);
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const a = t * hop;
    out[t] = (cross[a + frameLength] - cross[a + 1]) / frameLength;
  }
  return out;
}
