import { assertEquals, assertRejects } from "../_assert.ts";
import { AudioError, encodeWav } from "../../lib/audio/mod.ts";
import { monoChunks, type StreamFormat } from "../../lib/realtime/mod.ts";

async function* once(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

async function samples(bytes: Uint8Array[], format: StreamFormat | "wav"): Promise<number> {
  let n = 0;
  for await (const c of monoChunks(once(...bytes), format, "test")) n += c.samples.length;
  return n;
}

const S16: StreamFormat = { sampleRate: 16000, channels: 1, encoding: "s16le" };

Deno.test("monoChunks rejects rates and channel counts that are not positive integers", async () => {
  for (const bad of [{ channels: 0 }, { channels: -1 }, { channels: 1.5 }, { sampleRate: 0 }]) {
    const e = await assertRejects(
      () => samples([new Uint8Array(64)], { ...S16, ...bad }),
      AudioError,
      "must be a positive integer",
    );
    assertEquals(e.kind, "unsupported");
  }
});

Deno.test("monoChunks: NaN or infinite samples are an error naming the sample, as in file mode", async () => {
  const f = new Float32Array(100).fill(0.1);
  f[37] = NaN;
  const e = await assertRejects(
    () => samples([new Uint8Array(f.buffer)], { ...S16, encoding: "f32le" }),
    AudioError,
    "test: sample 37 is NaN",
  );
  assertEquals(e.kind, "non-finite");
});

Deno.test("monoChunks says when the stream is empty, ends mid-frame or before its WAV data", async () => {
  const empty = await assertRejects(() => samples([], S16), AudioError, "the stream was empty");
  assertEquals(empty.kind, "empty");
  await assertRejects(() => samples([], "wav"), AudioError, "the stream was empty");
  await assertRejects(() => samples([new Uint8Array(5)], S16), AudioError, "ended mid-frame");
  const wav = encodeWav(new Float32Array(1000).fill(0.1), 16000);
  const cut = await assertRejects(
    () => samples([wav.subarray(0, 44 + 600)], "wav"),
    AudioError,
    "ended after 600 of the 2000 data bytes its WAV header announced",
  );
  assertEquals(cut.kind, "truncated");
  await assertRejects(() => samples([wav.subarray(0, 30)], "wav"), AudioError, "WAV header");
});

Deno.test("monoChunks reads a WAV stream's announced data, or to the end when it says 0xFFFFFFFF", async () => {
  const wav = encodeWav(new Float32Array(1000).fill(0.1), 16000);
  const trailer = new Uint8Array(20); // a chunk after the data is not audio
  assertEquals(await samples([wav, trailer], "wav"), 1000);
  const unknown = wav.slice();
  new DataView(unknown.buffer).setUint32(40, 0xffffffff, true);
  assertEquals(await samples([unknown, new Uint8Array(200)], "wav"), 1100);
  new DataView(unknown.buffer).setUint32(40, 0x7ffffffe, true); // arecord's placeholder
  assertEquals(await samples([unknown.subarray(0, 44 + 600)], "wav"), 300);
});
