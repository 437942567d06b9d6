/** Sample storage {@linkcode encodeWav} writes. */
export type WavEncoding = "int16" | "int24" | "float32";

/**
 * A RIFF/WAVE file of one or more channels of float samples in [-1, 1] (integers are rounded
 * and clipped).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encodeWav } from "./encode.ts";
 * const bytes = encodeWav(new Float32Array([0, 0.5, -0.5]), 22050);
 * assertEquals(bytes.length, 44 + 3 * 2);
 * ```
 */
export function encodeWav(
  channels: Float32Array | Float32Array[],
  sampleRate: number,
  encoding: WavEncoding = "int16",
): Uint8Array {
  const chans = Array.isArray(channels) ? channels : [channels];
  const frames = chans[0].length;
  const width = encoding === "int16" ? 2 : encoding === "int24" ? 3 : 4;
  const dataBytes = frames * chans.length * width;
  const out = new Uint8Array(44 + dataBytes + (dataBytes & 1));
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, "RIFF");
  v.setUint32(4, out.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, encoding === "float32" ? 3 : 1, true);
  v.setUint16(22, chans.length, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * chans.length * width, true);
  v.setUint16(32, chans.length * width, true);
  v.setUint16(34, width * 8, true);
  ascii(36, "data");
  v.setUint32(40, dataBytes, true);
  let at = 44;
  for (let i = 0; i < frames; i++) {
    for (const ch of chans) {
      const s = ch[i];
      if (encoding === "float32") v.setFloat32(at, s, true);
      else if (encoding === "int16") v.setInt16(at, _int(s, 32768), true);
      else {
        const q = _int(s, 8388608);
        out[at] = q & 0xff;
        out[at + 1] = (q >> 8) & 0xff;
        out[at + 2] = (q >> 16) & 0xff;
      }
      at += width;
    }
  }
  return out;
}

function _int(s: number, full: number): number {
  return Math.max(-full, Math.min(full - 1, Math.round(s * full)));
}
