import { assert, assertEquals } from "../_assert.ts";
import { testModel } from "../_model.ts";
import { REFERENCE_AUDIO, ROOT, runCli as run, SAMPLE } from "../_shared.ts";
import { encodeWav, loadClip } from "../../lib/audio/mod.ts";

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

Deno.test("predict --stream -: raw PCM on standard input, a line per window; no emotion for a tone", async () => {
  const model = await testModel();
  const sr = 16000;
  const clip = `${SAMPLE}/ravdess/Actor_01/03-01-05-02-01-01-01.wav`; // speech from ~1 to ~3 s
  const speech = loadClip(await Deno.readFile(clip), clip, {
    sampleRate: sr,
    offset: 0,
    duration: 4,
  });
  const args = [
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
  ];
  const r = await run(
    "predict.ts",
    args,
    new Uint8Array(Int16Array.from(speech, (v) => Math.round(v * 32767)).buffer),
  );
  assertEquals(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.map((l) => [l.start, l.end]), [[0, 2.5], [1, 3.5]]);
  assert(lines.every((l) => l.silent === false && typeof l.emotion === "string"), r.stdout);
  // a loud modulated tone is not speech: the detector keeps it from being classified
  const tone = new Int16Array(4 * sr).map((_, i) =>
    Math.round(8000 * Math.sin(i / 6) * Math.sin(i / 2500))
  );
  const t = await run("predict.ts", args, new Uint8Array(tone.buffer));
  assertEquals(t.code, 0, t.stderr);
  const windows = t.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(windows.map((l) => [l.silent, l.reason, l.emotion]), [
    [true, "no speech", undefined],
    [true, "no speech", undefined],
  ]);
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

Deno.test("predict: huge samples, NaN and short or empty streams are errors, never NaN or silence", async () => {
  const model = await testModel();
  const dir = await Deno.makeTempDir();
  const sr = 16000;
  const huge = Float32Array.from({ length: 4 * sr }, (_, i) => 1e19 * Math.sin(i / 7));
  await Deno.writeFile(`${dir}/huge.wav`, encodeWav(huge, sr, "float32"));
  const file = await run("predict.ts", [model, `${dir}/huge.wav`, "--json"]);
  assertEquals(file.code, 1);
  assert(
    file.stdout.includes("huge.wav: sample 1 is 1.42e+18, far outside full scale") &&
      !file.stdout.includes("NaN"),
    file.stdout,
  );
  const stream = (bytes: Uint8Array, more: string[] = []) =>
    run("predict.ts", [model, "--stream", "-", "--format", "f32le", ...more], bytes);
  const big = await stream(new Uint8Array(huge.buffer));
  assertEquals(big.code, 1);
  assert(big.stderr.includes("stdin: sample 1 is 1.42e+18, far outside"), big.stderr);
  const nan = new Float32Array(3 * sr).fill(0.01);
  nan[100] = NaN;
  const r = await stream(new Uint8Array(nan.buffer));
  assertEquals(r.code, 1);
  assert(r.stderr.includes("stdin: sample 100 is NaN") && !r.stdout.includes("silence"), r.stderr);
  const empty = await stream(new Uint8Array(0));
  assertEquals(empty.code, 1);
  assert(empty.stderr.includes("the stream was empty"), empty.stderr);
  const short = await stream(new Uint8Array(new Float32Array(sr).buffer));
  assertEquals(short.code, 1);
  assert(short.stderr.includes("less than one 2.5 s window"), short.stderr);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("superset: an unreadable folder or file is listed as skipped and the manifest is written", async () => {
  const dir = await Deno.makeTempDir();
  const data = `${dir}/data`;
  await Deno.mkdir(`${data}/ravdess/Actor_01`, { recursive: true });
  const actor = `${SAMPLE}/ravdess/Actor_01`;
  const names = [...Deno.readDirSync(actor)].map((e) => e.name).sort().slice(0, 3);
  for (const n of names) await Deno.copyFile(`${actor}/${n}`, `${data}/ravdess/Actor_01/${n}`);
  await Deno.mkdir(`${data}/blocked`);
  await Deno.copyFile(`${actor}/${names[0]}`, `${data}/blocked/${names[0]}`);
  const child = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--deny-read=${data}/blocked,${data}/ravdess/Actor_01/${names[2]}`,
      `${ROOT}cli/superset.ts`,
      "--data",
      data,
      "--out",
      `${dir}/m.csv`,
    ],
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).output();
  const out = new TextDecoder().decode(child.stdout);
  assertEquals(child.code, 0, new TextDecoder().decode(child.stderr));
  assert(out.includes("skipped 2 files"), out);
  assert(out.includes("  blocked: folder not readable"), out);
  assert(out.includes(`  ravdess/Actor_01/${names[2]}: not readable`), out);
  const rows = (await Deno.readTextFile(`${dir}/m.csv`)).trim().split("\n").slice(1);
  assertEquals(
    rows.map((r) => r.split(",")[0]),
    names.slice(0, 2).map((n) => `ravdess/Actor_01/${n}`),
  );
  await Deno.remove(dir, { recursive: true });
});
