/**
 * Reading recordings the way the corpora ship them, cut and resampled as librosa loads them.
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FUSIONNET_LOAD, loadClip } from "./mod.ts";
 * const path = "../shared/reference/audio/female_happy.s16.22050.wav";
 * const y = loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD);
 * assertEquals(y.length, 2.5 * 22050);
 * ```
 *
 * @module
 */
export { AudioError, type AudioErrorKind } from "./error.ts";
export { checkSamples, MAX_SAMPLE } from "./check.ts";
export { bytesPerSample, type Pcm, readMono, type SampleEncoding } from "./pcm.ts";
export { isPlaceholderSize, parseWav } from "./wav.ts";
export { parseAiff } from "./aiff.ts";
export { decodeAudio } from "./decode.ts";
export { resample } from "./resample.ts";
export { cutClip, FUSIONNET_LOAD, loadClip, type LoadSettings } from "./load.ts";
export { encodeWav, type WavEncoding } from "./encode.ts";
export {
  type Segment,
  SEGMENT_DEFAULTS,
  Segmenter,
  type SegmentOptions,
  speechSeconds,
} from "./segments.ts";
export {
  sileroModelPath,
  SileroVad,
  type SpeechRegion,
  VAD_DEFAULTS,
  VAD_RATE,
  type VadOptions,
} from "./vad.ts";
