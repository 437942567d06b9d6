import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import {
  addNoise,
  augment,
  AUGMENTATIONS,
  lowPass,
  pitchShift,
  randomChannel,
  shift,
  timeStretch,
} from "../../lib/augment/mod.ts";
import { FFT } from "../../lib/features/mod.ts";
import { Random } from "../../lib/util/random.ts";

const SR = 22050;
const tone = (f: number, n = SR) =>
  Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * f * i) / SR));

/** Frequency of the strongest bin (Hann-windowed, 32768-point FFT of the middle). */
function peakHz(y: Float32Array): number {
  const n = 16384, fft = new FFT(n), out = fft.createComplexArray();
  const start = Math.floor((y.length - n) / 2);
  const frame = Float64Array.from(
    { length: n },
    (_, i) => y[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n)),
  );
  fft.realTransform(out, frame);
  let best = 0, bestMag = 0;
  for (let k = 1; k < n / 2; k++) {
    const m = Math.hypot(out[2 * k], out[2 * k + 1]);
    if (m > bestMag) [best, bestMag] = [k, m];
  }
  return (best * SR) / n;
}

Deno.test("each augmentation is deterministic for a seed and differs across seeds", () => {
  const y = tone(300, 55125);
  for (const kind of AUGMENTATIONS) {
    const a = augment(y, SR, kind, 1), b = augment(y, SR, kind, 1);
    assertEquals(Array.from(a), Array.from(b), kind);
    assert(a.every(Number.isFinite), kind);
    if (kind !== "stretch") {
      assertEquals(a.length, y.length, kind);
      assert(
        augment(y, SR, kind, 2).some((v, i) => v !== a[i]),
        `${kind}: seed makes no difference`,
      );
    }
  }
});

Deno.test("noise stays within the authors' amplitude", () => {
  const y = tone(200);
  const n = addNoise(y, new Random(3));
  const diff = n.map((v, i) => v - y[i]);
  const sd = Math.sqrt(diff.reduce((a, d) => a + d * d, 0) / diff.length);
  assert(sd > 0 && sd <= 0.035 * 0.5 * 1.05, `noise sd ${sd}`);
});

Deno.test("shift rotates the clip", () => {
  const y = Float32Array.from({ length: 20000 }, (_, i) => i);
  const s = shift(y, new Random(1));
  const k = s.indexOf(0);
  assertEquals(s[(k + 1) % s.length], 1);
  assert(k > 0 && k < 20000);
});

Deno.test("time stretch at 0.8 lengthens by a quarter and keeps the pitch", () => {
  const y = tone(440);
  const s = timeStretch(y, 0.8);
  assertEquals(s.length, Math.round(SR / 0.8));
  assertAlmostEquals(peakHz(s), 440, 3);
});

Deno.test("pitch shift moves a tone by the semitones asked and keeps the length", () => {
  const up = pitchShift(tone(440), 2);
  assertEquals(up.length, SR);
  assertAlmostEquals(peakHz(up), 440 * 2 ** (2 / 12), 3);
  assertAlmostEquals(peakHz(pitchShift(tone(440), -2)), 440 * 2 ** (-2 / 12), 3);
});

Deno.test("low-pass keeps low tones and removes high ones", () => {
  const rms = (y: Float32Array) =>
    Math.sqrt(y.slice(2000, -2000).reduce((a, v) => a + v * v, 0) / (y.length - 4000));
  assertAlmostEquals(rms(lowPass(tone(300), SR, 3000)), rms(tone(300)), 0.01);
  assert(rms(lowPass(tone(8000), SR, 3000)) < 0.01 * rms(tone(8000)));
});

Deno.test("a random channel band-limits below 8 kHz, changes the level within -12..+6 dB, adds faint noise", () => {
  const rms = (y: Float32Array) =>
    Math.sqrt(y.slice(2000, -2000).reduce((a, v) => a + v * v, 0) / (y.length - 4000));
  for (let seed = 1; seed <= 20; seed++) {
    // a 300 Hz tone passes (its level scaled by the gain and a little tilt), 10 kHz does not
    const low = rms(randomChannel(tone(300), SR, new Random(seed))) / rms(tone(300));
    assert(low > 10 ** (-12.5 / 20) && low < 10 ** (6.5 / 20), `seed ${seed}: gain ${low}`);
    const high = randomChannel(tone(10000), SR, new Random(seed));
    assert(rms(high) < 0.05 * rms(tone(10000)) * 2, `seed ${seed}: 10 kHz kept (${rms(high)})`);
    // silence gets no noise (the noise is relative to the clip's level), and nothing is NaN
    assert(randomChannel(new Float32Array(SR), SR, new Random(seed)).every((v) => v === 0));
  }
});
