import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertRejects,
  assertThrows,
} from "../_assert.ts";
import { SileroVad } from "../../lib/audio/vad.ts";
import { loadClip } from "../../lib/audio/mod.ts";
import { FRAME_COUNT, FRAME_NAMES } from "../../lib/features/frames.ts";
import { applyTemperature } from "../../lib/model/calibration.ts";
import {
  applyScaler,
  checkSequenceCard,
  loadDeployable,
  readEnrolment,
  type SequenceCard,
  SpeakerStatistics,
} from "../../lib/model/mod.ts";
import { SequenceModel } from "../../lib/model/sequence/mod.ts";
import { EmotionPredictor } from "../../lib/realtime/mod.ts";
import { testSequenceModel } from "../_model.ts";
import { runCli, SAMPLE } from "../_shared.ts";

const ACTOR_01 = `${SAMPLE}/ravdess/Actor_01`;

async function card(): Promise<SequenceCard> {
  return JSON.parse(await Deno.readTextFile(`${await testSequenceModel()}/serlab.json`));
}

Deno.test("a sequence card says what it is; the deployable model runs the network of each standardisation, calibrated", async () => {
  const c = checkSequenceCard(await card(), "serlab.json");
  assertEquals([c.family, c.frames.count, c.frames.names], ["sequence", FRAME_COUNT, FRAME_NAMES]);
  for (const v of [c.validation.inductive, c.validation.speaker]) {
    assert(v.accuracy >= 0 && v.accuracy <= 1 && v.uar >= 0 && v.uar <= 1, JSON.stringify(v));
  }
  const model = await loadDeployable(await testSequenceModel());
  assertEquals([model.family, model.featureNames.length, model.speakerNormalized], [
    "sequence",
    60,
    true,
  ]);
  const file = `${ACTOR_01}/03-01-05-02-01-01-01.wav`;
  const frames = model.features(loadClip(await Deno.readFile(file), file, model.load));
  assertEquals(frames.length, FRAME_COUNT * 60);
  const x = applyScaler(frames, model.globalScaler);
  const k = c.labels.length;
  const results: Float32Array[] = [];
  for (
    const [which, standardization] of [["inductive", "global"], ["speaker", "speaker"]] as const
  ) {
    const { probabilities } = await model.predict(x, 1, { standardization });
    // the card's network, by itself, then its temperature
    const net = SequenceModel.fromJSON(c[which].network);
    const expected = applyTemperature(net.predictProba([x]), k, c[which].calibration.temperature);
    probabilities.forEach((p, i) => assertAlmostEquals(p, expected[i], 1e-6));
    assertAlmostEquals(probabilities.reduce((a, b) => a + b), 1, 1e-5);
    results.push(probabilities);
  }
  assert(results[0].some((p, i) => Math.abs(p - results[1][i]) > 1e-6), "two networks");
  model.dispose();
});

