/**
 * End to end in headless Chromium: the served page loads the model (SER-FusionNet with
 * TensorFlow.js, or a functional-set classifier from its card), hears a WAV file through
 * Chromium's fake microphone, and its predictions agree with the command line's on the same audio;
 * a recording chosen in the page or dropped on it is predicted as `predict FILE` predicts it.
 */
import { assert, assertEquals } from "../_assert.ts";
import { decodeAudio, encodeWav, readMono } from "../../lib/audio/mod.ts";
import { EmotionPredictor, predictStream, serveApp } from "../../lib/realtime/mod.ts";
import { testFunctionalsModel, testModel, testSequenceModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";
import { encodeBase64 } from "../../lib/util/base64.ts";
import { openPage } from "../../lib/report/chromium.ts";
import { candidateFamily } from "../../lib/model/families.ts";
import { saveFunctionals } from "../../lib/model/functionals_deploy.ts";
import { loadClip } from "../../lib/audio/load.ts";
import { applyScaler, loadDeployable } from "../../lib/model/mod.ts";

const CHROMIUM = "/usr/bin/chromium";

Deno.test("the browser page predicts from the microphone and agrees with the CLI (FusionNet)", async () => {
  await pageAgreesWithCli(await testModel());
});

Deno.test("the browser page predicts from the microphone and agrees with the CLI (functional sets)", async () => {
  await pageAgreesWithCli(await testFunctionalsModel());
});

Deno.test("the browser page predicts from the microphone and agrees with the CLI (sequence model)", async () => {
  await pageAgreesWithCli(await testSequenceModel());
});

/**
 * The functional-set test model's card with an RBF SVM (libsvm, calibrated) in place of its
 * classifier, fitted on RAVDESS actors 1 and 2 of the sample (their emotions by file name; the
 * card's global scaler), so that the page's libsvm must give the CLI's confident probabilities.
 */
async function svmModel(): Promise<string> {
  const base = await testFunctionalsModel();
  const card = JSON.parse(await Deno.readTextFile(`${base}/serlab.json`));
  const model = await loadDeployable(base);
  const codes: Record<string, string> = {
    "01": "neutral",
    "03": "happy",
    "04": "sad",
    "05": "angry",
    "06": "fear",
    "07": "disgust",
  };
  const rows: Float32Array[] = [], y: number[] = [];
  for (const actor of ["Actor_01", "Actor_02"]) {
    for await (const e of Deno.readDir(`${SAMPLE}/ravdess/${actor}`)) {
      const label = card.labels.indexOf(codes[e.name.split("-")[2]]);
      if (label < 0) continue;
      const file = `${SAMPLE}/ravdess/${actor}/${e.name}`;
      const clip = loadClip(await Deno.readFile(file), file, model.load);
      rows.push(applyScaler(model.features(clip), model.globalScaler)), y.push(label);
    }
  }
  model.dispose();
  const dims = rows[0].length, x = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => x.set(r, i * dims));
  const { family, hyper } = candidateFamily("svm-rbf", 1);
  const svm = (await family.load()).fit(
    { x, rows: rows.length, dims },
    Int32Array.from(y),
    card.labels.length,
    hyper,
    0,
  );
  // fitted on globally standardised rows: the card's classifier for both standardisations (not
  // calibrated: T = 1)
  card.calibration = { temperature: 1, fittedOn: "not calibrated (a test model)" };
  card.classifier = family.calibrate(svm.toJSON(), 1);
  card.inductive = { classifier: card.classifier, calibration: card.calibration };
  card.recipe = `svm-rbf ${card.set} c=1`;
  const dir = await Deno.makeTempDir({ prefix: "serlab-svm-model-" });
  await saveFunctionals(card, dir);
  return dir;
}

