import { assert, assertEquals } from "../_assert.ts";
import { encodeWav, loadClip } from "../../lib/audio/mod.ts";
import { testModel } from "../_model.ts";
import { ROOT, runCli, SAMPLE } from "../_shared.ts";

const ACTOR_02 = `${SAMPLE}/ravdess/Actor_02`;

const predict = (args: string[]) => runCli("predict.ts", args);

Deno.test("predict --enroll a folder, --save-enrolment, --enrolment: the speaker's statistics, bad files named", async () => {
  const model = await testModel();
  const dir = await Deno.makeTempDir();
  try {
    const files = [...Deno.readDirSync(ACTOR_02)].map((e) => `${ACTOR_02}/${e.name}`).sort();
    const enrolDir = `${dir}/enrol`;
    await Deno.mkdir(enrolDir);
    for (const f of files.slice(1, 13)) await Deno.copyFile(f, `${enrolDir}/${f.split("/").pop()}`);
    await Deno.writeTextFile(`${enrolDir}/broken.wav`, "not audio");
    const saved = `${dir}/speaker.json`;
    const a = await predict([
      model,
      files[0],
      "--json",
      "--enroll",
      enrolDir,
      "--save-enrolment",
      saved,
    ]);
    assertEquals(a.code, 1, a.stderr); // the broken enrolment file
    assert(a.stderr.includes("broken.wav"), a.stderr);
    const withEnrol = JSON.parse(a.stdout.trim());
    assertEquals(withEnrol.standardization, "speaker");
    const b = await predict([model, files[0], "--json", "--enrolment", saved]);
    assertEquals(b.code, 0, b.stderr);
    assertEquals(JSON.parse(b.stdout.trim()).probabilities, withEnrol.probabilities);
    const c = await predict([model, files[0], "--json", "--with-inputs"]);
    const plain = JSON.parse(c.stdout.trim());
    assertEquals(plain.standardization, "global");
    assertEquals(plain.inputs.features.length, 170);
    assertEquals(plain.inputs.gender, [-1]);
    const saveAlone = await predict([model, files[0], "--save-enrolment", saved]);
    assertEquals(saveAlone.code, 2);
    assert(saveAlone.stderr.includes("--save-enrolment"), saveAlone.stderr);
    // a file serlab did not write is never overwritten: refused before any work, kept
    await Deno.writeTextFile(`${dir}/mine.json`, '{"my":"data"}');
    const mine = await predict([
      model,
      files[0],
      "--enroll",
      enrolDir,
      "--save-enrolment",
      `${dir}/mine.json`,
    ]);
    assertEquals(mine.code, 2, mine.stderr);
    assert(mine.stderr.includes(`${dir}/mine.json: exists and is not an enrolment`), mine.stderr);
    assertEquals(await Deno.readTextFile(`${dir}/mine.json`), '{"my":"data"}');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict --segments --json: one object per speech segment with times; bad files named", async () => {
  const model = await testModel();
  const dir = await Deno.makeTempDir();
  try {
    const files = [...Deno.readDirSync(ACTOR_02)].map((e) => `${ACTOR_02}/${e.name}`).sort()
      .slice(0, 2);
    const parts = files.map((f) =>
      loadClip(Deno.readFileSync(f), f, { sampleRate: 16000, offset: 0, duration: null })
    );
    const y = new Float32Array(parts[0].length + 16000 + parts[1].length);
    y.set(parts[0]);
    y.set(parts[1], parts[0].length + 16000);
    await Deno.writeFile(`${dir}/talk.wav`, encodeWav(y, 16000));
    const r = await predict([model, "--segments", `${dir}/talk.wav`, `${dir}/none.wav`, "--json"]);
    assertEquals(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const segments = lines.filter((l) => !l.error);
    assert(segments.length >= 2, r.stdout);
    for (const s of segments) {
      assertEquals(Object.keys(s).slice(0, 6), [
        "file",
        "start",
        "end",
        "emotion",
        "reason",
        "probabilities",
      ]);
      assert(s.end > s.start && s.end <= y.length / 16000 + 0.01, JSON.stringify(s));
    }
    assert(lines.at(-1).error.includes("none.wav"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict --stream enrols as it goes: speaker statistics from 10 s of speech on", async () => {
  const model = await testModel();
  const files = [...Deno.readDirSync(ACTOR_02)].map((e) => `${ACTOR_02}/${e.name}`).sort()
    .slice(0, 16);
  const parts = files.map((f) =>
    loadClip(Deno.readFileSync(f), f, { sampleRate: 16000, offset: 0, duration: null })
  );
  const y = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (y.set(p, at), at + p.length), 0);
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${ROOT}cli/predict.ts`,
      model,
      "--stream",
      "-",
      "--format",
      "wav",
      "--json",
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(encodeWav(y, 16000));
  await w.close();
  const r = await child.output();
  assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
  const lines = new TextDecoder().decode(r.stdout).trim().split("\n").map((l) => JSON.parse(l));
  const spoken = lines.filter((l) => !l.silent);
  const seconds = spoken.map((l) => l.enrolledSeconds);
  assert(seconds.every((s, i) => i === 0 || s >= seconds[i - 1]), JSON.stringify(seconds));
  assert(seconds.at(-1) >= 10, JSON.stringify(seconds));
  for (const l of spoken) {
    assertEquals(l.standardization, l.enrolledSeconds >= 10 ? "speaker" : "global");
  }
});
