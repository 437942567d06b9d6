import { assert, assertEquals } from "../_assert.ts";
import { SAMPLE } from "../_shared.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function reproduce(out: string, experiments = "paper-ravdess-split,leaky-ravdess-split") {
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${ROOT}cli/reproduce.ts`,
      "--data",
      SAMPLE,
      "--out",
      out,
      "--experiments",
      experiments,
      "--quick",
      "--augment",
      "noise",
      "--no-model",
    ],
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).output();
  const text = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, text);
  return text;
}

Deno.test("reproduce writes metrics.json of the documented shape, CSVs, plots and a report; a re-run resumes", async () => {
  const out = await Deno.makeTempDir({ prefix: "serlab-run-" });
  await reproduce(out);
  const metrics = JSON.parse(await Deno.readTextFile(`${out}/metrics.json`));
  for (const k of ["run_id", "seed", "settings", "versions", "backend", "data", "experiments"]) {
    assert(k in metrics, k);
  }
  assertEquals(metrics.data.clips, 605);
  assert(/^[0-9a-f]{64}$/.test(metrics.data.manifest_sha256));
  assertEquals(metrics.experiments.map((e: { name: string }) => e.name), [
    "paper-ravdess-split",
    "leaky-ravdess-split",
  ]);
  for (const e of metrics.experiments) {
    for (
      const k of [
        "name",
        "protocol",
        "dataset",
        "folds",
        "accuracy_mean",
        "accuracy_std",
        "leak_audit",
      ]
    ) assert(k in e, `${e.name}: ${k}`);
    for (const f of e.folds) {
      for (const k of ["accuracy", "uar", "macro_f1", "n_test"]) {
        assert(typeof f[k] === "number", `${e.name} fold: ${k}`);
      }
      assert(f.accuracy >= 0 && f.accuracy <= 1);
    }
  }
  const [honest, leaky] = metrics.experiments;
  assertEquals(honest.leak_audit.augmented_copies_of_test_clips, 0);
  assert(
    leaky.leak_audit.augmented_copies_of_test_clips > 0,
    "the augment-then-split leak is reported",
  );
  assertEquals(leaky.leak_audit.clean, false);
  const predictions = (await Deno.readTextFile(`${out}/predictions.csv`)).split("\n");
  assert(
    predictions[0].startsWith(
      "experiment,variant,fold,path,corpus,actor,gender,emotion,predicted,p_",
    ),
  );
  assertEquals(
    predictions.filter((l) => l.startsWith("paper-ravdess-split,")).length,
    honest.folds[0].n_test,
  );
  const report = await Deno.readTextFile(`${out}/report.html`);
  assert(
    report.includes("Plotly.newPlot") && report.includes("88.07%") &&
      report.includes("leaky-ravdess-split"),
  );
  assert(
    (await Deno.readTextFile(`${out}/plots/leaky-ravdess-split.html`)).includes("Plotly.newPlot"),
  );
  // the second run, asked for one of the two, trains nothing and keeps the other: the same
  // numbers come back from the run folder
  const log = await reproduce(out, "leaky-ravdess-split");
  assert(!log.includes("rows, val"), "a fold was trained again");
  assert(log.includes("keeping paper-ravdess-split"), log);
  const again = JSON.parse(await Deno.readTextFile(`${out}/metrics.json`));
  assertEquals(
    again.experiments.map((e: { accuracy_mean: number }) => e.accuracy_mean),
    metrics.experiments.map((e: { accuracy_mean: number }) => e.accuracy_mean),
  );
  await Deno.remove(out, { recursive: true });
});

Deno.test("reproduce: an experiment this data cannot run is named with the reason, exit status 1", async () => {
  const data = await Deno.makeTempDir({ prefix: "serlab-data-" });
  const out = await Deno.makeTempDir({ prefix: "serlab-run-" });
  await Deno.symlink(`${SAMPLE}/tess`, `${data}/tess`); // one corpus: nothing to leave out
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${ROOT}cli/reproduce.ts`,
      "--data",
      data,
      "--out",
      out,
      "--experiments",
      "cross-corpus",
      "--no-model",
    ],
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).output();
  const text = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 1, text);
  assert(text.includes("NOT RUN on this data:\n  cross-corpus: no folds"), text);
  const metrics = JSON.parse(await Deno.readTextFile(`${out}/metrics.json`));
  assertEquals(metrics.experiments, []);
  assertEquals(metrics.not_run.map((n: { name: string }) => n.name), ["cross-corpus"]);
  await Deno.remove(data, { recursive: true });
  await Deno.remove(out, { recursive: true });
});
