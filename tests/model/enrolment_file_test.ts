import { assert, assertEquals, assertRejects } from "../_assert.ts";
import {
  type EnrolmentJson,
  loadDeployable,
  readEnrolment,
  SpeakerStatistics,
} from "../../lib/model/mod.ts";
import { testFunctionalsModel } from "../_model.ts";

/** A real enrolment of the functional-set test model over three made-up vectors, as JSON. */
async function enrolment() {
  const model = await loadDeployable(await testFunctionalsModel());
  model.dispose();
  const width = model.featureNames.length;
  const s = new SpeakerStatistics(width, model.featureKey);
  for (let r = 0; r < 3; r++) {
    s.add(Float32Array.from({ length: width }, (_, j) => Math.sin(r + j)), 4);
  }
  return { model, json: s.toJson() };
}

// deno-lint-ignore no-explicit-any
type Damage = (j: Record<string, any>) => unknown;

Deno.test("a saved enrolment reads back for its model", async () => {
  const { model, json } = await enrolment();
  const dir = await Deno.makeTempDir({ prefix: "serlab-enrolment-" });
  try {
    await Deno.writeTextFile(`${dir}/me.json`, JSON.stringify(json));
    const s = await readEnrolment(`${dir}/me.json`, model);
    assertEquals([s.width, s.rows, s.seconds], [model.featureNames.length, 3, 12]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a bad --enrolment file says which file and what is wrong", async () => {
  const { model, json } = await enrolment();
  const dir = await Deno.makeTempDir({ prefix: "serlab-enrolment-" });
  const file = `${dir}/me.json`;
  const width = model.featureNames.length;
  const other = "fusionnet-170/features-1/log/22050";
  const cases: [Damage | string, string][] = [
    ["{ not json", "not valid JSON"],
    ["[1, 2]", "the enrolment: not a JSON object"],
    ["null", "the enrolment: not a JSON object"],
    [(j) => j.format = "x", 'format: "x", expected serlab-enrolment/1'],
    [(j) => delete j.format, "format: undefined, expected serlab-enrolment/1"],
    [
      (j) => delete j.featureKey,
      `featureKey: missing; this model's features are "${model.featureKey}"`,
    ],
    [
      (j) => j.featureKey = other,
      `featureKey: enrolled over features "${other}", but this model's are "${model.featureKey}"`,
    ],
    [(j) => delete j.sum, "sum: missing or not a list of numbers"],
    [(j) => j.sum[7] = null, "sum[7]: null is not a finite number"],
    [(j) => j.sumSquares[2] = "1", 'sumSquares[2]: "1" is not a finite number'],
    [(j) => j.sumSquares.pop(), `sumSquares: ${width - 1} values, but sum holds ${width}`],
    [(j) => j.sumSquares[0] = -1, "sumSquares[0]: -1 is negative"],
    [
      (j) => (j.sum.pop(), j.sumSquares.pop()),
      `sum: ${width - 1} values, but this model has ${width} features`,
    ],
    [(j) => delete j.rows, "rows: must be a whole number, got undefined"],
    [(j) => j.rows = 2.5, "rows: must be a whole number, got 2.5"],
    [(j) => delete j.seconds, "seconds: must be a number of at least 0, got undefined"],
  ];
  try {
    for (const [damage, expected] of cases) {
      const j = structuredClone(json) as EnrolmentJson;
      const text = typeof damage === "string"
        ? damage
        : (damage(j as unknown as Record<string, unknown>), JSON.stringify(j));
      await Deno.writeTextFile(file, text);
      const e = await assertRejects(() => readEnrolment(file, model), Error);
      assert(e.message.startsWith(`${file}: ${expected}`), `expected "${expected}": ${e.message}`);
      assert(!e.message.includes('"undefined"'), e.message);
    }
    const e = await assertRejects(() => readEnrolment(`${dir}/none.json`, model), Error);
    assert(e.message.startsWith(`${dir}/none.json: `), e.message);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
