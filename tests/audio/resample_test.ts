import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { resample } from "../../lib/audio/mod.ts";
import { FFT } from "../../lib/features/fft.ts";

Deno.test("resample keeps librosa's output length for common rates", () => {
  for (
    const [sr, n, expected] of [[48000, 120000, 55125], [16000, 40000, 55125], [
      24414,
      61035,
      55125,
    ], [
      44100,
      3,
      2,
    ]]
  ) {
    assertEquals(resample(new Float32Array(n), sr, 22050).length, expected);
  }
});

Deno.test("resample passes a 1 kHz tone at its amplitude", () => {
  const sr = 48000;
  const x = new Float32Array(sr).map((_, i) => Math.sin(2 * Math.PI * 1000 * i / sr));
  const y = resample(x, sr, 22050);
  let peak = 0;
  for (let i = 2000; i < y.length - 2000; i++) peak = Math.max(peak, Math.abs(y[i]));
  assertAlmostEquals(peak, 1, 1e-3);
});

Deno.test("resample does not alias: a 15 kHz tone leaves nothing above -80 dB at 22,050 Hz", () => {
  for (const sr of [48000, 44100, 32000]) {
    const x = new Float32Array(sr).map((_, i) => Math.sin(2 * Math.PI * 15000 * i / sr));
    const y = resample(x, sr, 22050);
    const n = 16384;
    const frame = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      frame[i] = y[3000 + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n)); // Hann window
    }
    const fft = new FFT(n);
    const out = fft.createComplexArray();
    fft.realTransform(out, frame);
    let peak = 0;
    for (let k = 0; k <= n / 2; k++) peak = Math.max(peak, Math.hypot(out[2 * k], out[2 * k + 1]));
    const fullScale = n / 4; // a unit sine through a Hann window peaks at n/4
    const db = 20 * Math.log10(peak / fullScale);
    assert(db < -80, `${sr} Hz: alias at ${db.toFixed(1)} dBFS`);
  }
});
