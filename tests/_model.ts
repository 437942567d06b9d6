/**
 * Small models trained on the sample clips (RAVDESS and TESS) and saved, for tests of everything
 * that loads models: SER-FusionNet (a few epochs), a functional-set classifier and the sequence
 * model (a few epochs). Each is built once per test process.
 */
import { type Clip, discoverClips } from "../lib/corpora/mod.ts";
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
  return _functionals ??= _cardModel("functionals", async (clips, settings, out) => {
    const card = await trainFunctionalsForDeploy(clips, settings, DEPLOY_GRID);
    if (card) await saveFunctionals(card, out);
    return card !== null;
  });
}

let _sequence: Promise<string> | undefined;

/** The folder of the sequence test model (3 epochs; trained on first call). */
export function testSequenceModel(): Promise<string> {
  return _sequence ??= _cardModel("sequence", async (clips, settings, out) => {
    const card = await trainSequenceForDeploy(clips, { ...settings, epochs: 3 });
    if (card) await saveSequence(card, out);
    return card !== null;
  });
}

/** The training settings of a card-only test model, its cache in `dir`. */
function _settings(dir: string) {
  return {
    root: SAMPLE,
    cacheDir: `${dir}/cache`,
    valShare: FUSIONNET_DESIGN.valShare,
    seed: 1,
    versions: versions(),
    manifestSha256: "test",
  };
}

/**
 * A model kept whole in its card, trained by the given function on the sample's RAVDESS and
 * TESS clips and saved to `out` (false: too few actors to hold any out); returns its folder.
 */
async function _cardModel(
  name: string,
  train: (clips: Clip[], settings: ReturnType<typeof _settings>, out: string) => Promise<boolean>,
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `serlab-${name}-` });
  const { clips } = await discoverClips(SAMPLE);
  const two = clips.filter((c) => c.corpus === "ravdess" || c.corpus === "tess");
  if (!(await train(two, _settings(dir), `${dir}/model`))) {
    throw new Error("the sample clips have too few actors to hold any out");
  }
  return `${dir}/model`;
}
