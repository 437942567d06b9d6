/**
 * Publishing a run for reviewers: the committable parts of a run folder copied into
 * `results/published/<run>/`, its key figures as static SVG, and `results/README.md` (the
 * headline tables, the figures, the data, the exact command, versions and date), which GitHub
 * renders without anyone running anything.
 *
 * @module
 */
import { writeFileAtomic } from "../util/atomic.ts";
import { checkOverwrite, replaceFolder } from "../util/owned.ts";
import { isResultsReadme, PUBLISHED_FOLDER } from "./folders.ts";
import { experimentFigures } from "./html.ts";
import type { RunRecord } from "./record.ts";
import { resultsReadme } from "./results_readme.ts";
import { figuresToSvg, type SvgJob } from "./svg_export.ts";

/** predictions.csv is published only up to this size (bytes); past it the README says so. */
export const PREDICTIONS_MAX_BYTES = 1_000_000;

/** What {@linkcode publishRun} did. */
export interface PublishResult {
  /** The published run folder, `<out>/published/<run_id>`. */
  dir: string;
  /** `<out>/README.md`. */
  readme: string;
  /** Files copied, relative to the run folder. */
  copied: string[];
  /** Files of the run folder left out, each with the reason. */
  left_out: string[];
  /** The SVG figures written, relative to `<out>`. */
  figures: string[];
}

/**
 * Publishes the run folder `runDir` under `out`: copies `metrics.json`, `folds.csv`,
 * `report.html`, `plots/*.html`, `notebooks/*.html` and `predictions.csv` when small (never the
 * model, the fold checkpoints or caches), exports each experiment's key figures as SVG with
 * plotly in headless Chromium, and writes `<out>/README.md`. Throws, naming the file, when the
 * folder holds no readable `metrics.json`. The published copy is written into a new folder that
 * replaces an earlier one atomically ({@linkcode replaceFolder}); a `<out>/published/<run>` or
 * `<out>/README.md` that `publish` did not write is refused (a `RefusedError`), never replaced.
 *
 * @example
 * ```ts ignore
 * const r = await publishRun("results/corpora-91990b74", "results");
 * console.log(r.readme); // results/README.md
 * ```
 */
export async function publishRun(runDir: string, out: string): Promise<PublishResult> {
  const run = await readRunRecord(runDir);
  const dir = `${out}/published/${run.run_id}`;
  const source = await Deno.realPath(runDir);
  if (await Deno.realPath(dir).then((d) => source.startsWith(d), () => false)) {
    throw new Error(`${runDir}: this is the published copy; publish the run folder itself`);
  }
  const readme = `${out}/README.md`;
  await checkOverwrite(readme, "a results README", isResultsReadme);
  // written into a new folder that then takes the published copy's place
  const { copied, left_out, figurePaths, figures } = await replaceFolder(
    dir,
    PUBLISHED_FOLDER,
    (tmp) => _publishInto(run, runDir, tmp),
  );
  await checkOverwrite(readme, "a results README", isResultsReadme);
  const parts = {
    made: {
      model: await _exists(`${runDir}/model`),
      notebooks: copied.some((f) => f.startsWith("notebooks/")),
    },
    figures: figures.map((f, i) => ({ path: figurePaths[i], title: f.title })),
    copied,
    left_out,
  };
  // the newest run's README at the top of results/, and each run's own in its folder
  await writeFileAtomic(readme, resultsReadme(run, parts));
  await writeFileAtomic(`${dir}/README.md`, resultsReadme(run, parts, "run"));
  return { dir, readme, copied, left_out, figures: figurePaths };
}

