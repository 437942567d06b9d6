import { assert, assertAlmostEquals, assertEquals, assertRejects } from "../_assert.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import { describeChoice, trainBestAndSave } from "../../lib/eval/mod.ts";
import { FUSIONNET_DESIGN } from "../../lib/model/fusionnet/deploy.ts";
import { FUSIONNET_TRAINING, loadDeployable } from "../../lib/model/mod.ts";
import { EmotionPredictor } from "../../lib/realtime/mod.ts";
import { SileroVad } from "../../lib/audio/vad.ts";
import { versions } from "../../lib/version.ts";
import { testFunctionalsModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

const ANGRY = `${SAMPLE}/ravdess/Actor_01/03-01-05-01-01-01-01.wav`;

/** Deployment settings for a model in `dir/model` (FusionNet trained for 2 epochs, if at all). */
function _options(dir: string) {
  return {
    root: SAMPLE,
    out: `${dir}/model`,
    cacheDir: `${dir}/cache`,
    seed: 3,
    augment: [],
    backend: "wasm-simd" as const,
    training: { ...FUSIONNET_TRAINING, epochs: 2 },
    ...FUSIONNET_DESIGN,
    power: "log" as const,
    versions: versions(),
    manifestSha256: "test",
  };
}

Deno.test("trainBestAndSave on one corpus (and one too small to hold out) keeps the family better on the validation actors, replacing an earlier model, and the folder loads as it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-best-model-" });
  // an earlier serlab model in the folder: replaced as a whole, nothing of it left
  await Deno.mkdir(`${dir}/model/gender`, { recursive: true });
  await Deno.writeTextFile(`${dir}/model/serlab.json`, '{"format":"serlab-fusionnet/3"}');
  await Deno.writeTextFile(`${dir}/model/gender/weights.bin`, "earlier");
  const { clips } = await discoverClips(SAMPLE);
  const choice = await trainBestAndSave(
    // SAVEE's 15 sample clips are too few to hold out: one corpus to choose on, SAVEE trains
    clips.filter((c) => c.corpus === "cremad" || c.corpus === "savee"),
    _options(dir),
  );
  const v = choice.validation;
  assertEquals(choice.chosenBy, "validation actors");
  assert(v.fusionnet !== null && v.functionals !== null, JSON.stringify(v));
  assertEquals(choice.family, v.functionals! > v.fusionnet! ? "functionals" : "fusionnet");
  const card = JSON.parse(await Deno.readTextFile(`${dir}/model/serlab.json`));
  assertEquals(card.format.startsWith(`serlab-${choice.family}`), true);
  if (choice.family === "functionals") {
    // one model in the folder: FusionNet's files gave way
    assertEquals([...Deno.readDirSync(`${dir}/model`)].map((e) => e.name), ["serlab.json"]);
    assertEquals(card.validation.fusionnet, v.fusionnet);
    assertEquals(card.unseenCorpus, null);
  }
  assertEquals(
    (await Deno.readTextFile(`${dir}/model/gender/weights.bin`).catch(() => "gone")) === "earlier",
    false,
  );
  // no temporary or old folder left beside it
  assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["cache", "model"]);
  const model = await loadDeployable(`${dir}/model`);
  assertEquals(model.family, choice.family);
  model.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a functional-set model predicts files and enrols speakers like FusionNet", async () => {
  const dir = await testFunctionalsModel();
  const predictor = await EmotionPredictor.load(dir);
  const vad = await SileroVad.load();
  try {
    assertEquals(predictor.model.family, "functionals");
    assertEquals(predictor.labels, ["neutral", "happy", "sad", "angry", "fear", "disgust"]);
    const p = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY);
    assertAlmostEquals(Object.values(p.probabilities).reduce((a, b) => a + b, 0), 1, 1e-5);
    assertEquals(p.standardization, "global");
    for (const name of ["03-01-01-01-01-01-01", "03-01-03-01-01-01-01", "03-01-04-01-02-02-01"]) {
      const f = `${SAMPLE}/ravdess/Actor_01/${name}.wav`;
      await predictor.enrolFile(await Deno.readFile(f), f, vad);
    }
    predictor.minEnrolmentSeconds = 1;
    const enrolled = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY);
    assertEquals(enrolled.standardization, "speaker");
    assert(
      Object.keys(p.probabilities).some((k) => p.probabilities[k] !== enrolled.probabilities[k]),
      "the speaker's statistics changed nothing",
    );
  } finally {
    vad.dispose();
    predictor.dispose();
  }
});

