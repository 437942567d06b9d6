import * as ort from "onnxruntime-node";
import { assert, assertEquals } from "../_assert.ts";
import { SETS_VERSION } from "../../lib/dataset/featurize.ts";
import { functionalSet } from "../../lib/features/sets.ts";
import { applyTemperature } from "../../lib/model/calibration.ts";
import type { Classifier } from "../../lib/model/classifier.ts";
import { candidateFamily } from "../../lib/model/families.ts";
import {
  FUNCTIONALS_FORMAT,
  FUNCTIONALS_LOAD,
  type FunctionalsCard,
  saveFunctionals,
} from "../../lib/model/functionals_deploy.ts";
import { loadDeployable } from "../../lib/model/mod.ts";
import { Random } from "../../lib/util/random.ts";

const LABELS = ["angry", "happy", "neutral", "sad"];
const DIMS = functionalSet("compact").names.length;

/** Rows of the compact set's width; class c shifts feature c; `present` classes only. */
function matrix(rows: number, present: number, seed: number) {
  const rng = new Random(seed);
  const y = Int32Array.from({ length: rows }, (_, i) => i % present);
  const x = Float32Array.from({ length: rows * DIMS }, () => rng.normal());
  for (let i = 0; i < rows; i++) x[i * DIMS + y[i]] += 1.5;
  return { m: { x, rows, dims: DIMS }, y };
}

/** A card around a classifier's JSON (a unit scaler: the rows are already standardised). */
function card(recipe: string, classifier: Record<string, unknown>): FunctionalsCard {
  return {
    format: FUNCTIONALS_FORMAT,
    family: "functionals",
    recipe,
    labels: LABELS,
    labelMap: Object.fromEntries(LABELS.map((l) => [l, l])),
    set: "compact",
    setsVersion: SETS_VERSION,
    load: FUNCTIONALS_LOAD,
    normalization: "speaker",
    globalScaler: { mean: Array(DIMS).fill(0), scale: Array(DIMS).fill(1) },
    classifier,
    calibration: { temperature: 1.7, fittedOn: "validation actors" },
    validation: { accuracy: 0.5, uar: 0.5, fusionnet: null },
    trainedOn: { clips: 60, manifestSha256: "test", corpora: ["synthetic"] },
    seed: 1,
    versions: {},
  };
}

// a candidate of each registered family; the 4-label SVM is trained on 3 classes (one unseen)
const CASES: [string, number, number][] = [
  ["logistic", 0.1, 4],
  ["svm-rbf", 1, 3],
  ["svm-linear", 0.1, 4],
  ["svm-rbf", 10, 2],
];

