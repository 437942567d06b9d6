/**
 * Why a recording could not be read.
 *
 * - `not-audio`: the bytes are neither RIFF/WAVE nor AIFF/AIFC.
 * - `truncated`: a header or the sample data ends before it says it does.
 * - `unsupported`: a valid container with an encoding we do not decode.
 * - `empty`: the recording holds no samples.
 * - `too-short`: the recording ends before the requested offset.
 * - `non-finite`: a sample is NaN or infinite.
 * - `out-of-range`: a sample lies far outside full scale [-1, 1].
 * - `unreadable`: the file could not be read at all.
 */
export type AudioErrorKind =
  | "not-audio"
  | "truncated"
  | "unsupported"
  | "empty"
  | "too-short"
  | "non-finite"
  | "out-of-range"
  | "unreadable";

/**
 * An audio file that cannot be used, with the file's name and the cause in the message.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { AudioError } from "./error.ts";
 * const e = new AudioError("clip.wav", "empty", "the data chunk holds no samples");
 * assertEquals(e.message, "clip.wav: the data chunk holds no samples");
 * ```
 */
export class AudioError extends Error {
  /** The file (or stream name) that failed. */
  readonly file: string;
  /** The class of failure. */
  readonly kind: AudioErrorKind;

  /** Makes an error for `file`; the message is prefixed with the file's name. */
  constructor(file: string, kind: AudioErrorKind, detail: string) {
    super(`${file}: ${detail}`);
    this.name = "AudioError";
    this.file = file;
    this.kind = kind;
  }
}
