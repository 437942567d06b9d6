import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../_assert.ts";
import { AudioError, FUSIONNET_LOAD, loadClip } from "../../lib/audio/mod.ts";
import { librosaReference, REFERENCE_AUDIO } from "../_shared.ts";

const reference = await librosaReference();

for (const [name, ref] of Object.entries(reference.files)) {
  if (ref.samples === undefined || ref.error) continue;
  Deno.test(`loadClip matches librosa.load on ${name}`, async () => {
    const path = `${REFERENCE_AUDIO}/${name}`;
    const y = loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD);
    assertEquals(y.length, ref.samples);
    ref.first_samples!.forEach((b, i) => assertAlmostEquals(y[i], b, 1e-6 + 1e-4 * Math.abs(b)));
    let sumAbs = 0;
    for (const v of y) sumAbs += Math.abs(v);
    assertAlmostEquals(sumAbs, ref.sum_abs!, 1e-4 * ref.sum_abs!);
  });
}

Deno.test("loadClip names the file when the recording ends before the offset", async () => {
  const path = `${REFERENCE_AUDIO}/too_short.f32.22050.wav`;
  const bytes = await Deno.readFile(path);
  const e = assertThrows(() => loadClip(bytes, path, FUSIONNET_LOAD), AudioError);
  assertEquals(e.kind, "too-short");
  assert(e.message.startsWith(path), e.message);
});
