import { assert, assertEquals } from "../_assert.ts";
import { type Clip, discoverClips } from "../../lib/corpora/mod.ts";
import {
  DEFAULT_AUGMENTATION,
  ENROLMENT_BUDGETS,
  experimentByName,
  experimentRecipe,
  type ExperimentResult,
  type FunctionalsExperimentDef,
  type FusionExperimentDef,
  type FusionRecipe,
  QUICK_FUNCTIONALS,
  runExperiment,
  type RunSettings,
  variantGrid,
} from "../../lib/eval/mod.ts";
import { stringifyMetrics } from "../../lib/report/record.ts";
import { SAMPLE } from "../_shared.ts";
import { testSettings } from "./_settings.ts";

/** An experiment's entry of metrics.json, as a run with `result` alone writes it. */
function metricsEntry(result: ExperimentResult, settings: RunSettings) {
  const text = stringifyMetrics({
    run_id: "t",
    created: "",
    seed: settings.seed,
    settings,
    versions: {},
    backend: null,
    data: {
      root: SAMPLE,
      demo: false,
      clips: result.n_clips,
      manifest_sha256: "",
      counts: {} as never,
      skipped_files: 0,
    },
    experiments: [result],
  });
  return JSON.parse(text).experiments[0];
}

function fusionDef(name: string): FusionExperimentDef {
  const def = experimentByName(name);
  if (def.model === "functionals") throw new Error(`${name} is not a FusionNet experiment`);
  return def;
}

function functionalsDef(name: string): FunctionalsExperimentDef {
  const def = experimentByName(name);
  if (def.model !== "functionals") throw new Error(`${name} is not a functional-set experiment`);
  return def;
}

function context(clips: Clip[], runDir: string, settings: RunSettings) {
  return {
    clips,
    root: SAMPLE,
    cacheDir: "data/cache/features",
    runDir,
    settings,
    fingerprint: "recipes-test",
    log: () => {},
  };
}

Deno.test("recipes: FusionNet experiments record their schedule, design, each variant's augmentation and the enrolment budgets", () => {
  const s = { ...testSettings(1), augment: [] };
  const leaky = experimentRecipe(fusionDef("leaky-ravdess-split"), s);
  // the paper's leak augments before splitting, with the default augmentation when none is asked
  assertEquals(leaky.variants.fusion.augmentation, [...DEFAULT_AUGMENTATION]);
  const ablation = experimentRecipe(fusionDef("ablation"), {
    ...s,
    augment: ["shift"],
  });
  assertEquals(ablation.variants.fusion.augmentation, ["shift"]);
  assertEquals(ablation.variants["fusion-no-augmentation"].augmentation, []);
  assertEquals(ablation.variants["paper-preprocessing"].normalization, "global");
  assertEquals(ablation.variants["paper-preprocessing"].power, "linear");
  assertEquals(ablation.training, s.training);
  assertEquals([ablation.conv_layers, ablation.fusion_hidden], [s.convLayers, s.fusionHidden]);
  assertEquals(ablation.extractor_epochs, null);
  assertEquals(ablation.enrolment_budgets, undefined);
  const enrolment = experimentRecipe(fusionDef("enrolment-ravdess"), {
    ...s,
    quick: QUICK_FUNCTIONALS,
  });
  assertEquals(enrolment.enrolment_budgets, [...ENROLMENT_BUDGETS]);
  assertEquals(enrolment.extractor_epochs, QUICK_FUNCTIONALS.extractorEpochs);
});

Deno.test("recipes: metrics.json carries a functional-set experiment's grids as data, and its folds chose from them", async () => {
  const clips = (await discoverClips(SAMPLE)).clips.filter((_, i) => i % 3 === 0);
  const runDir = await Deno.makeTempDir();
  try {
    const def = functionalsDef("best-cross-corpus");
    const settings = { ...testSettings(5), quick: QUICK_FUNCTIONALS };
    const r = await runExperiment(def, context(clips, runDir, settings));
    const entry = metricsEntry(r, settings);
    assertEquals(entry.recipe, JSON.parse(JSON.stringify(experimentRecipe(def, settings))));
    assertEquals(entry.recipe.quick, true);
    for (const v of def.variants) {
      assertEquals(entry.recipe.variants[v.name].grid, variantGrid(v, QUICK_FUNCTIONALS));
      const across = v.selection === "corpora";
      assertEquals(
        entry.recipe.variants[v.name].selection,
        across ? "training-corpora" : "validation-actors",
      );
    }
    // what each fold chose is a candidate of its variant's recorded grid
    for (const v of r.variants) {
      const grid = entry.recipe.variants[v.name].grid.map((c: object) => JSON.stringify(c));
      for (const f of v.folds) {
        for (const c of f.recipe!.chosen) {
          assert(grid.includes(JSON.stringify(c)), `${v.name} ${f.name}: ${JSON.stringify(c)}`);
        }
      }
    }
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
});

Deno.test("recipes: metrics.json carries a FusionNet experiment's recipe, and its training side got the recorded augmentation", async () => {
  const clips = (await discoverClips(SAMPLE)).clips.filter((c) =>
    c.corpus === "ravdess" && ["angry", "sad"].includes(c.emotion)
  );
  const runDir = await Deno.makeTempDir();
  try {
    const def = fusionDef("paper-ravdess-split");
    const settings: RunSettings = { ...testSettings(3, 1), augment: ["noise"] };
    const r = await runExperiment(def, context(clips, runDir, settings));
    const entry = metricsEntry(r, settings);
    const recipe: FusionRecipe = entry.recipe;
    assertEquals(recipe, JSON.parse(JSON.stringify(experimentRecipe(def, settings))));
    assertEquals(recipe.variants.fusion.augmentation, ["noise"]);
    assertEquals(recipe.training.epochs, 1);
    // every training clip once as recorded and once per recorded augmentation
    const [fold] = r.folds;
    const testAndVal = fold.n_test + fold.n_val;
    assertEquals(
      fold.n_train,
      (r.n_clips - testAndVal) * (1 + recipe.variants.fusion.augmentation.length),
    );
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
});
