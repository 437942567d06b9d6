/**
 * Small models trained on the sample clips (RAVDESS and TESS) and saved, for tests of everything
 * that loads models: SER-FusionNet (a few epochs), a functional-set classifier and the sequence
 * model (a few epochs). Each is built once per test process.
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { DEPLOY_GRID, trainFunctionalsForDeploy, trainSequenceForDeploy } from "../lib/eval/mod.ts";
import { saveFunctionals } from "../lib/model/functionals_deploy.ts";
import { saveSequence } from "../lib/model/sequence/card.ts";
import { FUSIONNET_DESIGN, trainAndSave } from "../lib/model/fusionnet/deploy.ts";
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

let _functionals: Promise<string> | undefined;

/** The folder of the functional-set test model (trained on first call). */
export function testFunctionalsModel(): Promise<string> {
  return _functionals ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "serlab-functionals-" });
    const { clips } = await discoverClips(SAMPLE);
    const card = await trainFunctionalsForDeploy(
      clips.filter((c) => c.corpus === "ravdess" || c.corpus === "tess"),
      {
        root: SAMPLE,
        cacheDir: `${dir}/cache`,
        valShare: FUSIONNET_DESIGN.valShare,
        seed: 1,
        versions: versions(),
        manifestSha256: "test",
      },
      DEPLOY_GRID,
    );
    if (!card) throw new Error("the sample clips have too few actors to hold any out");
    await saveFunctionals(card, `${dir}/model`);
    return `${dir}/model`;
  })();
}

let _sequence: Promise<string> | undefined;

/** The folder of the sequence test model (3 epochs; trained on first call). */
export function testSequenceModel(): Promise<string> {
  return _sequence ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "serlab-sequence-" });
    const { clips } = await discoverClips(SAMPLE);
    const card = await trainSequenceForDeploy(
      clips.filter((c) => c.corpus === "ravdess" || c.corpus === "tess"),
      {
        root: SAMPLE,
        cacheDir: `${dir}/cache`,
        valShare: FUSIONNET_DESIGN.valShare,
        seed: 1,
        versions: versions(),
        manifestSha256: "test",
        epochs: 3,
      },
    );
    if (!card) throw new Error("the sample clips have too few actors to hold any out");
    await saveSequence(card, `${dir}/model`);
    return `${dir}/model`;
  })();
}
