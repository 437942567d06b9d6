import { assert, assertEquals } from "../_assert.ts";
import { testModel } from "../_model.ts";
import { REFERENCE_AUDIO, SAMPLE } from "../_shared.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function run(script: string, args: string[], stdin?: Uint8Array) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}cli/${script}`, ...args],
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(stdin);
    await w.close();
  }
  const r = await child.output();
  return {
    code: r.code,
    stdout: new TextDecoder().decode(r.stdout),
    stderr: new TextDecoder().decode(r.stderr),
  };
}

Deno.test("features --json: one object per file and line, errors named, exit status 1", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/notes.wav`, "these are my notes, not audio");
  const good = `${REFERENCE_AUDIO}/male_angry.s16.48000.wav`;
  const r = await run("features.ts", [good, `${dir}/notes.wav`, "--json"]);
  assertEquals(r.code, 1);
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.length, 2);
  assertEquals([lines[0].file, lines[0].acoustic.length, lines[0].statistical.length], [
    good,
    162,
    8,
  ]);
  assertEquals(lines[1].file, `${dir}/notes.wav`);
  assert(
    lines[1].error.includes("notes.wav") && lines[1].error.includes("neither WAV"),
    lines[1].error,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("predict: a table or JSON lines; a bad file gets its line and the batch goes on", async () => {
  const model = await testModel();
  const clip = `${SAMPLE}/tess/YAF_angry/YAF_germ_angry.wav`;
  const r = await run("predict.ts", [model, clip, "/no/such.wav", clip, "--json"]);
  assertEquals(r.code, 1);
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.map((l) => l.file), [clip, "/no/such.wav", clip]);
  assertEquals(Object.keys(lines[0].probabilities).length, 6);
  assert(lines[1].error.includes("/no/such.wav"), lines[1].error);
  const table = await run("predict.ts", [model, clip]);
  assertEquals(table.code, 0);
  assertEquals(table.stdout.split("\n")[0].split("\t").slice(0, 3), ["file", "emotion", "neutral"]);
});

Deno.test("predict --stream -: raw PCM on standard input, a line per window", async () => {
  const model = await testModel();
  const sr = 16000;
  const pcm = new Int16Array(4 * sr).map((_, i) =>
    Math.round(8000 * Math.sin(i / 6) * Math.sin(i / 2500))
  );
  const r = await run("predict.ts", [
    model,
    "--stream",
    "-",
    "--rate",
    "16000",
    "--format",
    "s16le",
    "--hop",
    "1",
    "--json",
  ], new Uint8Array(pcm.buffer));
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.map((l) => [l.start, l.end]), [[0, 2.5], [1, 3.5]]);
  assert(lines.every((l) => l.silent === false && typeof l.emotion === "string"));
});

Deno.test("superset --out writes the manifest and prints counts", async () => {
  const out = await Deno.makeTempFile({ suffix: ".csv" });
  const r = await run("superset.ts", ["--data", SAMPLE, "--out", out]);
  assertEquals(r.code, 0, r.stderr);
  assert(r.stdout.includes("605 clips, 9 actors (5 female, 4 male)"), r.stdout);
  const rows = (await Deno.readTextFile(out)).trim().split("\n");
  assertEquals(rows[0], "path,corpus,speaker,actor,gender,emotion,intensity,sentence,sha256");
  assert(
    rows.length - 1 < 605 && !rows.some((l) => l.includes(",calm,") || l.includes(",surprise,")),
  );
  await Deno.remove(out);
});
