import { decodeAudio } from "./decode.ts";
import { AudioError } from "./error.ts";
import { type Pcm, readMono } from "./pcm.ts";
import { resample } from "./resample.ts";

/** Where a clip is cut and the rate it is brought to. */
export interface LoadSettings {
  /** Target sample rate in Hz. */
  sampleRate: number;
  /** Seconds skipped at the start. */
  offset: number;
  /** Seconds kept after the offset (fewer if the recording ends first); null keeps the rest. */
  duration: number | null;
}

/** SER-FusionNet's cut: `librosa.load(path, sr=22050, offset=0.6, duration=2.5)`. */
export const FUSIONNET_LOAD: LoadSettings = Object.freeze({
  sampleRate: 22050,
  offset: 0.6,
  duration: 2.5,
});

/**
 * Decodes WAV or AIFF bytes and returns the mono float32 signal that
 * `librosa.load(file, sr, offset, duration, res_type="kaiser_best")` returns: frames
 * `[floor(offset*sr0), floor(offset*sr0) + floor(duration*sr0))` at the native rate `sr0`,
 * channels averaged, then resampled (the cut first, so its ends see silence beyond them).
 *
 * Throws {@linkcode AudioError} naming `file` for unusable input, including a recording that
 * ends before `offset`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FUSIONNET_LOAD, loadClip } from "./load.ts";
 * const path = "../shared/reference/audio/male_angry.s16.48000.wav";
 * const y = loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD);
 * assertEquals(y.length, 55125);
 * ```
 */
export function loadClip(bytes: Uint8Array, file: string, settings: LoadSettings): Float32Array {
  return cutClip(decodeAudio(bytes, file), file, settings);
}

/**
 * {@linkcode loadClip} on audio already decoded: one decoded file gives every cut it is asked
 * for, each the same samples `loadClip` returns. Throws {@linkcode AudioError} naming `file` for a
 * recording that ends before `offset`.
 *
 * @example
 * ```ts
 * import { decodeAudio } from "./decode.ts";
 * import { cutClip, FUSIONNET_LOAD } from "./load.ts";
 * const path = "../shared/reference/audio/male_angry.s16.48000.wav";
 * const pcm = decodeAudio(await Deno.readFile(path), path);
 * console.log(cutClip(pcm, path, FUSIONNET_LOAD).length); // 55125
 * ```
 */
export function cutClip(pcm: Pcm, file: string, settings: LoadSettings): Float32Array {
  const sr = pcm.sampleRate;
  const start = Math.floor(settings.offset * sr);
  if (start >= pcm.frames) {
    throw new AudioError(
      file,
      "too-short",
      `the recording lasts ${
        (pcm.frames / sr).toFixed(3)
      } s, not past the ${settings.offset} s offset`,
    );
  }
  const count = settings.duration === null
    ? pcm.frames - start
    : Math.floor(settings.duration * sr);
  const mono = readMono(pcm, start, count);
  return resample(mono, sr, settings.sampleRate);
}
