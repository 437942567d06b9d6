import { assert, assertEquals, assertThrows } from "../_assert.ts";
import {
  AudioError,
  checkSamples,
  decodeAudio,
  encodeWav,
  readMono,
  SileroVad,
} from "../../lib/audio/mod.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import { Random } from "../../lib/util/random.ts";
import { SAMPLE } from "../_shared.ts";

/** espeak-ng's voice saying `text`, as WAV bytes. */
async function espeak(text: string): Promise<Uint8Array> {
  const r = await new Deno.Command("espeak-ng", { args: ["--stdout", text], stdout: "piped" })
    .output();
  assert(r.success, "espeak-ng failed");
  return r.stdout;
}

Deno.test("Silero VAD: espeak-ng speech is speech; 10 s of silence and of low white noise are not", async () => {
  const vad = await SileroVad.load();
  try {
    const bytes = await espeak("The weather is lovely today, let us go for a walk by the river.");
    const pcm = decodeAudio(bytes, "espeak.wav");
    const y = readMono(pcm);
    const regions = await vad.regions(y, pcm.sampleRate);
    const duration = y.length / pcm.sampleRate;
    const speech = regions.reduce((a, r) => a + r.end - r.start, 0);
    assert(regions.length >= 1 && speech > 0.6 * duration, JSON.stringify(regions));
    assert(regions.every((r) => r.start >= 0 && r.end <= duration + 1e-9 && r.end > r.start));

    const sr = 16000;
    assertEquals(await vad.regions(new Float32Array(10 * sr), sr), []);
    const random = new Random(7);
    for (const level of [0.003, 0.01, 0.03]) {
      const noise = Float32Array.from({ length: 10 * sr }, () => level * random.normal());
      assertEquals(await vad.regions(noise, sr), [], `white noise of RMS ${level}`);
    }
    // the same speech in that noise is still found: the detector hears speech, not level
    const mixed = y.map((v) => v + 0.01 * random.normal());
    assert((await vad.regions(mixed, pcm.sampleRate)).length >= 1);
  } finally {
    vad.dispose();
  }
});

Deno.test("Silero VAD: real clips of the four sample corpora are speech", async () => {
  const vad = await SileroVad.load();
  try {
    const { clips } = await discoverClips(SAMPLE);
    // every 15th clip: all four corpora, both genders, every emotion
    const chosen = clips.filter((_, i) => i % 15 === 0);
    assert(new Set(chosen.map((c) => c.corpus)).size === 4);
    const missed: string[] = [];
    for (const c of chosen) {
      const file = `${SAMPLE}/${c.path}`;
      const pcm = decodeAudio(await Deno.readFile(file), file);
      const regions = await vad.regions(readMono(pcm), pcm.sampleRate);
      if (regions.length === 0) missed.push(c.path);
    }
    assertEquals(missed, [], `${missed.length} of ${chosen.length} clips heard as no speech`);
  } finally {
    vad.dispose();
  }
});

Deno.test("checkSamples: NaN, infinities and samples far outside [-1, 1] are refused, naming the file", () => {
  checkSamples(Float32Array.of(0, 1, -1, 1.5, -9.99), "ok.wav"); // overshoot is allowed
  const huge = assertThrows(() => checkSamples(Float32Array.of(0, 1e30), "h.wav"), AudioError);
  assertEquals(huge.kind, "out-of-range");
  assertEquals(
    huge.message,
    "h.wav: sample 1 is 1.00e+30, far outside full scale [-1, 1] (limit ±10)",
  );
  const inf = assertThrows(() => checkSamples(Float32Array.of(-Infinity), "i.wav", 5), AudioError);
  assertEquals([inf.kind, inf.message], ["non-finite", "i.wav: sample 5 is -Infinity"]);
  // a float WAV of 1e30 fails in readMono, where every reader takes its samples
  const wav = encodeWav(Float32Array.of(0.1, 1e30, 0.1), 16000, "float32");
  const e = assertThrows(() => readMono(decodeAudio(wav, "f.wav")), AudioError, "f.wav: sample 1");
  assertEquals(e.kind, "out-of-range");
});
