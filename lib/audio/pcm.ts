import { checkSamples } from "./check.ts";

/** How one sample is stored in a file's sample data. */
export type SampleEncoding =
  | "uint8"
  | "int8"
  | "int16"
  | "int24"
  | "int32"
  | "float32"
  | "float64";

/**
 * Interleaved sample data as a container holds it, not yet converted to floats.
 *
 * Decoders ({@linkcode decodeAudio}) return this so that a caller reads only the frames it needs.
 */
export interface Pcm {
  /** The file (or stream) the data came from, for error messages. */
  file: string;
  /** Frames per second. */
  sampleRate: number;
  /** Interleaved channels per frame. */
  channels: number;
  /** Number of complete frames in `data`. */
  frames: number;
  /** Storage of one sample. */
  encoding: SampleEncoding;
  /** Byte order of multi-byte samples. */
  littleEndian: boolean;
  /** The sample data, starting at frame 0. */
  data: Uint8Array;
}

/** Bytes one sample of `encoding` takes. */
export function bytesPerSample(encoding: SampleEncoding): number {
  switch (encoding) {
    case "uint8":
    case "int8":
      return 1;
    case "int16":
      return 2;
    case "int24":
      return 3;
    case "int32":
    case "float32":
      return 4;
    case "float64":
      return 8;
  }
}

/**
 * Reads `count` frames from `start` and averages the channels into one float32 signal, as
 * libsndfile scales integers (x / 2^(bits-1)) and librosa down-mixes (the mean of the channels).
 *
 * Throws {@linkcode AudioError} (`non-finite`, `out-of-range`) if a sample is NaN, infinite or
 * far outside [-1, 1] ({@linkcode checkSamples}).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readMono } from "./pcm.ts";
 * const data = new Uint8Array(new Int16Array([16384, -16384]).buffer);
 * const pcm = { file: "x", sampleRate: 8000, channels: 1, frames: 2, encoding: "int16" as const,
 *   littleEndian: true, data };
 * assertEquals(readMono(pcm, 0, 2), Float32Array.of(0.5, -0.5));
 * ```
 */
export function readMono(pcm: Pcm, start = 0, count = pcm.frames - start): Float32Array {
  const first = Math.max(0, Math.min(start, pcm.frames));
  const n = Math.max(0, Math.min(count, pcm.frames - first));
  const out = new Float32Array(n);
  const { channels } = pcm;
  const read = _sampleReader(pcm);
  const stride = channels;
  let s = first * stride;
  if (channels === 1) {
    for (let i = 0; i < n; i++) out[i] = read(s++);
  } else {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum = Math.fround(sum + read(s++));
      out[i] = sum / channels;
    }
  }
  checkSamples(out, pcm.file, first);
  return out;
}

/** A function returning the float value of interleaved sample `index`. */
function _sampleReader(pcm: Pcm): (index: number) => number {
  const { data, littleEndian: le } = pcm;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (pcm.encoding) {
    case "uint8":
      return (i) => (data[i] - 128) / 128;
    case "int8":
      return (i) => view.getInt8(i) / 128;
    case "int16":
      return (i) => view.getInt16(2 * i, le) / 32768;
    case "int24":
      return (i) => {
        const o = 3 * i;
        const v = le
          ? data[o] | (data[o + 1] << 8) | (data[o + 2] << 16)
          : data[o + 2] | (data[o + 1] << 8) | (data[o] << 16);
        return ((v << 8) >> 8) / 8388608;
      };
    case "int32":
      return (i) => view.getInt32(4 * i, le) / 2147483648;
    case "float32":
      return (i) => view.getFloat32(4 * i, le);
    case "float64":
      return (i) => view.getFloat64(8 * i, le);
  }
}
