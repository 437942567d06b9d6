import { assert, assertEquals, assertThrows } from "../_assert.ts";
import { type Clip, discoverClips, loadData, parseLabelSet } from "../../lib/corpora/mod.ts";
import {
  experimentByName,
  experimentClips,
  runExperiment,
  speakerFolds,
} from "../../lib/eval/mod.ts";
import { stringifyMetrics } from "../../lib/report/record.ts";
import { generateEmodbNamed, manifestOf } from "../_corpora.ts";
import { SAMPLE } from "../_shared.ts";
import { testSettings } from "./_settings.ts";

const SETTINGS = testSettings(7, 2);

/** `n` speakers of a manifest corpus with the given genders, two clips each. */
function speakers(genders: readonly Clip["gender"][]): Clip[] {
  return genders.flatMap((gender, s) =>
    ["angry", "sad"].map((emotion) => ({
      path: `s${s}-${emotion}.wav`,
      corpus: "mine",
      speaker: `s${s}`,
      actor: 1001 + s,
      gender,
      emotion,
      intensity: "",
      sentence: "",
      sha256: `${s}${emotion}`,
    }))
  );
}

Deno.test("speaker folds: each speaker held out up to 24 speakers, else 10 folds balanced by gender", () => {
  const few = speakers(Array.from({ length: 24 }, (_, i) => (i % 2 ? "male" : "female")));
  const loso = speakerFolds("speakers", few, 1, 0.15);
  assertEquals(loso.length, 24);
  assertEquals(loso[0].name, "mine s0");
  for (const f of loso) {
    assertEquals(new Set(f.test.map((i) => few[i].actor)).size, 1);
    assert(f.val.length > 0 && !f.val.some((i) => f.test.includes(i)));
  }
  // 15 female, 12 male, 3 of unknown gender
  const genders = [
    ...Array(15).fill("female"),
    ...Array(12).fill("male"),
    ...Array(3).fill("unknown"),
  ];
  const many = speakers(genders);
  const folds = speakerFolds("speakers", many, 1, 0.15);
  assertEquals(folds.length, 10);
  const tested = folds.flatMap((f) => [...new Set(f.test.map((i) => many[i].actor))]);
  assertEquals(
    tested.sort((a, b) => a - b),
    many.map((c) => c.actor).filter((a, i, x) => x.indexOf(a) === i),
  );
  for (const f of folds) {
    const count = (g: string) =>
      new Set(f.test.map((i) => many[i]).filter((c) => c.gender === g).map((c) => c.actor)).size;
    assert([1, 2].includes(count("female")), `${f.name}: ${count("female")} female`);
    assert([1, 2].includes(count("male")), `${f.name}: ${count("male")} male`);
    assert(count("unknown") <= 1);
  }
});

Deno.test("classes: all of the data's emotions for speaker-cv, the shared ones for cross-corpus, --labels checked against the data", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await generateEmodbNamed(dir);
    const emodb = (await discoverClips(dir)).clips;
    const sample = (await discoverClips(SAMPLE)).clips;
    const all = [...sample, ...emodb];
    const cv = experimentClips(experimentByName("best-speaker-cv"), emodb);
    assertEquals(cv.classes, ["neutral", "sad", "angry", "boredom"]);
    assertEquals(cv.clips.length, 32);
    // beside the four corpora: the emotions all five share, every corpus held out
    const cross = experimentClips(experimentByName("best-cross-corpus"), all);
    assertEquals(cross.classes, ["neutral", "sad", "angry"]);
    assertEquals(
      speakerFolds("corpora", cross.clips, 1, 0.15).map((f) => f.name),
      ["ravdess", "cremad", "savee", "tess", "emodb"],
    );
    // the paper's experiments keep the Superset's four corpora
    const superset = experimentClips(experimentByName("paper-superset-cv"), all);
    assertEquals(
      superset.clips,
      experimentClips(experimentByName("paper-superset-cv"), sample).clips,
    );
    const labels = parseLabelSet(["boredom", "anger=negative", "sadness=negative"]);
    const merged = experimentClips(experimentByName("speaker-cv"), emodb, labels);
    assertEquals([merged.classes, merged.clips.length], [["boredom", "negative"], 24]);
    assertThrows(
      () =>
        experimentClips(
          experimentByName("speaker-cv"),
          emodb,
          parseLabelSet(["boredom", "contempt"]),
        ),
      Error,
      "no clip of class contempt",
    );
    assertThrows(
      () =>
        experimentClips(experimentByName("cross-corpus"), emodb.filter((c) => c.emotion === "sad")),
      Error,
      "fewer than two emotions",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("best-speaker-cv on an EMO-DB-named corpus and speaker-cv on a manifest of unknown genders: one fold a speaker, classes and clip counts recorded", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const names = await generateEmodbNamed(dir);
    const emodb = await loadData(dir);
    const ctx = (found: typeof emodb, name: string) => ({
      clips: found.clips,
      root: found.root,
      cacheDir: "data/cache/features",
      runDir: `${dir}/run-${name}`,
      settings: SETTINGS,
      fingerprint: name,
      log: () => {},
    });
    const best = await runExperiment(experimentByName("best-speaker-cv"), ctx(emodb, "best"));
    assertEquals(best.classes, ["neutral", "sad", "angry", "boredom"]);
    assertEquals(best.n_clips, names.length);
    assertEquals(best.folds.map((f) => f.name), ["emodb 03", "emodb 08", "emodb 10", "emodb 13"]);
    assertEquals(best.variants.map((v) => v.name), ["inductive", "per-speaker"]);
    assertEquals(best.leak_audit.clean, true);
    for (const f of best.folds) {
      assert(Number.isFinite(f.uar), `${f.name}: UAR ${f.uar}`);
      assertEquals(f.n_test, 8);
    }
    // the manifest without genders: FusionNet's gender input is unknown for every speaker
    const csv = await manifestOf(dir, names);
    const text = await Deno.readTextFile(csv);
    await Deno.writeTextFile(csv, text.replace(/,(male|female)$/gm, ","));
    const mine = await loadData(csv);
    assert(mine.clips.every((c) => c.gender === "unknown"));
    const fusion = await runExperiment(experimentByName("speaker-cv"), ctx(mine, "fusion"));
    assertEquals([fusion.n_clips, fusion.folds.length], [names.length, 4]);
    assertEquals(fusion.folds.map((f) => f.name), [
      "mine spk03",
      "mine spk08",
      "mine spk10",
      "mine spk13",
    ]);
    assertEquals(Object.keys(fusion.variants[0].pooled.per_gender), ["unknown"]);
    assert(fusion.folds.every((f) => Number.isFinite(f.accuracy)));
    const metrics = JSON.parse(stringifyMetrics({
      run_id: "t",
      created: "",
      seed: 7,
      settings: SETTINGS,
      versions: {},
      backend: null,
      data: {
        root: dir,
        demo: false,
        clips: 0,
        manifest_sha256: "",
        counts: {} as never,
        skipped_files: 0,
      },
      experiments: [best, fusion],
    } as never));
    assertEquals(
      metrics.experiments.map((
        e: { classes: string[]; n_clips: number },
      ) => [e.classes.length, e.n_clips]),
      [[4, 32], [4, 32]],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
