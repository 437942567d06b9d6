/**
 * A small model trained on the sample clips (RAVDESS and TESS, a few epochs) and saved, for
 * tests of everything that loads models. Built once per test process.
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { FUSIONNET_DESIGN, trainAndSave } from "../lib/model/deploy.ts";
import { FUSIONNET_TRAINING } from "../lib/model/mod.ts";
import { versions } from "../lib/version.ts";
import { SAMPLE } from "./_shared.ts";

let _dir: Promise<string> | undefined;

/** The folder of the test model (trained on first call). */
export function testModel(): Promise<string> {
  return _dir ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "serlab-model-" });
    const { clips } = await discoverClips(SAMPLE);
    await trainAndSave(clips.filter((c) => c.corpus === "ravdess" || c.corpus === "tess"), {
      root: SAMPLE,
      out: dir,
      cacheDir: `${dir}/cache`,
      seed: 1,
      augment: [],
      backend: "wasm-simd",
      training: { ...FUSIONNET_TRAINING, epochs: 4 },
      ...FUSIONNET_DESIGN,
      power: "log",
      versions: versions(),
      manifestSha256: "test",
    });
    return dir;
  })();
}
