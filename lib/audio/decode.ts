import { fourcc } from "./_fourcc.ts";
import { parseAiff } from "./aiff.ts";
import { AudioError } from "./error.ts";
import type { Pcm } from "./pcm.ts";
import { parseWav } from "./wav.ts";

/**
 * Parses WAV or AIFF bytes, chosen by their content, never by the file's extension.
 *
 * Throws {@linkcode AudioError} naming `file` for anything that is not usable audio.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeAudio } from "./decode.ts";
 * const path = "../shared/datasets/sample/tess/YAF_fear/YAF_neat_fear.wav"; // AIFF inside
 * const pcm = decodeAudio(await Deno.readFile(path), path);
 * assertEquals([pcm.sampleRate, pcm.channels], [24414, 1]);
 * ```
 */
export function decodeAudio(bytes: Uint8Array, file: string): Pcm {
  if (bytes.length === 0) throw new AudioError(file, "empty", "the file is empty (0 bytes)");
  if (bytes.length < 12) {
    throw new AudioError(file, "truncated", `only ${bytes.length} bytes, too short for a header`);
  }
  const magic = fourcc(bytes, 0);
  if (magic === "RIFF") return parseWav(bytes, file);
  if (magic === "FORM") return parseAiff(bytes, file);
  throw new AudioError(file, "not-audio", "neither WAV (RIFF) nor AIFF (FORM) data");
}
