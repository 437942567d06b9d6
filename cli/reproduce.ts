/**
 * `deno task reproduce [--data DIR|FILE.csv] [--out DIR] [--experiments a,b,...] [--quick] [options]`:
 * runs the study headless and writes `results/<run>/`: metrics.json, folds.csv, predictions.csv,
 * plots/, report.html, the data manifest and a trained model. With no `--data` and nothing in
 * `data/corpora`, it generates the built-in demo corpus first and says so. Re-running the same
 * command resumes: features come from the cache, finished folds from the run folder.
 *
 * @module
 */
import { AUGMENTATIONS } from "../lib/augment/augment.ts";
import {
  DEFAULT_SHARDS,
  SLURM_ARGS,
  slurmFlagsGiven,
  slurmOptions,
  submitStudy,
} from "../lib/cluster/mod.ts";
import {
  type Clip,
  countClips,
  dataName,
  defaultLabelSet,
  loadData,
  noClipsMessage,
  parseLabelSet,
  skippedLines,
  stringifyManifest,
} from "../lib/corpora/mod.ts";
import { DEMO_MARKER, generateDemoCorpus } from "../lib/demo/mod.ts";
import type { PowerScale } from "../lib/dataset/build.ts";
import {
  DEFAULT_AUGMENTATION,
  defaultExperiments,
  describeChoice,
  experimentByName,
  type ExperimentResult,
  EXPERIMENTS,
  FUSIONNET_RECIPE,
  QUICK_FUNCTIONALS,
  runExperiment,
  type RunSettings,
  trainBestAndSave,
} from "../lib/eval/mod.ts";
import { BACKENDS } from "../lib/model/fusionnet/backend.ts";
import type { RunRecord } from "../lib/report/record.ts";
import { recordedExperiments } from "../lib/report/recorded.ts";
import { RUN_FOLDER } from "../lib/report/folders.ts";
import { writeRunOutputs } from "../lib/report/write.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { sha256Hex } from "../lib/util/hash.ts";
import { versions } from "../lib/version.ts";
import { renderNotebooks } from "./_notebooks.ts";
import {
  AUGMENT_CHOICES,
  augmentOption,
  BACKEND_CHOICES,
  backendOption,
  CONV_LAYERS,
  SEED,
  seedOption,
  taskArgs,
  usageError,
} from "./_options.ts";
import { checkOutputFolder, RefusedError } from "../lib/util/owned.ts";

const { extractorEpochs, sequence } = QUICK_FUNCTIONALS;
const USAGE = `usage: deno task reproduce [options]
  --data DIR|FILE.csv    corpora folder, or a manifest CSV of any labelled recordings
                         (path,emotion,speaker[,gender,corpus,...]; default: data/corpora,
                         else the built-in demo corpus)
  --out DIR              run folder (default: results/<data>-<settings hash>; re-running resumes)
  --experiments a,b      experiments to run (default: all): ${
  EXPERIMENTS.map((e) => e.name).join(", ")
}
  --quick                a fast look: FusionNet's extractor at most ${extractorEpochs} epochs, the functional-set
                         grid cut to one candidate a family, the sequence model ${sequence.seeds} seed of ${sequence.epochs} epochs
                         (always so on the demo corpus; recorded in metrics.json)
  --seed N               seed of everything random (default 42)
  --backend NAME         ${BACKENDS.join(" | ")} (default auto)
  --augment LIST|none    training-side augmentations (default ${DEFAULT_AUGMENTATION.join(",")}): ${
  AUGMENTATIONS.join(", ")
}
  --normalization MODE   speaker (default) | global (the paper's)
  --power SCALE          log (default) | linear (the paper's): the scale of RMS and mel features
  --conv-layers N        stacked Conv1D blocks (1: the authors' notebook)
  --labels LIST          the classes of every experiment and the model, e.g. angry,happy,neutral,sad
                         or with merges: neutral,calm=neutral,happy,sad,angry (default: each its own)
  --no-model             skip training the model for predict/serve
  --notebooks            also execute the notebooks on this data and render them to <run>/notebooks
  --slurm                submit the study to Slurm (sbatch) instead: feature shards, folds, merge
    --partition P --time T --cpus-per-task N (default 2) --mem M --account A
    --max-parallel N       array throttle     --shards N   feature shards (default ${DEFAULT_SHARDS})
    --sbatch "L1;L2"       more #SBATCH lines --dry-run    write the scripts, print the sbatch commands`;

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (e) {
    console.error(`reproduce: ${e instanceof Error ? e.message : e}`);
    Deno.exit(e instanceof RefusedError ? 2 : 1);
  }
}