for (const [candidate, c, present] of CASES) {
  Deno.test(`${candidate} (${present} of 4 classes seen): fitted → card → loadDeployable → predict → ONNX agree`, async () => {
    const { family, hyper } = candidateFamily(candidate, c);
    const runtime = await family.load();
    const { m, y } = matrix(90, present, 3);
    const fitted = runtime.fit(m, y, LABELS.length, hyper, 0);
    assertEquals(fitted.family, family.name);
    const t = 1.7, test = matrix(25, 4, 8).m;
    const expected = applyTemperature(fitted.predictProba(test), LABELS.length, t);
    const json = family.calibrate(JSON.parse(JSON.stringify(fitted.toJSON())), t);
    const dir = await Deno.makeTempDir({ prefix: "serlab-family-" });
    try {
      await saveFunctionals(card(`${candidate} compact c=${c}`, json), dir);
      const model = await loadDeployable(dir);
      const { probabilities, inputs } = await model.predict(test.x, test.rows);
      // libsvm's model text keeps gamma, rho and Platt's A, B to 6 digits: 1e-5, not bit-equal
      const tol = family.name === "logistic" ? 1e-6 : 1e-5;
      let worst = 0;
      expected.forEach((p, i) => worst = Math.max(worst, Math.abs(p - probabilities[i])));
      assert(worst < tol, `card vs fitted: ${worst}`);
      for (let r = 0; r < test.rows; r++) {
        const row = probabilities.slice(r * 4, r * 4 + 4);
        assert(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-5, `row ${r} sums to ${row}`);
        if (present < 4) assert(row[3] < 1e-6, `unseen class got ${row[3]}`);
      }
      const { model: bytes, spec } = await model.exportOnnx!();
      assertEquals(spec.classifier, family.name);
      const session = await ort.InferenceSession.create(bytes);
      const out = await session.run({
        features: new ort.Tensor("float32", inputs.features, [test.rows, DIMS]),
      });
      const onnx = out.probabilities.data as Float32Array;
      worst = 0;
      probabilities.forEach((p, i) => worst = Math.max(worst, Math.abs(p - onnx[i])));
      assert(worst < 1e-4, `ONNX vs predict: ${worst}`);
      model.dispose();
    } finally {
      (fitted as Classifier & { free?: () => void }).free?.();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

// deno-lint-ignore no-explicit-any
type Damage = (c: Record<string, any>) => void;

Deno.test("a damaged card of each family is an error naming the file, the field and the problem", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-bad-family-" });
  const file = `${dir}/serlab.json`;
  const { m, y } = matrix(60, 4, 5);
  const json: Record<string, Record<string, unknown>> = {};
  for (const [candidate, c] of [["logistic", 0.1], ["svm-rbf", 1]] as const) {
    const { family, hyper } = candidateFamily(candidate, c);
    json[family.name] = (await family.load()).fit(m, y, 4, hyper, 0).toJSON();
  }
  const w = 4 * (DIMS + 1);
  const cases: [string, Damage, string][] = [
    ["logistic", (c) => c.weights.pop(), `classifier.weights: must hold ${w} numbers`],
    ["logistic", (c) => c.weights[3] = "x", 'classifier.weights[3]: "x" is not a finite number'],
    ["logistic", (c) => c.family = "tree", 'classifier.family: "tree" is not one of logistic, svm'],
    ["svm", (c) => delete c.model, "classifier.model: missing or not text"],
    ["svm", (c) => c.hyper.kernel = "poly", 'classifier.hyper.kernel: "poly", expected'],
    ["svm", (c) => c.hyper.cost = -1, "classifier.hyper.cost: must be a positive number, got -1"],
    ["svm", (c) => c.temperature = 0, "classifier.temperature: must be a positive finite number"],
    [
      "svm",
      (c) => c.model = c.model.replace("rbf", "linear"),
      'classifier.model: kernel_type: "linear", but hyper.kernel is "rbf"',
    ],
    [
      "svm",
      (c) => c.model = c.model.replace(/\nprobA [^\n]*/, ""),
      "classifier.model: probA: must hold 6 finite numbers",
    ],
    [
      "svm",
      (c) => c.model = c.model.replace(/label 0/, "label 7"),
      "classifier.model: label 7, but there are 4 labels",
    ],
    [
      "svm",
      (c) => c.model = c.model.split("\n").slice(0, -3).join("\n"),
      "classifier.model: support vector",
    ],
    ["svm", (c) => c.model = c.model.replace(/ 2:/, " 999:"), `"999:`],
    [
      "svm",
      (c) => c.model = "not a model",
      'classifier.model: no "SV" line: not libsvm model text',
    ],
    ["svm", (c) => c.dims = 3, "classifier.dims: 3, but the"],
  ];
  try {
    for (const [name, damage, expected] of cases) {
      const classifier = JSON.parse(JSON.stringify(json[name]));
      damage(classifier);
      await saveFunctionals(card("damaged", classifier), dir);
      let got = "";
      await loadDeployable(dir).then((m) => m.dispose(), (e) => got = e.message);
      assert(
        got.startsWith(`${file}: `) && got.includes(expected),
        `${name}: expected "${file}: …${expected}…", got "${got}"`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
