import { assert, assertEquals } from "../_assert.ts";
import { FUSIONNET_LOAD, loadClip } from "../../lib/audio/mod.ts";
import { countClips, discoverClips } from "../../lib/corpora/mod.ts";
import { DEMO_MARKER, generateDemoCorpus, missingDemoTools } from "../../lib/demo/mod.ts";
import { extractFeatures } from "../../lib/features/mod.ts";
import { RefusedError } from "../../lib/util/owned.ts";

Deno.test("the demo corpus: the four layouts, 18 actors of both genders, emotions carried by prosody", async () => {
  assertEquals(await missingDemoTools(), null, "espeak-ng and sox are installed by .ci/run");
  const dir = await Deno.makeTempDir({ prefix: "serlab-demo-" });
  const { clips: made } = await generateDemoCorpus(dir, 7);
  const found = await discoverClips(dir);
  assertEquals(found.skipped, []);
  assertEquals(found.clips.length, made);
  const c = countClips(found.clips);
  assertEquals([c.actors, c.femaleActors, c.maleActors], [18, 9, 9]);
  assertEquals(Object.keys(c.byCorpus), ["ravdess", "cremad", "savee", "tess"]);
  assertEquals(Object.keys(c.byEmotion).length, 8);
  await Deno.stat(`${dir}/${DEMO_MARKER}`);
  // sad clips are quieter and slower-pitched than angry ones, per actor, as the prosody says
  const rmsOf = async (emotion: string) => {
    const clips = found.clips.filter((x) => x.corpus === "ravdess" && x.emotion === emotion);
    let sum = 0;
    for (const clip of clips) {
      const y = loadClip(await Deno.readFile(`${dir}/${clip.path}`), clip.path, FUSIONNET_LOAD);
      sum += extractFeatures(y, 22050).statistical[4];
    }
    return sum / clips.length;
  };
  const [sad, angry] = [await rmsOf("sad"), await rmsOf("angry")];
  assert(sad < angry, `mean RMS sad ${sad}, angry ${angry}`);
  // a second call keeps what is there
  const before = (await Deno.stat(`${dir}/${found.clips[0].path}`)).mtime;
  await generateDemoCorpus(dir, 7);
  assertEquals((await Deno.stat(`${dir}/${found.clips[0].path}`)).mtime, before);
  // the same seed elsewhere gives the same bytes, clip for clip (sox's dither included)
  const again = await Deno.makeTempDir({ prefix: "serlab-demo-again-" });
  await generateDemoCorpus(again, 7);
  const bytes = async (d: string) =>
    (await discoverClips(d)).clips.map((x) => `${x.path} ${x.sha256}`).sort();
  assertEquals(await bytes(again), await bytes(dir));
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(again, { recursive: true });
});

Deno.test("the demo corpus is not generated into a folder of the user's files", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-demo-mine-" });
  await Deno.writeTextFile(`${dir}/recording.wav`, "mine");
  const e = await generateDemoCorpus(dir, 7).then(() => null, (x) => x);
  assert(e instanceof RefusedError && e.message.startsWith(`${dir}: not empty`), String(e));
  assertEquals([...Deno.readDirSync(dir)].map((x) => x.name), ["recording.wav"]);
  await Deno.remove(dir, { recursive: true });
});
