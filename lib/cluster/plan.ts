import { parseManifest } from "../corpora/manifest.ts";
import {
  cacheKey,
  type FeatureJob,
  featurizeBatches,
  type FeaturizeResult,
  taskTable,
} from "../dataset/featurize.ts";
import type { FeatureTask } from "../dataset/compute.ts";
import {
  experimentByName,
  type ExperimentDef,
  foldFile,
  type FoldUnit,
  planExperiment,
  type RunContext,
  runFoldUnit,
  type RunSettings,
} from "../eval/mod.ts";
import { FeatureCache } from "../features/cache.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import { sha256Hex } from "../util/hash.ts";

/**
 * A study cut into tasks, written to `<run>/slurm/plan.json`: the settings and data it was
 * planned for, every fold unit (experiment × variant × fold, each with the key of its result
 * file), every feature job with its shard, and the arguments of the `reproduce` that merges.
 */
export interface StudyPlan {
  created: string;
  /** The folder the clip paths are relative to, as the study was given it. */
  root: string;
  runDir: string;
  cacheDir: string;
  fingerprint: string;
  manifest_sha256: string;
  settings: RunSettings;
  experiments: string[];
  /** Experiments the data cannot support, with the reason (the merge reports them too). */
  not_run: { name: string; reason: string }[];
  /** Distinct fold units: a unit two experiments share (same key) is listed once. */
  units: FoldUnit[];
  shards: number;
  /**
   * Feature jobs by task (FusionNet's features, a functional set, the frame descriptors), each
   * job once per task; a clip's jobs of every task (and its augmented copies) share a shard
   * (1-based).
   */
  features: PlannedBatch[];
  /** `reproduce`'s arguments for the merge job (the study's own, with `--out`). */
  reproduce: string[];
}

/** The feature jobs of one task in a plan, each with the shard that computes it. */
export interface PlannedBatch {
  task: FeatureTask;
  jobs: (FeatureJob & { shard: number })[];
}

/**
 * Where a run folder keeps its plan, scripts, task states and logs.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { slurmDir } from "./plan.ts";
 * assertEquals(slurmDir("results/sample-1a2b3c4d"), "results/sample-1a2b3c4d/slurm");
 * ```
 */
export function slurmDir(runDir: string): string {
  return `${runDir}/slurm`;
}

/**
 * Plans a study as {@linkcode runExperiment} would run it, without doing any of it: fold units
 * and feature jobs of every experiment, the feature jobs dealt to `shards` shards clip by clip.
 *
 * @example
 * ```ts ignore
 * const plan = await planStudy(EXPERIMENTS, ctx, { manifestSha256, shards: 8, reproduce: argv });
 * ```
 */
