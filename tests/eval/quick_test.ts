import { assert, assertEquals } from "../_assert.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import { describeCandidate } from "../../lib/eval/best.ts";
import {
  experimentByName,
  FUNCTIONAL_GRID,
  planExperiment,
  QUICK_FUNCTIONALS,
  runExperiment,
  type RunSettings,
  SEQUENCE_CANDIDATE,
  variantGrid,
} from "../../lib/eval/mod.ts";
import { FUSIONNET_DESIGN } from "../../lib/model/fusionnet/deploy.ts";
import {
  disposeFusionNet,
  extractorConfig,
  FUSIONNET_TRAINING,
  trainFusionNet,
} from "../../lib/model/mod.ts";
import { SAMPLE } from "../_shared.ts";
import { testSettings } from "./_settings.ts";

const FULL = testSettings(5);

Deno.test("quick settings: every family of the full grid, from the full grid, a shorter sequence model", () => {
  const key = (c: object) => JSON.stringify(c);
  const families = (g: readonly { family: string }[]) =>
    [...new Set(g.map((c) => c.family))].sort();
  assertEquals(families(QUICK_FUNCTIONALS.grid), families(FUNCTIONAL_GRID));
  for (const c of QUICK_FUNCTIONALS.grid) {
    assert(FUNCTIONAL_GRID.some((f) => key(f) === key(c)), describeCandidate(c));
  }
  assert(QUICK_FUNCTIONALS.grid.length < FUNCTIONAL_GRID.length);
  const q = QUICK_FUNCTIONALS.sequence, full = SEQUENCE_CANDIDATE;
  assert(q.seeds * q.epochs < full.seeds * full.epochs);
  // without quick settings the grid is the full study's, as before
  const v = { name: "inductive", standardisation: "inductive" as const, sequence: true };
  assertEquals(variantGrid(v), [...FUNCTIONAL_GRID, SEQUENCE_CANDIDATE]);
  assertEquals(variantGrid(v, QUICK_FUNCTIONALS), [...QUICK_FUNCTIONALS.grid, q]);
});

Deno.test("quick settings: a quick run's folds are other units than a full run's, and choose only quick candidates", async () => {
  const clips = (await discoverClips(SAMPLE)).clips.filter((_, i) => i % 3 === 0);
  const runDir = await Deno.makeTempDir();
  const ctx = (settings: RunSettings, fingerprint: string) => ({
    clips,
    root: SAMPLE,
    cacheDir: "data/cache/features",
    runDir,
    settings,
    fingerprint,
    log: () => {},
  });
  try {
    const def = experimentByName("best-cross-corpus");
    const quick = { ...FULL, quick: QUICK_FUNCTIONALS };
    const full = await planExperiment(def, ctx(FULL, "quick-test"));
    const fast = await planExperiment(def, ctx(quick, "quick-test"));
    assertEquals(full.units.length, fast.units.length);
    // variants chosen across corpora keep their own small grid (logistic only), quick or not:
    // their units are the same work; every other variant's are other units
    const acrossCorpora = new Set(
      def.variants.filter((v) => "selection" in v && v.selection === "corpora").map((v) => v.name),
    );
    assert(acrossCorpora.size > 0 && acrossCorpora.size < def.variants.length);
    full.units.forEach((u, i) =>
      assertEquals(
        u.key === fast.units[i].key,
        acrossCorpora.has(u.variant),
        `${u.variant} ${u.fold}`,
      )
    );
    const r = await runExperiment(def, ctx(quick, "quick-test"));
    const allowed = new Set(QUICK_FUNCTIONALS.grid.map(describeCandidate));
    for (const v of r.variants.filter((v) => !acrossCorpora.has(v.name))) {
      for (const f of v.folds) {
        for (const c of f.recipe!.chosen) {
          assert(allowed.has(describeCandidate(c)), `${v.name} ${f.name}`);
        }
      }
    }
    assert(r.model.includes("QUICK SETTINGS"), r.model);
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
});

Deno.test("quick settings: the extractor's epochs are capped, the gender and fusion classifiers keep theirs", async () => {
  const rows = 40, random = (n: number) => Float32Array.from({ length: n }, Math.random);
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const table = {
    rows,
    acoustic: random(rows * 162),
    statistical: random(rows * 8),
    gender: Float32Array.from(labels),
  };
  const model = await trainFusionNet({ table, labels }, { table, labels }, {
    labels: ["a", "b"],
    inputs: { deep: true, statistical: true, gender: true },
    extractor: extractorConfig(2, { convLayers: 1 }),
    fusionHidden: FUSIONNET_DESIGN.fusionHidden,
    // no early stop within 4 epochs, so each stage runs to its cap
    training: { ...FUSIONNET_TRAINING, epochs: 4, earlyStopPatience: 10 },
    extractorEpochs: 2,
    backend: "wasm-simd",
    seed: 1,
  });
  try {
    assertEquals(model.history.extractor?.epochs.length, 2);
    assertEquals(model.history.fusion?.epochs.length, 4);
    assertEquals(model.history.gender?.epochs.length, 4);
  } finally {
    disposeFusionNet(model);
  }
});
