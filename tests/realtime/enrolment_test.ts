import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertRejects,
  assertThrows,
} from "../_assert.ts";
import { SileroVad } from "../../lib/audio/vad.ts";
import { encodeWav, loadClip } from "../../lib/audio/mod.ts";
import { SpeakerStatistics } from "../../lib/model/mod.ts";
import {
  EmotionPredictor,
  monoChunks,
  predictSegments,
  type SegmentResult,
} from "../../lib/realtime/mod.ts";
import { testModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

const ACTOR_01 = `${SAMPLE}/ravdess/Actor_01`;

Deno.test("speaker statistics: mean and deviation of the enrolled vectors, saved and reloaded", () => {
  const s = new SpeakerStatistics(3, "k");
  const rows = [[1, 2, 7], [3, 2, 9], [5, 2, 8]];
  for (const r of rows) s.add(Float32Array.from(r), 1.5);
  const { mean, scale } = s.scaler();
  assertEquals(mean.map((m) => Math.round(m * 1e6) / 1e6), [3, 2, 8]);
  assertAlmostEquals(scale[0], Math.sqrt(8 / 3), 1e-9);
  assertEquals(scale[1], 1); // constant column
  assertEquals(s.seconds, 4.5);
  const back = SpeakerStatistics.fromJson(JSON.parse(JSON.stringify(s.toJson())), "k", "e.json");
  assertEquals(back.scaler(), s.scaler());
  assertThrows(() => SpeakerStatistics.fromJson(s.toJson(), "other", "e.json"), Error, "e.json");
  assertThrows(() => SpeakerStatistics.fromJson({ format: "x" }, "k", "e.json"), Error, "e.json");
  assertThrows(() => s.add(Float32Array.of(1, NaN, 2), 1), RangeError, "non-finite");
});

Deno.test("enrolment: files of the speaker switch predictions to the speaker's statistics", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  const vad = await SileroVad.load();
  try {
    assert(predictor.model.speakerNormalized);
    const files = [...Deno.readDirSync(ACTOR_01)].map((e) => `${ACTOR_01}/${e.name}`).sort();
    const [scored, ...enrol] = files;
    const bytes = await Deno.readFile(scored);
    const before = await predictor.predictFile(bytes, scored);
    assertEquals(before.standardization, "global");
    let seconds = 0;
    for (const f of enrol.slice(0, 12)) {
      seconds += await predictor.enrolFile(await Deno.readFile(f), f, vad);
    }
    assert(seconds >= 10 && seconds <= 12 * 2.5, `${seconds} s of speech`);
    const after = await predictor.predictFile(bytes, scored);
    assertEquals(after.standardization, "speaker");
    // the speaker's statistics are those of the enrolled clips' feature vectors
    const x = enrol.slice(0, 12).map((f) =>
      predictor.model.features(loadClip(Deno.readFileSync(f), f, predictor.model.load))
    );
    const mean0 = x.reduce((a, v) => a + v[40], 0) / x.length;
    assertAlmostEquals(predictor.enrolment!.scaler().mean[40], mean0, 1e-4);
    assert(
      Object.keys(before.probabilities).some((l) =>
        before.probabilities[l] !== after.probabilities[l]
      ),
    );
    // silence and noise do not count (Silero VAD hears no speech): an error naming the file
    const silent = encodeWav(new Float32Array(22050 * 4), 22050);
    await assertRejects(() => predictor.enrolFile(silent, "quiet.wav", vad), Error, "quiet.wav");
    let seed = 7;
    const noise = new Float32Array(22050 * 4).map(() => {
      seed = (seed * 16807) % 2147483647;
      return 0.01 * (seed / 2147483647 - 0.5);
    });
    await assertRejects(
      () => predictor.enrolFile(encodeWav(noise, 22050), "hiss.wav", vad),
      Error,
      "hiss.wav: no speech to enrol",
    );
    assertEquals(predictor.enrolment!.seconds, seconds);
  } finally {
    vad.dispose();
    predictor.dispose();
  }
});

Deno.test("segments of a long recording streamed from a WAV file: times and one prediction each", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  const dir = await Deno.makeTempDir();
  try {
    const sr = 22050;
    const files = [...Deno.readDirSync(ACTOR_01)].map((e) => `${ACTOR_01}/${e.name}`).sort()
      .slice(0, 3);
    const parts = files.map((f) => loadClip(Deno.readFileSync(f), f, predictor.model.load));
    const gap = new Float32Array(sr); // 1 s of silence between clips
    const y = new Float32Array(parts.reduce((n, p) => n + p.length + gap.length, 0));
    let at = 0;
    for (const p of parts) {
      y.set(p, at);
      at += p.length + gap.length;
    }
    await Deno.writeFile(`${dir}/long.wav`, encodeWav(y, sr));
    const file = await Deno.open(`${dir}/long.wav`);
    const got: SegmentResult[] = [];
    for await (
      const r of predictSegments(predictor, monoChunks(file.readable, "wav", "long"), {})
    ) {
      got.push(r);
    }
    assert(got.length >= 3, JSON.stringify(got.map((g) => [g.start, g.end])));
    assert(got.every((g, i) => g.end > g.start && (i === 0 || g.start >= got[i - 1].end)));
    for (const g of got) {
      assertAlmostEquals(Object.values(g.probabilities).reduce((a, b) => a + b, 0), 1, 1e-5);
    }
  } finally {
    predictor.dispose();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a format-2 model (one global scaler) still predicts, and refuses enrolment saying why", async () => {
  const src = await testModel();
  const dir = await Deno.makeTempDir();
  try {
    for (const part of ["extractor", "fusion", "gender"]) {
      await Deno.mkdir(`${dir}/${part}`);
      for (const f of ["model.json", "weights.bin"]) {
        await Deno.copyFile(`${src}/${part}/${f}`, `${dir}/${part}/${f}`);
      }
    }
    const { globalScaler: _, ...card } = JSON.parse(await Deno.readTextFile(`${src}/serlab.json`));
    await Deno.writeTextFile(
      `${dir}/serlab.json`,
      JSON.stringify({ ...card, format: "serlab-fusionnet/2", normalization: "global" }),
    );
    const predictor = await EmotionPredictor.load(dir);
    try {
      assertEquals(predictor.model.speakerNormalized, false);
      const file = `${ACTOR_01}/03-01-05-01-01-01-01.wav`;
      const p = await predictor.predictFile(await Deno.readFile(file), file);
      assertEquals(p.standardization, "global");
      const vad = await SileroVad.load();
      await assertRejects(
        () => predictor.enrolFile(Deno.readFileSync(file), file, vad),
        Error,
        "format 2",
      ).finally(() => vad.dispose());
    } finally {
      predictor.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
