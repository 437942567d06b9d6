import { assert, assertEquals } from "../_assert.ts";
import { parse } from "csv-parse/sync";
import { encodeWav, loadClip } from "../../lib/audio/mod.ts";
import { Random } from "../../lib/util/random.ts";
import { testFunctionalsModel, testModel } from "../_model.ts";
import { runCli, SAMPLE } from "../_shared.ts";

const ACTOR_01 = `${SAMPLE}/ravdess/Actor_01`;

const predict = (args: string[]) => runCli("predict.ts", args);

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split("\n").map((l) => JSON.parse(l));
}

/** 10 s of digital silence, 10 s of low white noise, 1 s of samples of 1e30 (16 kHz). */
async function nonSpeech(dir: string): Promise<{ silence: string; noise: string; huge: string }> {
  const sr = 16000, random = new Random(3);
  const files = {
    silence: `${dir}/silence.wav`,
    noise: `${dir}/noise.wav`,
    huge: `${dir}/huge.wav`,
  };
  await Deno.writeFile(files.silence, encodeWav(new Float32Array(10 * sr), sr));
  const noise = Float32Array.from({ length: 10 * sr }, () => 0.01 * random.normal());
  await Deno.writeFile(files.noise, encodeWav(noise, sr));
  const huge = Float32Array.from({ length: sr }, (_, i) => 1e30 * Math.sin(i / 7));
  await Deno.writeFile(files.huge, encodeWav(huge, sr, "float32"));
  return files;
}