async function main(argv: string[]): Promise<void> {
  const args = taskArgs("reproduce", argv, {
    usage: USAGE,
    strings: ["data", "out", "backend", "normalization", "power", ...SLURM_ARGS.strings],
    numbers: { seed: SEED, "conv-layers": CONV_LAYERS, ...SLURM_ARGS.numbers },
    lists: ["experiments", "augment", "labels"],
    booleans: ["quick", "no-model", "notebooks", ...SLURM_ARGS.booleans],
    choices: {
      backend: BACKEND_CHOICES,
      augment: AUGMENT_CHOICES,
      experiments: EXPERIMENTS.map((e) => e.name),
      normalization: ["speaker", "global"],
      power: ["log", "linear"],
    },
    checks: { labels: parseLabelSet },
  });
  const stray = slurmFlagsGiven(args);
  if (stray.length && !args.slurm) usageError("reproduce", `--${stray[0]} goes with --slurm`);
  const seed = seedOption(args.seed);
  const backend = backendOption(args.backend);
  const augment = augmentOption(args.augment);
  const normalization = (args.normalization ?? "speaker") as "speaker" | "global";
  const power = (args.power ?? "log") as PowerScale;

  const { data, demo } = await _dataRoot(args.data as string | undefined, seed);
  console.error(`finding clips in ${data} ...`);
  const found = await loadData(data);
  const root = found.root;
  if (found.clips.length === 0) throw new Error(noClipsMessage(data, found));
  if (found.skipped.length) {
    const manifest = found.cremadGender === "manifest";
    console.error(
      `skipped ${found.skipped.length} ${
        manifest ? "rows of the manifest" : "files that are not corpus clips"
      }:`,
    );
    for (const line of skippedLines(found.skipped, manifest ? Infinity : 5)) console.error(line);
  }
  let experiments = args.experiments
    ? (args.experiments as string[]).map(experimentByName)
    : defaultExperiments(found.clips);
  const manifest = stringifyManifest(found.clips);
  const manifestSha256 = await sha256Hex(manifest);

  // the demo corpus shows the pipeline at work: quick settings there, said so and recorded
  const quick = Boolean(args.quick) || demo;
  if (demo && !args.quick) {
    console.error(
      `demo corpus: QUICK SETTINGS (as --quick): FusionNet's extractor at most ${extractorEpochs} epochs, ` +
        `one functional-set candidate a family, the sequence model ${sequence.seeds} seed of ` +
        `${sequence.epochs} epochs; recorded in metrics.json`,
    );
  }
  const settings: RunSettings = {
    seed,
    augment,
    normalization,
    power,
    backend,
    // a quick run caps the extractor's epochs only (settings.quick), not the other stages'
    training: { ...FUSIONNET_RECIPE.training },
    // the design's keys keep their order (the run folder's name hashes these settings)
    ...FUSIONNET_RECIPE.design,
    convLayers: (args["conv-layers"] as number | undefined) ?? FUSIONNET_RECIPE.design.convLayers,
    ...(args.labels ? { labels: parseLabelSet(args.labels as string[]) } : {}),
    // absent from a full run's settings, so its fingerprint (run folder, fold keys) is unchanged
    ...(quick ? { quick: QUICK_FUNCTIONALS } : {}),
  };
  const fingerprint = (await sha256Hex(JSON.stringify({ settings, manifestSha256 }))).slice(0, 12);
  const name = dataName(data);
  const runDir = (args.out as string | undefined) ?? `results/${name}-${fingerprint.slice(0, 8)}`;
  await checkOutputFolder(runDir, RUN_FOLDER); // new, empty or a run folder of serlab's
  await Deno.mkdir(runDir, { recursive: true });
  // a re-run with another subset adds to the experiments already recorded in the run folder
  const requested = new Set(experiments.map((e) => e.name));
  const kept = (await recordedExperiments(runDir, {
    settings,
    data: { manifest_sha256: manifestSha256 },
  })).filter((n) => !requested.has(n) && EXPERIMENTS.some((e) => e.name === n));
  if (kept.length) {
    console.error(`keeping ${kept.join(", ")}, recorded in ${runDir} (their folds are reused)`);
    experiments = EXPERIMENTS.filter((e) => requested.has(e.name) || kept.includes(e.name));
  }
  await writeFileAtomic(`${runDir}/manifest.csv`, manifest);
  console.error(
    `run folder ${runDir} (${found.clips.length} clips; finished folds there are reused)`,
  );

  const record: RunRecord = {
    run_id: runDir.split("/").pop()!,
    created: new Date().toISOString(),
    seed,
    settings,
    versions: versions(),
    backend: null,
    data: {
      root,
      demo,
      clips: found.clips.length,
      manifest_sha256: manifestSha256,
      counts: countClips(found.clips),
      skipped_files: found.skipped.length,
    },
    experiments: [],
  };
  const ctx = {
    clips: found.clips,
    root,
    cacheDir: "data/cache/features",
    runDir,
    settings,
    fingerprint,
    log: (line: string) => console.error(line),
  };
  if (args.slurm) {
    const r = await submitStudy(experiments, ctx, {
      manifestSha256,
      argv,
      options: slurmOptions(args),
      shards: (args.shards as number | undefined) ?? DEFAULT_SHARDS,
      dryRun: Boolean(args["dry-run"]),
    });
    if (r.submission) {
      const { features, folds, merge } = r.submission;
      console.log(
        `submitted: features ${features ?? "(cached)"}, folds ${folds ?? "(all done)"}, ` +
          `merge ${merge}; follow it with: deno task status ${runDir}`,
      );
    } else console.log(`# scripts: ${r.scripts.join(" ")}\n${r.commands.join("\n")}`);
    return;
  }
  const started = performance.now();
  const notRun: { name: string; reason: string }[] = (record.not_run = []);
  for (const def of experiments) {
    const t0 = performance.now();
    let result: ExperimentResult;
    try {
      result = await runExperiment(def, ctx);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      console.error(`${def.name}: not run: ${reason}`);
      notRun.push({ name: def.name, reason });
      continue;
    }
    record.experiments.push(result);
    record.backend ??= result.variants.flatMap((v) => v.folds).find((f) => f.backend)?.backend ??
      null;
    await writeRunOutputs(runDir, record);
    console.error(
      `${def.name}: accuracy ${result.accuracy_mean.toFixed(3)} ± ${
        result.accuracy_std.toFixed(3)
      }` +
        `${def.paper ? ` (paper: ${def.paper.text})` : ""}, leak audit ${
          result.leak_audit.clean ? "clean" : "LEAKS"
        }${
          result.leak_audit.transductive_speaker_statistics
            ? " (speaker statistics from unlabelled test recordings)"
            : ""
        } ` +
        `[${((performance.now() - t0) / 1000).toFixed(0)} s]`,
    );
  }
  if (!args["no-model"]) {
    await _model(found.clips, root, runDir, settings, manifestSha256, fingerprint);
  }
  if (args.notebooks) await renderNotebooks(root, `${runDir}/notebooks`);
  const report = await writeRunOutputs(runDir, record);
  console.log(
    `\n${
      demo ? "DEMO CORPUS (synthetic speech) — " : ""
    }${record.experiments.length} experiments in ${
      ((performance.now() - started) / 1000).toFixed(0)
    } s`,
  );
  for (const e of record.experiments) {
    console.log(
      `  ${e.name.padEnd(22)} ${e.accuracy_mean.toFixed(3)} ± ${e.accuracy_std.toFixed(3)}  ${
        e.leak_audit.clean ? "leak-free" : "LEAKS"
      }${e.paper ? `  (paper ${e.paper.text})` : ""}`,
    );
  }
  console.log(`report: ${report}`);
  if (notRun.length) {
    console.log(`NOT RUN on this data:\n${notRun.map((n) => `  ${n.reason}`).join("\n")}`);
    // what was asked for by name must run; of the default list, at least one
    if (args.experiments || !record.experiments.length) Deno.exit(1);
  }
}