async function _publishInto(run: RunRecord, runDir: string, dir: string) {
  const copied: string[] = [];
  const left_out: string[] = [];
  for (const name of ["metrics.json", "folds.csv", "report.html"]) {
    await _copy(`${runDir}/${name}`, `${dir}/${name}`);
    copied.push(name);
  }
  for (const sub of ["plots", "notebooks"]) {
    for (const name of await _htmlFiles(`${runDir}/${sub}`)) {
      await _copy(`${runDir}/${sub}/${name}`, `${dir}/${sub}/${name}`);
      copied.push(`${sub}/${name}`);
    }
  }
  const predictions = await Deno.stat(`${runDir}/predictions.csv`).catch(() => null);
  if (predictions && predictions.size <= PREDICTIONS_MAX_BYTES) {
    await _copy(`${runDir}/predictions.csv`, `${dir}/predictions.csv`);
    copied.push("predictions.csv");
  } else if (predictions) {
    left_out.push(
      `predictions.csv (${_mb(predictions.size)}, over ${_mb(PREDICTIONS_MAX_BYTES)})`,
    );
  }
  for await (const entry of Deno.readDir(runDir)) {
    const name = entry.isDirectory ? `${entry.name}/` : entry.name;
    if (copied.includes(entry.name) || ["plots/", "notebooks/", "predictions.csv"].includes(name)) {
      continue;
    }
    left_out.push(
      `${name} (${
        entry.name === "model"
          ? "model weights"
          : entry.name === "folds"
          ? "per-fold checkpoints"
          : entry.name === "manifest.csv"
          ? "the data's manifest; its sha256 is below"
          : "not a result"
      })`,
    );
  }
  const figures = keyFigures(run);
  const svgs = await figuresToSvg(figures.map((f) => f.job));
  const figurePaths: string[] = [];
  for (const [i, f] of figures.entries()) {
    await writeFileAtomic(`${dir}/figures/${f.file}`, svgs[i]);
    figurePaths.push(`published/${run.run_id}/figures/${f.file}`);
  }
  return { copied, left_out, figurePaths, figures };
}

/**
 * Reads and checks a run folder's `metrics.json`; the error names the file and the problem.
 *
 * @example
 * ```ts ignore
 * const run = await readRunRecord("results/demo-1a2b3c4d");
 * ```
 */
export async function readRunRecord(runDir: string): Promise<RunRecord> {
  const file = `${runDir}/metrics.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    throw new Error(
      `${file}: ${
        e instanceof Deno.errors.NotFound ? "not found (is this a run folder?)" : String(e)
      }`,
    );
  }
  let run: RunRecord;
  try {
    run = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  if (
    typeof run?.run_id !== "string" || !/^[\w.-]+$/.test(run.run_id) ||
    !Array.isArray(run.experiments) || !run.settings || !run.data
  ) {
    throw new Error(`${file}: not a serlab run record (run_id, settings, data, experiments)`);
  }
  if (!run.experiments.length) throw new Error(`${file}: records no experiment`);
  for (const e of run.experiments) {
    for (const k of ["accuracy_mean", "accuracy_std", "uar_mean", "macro_f1_mean"] as const) {
      if (!Number.isFinite(e[k])) throw new Error(`${file}: ${e.name}: ${k} is not a number`);
    }
  }
  return run;
}

/**
 * The figures a reviewer sees first, per experiment: accuracy per fold against the paper, the
 * variants' mean accuracy (ablation) and the main variant's pooled confusion matrix; the same
 * figures (same code) as `report.html`.
 *
 * @example
 * ```ts ignore
 * const figures = keyFigures(run); // [{ file: "paper-ravdess-cv-folds.svg", title, job }, ...]
 * ```
 */
export function keyFigures(run: RunRecord): { file: string; title: string; job: SvgJob }[] {
  const out: { file: string; title: string; job: SvgJob }[] = [];
  for (const e of run.experiments) {
    const main = e.variants[0]?.name;
    for (const f of experimentFigures(e)) {
      const key = f.id === `${e.name}-folds` || f.id === `${e.name}-variants` ||
        f.id === `${e.name}-confusion-${main}`.replace(/[^a-z0-9-]/gi, "-");
      if (!key) continue;
      const title = String((f.figure.layout.title as { text?: string })?.text ?? f.id);
      out.push({
        file: `${f.id}.svg`,
        title,
        job: { figure: f.figure, width: 900, height: f.height ?? 420 },
      });
    }
  }
  return out;
}

async function _copy(from: string, to: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(from);
  } catch (e) {
    throw new Error(`${from}: ${e instanceof Deno.errors.NotFound ? "not found" : String(e)}`);
  }
  await writeFileAtomic(to, bytes);
}

async function _exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function _htmlFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && e.name.endsWith(".html")) names.push(e.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw new Error(`${dir}: ${e}`);
  }
  return names.sort();
}

function _mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
