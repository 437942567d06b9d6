import { writeFileAtomic } from "../util/atomic.ts";
import { slurmDir, type StudyPlan } from "./plan.ts";

/** What a cluster needs to know about the study's jobs (`reproduce --slurm`'s options). */
export interface SlurmOptions {
  partition?: string;
  /** Wall time per task, as sbatch takes it (`2:00:00`, `1-0`). */
  time?: string;
  /** Cores per task (default 2: the training engine's main thread and its worker). */
  cpusPerTask: number;
  /** Memory per task, as sbatch takes it (`8G`). */
  mem?: string;
  account?: string;
  /** How many tasks of an array run at once (`--array=...%N`). */
  maxParallel?: number;
  /** More `#SBATCH` lines, e.g. `--qos=short` or `--constraint=skylake`. */
  extra: string[];
}

/** One submission of a study, as recorded in `<run>/slurm/jobs.json`. */
export interface Submission {
  submitted: string;
  features: string | null;
  folds: string | null;
  merge: string;
  /** The shards (1-based) and units (0-based indices into the plan) this submission ran. */
  shards: number[];
  units: number[];
}

/** The batch scripts of one submission and the `sbatch` commands that submit them. */
export interface BatchScripts {
  /** Script files written, by job: features (if any shard is missing), folds (if any), merge. */
  files: { features?: string; folds?: string; merge: string };
  /** Shell lines that submit them in order, each depending on the one before. */
  commands: string[];
}

/**
 * Writes the batch scripts of a submission into `<run>/slurm/`: a feature array over the
 * shards in `shards`, a fold array over the unit indices in `units` (after the features), and
 * the merge job (after the folds), which runs `reproduce` again: it finds every fold done and
 * assembles metrics.json, the CSVs, plots and report. Each task records that it started in
 * `slurm/state/` and logs to `slurm/logs/<job>-<index>-<jobid>.out`.
 *
 * @example
 * ```ts ignore
 * const { commands } = await writeBatchScripts(plan, [1, 2], [0, 3], options, { deno, repo, cwd });
 * ```
 */
export async function writeBatchScripts(
  plan: StudyPlan,
  shards: number[],
  units: number[],
  options: SlurmOptions,
  where: { deno: string; repo: string; cwd: string },
): Promise<BatchScripts> {
  const dir = slurmDir(plan.runDir);
  const abs = (p: string) => (p.startsWith("/") ? p : `${where.cwd}/${p}`);
  const run = abs(plan.runDir);
  const deno = `"\${SERLAB_DENO:-${where.deno}}" run -A --config ${_q(`${where.repo}/deno.json`)}`;
  const cli = (name: string) => _q(`${where.repo}/cli/${name}.ts`);
  const head = (name: string, array: number[] | null, log: string) =>
    [
      "#!/bin/bash",
      `#SBATCH --job-name=serlab-${name}`,
      ...(array
        ? [
          `#SBATCH --array=${_ranges(array)}${
            options.maxParallel ? `%${options.maxParallel}` : ""
          }`,
        ]
        : []),
      `#SBATCH --output=${abs(`${dir}/logs`)}/${log}`,
      `#SBATCH --cpus-per-task=${options.cpusPerTask}`,
      ...(options.partition ? [`#SBATCH --partition=${options.partition}`] : []),
      ...(options.time ? [`#SBATCH --time=${options.time}`] : []),
      ...(options.mem ? [`#SBATCH --mem=${options.mem}`] : []),
      ...(options.account ? [`#SBATCH --account=${options.account}`] : []),
      ...options.extra.map((l) => `#SBATCH ${l.replace(/^#SBATCH\s+/, "")}`),
      "set -euo pipefail",
      `cd ${_q(where.cwd)}`,
      `mkdir -p ${_q(`${run}/slurm/state`)}`,
    ].join("\n");
  const started = (name: string) =>
    `echo "\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID} $(hostname) $(date -u +%FT%TZ)" > ${
      _q(`${run}/slurm/state`)
    }/${name}-\${SLURM_ARRAY_TASK_ID}.started`;
  await Deno.mkdir(abs(`${dir}/logs`), { recursive: true });
  const files: BatchScripts["files"] = { merge: `${dir}/merge.sbatch` };
  const commands: string[] = [];
  let after = "";
  if (shards.length) {
    files.features = `${dir}/features.sbatch`;
    await writeFileAtomic(
      files.features,
      [
        head("features", shards, "features-%a-%A.out"),
        started("features"),
        `${deno} ${cli("features")} --shard "\${SLURM_ARRAY_TASK_ID}/${plan.shards}" --run ${
          _q(run)
        }`,
        "",
      ].join("\n"),
    );
    commands.push(`features=$(sbatch --parsable ${_q(files.features)})`);
    after = "features";
  }
  if (units.length) {
    files.folds = `${dir}/folds.sbatch`;
    await writeFileAtomic(
      files.folds,
      [
        head("folds", units, "fold-%a-%A.out"),
        started("fold"),
        `${deno} ${cli("fold")} ${_q(run)} "\${SLURM_ARRAY_TASK_ID}"`,
        "",
      ].join("\n"),
    );
    commands.push(`folds=$(sbatch --parsable${_after(after)} ${_q(files.folds)})`);
    after = "folds";
  }
  await writeFileAtomic(
    files.merge,
    [
      head("merge", null, "merge-%j.out"),
      `echo "\${SLURM_JOB_ID} $(hostname) $(date -u +%FT%TZ)" > ${
        _q(`${run}/slurm/state`)
      }/merge.started`,
      `${deno} ${cli("reproduce")} ${plan.reproduce.map(_q).join(" ")}`,
      "",
    ].join("\n"),
  );
  commands.push(`merge=$(sbatch --parsable${_after(after)} ${_q(files.merge)})`);
  return { files, commands };
}

