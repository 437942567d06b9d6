import { assert, assertEquals } from "../_assert.ts";
import { runScript } from "../_shared.ts";

/** Runs the bench with `args`; the figures of its last line (it must succeed). */
async function benchFigures(args: string[]) {
  const r = await runScript("bench/main.ts", args);
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

Deno.test("bench ends with one JSON line of figures, and says when a reference did not run", async () => {
  const figures = await benchFigures(["--only", "features"]);
  assert(
    figures.feature_ms_per_clip > 0 && figures.feature_clips_timed === 605,
    JSON.stringify(figures),
  );
  assert(
    typeof figures.librosa_ms_per_clip === "number" ||
      figures.librosa_note?.includes("not measured"),
    "librosa's figure, or why it is missing",
  );
});

Deno.test("bench --only lld: the large set's time per clip, and librosa's or why it is missing", async () => {
  const figures = await benchFigures(["--only", "lld", "--clips", "8"]);
  assert(
    figures.large_set_ms_per_clip > 0 && figures.large_set_whole_ms_per_clip > 0 &&
      figures.large_set_clips_timed === 8,
    JSON.stringify(figures),
  );
  assert(
    typeof figures.librosa_large_set_ms_per_clip === "number" ||
      (figures.librosa_large_set_note?.includes("not run") &&
        (figures.numpy_reference_large_set_ms_per_clip > 0 ||
          figures.numpy_reference_note?.includes("did not run"))),
    "librosa's figure, or the numpy stand-in's, or why they are missing",
  );
});