Deno.test("trainBestAndSave on two corpora saves the functional-set model chosen by leave-one-corpus-out, with its expected figures on an unseen corpus and one classifier per standardisation", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-robust-model-" });
  const { clips } = await discoverClips(SAMPLE);
  const two = clips.filter((c) => c.corpus === "ravdess" || c.corpus === "tess");
  const choice = await trainBestAndSave(two, _options(dir));
  try {
    assertEquals([choice.family, choice.chosenBy], ["functionals", "leave-one-corpus-out"]);
    assertEquals(choice.validation.fusionnet, null);
    const card = JSON.parse(await Deno.readTextFile(`${dir}/model/serlab.json`));
    assertEquals([...Deno.readDirSync(`${dir}/model`)].map((e) => e.name), ["serlab.json"]);
    assertEquals(card.validation.chosenBy, "leave-one-corpus-out");
    assertEquals(card.unseenCorpus.corpora, ["ravdess", "tess"]);
    for (const s of ["global", "speaker"]) {
      const e = card.unseenCorpus[s];
      assert(e.uar > 0 && e.uar <= 1 && e.accuracy > 0 && e.accuracy <= 1, JSON.stringify(e));
      assert(e.ece >= 0 && e.ece <= 1, JSON.stringify(e));
    }
    // the recipe's validation UAR is the estimate before enrolment (the same splits and rows)
    assertAlmostEquals(card.unseenCorpus.global.uar, card.validation.uar, 1e-12);
    assert(card.inductive.calibration.temperature > 0);
    assert(
      card.inductive.classifier.weights.some((w: number, i: number) =>
        w !== card.classifier.weights[i]
      ),
      "one classifier for both standardisations",
    );
    // before enrolment the inductive classifier answers, after it the per-speaker one
    const model = await loadDeployable(`${dir}/model`);
    const d = model.featureNames.length;
    const x = new Float32Array(d).map((_, j) => Math.sin(j));
    const global = (await model.predict(x, 1)).probabilities;
    const own = (await model.predict(x, 1, { standardization: "speaker" })).probabilities;
    const expected = (w: number[]) => {
      const z = card.labels.map((_: string, c: number) => {
        let s = w[c * (d + 1) + d];
        for (let j = 0; j < d; j++) s += w[c * (d + 1) + j] * x[j];
        return s;
      });
      const m = Math.max(...z), e = z.map((v: number) => Math.exp(v - m));
      return e.map((v: number) => v / e.reduce((a: number, b: number) => a + b, 0));
    };
    expected(card.inductive.classifier.weights).forEach((p: number, c: number) =>
      assertAlmostEquals(global[c], p, 1e-5)
    );
    expected(card.classifier.weights).forEach((p: number, c: number) =>
      assertAlmostEquals(own[c], p, 1e-5)
    );
    model.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("trainBestAndSave with a family asked for trains and saves that family only", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-asked-model-" });
  const { clips } = await discoverClips(SAMPLE);
  try {
    // one corpus: auto would train FusionNet too and keep the better; asked, only the named one
    const one = clips.filter((c) => c.corpus === "cremad");
    const choice = await trainBestAndSave(one, { ..._options(dir), family: "functionals" });
    assertEquals([choice.family, choice.chosenBy, choice.validation.fusionnet], [
      "functionals",
      "asked",
      null,
    ]);
    assertEquals([...Deno.readDirSync(`${dir}/model`)].map((e) => e.name), ["serlab.json"]);
    assertEquals((await loadDeployable(`${dir}/model`)).family, "functionals");
    assert(
      describeChoice(choice).startsWith("functionals (") && describeChoice(choice).includes(
        "), as asked; validation accuracy: FusionNet n/a",
      ),
      describeChoice(choice),
    );
    // too few actors to hold any out: a clear error, and no model folder
    const two = one.filter((c) => c.actor === one[0].actor);
    const out = `${dir}/small`;
    await assertRejects(
      () => trainBestAndSave(two, { ..._options(dir), out, family: "sequence" }),
      Error,
      "the sequence model: too few actors to hold any out",
    );
    await assertRejects(() => Deno.stat(out), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