Deno.test("predict: silence and white noise get no emotion (exit 0), 1e30 fails naming the file; one shape for both families", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const f = await nonSpeech(dir);
    const clip = `${ACTOR_01}/03-01-05-02-01-01-01.wav`;
    const keys: string[][] = [];
    for (const model of [await testModel(), await testFunctionalsModel()]) {
      const ok = await predict([model, f.silence, f.noise, clip, "--json"]);
      assertEquals(ok.code, 0, ok.stderr);
      const [silence, noise, speech] = jsonLines(ok.stdout);
      for (const v of [silence, noise]) {
        assertEquals([v.emotion, v.reason, v.probabilities, v.segments], [
          null,
          "no speech",
          null,
          0,
        ]);
      }
      assertEquals(typeof speech.emotion, "string");
      assertEquals(speech.reason, null);
      assertEquals(speech.segments, 1);
      keys.push(Object.keys(speech), Object.keys(silence));
      assert(ok.stderr.includes("no speech 2"), ok.stderr);
      // per segment too: a file without speech is one line saying so, never left out
      const seg = jsonLines((await predict([model, f.silence, "--json", "--segments"])).stdout);
      assertEquals(seg.map((v) => [v.file, v.reason]), [[f.silence, "no speech"]]);

      const bad = await predict([model, f.huge, "--json"]);
      assertEquals(bad.code, 1);
      const [line] = jsonLines(bad.stdout);
      assert(String(line.error).startsWith(`${f.huge}: sample 1 is`), String(line.error));
      assert(String(line.error).includes("far outside full scale"), String(line.error));
      assert(bad.stderr.includes(`failed: ${f.huge}`), bad.stderr);
    }
    // the same fields, in the same order, for FusionNet and the functional-set model
    for (const k of keys) assertEquals(k, keys[0]);
    for (const k of ["gender", "genderSource", "standardization", "reason", "segments"]) {
      assert(keys[0].includes(k), k);
    }
    // a functional-set model takes no gender: --gender is refused, not ignored
    const gender = await predict([await testFunctionalsModel(), clip, "--gender", "female"]);
    assertEquals(gender.code, 2);
    assert(gender.stderr.includes("--gender"), gender.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict DIR: folders walked, a line per recording, --csv table, summary with failures; the batch goes on", async () => {
  const model = await testFunctionalsModel();
  const dir = await Deno.makeTempDir();
  try {
    const clips = [...Deno.readDirSync(ACTOR_01)].map((e) => e.name).sort().slice(0, 3);
    await Deno.mkdir(`${dir}/in/deeper`, { recursive: true });
    await Deno.copyFile(`${ACTOR_01}/${clips[0]}`, `${dir}/in/a.wav`);
    await Deno.copyFile(`${ACTOR_01}/${clips[1]}`, `${dir}/in/deeper/b.WAV`);
    await Deno.copyFile(`${ACTOR_01}/${clips[2]}`, `${dir}/in/deeper/c.wav`);
    await Deno.writeTextFile(`${dir}/in/deeper/broken.wav`, "these are notes, not audio");
    await Deno.writeTextFile(`${dir}/in/notes.txt`, "not a recording: not walked");
    const f = await nonSpeech(`${dir}/in`);
    const csv = `${dir}/out.csv`;
    const r = await predict([model, `${dir}/in`, "--json", "--csv", csv]);
    assertEquals(r.code, 1, r.stderr); // broken.wav and huge.wav
    const lines = jsonLines(r.stdout);
    assertEquals(lines.map((l) => l.file), [
      `${dir}/in/a.wav`,
      `${dir}/in/deeper/b.WAV`,
      `${dir}/in/deeper/broken.wav`,
      `${dir}/in/deeper/c.wav`,
      f.huge,
      f.noise,
      f.silence,
    ]);
    assertEquals(lines.filter((l) => l.error).map((l) => l.file), [
      `${dir}/in/deeper/broken.wav`,
      f.huge,
    ]);
    assertEquals(lines.filter((l) => typeof l.emotion === "string").length, 3);
    const table = parse(await Deno.readTextFile(csv), { columns: true }) as Record<
      string,
      string
    >[];
    assertEquals(table.map((t) => t.file), lines.map((l) => l.file));
    for (const [t, l] of table.map((t, i) => [t, lines[i]] as const)) {
      assertEquals(t.emotion, (l.emotion as string | null) ?? "");
      assertEquals(t.error === "", !l.error);
    }
    assert(r.stderr.includes("predict: 7 recordings:"), r.stderr);
    assert(r.stderr.includes("no speech 2") && r.stderr.includes("2 failed"), r.stderr);
    assert(r.stderr.includes(`failed: ${dir}/in/deeper/broken.wav: neither WAV`), r.stderr);
    assert(r.stderr.includes("7/7 recordings"), r.stderr); // progress
    const missing = await predict([model, `${dir}/nothing-here`, `${dir}/in/a.wav`, "--json"]);
    assertEquals(missing.code, 1);
    assertEquals(jsonLines(missing.stdout).map((l) => Boolean(l.error)), [true, false]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict: a long recording is judged on all its speech; --segments, --min-confidence", async () => {
  const model = await testModel();
  const dir = await Deno.makeTempDir();
  try {
    // four utterances of different emotions with 2 s of silence between them: ~22 s
    const names = ["01-01-01-01", "05-02-01-01", "04-02-01-01", "07-02-01-01"];
    const sr = 16000;
    const parts = names.map((n) => {
      const f = `${ACTOR_01}/03-01-${n}-01.wav`;
      return loadClip(Deno.readFileSync(f), f, { sampleRate: sr, offset: 0, duration: null });
    });
    const y = new Float32Array(parts.reduce((a, p) => a + p.length + 2 * sr, 0));
    const starts: number[] = [];
    parts.reduce((at, p) => (starts.push(at / sr), y.set(p, at), at + p.length + 2 * sr), 0);
    const talk = `${dir}/talk.wav`;
    await Deno.writeFile(talk, encodeWav(y, sr));
    const whole = await predict([model, talk, "--json"]);
    assertEquals(whole.code, 0, whole.stderr);
    const [verdict] = jsonLines(whole.stdout);
    assert((verdict.segments as number) >= 4, whole.stdout);
    const sum = Object.values(verdict.probabilities as Record<string, number>)
      .reduce((a, b) => a + b);
    assert(Math.abs(sum - 1) < 1e-5);

    const seg = await predict([model, talk, "--json", "--segments"]);
    assertEquals(seg.code, 0, seg.stderr);
    const segments = jsonLines(seg.stdout);
    assertEquals(segments.length, verdict.segments);
    // every utterance is covered by a segment; segments are in order and inside the recording
    for (const s of starts) {
      assert(segments.some((g) => (g.start as number) <= s + 1.5 && (g.end as number) >= s + 0.5));
    }
    for (let i = 0; i < segments.length; i++) {
      const g = segments[i] as { start: number; end: number };
      assert(g.end > g.start && g.end <= y.length / sr + 1e-3);
      if (i) assert(g.start >= (segments[i - 1].end as number));
    }
    // the whole-file verdict is the mean of the segments' probabilities
    const labels = Object.keys(verdict.probabilities as object);
    for (const l of labels) {
      const mean = segments.reduce(
        (a, g) => a + (g.probabilities as Record<string, number>)[l],
        0,
      ) / segments.length;
      const got = (verdict.probabilities as Record<string, number>)[l];
      assert(Math.abs(mean - got) < 1e-6, `${l}: ${mean} vs ${got}`);
    }

    const sure = await predict([model, talk, "--json", "--segments", "--min-confidence", "1"]);
    assertEquals(sure.code, 0, sure.stderr);
    for (const g of jsonLines(sure.stdout)) {
      assertEquals([g.emotion, g.reason], [null, "uncertain"]);
      assert(g.probabilities !== null);
    }
    const bad = await predict([model, talk, "--min-confidence", "2"]);
    assertEquals(bad.code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("predict --adapt DIR: the target domain's statistics standardise, and the result says so", async () => {
  const model = await testFunctionalsModel();
  const clip = `${ACTOR_01}/03-01-05-02-01-01-01.wav`;
  const plain = jsonLines((await predict([model, clip, "--json"])).stdout)[0];
  assertEquals(plain.standardization, "global");
  // the target domain: 8 unlabelled CREMA-D recordings (another corpus, another microphone)
  const dir = await Deno.makeTempDir();
  try {
    const domain = `${dir}/domain`;
    await Deno.mkdir(domain);
    const cremad = `${SAMPLE}/cremad/AudioWAV`;
    for (const name of [...Deno.readDirSync(cremad)].map((e) => e.name).sort().slice(0, 12)) {
      await Deno.copyFile(`${cremad}/${name}`, `${domain}/${name}`);
    }
    const r = await predict([model, clip, "--json", "--adapt", domain]);
    assertEquals(r.code, 0, r.stderr);
    const adapted = jsonLines(r.stdout)[0];
    assertEquals(adapted.standardization, "domain");
    assert(r.stderr.includes("predictions are domain-adapted"), r.stderr);
    assert(JSON.stringify(adapted.probabilities) !== JSON.stringify(plain.probabilities));
    // too little speech: the global statistics, and the message says why
    await Deno.mkdir(`${dir}/few`);
    await Deno.copyFile(clip, `${dir}/few/one.wav`);
    const few = await predict([model, clip, "--json", "--adapt", `${dir}/few`]);
    assertEquals(jsonLines(few.stdout)[0].standardization, "global");
    assert(few.stderr.includes("fewer than 10 s"), few.stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