/**
 * Submits the scripts with `sbatch`, in order, each job depending on the one before
 * (`afterok`, and cancelled if that one fails: `--kill-on-invalid-dep=yes`), and records the
 * submission in `<run>/slurm/jobs.json`.
 *
 * @example
 * ```ts ignore
 * const { features, folds, merge } = await submit(plan, scripts, [1, 2], [0, 1, 2]);
 * ```
 */
export async function submit(
  plan: StudyPlan,
  scripts: BatchScripts,
  shards: number[],
  units: number[],
): Promise<Submission> {
  const ids: Record<string, string> = {};
  let after: string | null = null;
  for (const job of ["features", "folds", "merge"] as const) {
    const file = scripts.files[job];
    if (!file) continue;
    const args = ["--parsable"];
    if (after) args.push(`--dependency=afterok:${after}`, "--kill-on-invalid-dep=yes");
    const out = await _command("sbatch", [...args, file]);
    ids[job] = out.trim().split(";")[0];
    after = ids[job];
  }
  const submission: Submission = {
    submitted: new Date().toISOString(),
    features: ids.features ?? null,
    folds: ids.folds ?? null,
    merge: ids.merge,
    shards,
    units,
  };
  const all = [...(await readSubmissions(plan.runDir)), submission];
  await writeFileAtomic(`${slurmDir(plan.runDir)}/jobs.json`, JSON.stringify(all, null, 1) + "\n");
  return submission;
}

/**
 * The submissions recorded in `<run>/slurm/jobs.json` ([] when none).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readSubmissions } from "./slurm.ts";
 * const runDir = await Deno.makeTempDir();
 * const ids = (await readSubmissions(runDir)).map((s) => s.merge);
 * assertEquals(ids, []); // nothing submitted from this run yet
 * await Deno.remove(runDir);
 * ```
 */
export async function readSubmissions(runDir: string): Promise<Submission[]> {
  try {
    return JSON.parse(await Deno.readTextFile(`${slurmDir(runDir)}/jobs.json`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw new Error(`${slurmDir(runDir)}/jobs.json: ${e instanceof Error ? e.message : e}`);
  }
}

/** A task's state in the queue or the accounting, by id (`123_4` for an array task, `125`). */
export type QueueStates = Map<string, string>;

/**
 * The states of these jobs' tasks: `squeue` (pending and running ones, array tasks one by one)
 * and, where accounting is enabled, `sacct` (finished ones: COMPLETED, FAILED, TIMEOUT,
 * CANCELLED, NODE_FAIL, OUT_OF_MEMORY, ...). `squeue`'s state wins. Returns null when `squeue`
 * is not there or does not answer (no cluster).
 *
 * @example
 * ```ts ignore
 * const states = await queueStates(["123", "124"]); // Map { "123_0" => "RUNNING", ... }
 * ```
 */
export async function queueStates(jobIds: string[]): Promise<QueueStates | null> {
  const states: QueueStates = new Map();
  if (jobIds.length === 0) return states;
  try {
    const acct = await _command("sacct", [
      "-n",
      "-P",
      "-X",
      "-o",
      "JobID,State",
      "-j",
      jobIds.join(","),
    ]);
    for (const line of acct.split("\n")) {
      const [id, state] = line.trim().split("|");
      if (id && state) states.set(id, state.split(" ")[0]);
    }
  } catch { /* accounting disabled or sacct missing: the queue and the run folder tell */ }
  let queue: string;
  try {
    queue = await _command("squeue", ["-h", "-r", "-o", "%i|%T", "-j", jobIds.join(",")]);
  } catch (e) {
    // a job id no longer known is an error for some versions of squeue; ask one by one
    if (!(e instanceof _CommandError)) return null;
    queue = "";
    for (const id of jobIds) {
      queue += await _command("squeue", ["-h", "-r", "-o", "%i|%T", "-j", id]).catch(() => "");
    }
  }
  for (const line of queue.split("\n")) {
    const [id, state] = line.trim().split("|");
    if (id && state) states.set(id, state);
  }
  return states;
}

/**
 * Whether a state means the task is still queued or running.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { isActive } from "./slurm.ts";
 * assert(isActive("PENDING"));
 * assert(!isActive("COMPLETED"));
 * ```
 */
export function isActive(state: string | undefined): boolean {
  return state !== undefined &&
    ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED"]
      .includes(state);
}

/** `0,1,2,5,7,8` as `0-2,5,7-8`. */
function _ranges(xs: number[]): string {
  const out: string[] = [];
  const s = [...xs].sort((a, b) => a - b);
  for (let i = 0; i < s.length; i++) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(i === j ? `${s[i]}` : `${s[i]}-${s[j]}`);
    i = j;
  }
  return out.join(",");
}

function _after(job: string): string {
  return job ? ` --dependency=afterok:\${${job}%%;*} --kill-on-invalid-dep=yes` : "";
}

/** Shell quoting: as it is when safe, else in single quotes. */
function _q(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

class _CommandError extends Error {}

async function _command(name: string, args: string[]): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(name, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(`${name} not found: run this on a Slurm login node (or use --dry-run)`);
    }
    throw new Error(`${name}: ${e instanceof Error ? e.message : e}`);
  }
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new _CommandError(
      `${name} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`,
    );
  }
  return text;
}
