import { assertEquals, assertRejects } from "../_assert.ts";
import { recordedExperiments } from "../../lib/report/mod.ts";
import type { RunSettings } from "../../lib/eval/mod.ts";

Deno.test("recordedExperiments: names from metrics.json of the same run, an error for another", async () => {
  const dir = await Deno.makeTempDir();
  const settings = { seed: 1, augment: ["noise"] } as unknown as RunSettings;
  const run = { settings, data: { manifest_sha256: "ab" } };
  assertEquals(await recordedExperiments(dir, run), []);
  await Deno.writeTextFile(
    `${dir}/metrics.json`,
    JSON.stringify({ ...run, experiments: [{ name: "ablation" }, { name: "cross-corpus" }] }),
  );
  assertEquals(await recordedExperiments(dir, run), ["ablation", "cross-corpus"]);
  await assertRejects(
    () => recordedExperiments(dir, { ...run, data: { manifest_sha256: "cd" } }),
    Error,
    `${dir}/metrics.json records a run of other settings or data`,
  );
  await assertRejects(
    () => recordedExperiments(dir, { ...run, settings: { ...settings, seed: 2 } }),
    Error,
    "cannot be merged",
  );
  await Deno.writeTextFile(`${dir}/metrics.json`, "{");
  await assertRejects(() => recordedExperiments(dir, run), Error, "not valid JSON");
  await Deno.remove(dir, { recursive: true });
});
