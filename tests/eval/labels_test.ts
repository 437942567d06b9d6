import { assert, assertEquals } from "../_assert.ts";
import { discoverClips, parseLabelSet } from "../../lib/corpora/mod.ts";
import { experimentByName } from "../../lib/eval/experiments.ts";
import { runExperiment, type RunSettings } from "../../lib/eval/mod.ts";
import { SAMPLE } from "../_shared.ts";
import { testSettings } from "./_settings.ts";

const SETTINGS = testSettings(3, 1);

Deno.test("cross-corpus-4 and --labels: the experiment's classes, merges mapped, other clips left out", async () => {
  const { clips } = await discoverClips(SAMPLE);
  const runDir = await Deno.makeTempDir();
  const ctx = (settings: RunSettings) => ({
    clips,
    root: SAMPLE,
    cacheDir: "data/cache/features",
    runDir,
    settings,
    fingerprint: JSON.stringify(settings.labels ?? null),
    log: () => {},
  });
  try {
    const four = ["angry", "happy", "neutral", "sad"];
    const r = await runExperiment(experimentByName("cross-corpus-4"), ctx(SETTINGS));
    assertEquals(r.classes, four);
    assertEquals(r.n_clips, clips.filter((c) => four.includes(c.emotion)).length);
    assert(r.folds.length >= 3, `${r.folds.length} folds`);
    for (const f of r.folds) assertEquals(f.confusion.map((row) => row.length), [4, 4, 4, 4]);
    // a run-wide label set with a merge: calm counts as neutral
    const merged = { ...SETTINGS, labels: parseLabelSet(["neutral", "calm=neutral", "sad"]) };
    const m = await runExperiment(experimentByName("paper-ravdess-split"), ctx(merged));
    assertEquals(m.classes, ["neutral", "sad"]);
    const ravdess = clips.filter((c) => c.corpus === "ravdess");
    assertEquals(
      m.n_clips,
      ravdess.filter((c) => ["neutral", "calm", "sad"].includes(c.emotion)).length,
    );
    assert(m.clips.some((c) => c.emotion === "calm"));
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
});
