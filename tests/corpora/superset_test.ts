import { assert, assertEquals } from "../_assert.ts";
import { encodeWav } from "../../lib/audio/mod.ts";
import {
  buildSuperset,
  countClips,
  discoverClips,
  findDuplicates,
  parseManifest,
  stringifyManifest,
} from "../../lib/corpora/mod.ts";
import { SAMPLE } from "../_shared.ts";

const sample = await discoverClips(SAMPLE);

Deno.test("the sample's 605 clips are all found and labelled, nothing skipped", () => {
  assertEquals(sample.skipped, []);
  const c = countClips(sample.clips);
  assertEquals(c.clips, 605);
  assertEquals(c.byCorpus, { ravdess: 120, cremad: 327, savee: 15, tess: 143 });
  assertEquals([c.actors, c.femaleActors, c.maleActors], [9, 5, 4]);
  assertEquals(sample.cremadGender, "VideoDemographics.csv");
  for (const clip of sample.clips) assert(/^[0-9a-f]{64}$/.test(clip.sha256));
});

Deno.test("the Superset drops calm and surprise unless asked to keep them", () => {
  const superset = buildSuperset(sample.clips);
  assert(superset.every((c) => c.emotion !== "calm" && c.emotion !== "surprise"));
  assertEquals(
    superset.length,
    605 - countClips(sample.clips).byEmotion.calm! - countClips(sample.clips).byEmotion.surprise!,
  );
  assertEquals(buildSuperset(sample.clips, true).length, 605);
});

Deno.test("the manifest round-trips through CSV, quotes included", () => {
  const text = stringifyManifest(sample.clips);
  assertEquals(
    text.split("\n")[0],
    "path,corpus,speaker,actor,gender,emotion,intensity,sentence,sha256",
  );
  assertEquals(parseManifest(text, "m.csv"), sample.clips);
});

Deno.test("unknown files are listed, second copies skipped, byte-identical clips reported", async () => {
  const root = await Deno.makeTempDir();
  const wav = encodeWav(new Float32Array(100).fill(0.1), 16000);
  const other = encodeWav(new Float32Array(100).fill(0.2), 16000);
  const files: [string, Uint8Array][] = [
    ["kaggle/audio_speech_actors_01-24/Actor_01/03-01-05-01-01-01-01.wav", wav],
    ["kaggle/Actor_01/03-01-05-01-01-01-01.wav", wav], // Kaggle's second tree
    ["Crema/1006_TIE_HAP_XX.wav", other],
    ["Crema/1006_TIE_NEU_XX.wav", other], // same bytes, another label
    ["notes/readme.txt", new TextEncoder().encode("hi")],
    ["misc/hello.wav", wav],
  ];
  for (const [p, b] of files) {
    await Deno.mkdir(`${root}/${p.slice(0, p.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeFile(`${root}/${p}`, b);
  }
  const found = await discoverClips(root);
  assertEquals(found.clips.map((c) => c.path), [
    "kaggle/Actor_01/03-01-05-01-01-01-01.wav",
    "Crema/1006_TIE_HAP_XX.wav",
    "Crema/1006_TIE_NEU_XX.wav",
  ]);
  assertEquals(found.cremadGender, "built-in table");
  assertEquals(found.skipped.map((s) => [s.path, s.reason.split(" ")[0]]), [
    ["misc/hello.wav", "audio"],
    ["notes/readme.txt", "not"],
    ["kaggle/audio_speech_actors_01-24/Actor_01/03-01-05-01-01-01-01.wav", "another"],
  ]);
  const dups = findDuplicates(found.clips);
  assertEquals(dups.length, 1);
  assertEquals(dups[0].conflictingLabels, true);
  await Deno.remove(root, { recursive: true });
});

Deno.test("a full SAVEE tree adds 480 clips of 4 male actors, 420 after the drop", async () => {
  const root = await Deno.makeTempDir();
  const codes = { a: 15, d: 15, f: 15, h: 15, n: 30, sa: 15, su: 15 };
  let i = 0;
  for (const speaker of ["DC", "JE", "JK", "KL"]) {
    await Deno.mkdir(`${root}/AudioData/${speaker}`, { recursive: true });
    for (const [code, n] of Object.entries(codes)) {
      for (let k = 1; k <= n; k++) {
        const wav = encodeWav(new Float32Array([++i / 1e4]), 44100); // distinct bytes each
        await Deno.writeFile(
          `${root}/AudioData/${speaker}/${code}${String(k).padStart(2, "0")}.wav`,
          wav,
        );
      }
    }
  }
  const { clips, skipped } = await discoverClips(root);
  assertEquals(skipped, []);
  const c = countClips(clips);
  assertEquals([c.clips, c.actors, c.maleActors], [480, 4, 4]);
  assertEquals(buildSuperset(clips).length, 420);
  await Deno.remove(root, { recursive: true });
});
