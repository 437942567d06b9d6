import { fourcc } from "./_fourcc.ts";
import { AudioError } from "./error.ts";
import type { Pcm, SampleEncoding } from "./pcm.ts";

/**
 * Parses an AIFF or AIFF-C file (uncompressed: `NONE`, `twos`, `sowt`, `fl32`, `fl64`).
 *
 * TESS ships two of these behind a `.wav` name; {@linkcode decodeAudio} detects them by content.
 * Throws {@linkcode AudioError} naming `file` for truncated chunks, compressed data or no samples.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseAiff } from "./aiff.ts";
 * const bytes = await Deno.readFile("../shared/datasets/sample/tess/YAF_angry/YAF_germ_angry.wav");
 * assertEquals(parseAiff(bytes, "YAF_germ_angry.wav").sampleRate, 24414);
 * ```
 */
export function parseAiff(bytes: Uint8Array, file: string): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const form = bytes.length >= 12 ? fourcc(bytes, 8) : "";
  if (fourcc(bytes, 0) !== "FORM" || (form !== "AIFF" && form !== "AIFC")) {
    throw new AudioError(file, "not-audio", "not an AIFF file");
  }
  let comm:
    | { channels: number; frames: number; bits: number; rate: number; codec: string }
    | undefined;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourcc(bytes, pos);
    const size = view.getUint32(pos + 4, false);
    const body = pos + 8;
    if (id === "COMM") {
      if (size < 18 || body + 18 > bytes.length) {
        throw new AudioError(file, "truncated", "truncated COMM chunk");
      }
      const codec = form === "AIFC" && size >= 22 ? fourcc(bytes, body + 18) : "NONE";
      comm = {
        channels: view.getUint16(body, false),
        frames: view.getUint32(body + 2, false),
        bits: view.getUint16(body + 6, false),
        rate: Math.round(_extended(view, body + 8)),
        codec,
      };
    } else if (id === "SSND") {
      if (!comm) throw new AudioError(file, "not-audio", "SSND chunk before the COMM chunk");
      if (body + 8 > bytes.length) throw new AudioError(file, "truncated", "truncated SSND chunk");
      const start = body + 8 + view.getUint32(body, false);
      const { encoding, littleEndian } = _encoding(comm.codec, comm.bits, file);
      const frameBytes = (encoding === "float64" ? 8 : Math.ceil(comm.bits / 8)) * comm.channels;
      const need = comm.frames * frameBytes;
      if (start + need > bytes.length) {
        throw new AudioError(
          file,
          "truncated",
          `truncated data: COMM says ${need} bytes, the file holds ${
            Math.max(0, bytes.length - start)
          }`,
        );
      }
      if (comm.frames === 0) throw new AudioError(file, "empty", "the file holds no samples");
      if (comm.channels === 0 || !(comm.rate > 0)) {
        throw new AudioError(file, "unsupported", "COMM says 0 channels or 0 Hz");
      }
      return {
        file,
        sampleRate: comm.rate,
        channels: comm.channels,
        frames: comm.frames,
        encoding,
        littleEndian,
        data: bytes.subarray(start, start + need),
      };
    }
    pos = body + size + (size & 1);
  }
  throw new AudioError(file, "truncated", comm ? "no SSND chunk" : "no COMM chunk");
}

function _encoding(
  codec: string,
  bits: number,
  file: string,
): { encoding: SampleEncoding; littleEndian: boolean } {
  const ints: Record<number, SampleEncoding> = { 8: "int8", 16: "int16", 24: "int24", 32: "int32" };
  if ((codec === "NONE" || codec === "twos") && ints[bits]) {
    return { encoding: ints[bits], littleEndian: false };
  }
  if (codec === "sowt" && ints[bits]) return { encoding: ints[bits], littleEndian: true };
  if (codec === "fl32" || codec === "FL32") return { encoding: "float32", littleEndian: false };
  if (codec === "fl64" || codec === "FL64") return { encoding: "float64", littleEndian: false };
  throw new AudioError(file, "unsupported", `unsupported AIFF encoding: ${codec}, ${bits} bits`);
}

/** An 80-bit IEEE 754 extended-precision number (AIFF's sample rate). */
function _extended(view: DataView, at: number): number {
  const se = view.getUint16(at, false);
  const hi = view.getUint32(at + 2, false);
  const lo = view.getUint32(at + 6, false);
  const sign = se & 0x8000 ? -1 : 1;
  const exponent = (se & 0x7fff) - 16383;
  return sign * (hi * 2 ** (exponent - 31) + lo * 2 ** (exponent - 63));
}
