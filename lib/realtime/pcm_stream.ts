import { checkSamples } from "../audio/check.ts";
import { AudioError } from "../audio/error.ts";
import { isPlaceholderSize } from "../audio/wav.ts";

/** Raw PCM layouts a stream can carry (what `arecord -f S16_LE` and friends write). */
export type StreamEncoding = "s16le" | "s24le" | "s32le" | "f32le" | "u8";

/** How to read a raw PCM stream. */
export interface StreamFormat {
  sampleRate: number;
  channels: number;
  encoding: StreamEncoding;
}

const WIDTH: Record<StreamEncoding, number> = { u8: 1, s16le: 2, s24le: 3, s32le: 4, f32le: 4 };

/**
 * Turns a byte stream into mono float32 chunks: raw PCM in `format`, or, when `format` is
 * "wav", a WAV stream whose header is read first. A WAV data size of 0 or a streaming writer's
 * placeholder (0xFFFFFFFF from ffmpeg on a pipe, 0x7FFFF000 and above from sox and arecord) means
 * "to the end of the stream"; any other size is read and the rest ignored. Partial frames carry over between chunks, so memory stays
 * bounded.
 *
 * Throws {@linkcode AudioError} naming the stream for a format that cannot be read (rate or
 * channels not positive integers), a NaN, infinite or far out-of-range sample (`checkSamples`, as file mode does), no audio at
 * all, a stream that ends mid-frame, and a WAV stream that ends before the data its header
 * announced; the chunks before the problem are yielded first.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { monoChunks } from "./pcm_stream.ts";
 * const bytes = new Uint8Array(new Int16Array([16384, -16384]).buffer);
 * async function* one() { yield bytes; }
 * const chunks = [];
 * for await (const c of monoChunks(one(), { sampleRate: 16000, channels: 1, encoding: "s16le" }, "x")) {
 *   chunks.push(c.samples);
 * }
 * assertEquals(chunks, [Float32Array.of(0.5, -0.5)]);
 * ```
 */
export async function* monoChunks(
  source: AsyncIterable<Uint8Array>,
  format: StreamFormat | "wav",
  name: string,
): AsyncGenerator<{ samples: Float32Array; sampleRate: number }> {
  let fmt = format === "wav" ? null : _checkFormat(format, name);
  let pending: Uint8Array = new Uint8Array(0);
  /** Data bytes still to read (a WAV stream's announced size), Infinity for "to the end". */
  let left = Infinity, announced = Infinity;
  let frames = 0, received = 0;
  for await (const chunk of source) {
    received += chunk.length;
    let bytes = _concat(pending, chunk);
    if (!fmt) {
      const header = _wavHeader(bytes, name);
      if (!header) {
        if (bytes.length > 1 << 20) {
          throw new AudioError(name, "not-audio", "no WAV data chunk in the first 1 MiB");
        }
        pending = bytes;
        continue;
      }
      fmt = header.format;
      if (header.dataSize !== 0 && !isPlaceholderSize(header.dataSize)) {
        left = announced = header.dataSize;
      }
      bytes = bytes.subarray(header.dataStart);
    }
    if (left < bytes.length) bytes = bytes.subarray(0, left);
    const frame = WIDTH[fmt.encoding] * fmt.channels;
    const whole = bytes.length - (bytes.length % frame);
    if (whole > 0) {
      yield {
        samples: _decode(bytes.subarray(0, whole), fmt, frames, name),
        sampleRate: fmt.sampleRate,
      };
      frames += whole / frame;
      left -= whole;
    }
    pending = bytes.slice(whole);
    if (left === 0) break;
  }
  if (!fmt) {
    throw new AudioError(
      name,
      received ? "truncated" : "empty",
      received
        ? "the stream ended before a WAV header was complete"
        : "no audio: the stream was empty",
    );
  }
  const frame = WIDTH[fmt.encoding] * fmt.channels;
  if (pending.length) {
    throw new AudioError(
      name,
      "truncated",
      `the stream ended mid-frame (${pending.length} stray bytes of a ${frame}-byte frame)`,
    );
  }
  if (left > 0 && left !== Infinity) {
    throw new AudioError(
      name,
      "truncated",
      `the stream ended after ${
        announced - left
      } of the ${announced} data bytes its WAV header announced`,
    );
  }
  if (frames === 0) {
    throw new AudioError(
      name,
      "empty",
      received ? "no audio: the stream held no samples" : "no audio: the stream was empty",
    );
  }
}

function _checkFormat(f: StreamFormat, name: string): StreamFormat {
  if (!(f.encoding in WIDTH)) {
    throw new AudioError(name, "unsupported", `unknown encoding ${f.encoding}`);
  }
  for (const k of ["sampleRate", "channels"] as const) {
    if (!(Number.isInteger(f[k]) && f[k] >= 1)) {
      throw new AudioError(name, "unsupported", `${k} must be a positive integer, got ${f[k]}`);
    }
  }
  return f;
}

function _decode(bytes: Uint8Array, f: StreamFormat, first: number, name: string): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = WIDTH[f.encoding], frames = bytes.length / (w * f.channels);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < f.channels; c++) {
      const at = (i * f.channels + c) * w;
      switch (f.encoding) {
        case "u8":
          sum += (bytes[at] - 128) / 128;
          break;
        case "s16le":
          sum += view.getInt16(at, true) / 32768;
          break;
        case "s24le":
          sum += ((bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) << 8 >> 8) / 8388608;
          break;
        case "s32le":
          sum += view.getInt32(at, true) / 2147483648;
          break;
        case "f32le":
          sum += view.getFloat32(at, true);
          break;
      }
    }
    out[i] = sum / f.channels;
  }
  checkSamples(out, name, first);
  return out;
}

/** The format and where the samples start, once the header up to the data chunk is in `b`. */
function _wavHeader(
  b: Uint8Array,
  name: string,
): { format: StreamFormat; dataStart: number; dataSize: number } | null {
  if (b.length < 12) return null;
  const tag = (at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") {
    throw new AudioError(name, "not-audio", "the stream is not WAV (no RIFF/WAVE header)");
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 12, format: StreamFormat | null = null;
  while (pos + 8 <= b.length) {
    const id = tag(pos), size = view.getUint32(pos + 4, true);
    if (id === "data") {
      if (!format) throw new AudioError(name, "not-audio", "data before fmt in the WAV stream");
      return { format, dataStart: pos + 8, dataSize: size };
    }
    if (pos + 8 + size > b.length) return null;
    if (id === "fmt ") {
      let fmtTag = view.getUint16(pos + 8, true);
      if (fmtTag === 0xfffe && size >= 26) fmtTag = view.getUint16(pos + 8 + 24, true);
      const channels = view.getUint16(pos + 10, true), sampleRate = view.getUint32(pos + 12, true);
      const bits = view.getUint16(pos + 22, true);
      const encoding: StreamEncoding | undefined = fmtTag === 3 && bits === 32
        ? "f32le"
        : fmtTag === 1
        ? ({ 8: "u8", 16: "s16le", 24: "s24le", 32: "s32le" } as const)[bits as 8]
        : undefined;
      if (!encoding || !channels || !sampleRate) {
        throw new AudioError(
          name,
          "unsupported",
          `unsupported WAV stream encoding (tag ${fmtTag}, ${bits} bits)`,
        );
      }
      format = { sampleRate, channels, encoding };
    }
    pos += 8 + size + (size & 1);
  }
  return null;
}

function _concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
