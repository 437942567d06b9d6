import { fourcc } from "./_fourcc.ts";
import { AudioError } from "./error.ts";
import { bytesPerSample, type Pcm, type SampleEncoding } from "./pcm.ts";

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Parses a RIFF/WAVE file: PCM 8/16/24/32-bit, IEEE float 32/64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE, any number of channels, with any other chunks (`LIST`, `bext`,
 * `FLLR`, `_PMX`, ...) before or after `data` skipped. A data size that is a streaming writer's
 * placeholder ({@linkcode isPlaceholderSize}) and larger than the file means the samples run to
 * the end of the file.
 *
 * Throws {@linkcode AudioError} naming `file` when the header or data is truncated, the
 * encoding is not one of the above, or there are no samples.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseWav } from "./wav.ts";
 * import { encodeWav } from "./encode.ts";
 * const pcm = parseWav(encodeWav(new Float32Array(100), 16000), "tone.wav");
 * assertEquals([pcm.sampleRate, pcm.frames], [16000, 100]);
 * ```
 */
export function parseWav(bytes: Uint8Array, file: string): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || fourcc(bytes, 0) !== "RIFF" || fourcc(bytes, 8) !== "WAVE") {
    throw new AudioError(file, "not-audio", "not a RIFF/WAVE file");
  }
  let fmt: { encoding: SampleEncoding; channels: number; sampleRate: number } | undefined;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourcc(bytes, pos);
    let size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === "fmt ") {
      if (body + Math.min(size, 16) > bytes.length || size < 16) {
        throw new AudioError(file, "truncated", "truncated 'fmt ' chunk");
      }
      fmt = _parseFmt(view, body, size, file);
    } else if (id === "data") {
      if (!fmt) throw new AudioError(file, "not-audio", "'data' chunk before any 'fmt ' chunk");
      const available = bytes.length - body;
      if (size > available && isPlaceholderSize(size)) size = available;
      if (size > available) {
        throw new AudioError(
          file,
          "truncated",
          `truncated data: the header says ${size} bytes, the file holds ${available}`,
        );
      }
      const frameBytes = bytesPerSample(fmt.encoding) * fmt.channels;
      const frames = Math.floor(size / frameBytes);
      if (frames === 0) throw new AudioError(file, "empty", "the data chunk holds no samples");
      return {
        file,
        sampleRate: fmt.sampleRate,
        channels: fmt.channels,
        frames,
        encoding: fmt.encoding,
        littleEndian: true,
        data: bytes.subarray(body, body + frames * frameBytes),
      };
    }
    pos = body + size + (size & 1);
  }
  throw new AudioError(
    file,
    "truncated",
    fmt ? "no 'data' chunk (truncated file?)" : "no 'fmt ' chunk (truncated header?)",
  );
}

function _parseFmt(view: DataView, at: number, size: number, file: string) {
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const bits = view.getUint16(at + 14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    if (size < 40 || at + 26 > view.byteLength) {
      throw new AudioError(file, "truncated", "truncated WAVE_FORMAT_EXTENSIBLE header");
    }
    tag = view.getUint16(at + 24, true); // first two bytes of the sub-format GUID
  }
  if (channels === 0) throw new AudioError(file, "unsupported", "the header says 0 channels");
  if (sampleRate === 0) throw new AudioError(file, "unsupported", "the header says 0 Hz");
  let encoding: SampleEncoding | undefined;
  if (tag === FORMAT_PCM) {
    encoding = ({ 8: "uint8", 16: "int16", 24: "int24", 32: "int32" } as const)[bits as 8];
  } else if (tag === FORMAT_FLOAT) {
    encoding = ({ 32: "float32", 64: "float64" } as const)[bits as 32];
  }
  if (!encoding) {
    const name = tag === FORMAT_PCM
      ? "PCM"
      : tag === FORMAT_FLOAT
      ? "float"
      : `format tag 0x${tag.toString(16)}`;
    throw new AudioError(file, "unsupported", `unsupported encoding: ${name}, ${bits} bits`);
  }
  return { encoding, channels, sampleRate };
}

/**
 * Whether a WAV data size is what a writer that cannot seek back leaves in the header:
 * 0xFFFFFFFF (ffmpeg on a pipe), or 0x7FFFF000 and above (sox's and arecord's placeholders).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isPlaceholderSize } from "./wav.ts";
 * assert(isPlaceholderSize(0xffffffff));
 * assert(!isPlaceholderSize(88200));
 * ```
 */
export function isPlaceholderSize(size: number): boolean {
  return size >= 0x7ffff000;
}
