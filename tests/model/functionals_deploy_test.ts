import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { applyTemperature } from "../../lib/model/calibration.ts";
import { checkFunctionalsCard } from "../../lib/model/check_functionals.ts";
import { candidateFamily } from "../../lib/model/families.ts";
import { type FunctionalsCard, functionalsDeployable } from "../../lib/model/functionals_deploy.ts";
import { loadDeployable } from "../../lib/model/mod.ts";
import { EmotionPredictor } from "../../lib/realtime/mod.ts";
import { testFunctionalsModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

async function card(): Promise<FunctionalsCard> {
  return JSON.parse(await Deno.readTextFile(`${await testFunctionalsModel()}/serlab.json`));
}

Deno.test("a functional-set card says what it is and loads as a deployable model", async () => {
  const c = checkFunctionalsCard(await card(), "serlab.json");
  assertEquals(c.family, "functionals");
  assert(["compact", "large"].includes(c.set), c.set);
  // the recipe's candidate family is fitted by the card's classifier family
  const [candidate, set, strength] = c.recipe.split(" ");
  assertEquals([set, strength.slice(0, 2)], [c.set, "c="]);
  assertEquals(candidateFamily(candidate, 1).family.name, c.classifier.family);
  assert(c.validation.accuracy > 0 && c.validation.uar > 0, JSON.stringify(c.validation));
  const m = functionalsDeployable(c);
  assertEquals(m.featureNames.length, c.globalScaler.mean.length);
  assertEquals(m.speakerNormalized, true);
  const x = new Float32Array(2 * m.featureNames.length);
  const p = await m.predict(x, 2);
  assertEquals(p.probabilities.length, 2 * c.labels.length);
  assert(Math.abs(p.probabilities.slice(0, c.labels.length).reduce((a, b) => a + b) - 1) < 1e-5);
});

Deno.test("each classifier's temperature, fitted on held-out corpora, is folded into its weights", async () => {
  const c = checkFunctionalsCard(await card(), "serlab.json");
  const k = c.labels.length, d = c.globalScaler.mean.length;
  const x = Float32Array.from({ length: 3 * d }, (_, i) => Math.sin(i));
  const heads = [
    { calibration: c.inductive!.calibration, standardization: "global" as const },
    { calibration: c.calibration!, standardization: "speaker" as const },
  ];
  for (const { calibration, standardization } of heads) {
    const t = calibration.temperature;
    assert(t > 0 && Number.isFinite(t) && t !== 1, `T = ${t}`);
    assertEquals(calibration.fittedOn, "leave-one-corpus-out validation");
    // the saved weights are the fitted ones over T: the same probabilities as scaling them by T
    const unscale = (j: Record<string, unknown>) => ({
      ...j,
      weights: (j.weights as number[]).map((v) => v * t),
    });
    const fitted = standardization === "global"
      ? { ...c, inductive: { ...c.inductive!, classifier: unscale(c.inductive!.classifier) } }
      : { ...c, classifier: unscale(c.classifier) };
    const saved = (await functionalsDeployable(c).predict(x, 3, { standardization }))
      .probabilities;
    const raw = (await functionalsDeployable(fitted).predict(x, 3, { standardization }))
      .probabilities;
    const scaled = applyTemperature(raw, k, t);
    saved.forEach((p, i) => assert(Math.abs(p - scaled[i]) < 1e-5, `${p} vs ${scaled[i]}`));
  }
});

// deno-lint-ignore no-explicit-any
type Damage = (c: Record<string, any>) => void;

Deno.test("a damaged functional-set card is an error naming the file and the field", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-bad-card-" });
  const file = `${dir}/serlab.json`;
  const cases: [Damage, string][] = [
    [(c) => c.labels[1] = c.labels[0], 'labels: "%0" appears twice'],
    [(c) => c.labels = [c.labels[0]], "labels: must be two or more distinct names, holds 1"],
    [(c) => delete c.labels, "labels: must be two or more distinct names, got undefined"],
    [(c) => c.globalScaler.scale[5] = 0, "globalScaler.scale[5]: 0 is not a positive number"],
    [(c) => c.calibration.temperature = 0, "calibration.temperature: must be a positive finite"],
    [(c) => c.inductive.calibration.temperature = -2, "inductive.calibration.temperature: must"],
    [(c) => c.inductive.classifier.weights[3] = "x", 'inductive.classifier.weights[3]: "x" is not'],
    [(c) => c.set = "tiny", 'set: "tiny" is not one of compact, large, compact-prosody'],
    [(c) => c.globalScaler.scale[2] = -1, "globalScaler.scale[2]: -1 is not a positive"],
    [(c) => c.globalScaler.mean[4] = null, "globalScaler.mean[4]: null is not a finite number"],
    [(c) => c.globalScaler.mean.pop(), "globalScaler.mean: must hold %d numbers, holds %d-1"],
    [(c) => delete c.globalScaler, "globalScaler: missing or not an object"],
    [(c) => c.classifier.classes = 2, "classifier.classes: 2, but there are %k labels"],
    [(c) => c.classifier.dims = 7, "classifier.dims: 7, but the"],
    [(c) => c.classifier.family = "tree", 'classifier.family: "tree" is not one of logistic, svm'],
    [(c) => delete c.classifier, "classifier: missing or not an object"],
    [(c) => c.set = "huge", 'set: "huge" is not one of compact, large'],
    [(c) => delete c.set, "set: undefined is not one of"],
    [(c) => delete c.setsVersion, "setsVersion: must be an integer of at least 1"],
    [(c) => delete c.load, "load: missing or not an object"],
    [(c) => c.load.sampleRate = 0, "load.sampleRate: must be an integer of at least 1, got 0"],
    [(c) => c.labelMap.angry = "furious", 'labelMap.angry: "furious" is not one of the labels'],
    [(c) => delete c.labelMap, "labelMap: missing"],
    [(c) => delete c.recipe, "recipe: missing"],
    [(c) => c.normalization = "global", 'normalization: "global", expected "speaker"'],
    [(c) => delete c.trainedOn, "trainedOn: missing"],
    [(c) => delete c.trainedOn.clips, "trainedOn.clips: must be an integer"],
    [(c) => delete c.versions, "versions: missing"],
    [(c) => delete c.validation, "validation: missing"],
    [(c) => delete c.family, 'family: "undefined", expected "functionals"'],
  ];
  try {
    for (const [damage, expected] of cases) {
      const c = await card();
      const dims = c.globalScaler.mean.length, k = c.labels.length;
      const message = expected.replace("%0", c.labels[0]).replace("%d-1", String(dims - 1))
        .replace("%d", String(dims)).replace("%k", `${k}`);
      damage(c as unknown as Record<string, unknown>);
      await Deno.writeTextFile(file, JSON.stringify(c));
      let got = "";
      await loadDeployable(dir).then((m) => m.dispose(), (e) => got = e.message);
      assert(got.startsWith(`${file}: ${message}`), `expected "${file}: ${message}", got "${got}"`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a functional-set card with a scale of 0 is refused on load, never blamed on the audio", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-bad-card-" });
  try {
    const c = await card();
    c.globalScaler.scale[0] = 0;
    await Deno.writeTextFile(`${dir}/serlab.json`, JSON.stringify(c));
    let got = "";
    await EmotionPredictor.load(dir).then((p) => p.dispose(), (e) => got = e.message);
    assertEquals(got, `${dir}/serlab.json: globalScaler.scale[0]: 0 is not a positive number`);
    // the sound card predicts the same clip
    const predictor = await EmotionPredictor.load(await testFunctionalsModel());
    try {
      const clip = `${SAMPLE}/tess/YAF_angry/YAF_germ_angry.wav`;
      const p = await predictor.predictFile(await Deno.readFile(clip), clip);
      assert(c.labels.includes(p.emotion), p.emotion);
    } finally {
      predictor.dispose();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkFunctionalsCard: the card must be an object", () => {
  assertThrows(() => checkFunctionalsCard(null, "c.json"), Error, "c.json: the card: missing");
  assertThrows(() => checkFunctionalsCard([], "c.json"), Error, "c.json: the card: missing");
});
