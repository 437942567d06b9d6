import { assert, assertEquals } from "../_assert.ts";
import { type Clip, discoverClips } from "../../lib/corpora/mod.ts";
import {
  experimentByName,
  planExperiment,
  runExperiment,
  runFoldUnit,
} from "../../lib/eval/mod.ts";
import { SAMPLE } from "../_shared.ts";
import { testSettings } from "./_settings.ts";

const SETTINGS = testSettings(5);

function context(clips: Clip[], runDir: string, log: (l: string) => void = () => {}) {
  return {
    clips,
    root: SAMPLE,
    cacheDir: "data/cache/features",
    runDir,
    settings: SETTINGS,
    fingerprint: "functionals-test",
    log,
  };
}

Deno.test("best-cross-corpus: nested selection per held-out corpus, clean audit, recipe recorded, resumes", async () => {
  // every third sample clip: all four corpora, a quicker selection
  const clips = (await discoverClips(SAMPLE)).clips.filter((_, i) => i % 3 === 0);
  const runDir = await Deno.makeTempDir();
  try {
    const def = experimentByName("best-cross-corpus");
    const log: string[] = [];
    const r = await runExperiment(def, context(clips, runDir, (l) => log.push(l)));
    // the emotions all four corpora share: in this third of the sample, SAVEE's 5 clips have no fear
    const shared = ["neutral", "happy", "sad", "angry", "fear", "disgust"].filter((e) =>
      ["ravdess", "cremad", "savee", "tess"].every((k) =>
        clips.some((c) => c.corpus === k && c.emotion === e)
      )
    );
    assertEquals(r.classes, shared);
    assert(shared.length >= 4, shared.join(", "));
    // folds run in workers at once: each result line names its experiment, variant and fold
    const results = log.filter((l) => l.includes("accuracy")).sort();
    const expected = r.variants.flatMap((v) =>
      v.folds.map((f) =>
        `best-cross-corpus / ${v.name} / ${f.name}: accuracy ${f.accuracy.toFixed(3)}`
      )
    ).sort();
    assertEquals(results.map((l) => l.slice(0, l.indexOf(", UAR"))), expected, log.join("\n"));
    assertEquals(
      r.variants.map((v) => v.name),
      ["robust", "inductive", "per-speaker", "domain-adapted"],
    );
    const [robust, , perSpeaker, adapted] = r.variants;
    assert(perSpeaker.folds.every((f) => f.leak_audit.transductive_speaker_statistics));
    // the robust recipe is chosen by leaving each training corpus out; the adapted one says so
    assert(robust.folds.every((f) => f.recipe?.validation === "leave-one-training-corpus-out"));
    assert(robust.folds.every((f) => !f.leak_audit.test_corpus_audio_read));
    assert(adapted.folds.every((f) => f.leak_audit.test_corpus_audio_read));
    assert(adapted.folds.every((f) => !f.leak_audit.transductive_speaker_statistics));
    // the domain section: a corpus classifier per group, each corpus's recordings
    assertEquals(r.domain?.corpora, ["cremad", "ravdess", "savee", "tess"]);
    assertEquals(r.domain?.audio.find((a) => a.corpus === "cremad")?.sample_rate, 16000);
    assert(r.domain!.groups.every((g) => g.uar >= 0 && g.uar <= 1));
    assertEquals(r.folds.map((f) => f.name).sort(), ["cremad", "ravdess", "savee", "tess"]);
    assert(r.model.startsWith("functional-set classifiers"));
    assertEquals(r.leak_audit.clean, true);
    assertEquals(r.leak_audit.transductive_speaker_statistics, false);
    for (const f of r.folds) {
      assert(f.recipe && f.recipe.chosen.length >= 1, `${f.name}: no recipe`);
      assert(Number.isFinite(f.accuracy) && Number.isFinite(f.recipe.validation_uar));
      assertEquals(Object.keys(f.per_corpus), [f.name]);
      assertEquals(f.predictions.length, f.n_test);
      for (const p of f.predictions) {
        const sum = p.probabilities.reduce((a, b) => a + b, 0);
        assert(Math.abs(sum - 1) < 1e-2, `probabilities sum to ${sum}`);
      }
    }
    // a second run reads every fold back instead of fitting again
    const lines: string[] = [];
    const again = await runExperiment(def, context(clips, runDir, (l) => lines.push(l)));
    assertEquals(again.folds.map((f) => f.accuracy), r.folds.map((f) => f.accuracy));
    assert(!lines.some((l) => l.includes("validation UAR")), lines.join("\n"));
    // a fold done in this process gives what its worker gave
    const { units } = await planExperiment(def, context(clips, runDir));
    await Deno.remove(`${runDir}/folds/${units[0].key}.json`);
    const here = await runFoldUnit(def, context(clips, runDir), units[0].key);
    const worker = r.variants.find((v) => v.name === units[0].variant)!.folds
      .find((f) => f.name === units[0].fold)!;
    assertEquals(here.predictions, worker.predictions);
    assertEquals(here.recipe, worker.recipe);
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
});

Deno.test("best-ravdess-more-speakers: the more-speakers variant adds other corpora to training only; without them it is not planned", async () => {
  const { clips } = await discoverClips(SAMPLE);
  // the sample's 120 RAVDESS clips dealt over 24 actors, so the paper's 6 folds exist
  const ravdess = clips.filter((c) => c.corpus === "ravdess").map((c, i) => ({
    ...c,
    actor: (i % 24) + 1,
  }));
  const cremad = clips.filter((c) => c.corpus === "cremad");
  const def = experimentByName("best-ravdess-more-speakers");
  const only = await planExperiment(def, context(ravdess, "unused"));
  assertEquals([...new Set(only.units.map((u) => u.variant))], ["ravdess-only"]);
  assertEquals(only.units.length, 6);
  const both = await planExperiment(def, context([...ravdess, ...cremad], "unused"));
  assertEquals(
    [...new Set(both.units.map((u) => u.variant))],
    ["ravdess-only", "more-speakers"],
  );
  // the RAVDESS-only variant's work is unchanged by the other corpora being present
  assertEquals(both.units.slice(0, 6).map((u) => u.key), only.units.map((u) => u.key));
  // best-ravdess-cv itself trains on RAVDESS only, whatever else is under the data folder
  const best = await planExperiment(
    experimentByName("best-ravdess-cv"),
    context([...ravdess, ...cremad], "unused"),
  );
  assertEquals([...new Set(best.units.map((u) => u.variant))], ["inductive", "per-speaker"]);
});

Deno.test("best-emobox-ravdess: the sequence model is a candidate of both variants; per-speaker folds say they are transductive", async () => {
  const { clips } = await discoverClips(SAMPLE);
  const ravdess = clips.filter((c) => c.corpus === "ravdess").map((c, i) => ({
    ...c,
    actor: (i % 24) + 1,
  }));
  const def = experimentByName("best-emobox-ravdess");
  const runDir = await Deno.makeTempDir();
  try {
    const lines: string[] = [];
    const ctx = context(ravdess, runDir, (l) => lines.push(l));
    const { units } = await planExperiment(def, ctx);
    assertEquals([...new Set(units.map((u) => u.variant))], ["inductive", "per-speaker"]);
    for (const variant of ["inductive", "per-speaker"]) {
      const unit = units.find((u) => u.variant === variant)!;
      const f = await runFoldUnit(def, ctx, unit.key);
      assert(f.recipe && f.recipe.chosen.length >= 1, `${variant}: no recipe`);
      assertEquals(f.leak_audit.clean, true);
      assertEquals(f.leak_audit.transductive_speaker_statistics, variant === "per-speaker");
      assert(Number.isFinite(f.accuracy), `${variant}: accuracy ${f.accuracy}`);
    }
    // the frame descriptors went through the shared cache, for the experiment's clips only
    const cached = [...Deno.readDirSync("data/cache/features")].map((e) => e.name);
    assert(cached.some((n) => n.startsWith("frames-")), cached.join(", "));
    assert(lines.some((l) => l.includes("test")), lines.join("\n"));
  } finally {
    await Deno.remove(runDir, { recursive: true });
  }
});
