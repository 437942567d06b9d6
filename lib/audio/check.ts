import { AudioError } from "./error.ts";

/**
 * The largest sample magnitude accepted: 10, 20 dB above full scale. Decoded audio lies in
 * [-1, 1]; a float recording may overshoot a little after processing, but samples far beyond
 * (a float file written on the integer scale, 1e30, garbage) are not a usable recording, and
 * their powers overflow the features.
 */
export const MAX_SAMPLE = 10;

/**
 * Throws {@linkcode AudioError} naming `file` at the first sample that is NaN or infinite
 * (`non-finite`) or whose magnitude exceeds {@linkcode MAX_SAMPLE} (`out-of-range`). Every
 * decoder (files: `readMono`; streams: `monoChunks` of `lib/realtime`) checks its samples here,
 * so that every model family and `features` refuse the same recordings. `first` is the index
 * of `samples[0]` in the recording, for the message.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { AudioError } from "./error.ts";
 * import { checkSamples } from "./check.ts";
 * const e = assertThrows(() => checkSamples(Float32Array.of(0.5, 1e30), "x.wav"), AudioError);
 * assertEquals(e.kind, "out-of-range");
 * assertEquals(e.message, "x.wav: sample 1 is 1.00e+30, far outside full scale [-1, 1] (limit ±10)");
 * ```
 */
export function checkSamples(samples: Float32Array, file: string, first = 0): void {
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (v >= -MAX_SAMPLE && v <= MAX_SAMPLE) continue;
    if (!Number.isFinite(v)) {
      throw new AudioError(file, "non-finite", `sample ${first + i} is ${v}`);
    }
    throw new AudioError(
      file,
      "out-of-range",
      `sample ${first + i} is ${v.toExponential(2)}, far outside full scale [-1, 1] ` +
        `(limit ±${MAX_SAMPLE})`,
    );
  }
}