export async function planStudy(
  experiments: readonly ExperimentDef[],
  ctx: RunContext,
  options: { manifestSha256: string; shards: number; reproduce: string[] },
): Promise<StudyPlan> {
  const units: FoldUnit[] = [];
  const batches = new Map<string, PlannedBatch>();
  const seenJobs = new Set<string>();
  const clipIndex = new Map<string, number>();
  const notRun: StudyPlan["not_run"] = [];
  const planned: string[] = [];
  for (const def of experiments) {
    try {
      const p = await planExperiment(def, ctx);
      units.push(...p.units);
      for (const { task, jobs } of p.features) {
        const table = (await taskTable(task)).settingsKey;
        if (!batches.has(table)) batches.set(table, { task, jobs: [] });
        for (const job of jobs) {
          const key = `${table}/${await cacheKey(job)}`;
          if (seenJobs.has(key)) continue;
          seenJobs.add(key);
          if (!clipIndex.has(job.sha256)) clipIndex.set(job.sha256, clipIndex.size);
          batches.get(table)!.jobs.push({ ...job, shard: 0 });
        }
      }
      planned.push(def.name);
    } catch (e) {
      notRun.push({ name: def.name, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  const seenUnits = new Set<string>();
  const features = [...batches.values()];
  const shards = Math.max(1, Math.min(options.shards, clipIndex.size));
  for (const { jobs } of features) {
    for (const job of jobs) job.shard = (clipIndex.get(job.sha256)! % shards) + 1;
  }
  return {
    created: new Date().toISOString(),
    root: ctx.root,
    runDir: ctx.runDir,
    cacheDir: ctx.cacheDir,
    fingerprint: ctx.fingerprint,
    manifest_sha256: options.manifestSha256,
    settings: ctx.settings,
    experiments: planned,
    not_run: notRun,
    units: units.filter((u) => !seenUnits.has(u.key) && seenUnits.add(u.key)),
    shards,
    features,
    reproduce: options.reproduce,
  };
}

/**
 * Writes the plan to `<run>/slurm/plan.json`, atomically.
 *
 * @example
 * ```ts ignore
 * const file = await writePlan(plan); // <run>/slurm/plan.json
 * ```
 */
export async function writePlan(plan: StudyPlan): Promise<string> {
  const file = `${slurmDir(plan.runDir)}/plan.json`;
  await writeFileAtomic(file, JSON.stringify(plan, null, 1) + "\n");
  return file;
}

/**
 * Reads `<run>/slurm/plan.json`; throws naming the file when it is missing or not a plan.
 *
 * @example
 * ```ts ignore
 * const plan = await readPlan("results/sample-1a2b3c4d");
 * ```
 */
export async function readPlan(runDir: string): Promise<StudyPlan> {
  const file = `${slurmDir(runDir)}/plan.json`;
  let plan: StudyPlan;
  try {
    plan = JSON.parse(await Deno.readTextFile(file));
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
  }
  if (!Array.isArray(plan?.units) || !Array.isArray(plan?.features) || !plan.settings) {
    throw new Error(`${file}: not a study plan (no units, features or settings)`);
  }
  if (!plan.features.every((b) => b?.task?.kind && Array.isArray(b.jobs))) {
    throw new Error(
      `${file}: a plan of an older serlab (feature jobs without their task): submit the study again`,
    );
  }
  return plan;
}

/**
 * Whether a unit's result file is there, of this plan's settings and data.
 *
 * @example
 * ```ts ignore
 * const done = await unitDone(plan, plan.units[0]); // its folds/<key>.json is there
 * ```
 */
export async function unitDone(plan: StudyPlan, unit: FoldUnit): Promise<boolean> {
  try {
    const r = JSON.parse(await Deno.readTextFile(foldFile(plan.runDir, unit.key)));
    return r.fingerprint === plan.fingerprint;
  } catch {
    return false;
  }
}

/**
 * The shards (1-based) that have feature jobs missing from the cache (which it only reads).
 *
 * @example
 * ```ts ignore
 * const shards = await shardsToDo(plan); // e.g. [2, 5]
 * ```
 */
export async function shardsToDo(plan: StudyPlan): Promise<number[]> {
  const todo = new Set<number>();
  for (const { task, jobs } of plan.features) {
    const table = await taskTable(task);
    const stored = await FeatureCache.storedKeys(plan.cacheDir, table.settingsKey, ...table.widths);
    for (const job of jobs) {
      if (!stored.has(await cacheKey(job))) todo.add(job.shard);
    }
  }
  return [...todo].sort((a, b) => a - b);
}

/**
 * The fold array's task: runs unit `index` of the plan in `runDir` (on the clips of its
 * `manifest.csv`, checked against the plan) and writes its result file; a finished unit is left
 * as it is.
 *
 * @example
 * ```ts ignore
 * await runPlannedUnit("results/sample-1a2b3c4d", 3, console.error);
 * ```
 */
export async function runPlannedUnit(
  runDir: string,
  index: number,
  log: (line: string) => void,
): Promise<FoldUnit> {
  const plan = await readPlan(runDir);
  const unit = plan.units[index];
  if (!unit) {
    throw new Error(`${runDir}: the plan has units 0-${plan.units.length - 1}, not ${index}`);
  }
  const file = `${runDir}/manifest.csv`;
  const text = await Deno.readTextFile(file);
  if ((await sha256Hex(text)) !== plan.manifest_sha256) {
    throw new Error(`${file} is not the data this study was planned on (submit it again)`);
  }
  const ctx: RunContext = {
    clips: parseManifest(text, file),
    root: plan.root,
    cacheDir: plan.cacheDir,
    runDir,
    settings: plan.settings,
    fingerprint: plan.fingerprint,
    log,
  };
  log(`unit ${index}: ${unit.experiment} / ${unit.variant} / ${unit.fold} (${unit.key})`);
  await runFoldUnit(experimentByName(unit.experiment), ctx, unit.key);
  return unit;
}

/** What one feature shard computed, over every task of the plan. */
export interface ShardResult {
  computed: number;
  fromCache: number;
  /** Jobs that failed, with the reason (naming the file). */
  skipped: FeaturizeResult["skipped"];
  /** The cache files it appended to, one per task with jobs in the shard. */
  cacheFiles: string[];
}

/**
 * The feature array's task: featurises shard `shard` of `shards` of the plan's feature jobs, every
 * task's (FusionNet's features, functional sets, frame descriptors), into the study's cache,
 * appending to part files of the shard's own (concurrent shards never share a file). Clips that
 * fail are listed in the result, as in a local run.
 *
 * @example
 * ```ts ignore
 * const r = await runFeatureShard("results/sample-1a2b3c4d", 2, 8);
 * ```
 */
export async function runFeatureShard(
  runDir: string,
  shard: number,
  shards: number,
  workers?: number,
): Promise<ShardResult> {
  const plan = await readPlan(runDir);
  if (shards !== plan.shards) {
    throw new Error(`${runDir}: the study was planned in ${plan.shards} shards, not ${shards}`);
  }
  if (!Number.isInteger(shard) || shard < 1 || shard > shards) {
    throw new Error(`shard ${shard} is not one of 1-${shards}`);
  }
  const mine = plan.features.map(({ task, jobs }) => ({
    task,
    jobs: jobs.filter((j) => j.shard === shard)
      .map(({ file, sha256, augmentation }) => ({ file, sha256, augmentation })),
  })).filter((b) => b.jobs.length);
  // one pass over the shard's audio: each clip read once for every table that wants it
  const results = await featurizeBatches(mine, {
    cacheDir: plan.cacheDir,
    cachePart: `shard-${shard}-of-${shards}`,
    workers,
    label: `${mine.map((b) => _taskName(b.task)).join(", ")} shard ${shard}/${shards}`,
  });
  const out: ShardResult = { computed: 0, fromCache: 0, skipped: [], cacheFiles: [] };
  for (const r of results) {
    out.computed += r.computed;
    out.fromCache += r.fromCache;
    out.skipped.push(...r.skipped);
    if (r.cacheFile) out.cacheFiles.push(r.cacheFile);
  }
  return out;
}

function _taskName(task: FeatureTask): string {
  return task.kind === "fusionnet"
    ? "features"
    : task.kind === "set"
    ? `${task.set} set`
    : "frame descriptors";
}