Deno.test("a damaged sequence card is an error naming the file and the field", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-bad-sequence-" });
  const file = `${dir}/serlab.json`;
  // deno-lint-ignore no-explicit-any
  const cases: [(c: Record<string, any>) => void, string][] = [
    [(c) => c.frames.names = c.frames.names.slice(1), "frames.names: not the frame descriptors"],
    [(c) => c.frames.count = 100, "frames.count: 100, expected 108"],
    [(c) => c.load.offset = 0, "load.offset: 0, expected 0.6 (the paper's cut)"],
    [(c) => c.frames.version = 0, "frames.version: must be an integer of at least 1, got 0"],
    [(c) => c.globalScaler.scale[3] = 0, "globalScaler.scale[3]: 0 is not a positive number"],
    [(c) => c.speaker.network.parameters.pop(), "speaker.network: sequence model: parameters"],
    [(c) => c.inductive.network.shape.classes = 3, "inductive.network.shape.classes: 3, but"],
    [(c) => c.inductive.calibration.temperature = 0, "inductive.calibration.temperature"],
    [(c) => c.labels = [c.labels[0]], "labels: must be two or more distinct names, holds 1"],
  ];
  try {
    for (const [damage, message] of cases) {
      const c = await card();
      damage(c as unknown as Record<string, unknown>);
      await Deno.writeTextFile(file, JSON.stringify(c));
      await assertRejects(() => loadDeployable(dir), Error, `${file}: ${message}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("enrolment with a sequence model: the speaker's statistics over frames, then the speaker network", async () => {
  const predictor = await EmotionPredictor.load(await testSequenceModel());
  const vad = await SileroVad.load();
  const dir = await Deno.makeTempDir();
  try {
    const files = [...Deno.readDirSync(ACTOR_01)].map((e) => `${ACTOR_01}/${e.name}`).sort();
    const [scored, ...enrol] = files;
    const bytes = await Deno.readFile(scored);
    const before = await predictor.predictFile(bytes, scored);
    assertEquals(before.standardization, "global");
    for (const f of enrol.slice(0, 12)) await predictor.enrolFile(await Deno.readFile(f), f, vad);
    const after = await predictor.predictFile(bytes, scored);
    assertEquals(after.standardization, "speaker");
    // one row per frame of each enrolled clip: the mean of a descriptor over all their frames
    const model = predictor.model;
    const frames = enrol.slice(0, 12).map((f) =>
      model.features(loadClip(Deno.readFileSync(f), f, model.load))
    );
    assertEquals(predictor.enrolment!.rows, 12 * FRAME_COUNT);
    const rms = FRAME_NAMES.indexOf("rms");
    let sum = 0;
    for (const x of frames) for (let t = 0; t < FRAME_COUNT; t++) sum += x[t * 60 + rms];
    assertAlmostEquals(predictor.enrolment!.scaler().mean[rms], sum / (12 * FRAME_COUNT), 1e-5);
    // the probabilities are the speaker network's on frames standardised by those statistics
    const direct = await model.predict(
      applyScaler(model.features(loadClip(bytes, scored, model.load)), predictor.speakerScaler()!),
      1,
      { standardization: "speaker" },
    );
    model.labels.forEach((l, i) =>
      assertAlmostEquals(after.probabilities[l], direct.probabilities[i], 1e-6)
    );
    // saved and read back for this model
    await Deno.writeTextFile(`${dir}/me.json`, JSON.stringify(predictor.enrolment!.toJson()));
    assertEquals((await readEnrolment(`${dir}/me.json`, model)).width, 60);
  } finally {
    vad.dispose();
    predictor.dispose();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train --family sequence saves the sequence model that predict reads; an unknown family is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-train-sequence-" });
  try {
    // two corpora of the sample: auto would deploy the functional-set model; sequence is asked
    await Deno.mkdir(`${dir}/data`);
    for (const corpus of ["ravdess", "tess"]) {
      await Deno.symlink(await Deno.realPath(`${SAMPLE}/${corpus}`), `${dir}/data/${corpus}`);
    }
    const train = await runCli("train.ts", [
      "--data",
      `${dir}/data`,
      "--out",
      `${dir}/model`,
      "--family",
      "sequence",
      "--quick",
    ]);
    assertEquals(train.code, 0, train.stderr);
    assert(
      train.stdout.includes("sequence (") && train.stdout.includes("), as asked,"),
      train.stdout,
    );
    assert(train.stdout.includes("at most 8 epochs"), train.stdout);
    const c = checkSequenceCard(
      JSON.parse(await Deno.readTextFile(`${dir}/model/serlab.json`)),
      "serlab.json",
    );
    assertEquals(c.trainedOn.corpora, ["ravdess", "tess"]);
    assert(c.inductive.network.history.length <= 8);
    const p = await runCli("predict.ts", [
      `${dir}/model`,
      `${ACTOR_01}/03-01-05-02-01-01-01.wav`,
      "--json",
      "--with-inputs",
    ]);
    assertEquals(p.code, 0, p.stderr);
    const out = JSON.parse(p.stdout.trim());
    assertEquals(out.inputs.frames.length, FRAME_COUNT * 60);
    assertEquals(Object.keys(out.probabilities), c.labels);
    const bad = await runCli("train.ts", [
      "--data",
      `${dir}/data`,
      "--out",
      `${dir}/m2`,
      "--family",
      "tree",
    ]);
    assertEquals(bad.code, 2, bad.stderr);
    assert(bad.stderr.includes("auto"), bad.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a long speech segment gives the sequence model every frame; a vector of frames is refused where one vector is expected", async () => {
  const model = await loadDeployable(await testSequenceModel());
  try {
    const file = `${ACTOR_01}/03-01-05-02-01-01-01.wav`;
    const y = loadClip(await Deno.readFile(file), file, { ...model.load, duration: null });
    const long = new Float32Array(2 * y.length);
    long.set(y), long.set(y, y.length);
    const frames = model.features(long);
    assertEquals(frames.length, (1 + Math.floor(long.length / 512)) * 60);
    assert(frames.length > FRAME_COUNT * 60);
    const x = applyScaler(frames, model.globalScaler);
    const { probabilities } = await model.predict(x, 1);
    assertAlmostEquals(probabilities.reduce((a, b) => a + b), 1, 1e-5);
    // the speaker's statistics: any number of frames for this model, one vector for the others
    const s = SpeakerStatistics.of(model);
    s.add(frames, 5);
    assertEquals(s.rows, frames.length / 60);
    const one = new SpeakerStatistics(60, "one vector");
    assertThrows(() => one.add(frames.subarray(0, 120), 1), RangeError, "expected 60");
  } finally {
    model.dispose();
  }
});
