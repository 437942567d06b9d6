import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import { trainBestAndSave } from "../../lib/eval/mod.ts";
import { FUSIONNET_DESIGN } from "../../lib/model/fusionnet/deploy.ts";
import { FUSIONNET_TRAINING, loadDeployable } from "../../lib/model/mod.ts";
import { EmotionPredictor } from "../../lib/realtime/mod.ts";
import { versions } from "../../lib/version.ts";
import { testFunctionalsModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

const ANGRY = `${SAMPLE}/ravdess/Actor_01/03-01-05-01-01-01-01.wav`;

Deno.test("trainBestAndSave keeps the family better on the validation actors, replacing an earlier model, and the folder loads as it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-best-model-" });
  // an earlier serlab model in the folder: replaced as a whole, nothing of it left
  await Deno.mkdir(`${dir}/model/gender`, { recursive: true });
  await Deno.writeTextFile(`${dir}/model/serlab.json`, '{"format":"serlab-fusionnet/3"}');
  await Deno.writeTextFile(`${dir}/model/gender/weights.bin`, "earlier");
  const { clips } = await discoverClips(SAMPLE);
  const choice = await trainBestAndSave(
    clips.filter((c) => c.corpus === "ravdess" || c.corpus === "tess"),
    {
      root: SAMPLE,
      out: `${dir}/model`,
      cacheDir: `${dir}/cache`,
      seed: 3,
      augment: [],
      backend: "wasm-simd",
      training: { ...FUSIONNET_TRAINING, epochs: 2 },
      ...FUSIONNET_DESIGN,
      power: "log",
      versions: versions(),
      manifestSha256: "test",
    },
  );
  const v = choice.validation;
  assert(v.fusionnet !== null && v.functionals !== null, JSON.stringify(v));
  assertEquals(choice.family, v.functionals! > v.fusionnet! ? "functionals" : "fusionnet");
  const card = JSON.parse(await Deno.readTextFile(`${dir}/model/serlab.json`));
  assertEquals(card.format.startsWith(`serlab-${choice.family}`), true);
  if (choice.family === "functionals") {
    // one model in the folder: FusionNet's files gave way
    assertEquals([...Deno.readDirSync(`${dir}/model`)].map((e) => e.name), ["serlab.json"]);
    assertEquals(card.validation.fusionnet, v.fusionnet);
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
  try {
    assertEquals(predictor.model.family, "functionals");
    assertEquals(predictor.labels, ["neutral", "happy", "sad", "angry", "fear", "disgust"]);
    const p = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY);
    assertAlmostEquals(Object.values(p.probabilities).reduce((a, b) => a + b, 0), 1, 1e-5);
    assertEquals(p.standardization, "global");
    for (const name of ["03-01-01-01-01-01-01", "03-01-03-01-01-01-01", "03-01-04-01-02-02-01"]) {
      const f = `${SAMPLE}/ravdess/Actor_01/${name}.wav`;
      await predictor.enrolFile(await Deno.readFile(f), f);
    }
    predictor.minEnrolmentSeconds = 1;
    const enrolled = await predictor.predictFile(await Deno.readFile(ANGRY), ANGRY);
    assertEquals(enrolled.standardization, "speaker");
    assert(
      Object.keys(p.probabilities).some((k) => p.probabilities[k] !== enrolled.probabilities[k]),
      "the speaker's statistics changed nothing",
    );
  } finally {
    predictor.dispose();
  }
});
