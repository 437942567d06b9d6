import { assert, assertEquals, assertRejects } from "../_assert.ts";
import {
  buildSuperset,
  countClips,
  discoverClips,
  emotionOf,
  labelEmodb,
  loadData,
  readManifestCorpus,
} from "../../lib/corpora/mod.ts";
import { generateEmodbNamed, manifestOf } from "../_corpora.ts";
import { SAMPLE } from "../_shared.ts";

Deno.test("EMO-DB names: speaker, text, emotion letter; the documented genders; bad codes named", () => {
  assertEquals(labelEmodb("emodb/wav/03a01Fa.wav"), {
    corpus: "emodb",
    speaker: "03",
    actor: 122,
    gender: "male",
    emotion: "happy",
    intensity: "",
    sentence: "Der Lappen liegt auf dem Eisschrank.",
  });
  const genders = ["03", "08", "09", "10", "11", "12", "13", "14", "15", "16"].map((s) =>
    (labelEmodb(`${s}b10Lb.wav`) as { gender: string }).gender[0]
  );
  assertEquals(genders.join(""), "mffmmmffmf");
  assertEquals(
    (labelEmodb("16b10Lb.wav") as { emotion: string; actor: number }).emotion,
    "boredom",
  );
  assertEquals((labelEmodb("16b10Lb.wav") as { actor: number }).actor, 131);
  assertEquals(
    labelEmodb("05a01Wa.wav"),
    "EMO-DB speaker 05 is not one of 03, 08, 09, 10, 11, 12, 13, 14, 15, 16",
  );
  assertEquals(
    labelEmodb("03a03Wa.wav"),
    "EMO-DB text a03 is not one of a01, a02, a04, a05, a07, b01, b02, b03, b09, b10",
  );
  assertEquals(labelEmodb("03a01Xa.wav"), undefined);
  assertEquals(labelEmodb("OAF_back_angry.wav"), undefined);
});

Deno.test("emotion words: synonyms name the study's emotions, other words are classes of their own", () => {
  const words = {
    anger: "angry",
    Angry: "angry",
    happiness: "happy",
    happy: "happy",
    joy: "happy",
    sadness: "sad",
    SAD: "sad",
    fearful: "fear",
    fear: "fear",
    disgusted: "disgust",
    disgust: "disgust",
    neutral: "neutral",
    calm: "calm",
    surprised: "surprise",
    surprise: "surprise",
    "pleasant surprise": "surprise",
    pleasant_surprise: "surprise",
    boredom: "boredom",
    Contempt: "contempt",
    " ": "",
  };
  for (const [word, emotion] of Object.entries(words)) assertEquals(emotionOf(word), emotion, word);
});

Deno.test("a folder in EMO-DB's naming is found beside the four corpora, and kept out of the Superset", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const names = await generateEmodbNamed(dir);
    await Deno.writeFile(
      `${dir}/emodb/wav/05a01Wa.wav`,
      await Deno.readFile(`${dir}/emodb/wav/${names[0]}`),
    );
    await Deno.symlink(await Deno.realPath(SAMPLE), `${dir}/sample`);
    const found = await discoverClips(dir);
    const emodb = found.clips.filter((c) => c.corpus === "emodb");
    assertEquals(emodb.length, names.length);
    assertEquals(found.clips.length, 605 + names.length);
    assertEquals(found.skipped.map((s) => s.path), ["emodb/wav/05a01Wa.wav"]);
    const c = countClips(emodb);
    assertEquals([c.actors, c.femaleActors, c.maleActors], [4, 2, 2]);
    assertEquals(c.byEmotion, { neutral: 8, sad: 8, angry: 8, boredom: 8 });
    // the paper's Superset: the four corpora only, the sample's Superset as before
    const sample = (await discoverClips(SAMPLE)).clips;
    assertEquals(buildSuperset(found.clips).length, buildSuperset(sample).length);
    assert(buildSuperset(found.clips, true).every((x) => x.corpus !== "emodb"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a manifest CSV with opaque names: synonyms mapped, unknown gender kept, bad rows reported by line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const names = await generateEmodbNamed(dir);
    const csv = await manifestOf(dir, names);
    const good = await readManifestCorpus(csv);
    assertEquals(good.clips.length, names.length);
    assertEquals(good.skipped, []);
    assertEquals(good.root, `${dir}/mine`);
    assertEquals(new Set(good.clips.map((c) => c.corpus)), new Set(["mine"]));
    assertEquals(
      [...new Set(good.clips.map((c) => c.emotion))].sort(),
      ["angry", "boredom", "neutral", "sad"],
    );
    assertEquals([...new Set(good.clips.map((c) => c.actor))], [1001, 1002, 1003, 1004]);
    // the same data through --data, with bad rows and optional columns
    const text = [
      "Path,Emotion,Speaker,Gender,Corpus,Language,Sentence",
      "clips/clip-0.wav,Anger,spk03,m,,de,Der Lappen",
      "clips/missing.wav,sadness,spk03,m,,de,",
      "clips/clip-1.wav,,spk03,m,,de,",
      "clips/clip-2.wav,joy,spkX,,other,de,", // unknown gender, another corpus
      "clips/clip-0.wav,neutral,spk03,m,,de,",
      `${dir}/mine/clips/clip-3.wav,pleasant surprise,spk08,female,,de,`,
      "clips/clip-4.wav,contempt,spk08,woman,,de,",
      "clips/clip-5.wav,fearful,spk08,male,,de,",
      "clips/clip-6.wav,disgusted,,female,,de,",
    ].join("\n");
    await Deno.writeTextFile(`${dir}/mine/rows.csv`, text + "\n");
    const found = await loadData(`${dir}/mine/rows.csv`);
    const where = `${dir}/mine/rows.csv`;
    assertEquals(found.skipped, [
      { path: `${where}:3`, reason: "no file clips/missing.wav" },
      { path: `${where}:4`, reason: "empty emotion for clips/clip-1.wav" },
      { path: `${where}:6`, reason: "path clips/clip-0.wav again (first on line 2)" },
      {
        path: `${where}:8`,
        reason: 'gender "woman" is not female, male or empty (unknown), for clips/clip-4.wav',
      },
      { path: `${where}:9`, reason: "speaker spk08 is male here but female on line 7" },
      { path: `${where}:10`, reason: "empty speaker for clips/clip-6.wav" },
    ]);
    assertEquals(
      found.clips.map((c) => [c.path, c.corpus, c.speaker, c.gender, c.emotion, c.language]),
      [
        ["clips/clip-0.wav", "rows", "spk03", "male", "angry", "de"],
        ["clips/clip-2.wav", "other", "spkX", "unknown", "happy", "de"],
        ["clips/clip-3.wav", "rows", "spk08", "female", "surprise", "de"],
      ],
    );
    assertEquals(countClips(found.clips).unknownGenderActors, 1);
    // every row is accounted for: read, or skipped with its line
    assertEquals(found.clips.length + found.skipped.length, text.split("\n").length - 1);
    await Deno.writeTextFile(`${dir}/mine/bad.csv`, "file,label\nx.wav,angry\n");
    await assertRejects(
      () => loadData(`${dir}/mine/bad.csv`),
      Error,
      "no path, emotion, speaker column",
    );
    await assertRejects(
      () => loadData(`${dir}/nothing.csv`),
      Error,
      "no such folder or manifest CSV",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
