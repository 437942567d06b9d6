import { assert, assertEquals } from "../_assert.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import { SAMPLE } from "../_shared.ts";

Deno.test("linked corpus folders and files are followed; loops and broken links are listed", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.symlink(`${SAMPLE}/ravdess`, `${root}/ravdess`);
    await Deno.mkdir(`${root}/tess`);
    const tessFile = "YAF_angry/YAF_germ_angry.wav";
    await Deno.symlink(`${SAMPLE}/tess/${tessFile}`, `${root}/tess/YAF_germ_angry.wav`);
    await Deno.symlink(root, `${root}/tess/loop`); // back to the top
    await Deno.symlink(`${root}/nowhere`, `${root}/broken.wav`);
    const found = await discoverClips(root);
    const sample = await discoverClips(SAMPLE);
    const ravdess = sample.clips.filter((c) => c.corpus === "ravdess");
    assertEquals(
      found.clips.filter((c) => c.corpus === "ravdess").map((c) => [c.path, c.sha256]),
      ravdess.map((c) => [c.path, c.sha256]),
    );
    assertEquals(found.clips.filter((c) => c.corpus === "tess").map((c) => c.path), [
      "tess/YAF_germ_angry.wav",
    ]);
    assertEquals(found.skipped.map((s) => s.path), ["broken.wav", "tess/loop"]);
    assert(found.skipped[0].reason.startsWith("broken link"), found.skipped[0].reason);
    assert(
      found.skipped[1].reason.includes(`${await Deno.realPath(root)} again, already walked`),
      found.skipped[1].reason,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