/**
 * The data: --data (a folder or a manifest CSV), else data/corpora, else the demo corpus
 * (generated if needed).
 */
async function _dataRoot(
  data: string | undefined,
  seed: number,
): Promise<{ data: string; demo: boolean }> {
  const exists = async (p: string) => await Deno.stat(p).then(() => true, () => false);
  if (data) {
    if (!(await exists(data))) throw new Error(`--data ${data}: no such folder or manifest CSV`);
    return { data, demo: await exists(`${data}/${DEMO_MARKER}`) };
  }
  if (await exists("data/corpora")) {
    return { data: "data/corpora", demo: await exists(`data/corpora/${DEMO_MARKER}`) };
  }
  const root = "data/demo-corpus";
  const banner = "=".repeat(78);
  console.error(
    `${banner}\nNo corpus found (no --data, nothing in data/corpora): using the BUILT-IN DEMO CORPUS,\n` +
      `synthetic speech made with espeak-ng and sox. Its numbers show the pipeline works; they are\n` +
      `not results on RAVDESS, CREMA-D, SAVEE or TESS. See README: real corpora.\n${banner}`,
  );
  if (!(await exists(`${root}/${DEMO_MARKER}`))) {
    const t0 = performance.now();
    const { clips } = await generateDemoCorpus(root, seed, (done, total) => {
      if (done % 100 === 0 || done === total) console.error(`demo corpus: ${done}/${total} clips`);
    });
    console.error(
      `demo corpus: ${clips} clips in ${root} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  return { data: root, demo: true };
}

async function _model(
  clips: Clip[],
  root: string,
  runDir: string,
  settings: RunSettings,
  manifestSha256: string,
  fingerprint: string,
): Promise<void> {
  const out = `${runDir}/model`;
  try {
    const card = JSON.parse(await Deno.readTextFile(`${out}/serlab.json`));
    if (card.fingerprint === fingerprint) return;
  } catch { /* not trained yet */ }
  const labelSet = settings.labels ?? defaultLabelSet(clips);
  console.error(
    `model: training the model for predict/serve on all clips (${labelSet.labels.join(", ")}) ...`,
  );
  const choice = await trainBestAndSave(clips, {
    root,
    out,
    cacheDir: "data/cache/features",
    seed: settings.seed,
    augment: settings.augment,
    backend: settings.backend,
    training: settings.training,
    ...(settings.quick ? { extractorEpochs: settings.quick.extractorEpochs } : {}),
    convLayers: settings.convLayers,
    fusionHidden: settings.fusionHidden,
    load: settings.load,
    features: settings.features,
    power: settings.power,
    versions: versions(),
    manifestSha256,
    valShare: settings.valShare,
    labelSet,
  });
  await writeFileAtomic(
    `${out}/serlab.json`,
    JSON.stringify({ ...choice.card, fingerprint }, null, 1) + "\n",
  );
  console.error(`model: saved to ${out}: ${describeChoice(choice)}`);
}
