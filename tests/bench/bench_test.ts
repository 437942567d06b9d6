import { assert } from "../_assert.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("bench ends with one JSON line of figures, and says when a reference did not run", async () => {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}bench/main.ts`, "--only", "features"],
    stdout: "piped",
    stderr: "null",
    cwd: ROOT,
  }).output();
  assert(r.success);
  const lines = new TextDecoder().decode(r.stdout).trim().split("\n");
  const figures = JSON.parse(lines[lines.length - 1]);
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
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}bench/main.ts`, "--only", "lld", "--clips", "8"],
    stdout: "piped",
    stderr: "null",
    cwd: ROOT,
  }).output();
  assert(r.success);
  const lines = new TextDecoder().decode(r.stdout).trim().split("\n");
  const figures = JSON.parse(lines[lines.length - 1]);
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
