import { assert, assertAlmostEquals, assertEquals, assertRejects } from "../_assert.ts";
import { AudioError, encodeWav } from "../../lib/audio/mod.ts";
import { EmotionPredictor, levelDb, predictStream, Windower } from "../../lib/realtime/mod.ts";
import { discoverClips, parseLabelSet } from "../../lib/corpora/mod.ts";
import { FUSIONNET_DESIGN, trainAndSave } from "../../lib/model/fusionnet/deploy.ts";
import { FUSIONNET_TRAINING, loadFusionNet } from "../../lib/model/mod.ts";
import { testModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

/** `bytes` in chunks of the given sizes (the last size repeats). */
async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = sizes[Math.min(k, sizes.length - 1)];
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const ANGRY = `${SAMPLE}/ravdess/Actor_01/03-01-05-01-01-01-01.wav`;

Deno.test("a saved model loads and predicts a file: six probabilities summing to 1", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  try {
    assertEquals(predictor.labels, ["neutral", "happy", "sad", "angry", "fear", "disgust"]);
    const p = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY);
    const total = Object.values(p.probabilities).reduce((a, b) => a + b, 0);
    assertAlmostEquals(total, 1, 1e-5);
    assertEquals(p.emotion, Object.entries(p.probabilities).sort((a, b) => b[1] - a[1])[0][0]);
    assertEquals(p.genderSource, "estimated");
    const given = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY, "female");
    assertEquals([given.gender, given.genderSource], ["female", "given"]);
    await assertRejects(
      () => predictor.predictFile(new Uint8Array(10), "bad.wav"),
      AudioError,
      "bad.wav",
    );
  } finally {
    predictor.dispose();
  }
});

Deno.test("the saved files are TensorFlow.js layers models with the card's labels and scalers", async () => {
  const dir = await testModel();
  const json = JSON.parse(await Deno.readTextFile(`${dir}/extractor/model.json`));
  assertEquals(json.format, "layers-model");
  assertEquals(json.weightsManifest[0].paths, ["weights.bin"]);
  const { card, model } = await loadFusionNet(dir);
  assertEquals(card.scalers.acoustic.mean.length, 162);
  assertEquals(card.normalization, "speaker");
  assertEquals(card.globalScaler?.mean.length, 170);
  assertEquals(card.power, "log");
  assert(model.extractor && model.fusion && model.gender);
  model.extractor.dispose();
});

Deno.test("streaming: windows with time stamps as they complete, silence reported", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  try {
    const sr = 16000;
    const speech = Float32Array.from(
      { length: 4 * sr },
      (_, i) => 0.3 * Math.sin(i / 5) * Math.sin(i / 3000),
    );
    const stream = new Float32Array(7 * sr);
    stream.set(speech, 3 * sr); // 3 s of silence, then 4 s of sound
    const bytes = new Uint8Array(new Int16Array(stream.map((v) => Math.round(v * 32767))).buffer);
    const results = [];
    for await (
      const r of predictStream(
        predictor,
        chunked(bytes, [1000]),
        { sampleRate: sr, channels: 1, encoding: "s16le" },
        "test",
        {
          window: 2.5,
          hop: 0.5,
          silenceDb: -50,
        },
      )
    ) results.push(r);
    assertEquals(results.map((r) => r.start), [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
    assertEquals(results[0].silent, true);
    assertEquals(results[results.length - 1].silent, false);
    const last = results[results.length - 1];
    assert(!last.silent && predictor.labels.includes(last.emotion));
  } finally {
    predictor.dispose();
  }
});

Deno.test("a WAV stream is read header first, and the windower holds one window whatever the length", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  try {
    const wav = encodeWav(
      Float32Array.from({ length: 3 * 22050 }, (_, i) => 0.2 * Math.sin(i / 4)),
      22050,
    );
    new DataView(wav.buffer).setUint32(40, 0xffffffff, true); // a streaming writer's unknown size
    const results = [];
    for await (
      // the header split across two chunks
      const r of predictStream(predictor, chunked(wav, [30, wav.length]), "wav", "w", {
        window: 2.5,
        hop: 0.25,
        silenceDb: -60,
      })
    ) results.push(r);
    assertEquals(results.length, 3);
  } finally {
    predictor.dispose();
  }
  const w = new Windower(100, 1, 0.5);
  let n = 0;
  for (let i = 0; i < 1000; i++) n += w.push(new Float32Array(100)).length;
  assertEquals(n, 1999);
  assertAlmostEquals(levelDb(new Float32Array(10).fill(0.5)), -6.0206, 1e-3);
});

Deno.test("samples far outside [-1, 1] are an error in files and streams, before any feature", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  try {
    const sr = 16000;
    const huge = Float32Array.from({ length: 4 * sr }, (_, i) => 1e19 * Math.sin(i / 7));
    const e = await assertRejects(
      () => predictor.predictFile(encodeWav(huge, sr, "float32"), "huge.wav"),
      AudioError,
      "huge.wav: sample 9600 is 9.92e+18, far outside full scale [-1, 1]", // from the 0.6 s offset
    );
    assertEquals(e.kind, "out-of-range");
    const stream = predictStream(
      predictor,
      chunked(new Uint8Array(huge.buffer), [4096]),
      { sampleRate: sr, channels: 1, encoding: "f32le" },
      "live",
      { window: 2.5, hop: 0.5, silenceDb: -50 },
    );
    await assertRejects(
      async () => {
        for await (const _ of stream) { /* no window may come out */ }
      },
      AudioError,
      "live: sample 1 is 1.42e+18, far outside full scale",
    );
  } finally {
    predictor.dispose();
  }
});

Deno.test("a stream shorter than one window says so instead of printing nothing", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  try {
    const pcm = new Int16Array(16000).fill(1000);
    const e = await assertRejects(
      async () => {
        for await (
          const _ of predictStream(
            predictor,
            chunked(new Uint8Array(pcm.buffer), [5000]),
            { sampleRate: 16000, channels: 1, encoding: "s16le" },
            "stdin",
            { window: 2.5, hop: 0.5, silenceDb: -50 },
          )
        ) { /* none */ }
      },
      AudioError,
      "stdin: the stream held 1.00 s of audio, less than one 2.5 s window",
    );
    assertEquals(e.kind, "too-short");
  } finally {
    predictor.dispose();
  }
});

Deno.test("train with a label set: the card records labels and the mapping; predict reports them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { clips } = await discoverClips(SAMPLE);
    const card = await trainAndSave(clips.filter((c) => c.corpus === "ravdess"), {
      root: SAMPLE,
      out: dir,
      cacheDir: `${dir}/cache`,
      seed: 2,
      augment: [],
      backend: "wasm-simd",
      training: { ...FUSIONNET_TRAINING, epochs: 2 },
      ...FUSIONNET_DESIGN,
      power: "log",
      versions: {},
      manifestSha256: "test",
      labelSet: parseLabelSet(["angry", "happy", "neutral", "calm=neutral", "sad"]),
    });
    assertEquals(card.labels, ["angry", "happy", "neutral", "sad"]);
    assertEquals([card.labelMap?.calm, card.labelMap?.fear], ["neutral", null]);
    assertEquals(
      card.trainedOn.clips,
      clips.filter((c) =>
        c.corpus === "ravdess" && ["angry", "happy", "neutral", "calm", "sad"].includes(c.emotion)
      ).length,
    );
    const predictor = await EmotionPredictor.load(dir);
    try {
      assertEquals(predictor.labels, card.labels);
      const p = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY);
      assertEquals(Object.keys(p.probabilities), card.labels);
    } finally {
      predictor.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
