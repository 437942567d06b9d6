import { assert, assertEquals } from "../_assert.ts";
import {
  checkFunctionalsCard,
  type FunctionalsCard,
  functionalsDeployable,
} from "../../lib/model/functionals_deploy.ts";
import { loadDeployable } from "../../lib/model/mod.ts";
import { testFunctionalsModel } from "../_model.ts";

async function card(): Promise<FunctionalsCard> {
  return JSON.parse(await Deno.readTextFile(`${await testFunctionalsModel()}/serlab.json`));
}

Deno.test("a functional-set card says what it is and loads as a deployable model", async () => {
  const c = checkFunctionalsCard(await card(), "serlab.json");
  assertEquals(c.family, "functionals");
  assert(["compact", "large"].includes(c.set), c.set);
  assert(c.recipe.startsWith(`logistic ${c.set} c=`), c.recipe);
  assert(c.validation.accuracy > 0 && c.validation.uar > 0, JSON.stringify(c.validation));
  const m = functionalsDeployable(c);
  assertEquals(m.featureNames.length, c.globalScaler.mean.length);
  assertEquals(m.speakerNormalized, true);
  const x = new Float32Array(2 * m.featureNames.length);
  const p = await m.predict(x, 2);
  assertEquals(p.probabilities.length, 2 * c.labels.length);
  assert(Math.abs(p.probabilities.slice(0, c.labels.length).reduce((a, b) => a + b) - 1) < 1e-5);
});

Deno.test("a damaged functional-set card is an error naming the file and the field", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-bad-card-" });
  try {
    for (
      const [damage, field] of [
        [(c: FunctionalsCard) => (c.classifier.weights as unknown[])[3] = "x", "classifier"],
        [(c: FunctionalsCard) => c.globalScaler.mean.pop(), "globalScaler"],
        [(c: FunctionalsCard) => c.set = "huge" as FunctionalsCard["set"], "unknown feature set"],
      ] as const
    ) {
      const c = await card();
      damage(c);
      await Deno.writeTextFile(`${dir}/serlab.json`, JSON.stringify(c));
      let message = "";
      await loadDeployable(dir).catch((e) => message = e.message);
      assert(message.startsWith(`${dir}/serlab.json: `) && message.includes(field), message);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