async function pageAgreesWithCli(model: string): Promise<void> {
  await Deno.stat(CHROMIUM).catch(() => {
    throw new Error(
      `${CHROMIUM} is missing: sudo apt-get install -y chromium (.ci/run installs it)`,
    );
  });
  // ten seconds of RAVDESS speech at 48 kHz: four clips back to back
  const dir = await Deno.makeTempDir({ prefix: "serlab-browser-" });
  const parts = [];
  for (const name of ["03-01-05-02-01-01-01", "03-01-04-01-02-02-01", "03-01-03-02-02-01-01"]) {
    const path = `${SAMPLE}/ravdess/Actor_01/${name}.wav`;
    parts.push(readMono(decodeAudio(await Deno.readFile(path), path)));
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const audio = new Float32Array(total);
  parts.reduce((at, p) => (audio.set(p, at), at + p.length), 0);
  const wav = `${dir}/speech.wav`;
  await Deno.writeFile(wav, encodeWav(audio, 48000));
  const seconds = total / 48000;

  const { url, reports, abort } = await _servePage(model);
  const chromium = new Deno.Command(CHROMIUM, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${dir}/profile`,
      "--autoplay-policy=no-user-gesture-required",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}`,
      "--remote-debugging-port=0",
      `${url}?autostart&report&hop=1`,
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    const deadline = Date.now() + 90_000;
    while (
      reports.filter((r) => !r.silent).length < Math.floor(seconds - 2.5) && Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    chromium.kill();
    await chromium.status;
    abort.abort();
  }
  const heard = reports.filter((r) => !r.silent) as {
    start: number;
    probabilities: Record<string, number>;
    emotion: string;
  }[];
  assert(
    heard.length >= 3,
    `the page reported ${reports.length} windows, ${heard.length} with speech`,
  );

  // the CLI's stream mode on the same file, same windows
  const predictor = await EmotionPredictor.load(model);
  const cli: { start: number; probabilities: Record<string, number> }[] = [];
  async function* bytes() {
    yield await Deno.readFile(wav);
  }
  for await (
    const r of predictStream(predictor, bytes(), "wav", "speech.wav", {
      window: 2.5,
      hop: 1,
      silenceDb: -50,
    })
  ) {
    if (!r.silent) cli.push(r);
  }
  predictor.dispose();
  const labels = Object.keys(heard[0].probabilities);
  const mean = (rows: { probabilities: Record<string, number> }[]) =>
    labels.map((l) => rows.reduce((a, r) => a + r.probabilities[l], 0) / rows.length);
  // same windows of the first pass through the file: the fake microphone starts at the file's start
  const firstPass = heard.filter((r) => r.start + 2.5 <= seconds);
  const pairs = firstPass.map((b) => [b, cli.find((c) => Math.abs(c.start - b.start) < 0.05)])
    .filter(([, c]) => c);
  const agree = pairs.filter(([b, c]) =>
    labels.reduce((m, l) => Math.max(m, Math.abs(b!.probabilities[l] - c!.probabilities[l])), 0) <
      0.1
  );
  // the page enrols the speaker as it goes (under 10 s of speech in the first pass: still global)
  const enrolled = (heard as unknown as { enrolledSeconds: number }[]).map((r) =>
    r.enrolledSeconds
  );
  assert(enrolled.every((v, i) => i === 0 || v >= enrolled[i - 1]), JSON.stringify(enrolled));
  assert(enrolled.at(-1)! > 0, JSON.stringify(enrolled));
  const [mb, mc] = [mean(firstPass), mean(cli)];
  const detail = JSON.stringify({ pairs: pairs.length, agree: agree.length, browser: mb, cli: mc });
  assert(pairs.length >= 3, `too few windows of the browser line up with the CLI's: ${detail}`);
  // every class probability within 0.1 in all aligned windows but at most one (Chromium's own
  // capture path resamples and may shift a window's level across the silence threshold)
  assert(agree.length >= pairs.length - 1, `browser and CLI disagree: ${detail}`);
  assert(
    Math.max(...mb.map((v, i) => Math.abs(v - mc[i]))) < 0.1,
    `mean probabilities differ: ${detail}`,
  );
  assertEquals(labels.length, 6);
  await Deno.remove(dir, { recursive: true });
}

Deno.test("the browser page takes a chosen or dropped recording and predicts it as predict FILE does", async () => {
  await pageFilesAgreeWithCli(await testFunctionalsModel());
});

Deno.test("the browser page runs an SVM card (libsvm in the page) as predict FILE does", async () => {
  const model = await svmModel();
  // fitted on this clip among others: confident, so that agreeing within 1e-4 says something
  const predictor = await EmotionPredictor.load(model);
  const clip = `${SAMPLE}/ravdess/Actor_01/03-01-05-02-01-01-01.wav`;
  const { probabilities } = await predictor.predictFile(await Deno.readFile(clip), clip);
  predictor.dispose();
  assert(Math.max(...Object.values(probabilities)) > 0.5, JSON.stringify(probabilities));
  await pageFilesAgreeWithCli(model);
});

Deno.test("the browser page runs the sequence model (its WebAssembly kernels in the page) as predict FILE does", async () => {
  await pageFilesAgreeWithCli(await testSequenceModel());
});

/** Chooses and drops recordings in the page; its whole-file predictions are the CLI's. */
async function pageFilesAgreeWithCli(model: string): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "serlab-browser-file-" });
  const { url, reports, abort } = await _servePage(model);
  const page = await openPage(CHROMIUM, `${url}?report&hop=1`, `${dir}/profile`);
  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(reports)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const chosen = `${SAMPLE}/ravdess/Actor_01/03-01-05-02-01-01-01.wav`; // angry, 48 kHz
  const dropped = `${SAMPLE}/tess/OAF_angry/OAF_back_angry.wav`;
  try {
    // (until the page's document exists, Chromium has no context to evaluate in)
    await until(
      "the model never loaded",
      async () =>
        String(
          await page.evaluate(`document.getElementById("status")?.textContent ?? ""`).catch(() =>
            ""
          ),
        ).startsWith("model ready"),
    );
    // chosen in the file input (as a user picks it in the dialog)
    const { root } = await page.send("DOM.getDocument") as { root: { nodeId: number } };
    const { nodeId } = await page.send("DOM.querySelector", {
      nodeId: root.nodeId,
      selector: "#file",
    });
    await page.send("DOM.setFileInputFiles", { files: [chosen], nodeId });
    const whole = (name: string) => reports.find((r) => r.file === name && r.whole);
    await until("no prediction of the chosen file", () => !!whole("03-01-05-02-01-01-01.wav"));
    // dropped on the page: a drop event carrying the file
    const b64 = encodeBase64(await Deno.readFile(dropped));
    const drop = (name: string, base64: string) =>
      page.evaluate(`(() => {
        const bytes = Uint8Array.from(atob("${base64}"), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], "${name}", { type: "audio/wav" }));
        document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        return true;
      })()`);
    await drop("OAF_back_angry.wav", b64);
    await until("no prediction of the dropped file", () => !!whole("OAF_back_angry.wav"));
    // a file that is not audio: its name and the problem, shown and reported
    await drop("notes.wav", encodeBase64(new TextEncoder().encode("not audio at all")));
    await until("no error for the bad file", () => reports.some((r) => r.file === "notes.wav"));
    const bad = reports.find((r) => r.file === "notes.wav")!;
    assert(String(bad.error).startsWith("notes.wav: "), JSON.stringify(bad));
    const shown = await page.evaluate(`document.getElementById("file-result").textContent`);
    assertEquals(shown, bad.error);
    // each file's windows over time, reported with its name (1 s hop)
    for (const path of [chosen, dropped]) {
      const name = path.split("/").pop()!;
      const pcm = decodeAudio(await Deno.readFile(path), path);
      const windows = Math.floor(pcm.frames / pcm.sampleRate - 2.5) + 1;
      await until(
        `${name}: ${windows} windows`,
        () => reports.filter((r) => r.file === name && !r.whole).length === windows,
      );
    }
  } finally {
    await page.close();
    abort.abort();
  }
  // the whole-file predictions are the CLI's
  const predictor = await EmotionPredictor.load(model);
  try {
    for (const path of [chosen, dropped]) {
      const name = path.split("/").pop()!;
      const cli = await predictor.predictFile(await Deno.readFile(path), path);
      const page = reports.find((r) => r.file === name && r.whole) as unknown as typeof cli;
      assertEquals(page.emotion, cli.emotion);
      for (const l of predictor.labels) {
        assert(Math.abs(page.probabilities[l] - cli.probabilities[l]) < 1e-4, `${name} ${l}`);
      }
    }
  } finally {
    predictor.dispose();
  }
  await Deno.remove(dir, { recursive: true });
}

/** Serves the page for `model` on a free local port, collecting the reports it sends. */
async function _servePage(model: string) {
  const reports: Record<string, unknown>[] = [];
  const abort = new AbortController();
  const { url } = await serveApp({
    modelDir: model,
    port: 0,
    hostname: "127.0.0.1",
    onReport: (r) => reports.push(r),
    signal: abort.signal,
  });
  return { url, reports, abort };
}
