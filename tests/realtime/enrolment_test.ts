import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { encodeWav, loadClip } from "../../lib/audio/mod.ts";
import { SpeakerStatistics } from "../../lib/model/mod.ts";
import {
  EmotionPredictor,
  monoChunks,
  predictSegments,
  Segmenter,
  type SegmentResult,
  speechSeconds,
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

Deno.test("segments: energy voice activity with hangover, minimum and maximum length", () => {
  const sr = 8000;
  const y = new Float32Array(20 * sr);
  const tone = (from: number, to: number) => {
    for (let i = from * sr; i < to * sr; i++) y[i] = 0.3 * Math.sin(i / 3);
  };
  tone(1, 2.5); // one segment
  tone(4, 4.2); // a short burst in silence, 0.2 s < 0.5 s: dropped
  tone(6, 6.5);
  tone(6.7, 7.5); // a 0.2 s pause inside the hangover: one segment 6-7.5
  tone(9, 20); // 11 s of speech: cut at 5 s
  const s = new Segmenter(sr);
  const got = [];
  for (let at = 0; at < y.length; at += 1234) got.push(...s.push(y.subarray(at, at + 1234)));
  got.push(...s.flush());
  const spans = got.map((g) => [g.start, g.end].map((t) => Math.round(t * 10) / 10));
  assertEquals(spans.slice(0, 2), [[1, 2.5], [6, 7.5]]);
  assert(spans.length >= 4, JSON.stringify(spans));
  assert(got.every((g) => g.end - g.start <= 5.001), JSON.stringify(spans));
  assertAlmostEquals(spans.at(-1)![1], 20, 0.05);
  assertAlmostEquals(speechSeconds(y, sr), 1.5 + 0.2 + 0.5 + 0.8 + 11, 0.05);
});

Deno.test("enrolment: files of the speaker switch predictions to the speaker's statistics", async () => {
  const predictor = await EmotionPredictor.load(await testModel());
  try {
    assert(predictor.model.speakerNormalized);
    const files = [...Deno.readDirSync(ACTOR_01)].map((e) => `${ACTOR_01}/${e.name}`).sort();
    const [scored, ...enrol] = files;
    const bytes = await Deno.readFile(scored);
    const before = await predictor.predictFile(bytes, scored);
    assertEquals(before.standardization, "global");
    let seconds = 0;
    for (const f of enrol.slice(0, 12)) seconds += predictor.enrolFile(await Deno.readFile(f), f);
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
    // silence does not count, and is an error naming the file
    const silent = encodeWav(new Float32Array(22050 * 4), 22050);
    assertThrows(() => predictor.enrolFile(silent, "quiet.wav"), Error, "quiet.wav");
  } finally {
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
