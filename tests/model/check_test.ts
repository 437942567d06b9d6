import { assert, assertRejects, assertThrows } from "../_assert.ts";
import { checkModelCard, loadFusionNet, readModelCard } from "../../lib/model/mod.ts";
import { serveApp } from "../../lib/realtime/mod.ts";
import { testModel } from "../_model.ts";

/** A copy of the test model, changed by `damage`. */
async function damaged(damage: (dir: string) => Promise<void>): Promise<string> {
  const src = await testModel();
  const dir = await Deno.makeTempDir({ prefix: "serlab-damaged-" });
  for (const sub of ["extractor", "fusion", "gender"]) {
    await Deno.mkdir(`${dir}/${sub}`);
    for (const f of ["model.json", "weights.bin"]) {
      await Deno.copyFile(`${src}/${sub}/${f}`, `${dir}/${sub}/${f}`);
    }
  }
  await Deno.copyFile(`${src}/serlab.json`, `${dir}/serlab.json`);
  await damage(dir);
  return dir;
}

// deno-lint-ignore no-explicit-any
async function editCard(dir: string, edit: (card: Record<string, any>) => void) {
  const card = JSON.parse(await Deno.readTextFile(`${dir}/serlab.json`));
  edit(card);
  await Deno.writeTextFile(`${dir}/serlab.json`, JSON.stringify(card));
}

Deno.test("a model folder is checked whole when loaded, and every error names the file", async () => {
  const cases: [(dir: string) => Promise<void>, string][] = [
    [async (d) => {
      const w = await Deno.readFile(`${d}/extractor/weights.bin`);
      await Deno.writeFile(`${d}/extractor/weights.bin`, w.subarray(0, 248464 * 4));
    }, "extractor/weights.bin: 993856 bytes, but model.json's weights need"],
    [async (d) => {
      const w = await Deno.readFile(`${d}/fusion/weights.bin`);
      new DataView(w.buffer).setFloat32(8, NaN, true);
      await Deno.writeFile(`${d}/fusion/weights.bin`, w);
    }, "fusion/weights.bin: dense"],
    [(d) => editCard(d, (c) => delete c.labels), "serlab.json: labels: must be two or more"],
    [
      (d) => editCard(d, (c) => c.scalers.acoustic.mean.pop()),
      "scalers.acoustic.mean: must hold 162",
    ],
    [(d) => editCard(d, (c) => c.scalers.statistical.scale[3] = 0), "scalers.statistical.scale[3]"],
    [(d) => editCard(d, (c) => c.fusion.inputs = 7), "serlab.json: fusion.inputs: 7"],
    [
      (d) => editCard(d, (c) => c.calibration.temperature = "hot"),
      'serlab.json: calibration.temperature: must be a positive finite number, got "hot"',
    ],
    [(d) => Deno.writeTextFile(`${d}/serlab.json`, '{"format": "serlab-'), "not valid JSON"],
    [(d) => Deno.writeTextFile(`${d}/gender/model.json`, "{}"), "gender/model.json: no valid"],
    [(d) => Deno.remove(`${d}/fusion/weights.bin`), "fusion/weights.bin: "],
  ];
  for (const [damage, message] of cases) {
    const dir = await damaged(damage);
    const e = await assertRejects(() => loadFusionNet(dir), Error, message);
    assert(e.message.startsWith(dir), e.message);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the deployed FusionNet's probabilities are calibrated by the temperature fitted on its validation actors", async () => {
  const card = JSON.parse(await Deno.readTextFile(`${await testModel()}/serlab.json`));
  const t = card.calibration.temperature;
  assert(t > 0 && Number.isFinite(t) && t !== 1, `T = ${t}`);
  assert(card.calibration.fittedOn === "validation actors", JSON.stringify(card.calibration));
});

Deno.test("checkModelCard: a card is an object of the documented shape", () => {
  assertThrows(() => checkModelCard(null, "c.json"), Error, "c.json: the card: missing");
  assertThrows(() => checkModelCard({ format: "x" }, "c.json"), Error, "c.json: format");
  assertThrows(
    () => checkModelCard({ format: "serlab-fusionnet/2", labels: ["a", "a"] }, "c.json"),
    Error,
    "c.json: labels",
  );
});

Deno.test("serve refuses a model folder whose card does not parse, naming it", async () => {
  const dir = await damaged((d) => Deno.writeTextFile(`${d}/serlab.json`, "not json"));
  await assertRejects(
    () => serveApp({ modelDir: dir, port: 0, hostname: "127.0.0.1" }),
    Error,
    `${dir}/serlab.json: not valid JSON`,
  );
  await Deno.remove(dir, { recursive: true });
  await readModelCard(await testModel()); // the sound one reads
});
