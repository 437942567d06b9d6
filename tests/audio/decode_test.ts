import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { AudioError, decodeAudio, encodeWav, readMono } from "../../lib/audio/mod.ts";
import { SAMPLE } from "../_shared.ts";

/** A RIFF/WAVE file from raw chunks, so tests can write any header they like. */
function riff(chunks: [string, Uint8Array][]): Uint8Array {
  const size = chunks.reduce((n, [, b]) => n + 8 + b.length + (b.length & 1), 4);
  const out = new Uint8Array(8 + size);
  const v = new DataView(out.buffer);
  out.set(new TextEncoder().encode("RIFF"), 0);
  v.setUint32(4, size, true);
  out.set(new TextEncoder().encode("WAVE"), 8);
  let at = 12;
  for (const [id, body] of chunks) {
    out.set(new TextEncoder().encode(id), at);
    v.setUint32(at + 4, body.length, true);
    out.set(body, at + 8);
    at += 8 + body.length + (body.length & 1);
  }
  return out;
}

function fmt(tag: number, channels: number, rate: number, bits: number, extensible = false) {
  const b = new Uint8Array(extensible ? 40 : 16);
  const v = new DataView(b.buffer);
  v.setUint16(0, extensible ? 0xfffe : tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, (rate * channels * bits) / 8, true);
  v.setUint16(12, (channels * bits) / 8, true);
  v.setUint16(14, bits, true);
  if (extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, bits, true);
    v.setUint16(24, tag, true); // sub-format GUID starts with the format tag
  }
  return b;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

Deno.test("decodeAudio reads every PCM and float width with libsndfile's scaling", () => {
  const cases: [number, number, Uint8Array, number[]][] = [
    [1, 8, new Uint8Array([128, 192, 0]), [0, 0.5, -1]],
    [1, 16, bytesOf(new Int16Array([0, 16384, -32768])), [0, 0.5, -1]],
    [1, 24, new Uint8Array([0, 0, 0, 0, 0, 0x40, 0, 0, 0x80]), [0, 0.5, -1]],
    [1, 32, bytesOf(new Int32Array([0, 1 << 30, -(2 ** 31)])), [0, 0.5, -1]],
    [3, 32, bytesOf(new Float32Array([0, 0.5, -1])), [0, 0.5, -1]],
    [3, 64, bytesOf(new Float64Array([0, 0.5, -1])), [0, 0.5, -1]],
  ];
  for (const [tag, bits, data, expected] of cases) {
    for (const extensible of [false, true]) {
      const pcm = decodeAudio(
        riff([["fmt ", fmt(tag, 1, 8000, bits, extensible)], ["data", data]]),
        "t.wav",
      );
      assertEquals(Array.from(readMono(pcm)), expected, `${bits}-bit tag ${tag}`);
    }
  }
});

Deno.test("decodeAudio skips chunks around data and averages stereo", () => {
  const data = bytesOf(new Int16Array([16384, 0, -16384, -16384]));
  const bytes = riff([
    ["fmt ", fmt(1, 2, 48000, 16)],
    ["FLLR", new Uint8Array(4044)],
    ["LIST", new Uint8Array(27)], // odd size: padded to even
    ["data", data],
    ["bext", new Uint8Array(602)],
    ["_PMX", new Uint8Array(3)],
  ]);
  const pcm = decodeAudio(bytes, "stereo.wav");
  assertEquals([pcm.channels, pcm.frames, pcm.sampleRate], [2, 2, 48000]);
  assertEquals(Array.from(readMono(pcm)), [0.25, -0.5]);
});

Deno.test("decodeAudio reads AIFF behind a .wav name, by content", async () => {
  const path = `${SAMPLE}/tess/YAF_angry/YAF_germ_angry.wav`;
  const pcm = decodeAudio(await Deno.readFile(path), path);
  assertEquals([pcm.sampleRate, pcm.channels, pcm.frames, pcm.littleEndian], [
    24414,
    1,
    53847,
    false,
  ]);
  const y = readMono(pcm, 0, 4);
  assertEquals(Array.from(y), [15, 6, -17, -7].map((v) => v / 32768));
});

Deno.test("decodeAudio reads AIFF-C little-endian and float", () => {
  for (
    const [codec, bits, body, expected] of [
      ["sowt", 16, bytesOf(new Int16Array([16384, -32768])), [0.5, -1]],
      ["fl32", 32, new Uint8Array([0x3f, 0, 0, 0, 0xbf, 0x80, 0, 0]), [0.5, -1]],
    ] as const
  ) {
    const comm = new Uint8Array(24);
    const c = new DataView(comm.buffer);
    c.setUint16(0, 1);
    c.setUint32(2, 2);
    c.setUint16(6, bits);
    comm.set([0x40, 0x0e, 0xac, 0x44], 8); // 44100 as an 80-bit float
    comm.set(new TextEncoder().encode(codec), 18);
    const ssnd = new Uint8Array(8 + body.length);
    ssnd.set(body, 8);
    const chunks = [["COMM", comm], ["SSND", ssnd]] as const;
    const size = 4 + chunks.reduce((n, [, b]) => n + 8 + b.length, 0);
    const file = new Uint8Array(8 + size);
    const v = new DataView(file.buffer);
    file.set(new TextEncoder().encode("FORM"), 0);
    v.setUint32(4, size);
    file.set(new TextEncoder().encode("AIFC"), 8);
    let at = 12;
    for (const [id, b] of chunks) {
      file.set(new TextEncoder().encode(id), at);
      v.setUint32(at + 4, b.length);
      file.set(b, at + 8);
      at += 8 + b.length;
    }
    const pcm = decodeAudio(file, `x.${codec}.aifc`);
    assertEquals(pcm.sampleRate, 44100);
    assertEquals(Array.from(readMono(pcm)), [...expected]);
  }
});

Deno.test("decodeAudio gives a typed error naming the file for each kind of bad input", () => {
  const good = encodeWav(new Float32Array([0.1, 0.2, 0.3, 0.4]), 22050);
  const nan = riff([["fmt ", fmt(3, 1, 8000, 32)], ["data", bytesOf(new Float32Array([0, NaN]))]]);
  const cases: [string, Uint8Array, string][] = [
    ["empty.wav", new Uint8Array(0), "empty"],
    ["text.wav", new TextEncoder().encode("this is not a recording at all"), "not-audio"],
    ["short-header.wav", good.subarray(0, 30), "truncated"],
    ["short-data.wav", good.subarray(0, good.length - 3), "truncated"],
    ["no-samples.wav", riff([["fmt ", fmt(1, 1, 8000, 16)], ["data", new Uint8Array(0)]]), "empty"],
    ["mulaw.wav", riff([["fmt ", fmt(7, 1, 8000, 8)], ["data", new Uint8Array(4)]]), "unsupported"],
    [
      "pcm12.wav",
      riff([["fmt ", fmt(1, 1, 8000, 12)], ["data", new Uint8Array(4)]]),
      "unsupported",
    ],
    [
      "zero-rate.wav",
      riff([["fmt ", fmt(1, 1, 0, 16)], ["data", new Uint8Array(4)]]),
      "unsupported",
    ],
  ];
  for (const [name, bytes, kind] of cases) {
    const e = assertThrows(() => decodeAudio(bytes, name), AudioError);
    assertEquals(e.kind, kind, `${name}: ${e.message}`);
    assert(e.message.startsWith(`${name}: `), e.message);
  }
  const pcm = decodeAudio(nan, "nan.wav");
  const e = assertThrows(() => readMono(pcm), AudioError, "nan.wav");
  assertEquals(e.kind, "non-finite");
});

Deno.test("decodeAudio round-trips encodeWav at 16, 24 and 32 bits", () => {
  const x = new Float32Array([0, 0.25, -0.5, 0.999]);
  for (
    const [enc, tol] of [["int16", 1 / 32768], ["int24", 1 / 8388608], ["float32", 0]] as const
  ) {
    const y = readMono(decodeAudio(encodeWav(x, 16000, enc), "r.wav"));
    x.forEach((v, i) => assertAlmostEquals(y[i], v, tol));
  }
});

Deno.test("every sample clip decodes", async () => {
  let n = 0;
  for await (const path of walkWavs(SAMPLE)) {
    const pcm = decodeAudio(await Deno.readFile(path), path);
    assert(pcm.frames > 0 && pcm.sampleRate > 0);
    readMono(pcm);
    n++;
  }
  assertEquals(n, 605);
});

async function* walkWavs(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) yield* walkWavs(path);
    else if (e.name.endsWith(".wav")) yield path;
  }
}

Deno.test("a WAV data size that is a streaming placeholder (ffmpeg, sox) reads to the end of the file", () => {
  const wav = encodeWav(new Float32Array(1001).fill(0.25), 16000);
  const v = new DataView(wav.buffer);
  v.setUint32(4, 0xffffffff, true);
  v.setUint32(40, 0xffffffff, true);
  const pcm = decodeAudio(wav, "piped.wav");
  assertEquals(pcm.frames, 1001);
  assertAlmostEquals(readMono(pcm)[1000], 0.25, 1e-4);
  v.setUint32(40, 0x7ffff000, true); // sox's placeholder
  assertEquals(decodeAudio(wav, "sox.wav").frames, 1001);
  v.setUint32(40, 5000, true); // any other size beyond the file is still truncation
  assertThrows(() => decodeAudio(wav, "cut.wav"), AudioError, "cut.wav: truncated data");
});
