import type { LoadSettings } from "../audio/load.ts";
import { FeatureCache } from "../features/cache.ts";
import type { FeatureSet, FeatureSettings } from "../features/extract.ts";
import { FRAME_COUNT, FRAME_DESCRIPTORS, FRAME_FEATURES } from "../features/frames.ts";
import { type Cut, CUTS, functionalSet, type SetName } from "../features/sets.ts";
import { sha256Hex } from "../util/hash.ts";
import { Progress } from "../util/progress.ts";
import { type ClipWork, computeHere, computeInWorkers } from "./_clip_workers.ts";
import type { AugmentationSpec, FeatureTask } from "./compute.ts";

/**
 * Bumped whenever feature numerics change, so caches made by older code are not reused.
 * Part of every cache's settings key.
 */
export const FEATURES_VERSION = 1;

/** Bumped whenever the low-level descriptors or functional sets change; part of their cache key. */
export const SETS_VERSION = 1;

/** One clip (or augmented copy of it) to featurise. */
export interface FeatureJob {
  /** Path of the audio file. */
  file: string;
  /** SHA-256 of the file's bytes (from the manifest): the cache key. */
  sha256: string;
  /** An augmentation to apply first, or null for the clip as it is. */
  augmentation: AugmentationSpec | null;
}

/** Feature jobs of one task: what a study plans to compute before its folds read it. */
export interface FeatureBatch {
  task: FeatureTask;
  jobs: FeatureJob[];
}

/** How a batch of clips is featurised: the cache, workers and progress. */
export interface BatchOptions {
  /** Folder of feature caches, or null for none. */
  cacheDir: string | null;
  /**
   * Append to a cache file of this name's own (see `FeatureCache.open`): for writers that run
   * at the same time, such as a Slurm study's feature shards.
   */
  cachePart?: string;
  /** Worker threads (default: one per core). */
  workers?: number;
  /** Progress label; `quiet` prints only the summary line. */
  label?: string;
  quiet?: boolean;
}

/** How {@linkcode featurize} works: the paper's load and feature settings, and the batch's. */
export interface FeaturizeOptions extends BatchOptions {
  load: LoadSettings;
  features: FeatureSettings;
}

/** What {@linkcode featurize} produced. */
export interface FeaturizeResult {
  /** Features per job, in job order; null for a skipped job. */
  features: (FeatureSet | null)[];
  /** Jobs that failed, with the reason (the error names the file). */
  skipped: { file: string; augmentation: AugmentationSpec | null; reason: string }[];
  computed: number;
  fromCache: number;
  /** Damaged cache records dropped (and so computed again), reported on the console too. */
  damaged: number;
  /** The cache file used, if any. */
  cacheFile: string | null;
}

/**
 * Features of many clips on all cores: cached ones are read back, the rest computed by workers
 * and appended to the cache as each finishes (an interrupted run resumes where it stopped).
 * Damaged cache records are reported and computed again.
 * Files that fail are listed in `skipped`, and the batch goes on.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featurize } from "./featurize.ts";
 * import { FUSIONNET_LOAD } from "../audio/load.ts";
 * import { FUSIONNET_FEATURES } from "../features/extract.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const r = await featurize([{ file: path, sha256: "0".repeat(64), augmentation: null }],
 *   { load: FUSIONNET_LOAD, features: FUSIONNET_FEATURES, cacheDir: null });
 * assertEquals(r.features[0]?.acoustic.length, 162);
 * ```
 */
export async function featurize(
  jobs: FeatureJob[],
  options: FeaturizeOptions,
): Promise<FeaturizeResult> {
  const r = await featurizeTask(jobs, {
    kind: "fusionnet",
    load: options.load,
    features: options.features,
  }, options);
  return { ...r, features: r.results };
}

/** How {@linkcode featurizeSet} works: the set, the cut, and the batch's settings. */
export interface SetFeaturizeOptions extends BatchOptions {
  set: SetName;
  cut: Cut;
}

/** What {@linkcode featurizeSet} produced. */
export interface SetFeaturizeResult {
  /** The set's feature names, in order. */
  names: readonly string[];
  /** Values per job, in job order; null for a skipped job. */
  values: (Float32Array | null)[];
  skipped: FeaturizeResult["skipped"];
  computed: number;
  fromCache: number;
  cacheFile: string | null;
}

/**
 * A named functional set of many clips, through the same content-keyed cache (one file per set,
 * cut and {@linkcode SETS_VERSION}), workers and progress as {@linkcode featurize}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featurizeSet } from "./featurize.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const r = await featurizeSet([{ file: path, sha256: "0".repeat(64), augmentation: null }],
 *   { set: "compact", cut: "whole", cacheDir: null });
 * assertEquals([r.names.length, r.values[0]?.length], [69, 69]);
 * ```
 */
export async function featurizeSet(
  jobs: FeatureJob[],
  options: SetFeaturizeOptions,
): Promise<SetFeaturizeResult> {
  const names = functionalSet(options.set).names;
  const r = await featurizeTask(jobs, { kind: "set", set: options.set, cut: options.cut }, options);
  return { ...r, names, values: r.results.map((f) => f?.acoustic ?? null) };
}

/**
 * The name of a functional set's cache: a hash of the set, the cut's load settings and
 * {@linkcode SETS_VERSION}.
 */
export async function setSettingsKey(set: SetName, cut: Cut): Promise<string> {
  const key = JSON.stringify({ set, cut, load: CUTS[cut], version: SETS_VERSION });
  return `${set}-${cut}-${(await sha256Hex(key)).slice(0, 16)}`;
}

/**
 * The sequence model's frame-level descriptors of many clips (each {@linkcode FRAME_COUNT} ×
 * {@linkcode FRAME_FEATURES}, frame-major), through the same content-keyed cache, workers and
 * progress as {@linkcode featurize}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featurizeFrames } from "./featurize.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const r = await featurizeFrames([{ file: path, sha256: "0".repeat(64), augmentation: null }],
 *   { cacheDir: null });
 * assertEquals(r.values[0]?.length, 6480);
 * ```
 */
export async function featurizeFrames(
  jobs: FeatureJob[],
  options: BatchOptions,
): Promise<Omit<SetFeaturizeResult, "names">> {
  const r = await featurizeTask(jobs, { kind: "frames" }, options);
  return { ...r, values: r.results.map((f) => f?.acoustic ?? null) };
}

/**
 * The name of the frame descriptors' cache: a hash of the descriptors, the paper's cut and
 * {@linkcode SETS_VERSION}.
 */
export async function framesSettingsKey(): Promise<string> {
  const key = JSON.stringify({
    frames: FRAME_DESCRIPTORS,
    count: FRAME_COUNT,
    load: CUTS.paper,
    version: SETS_VERSION,
  });
  return `frames-${(await sha256Hex(key)).slice(0, 16)}`;
}

/**
 * The cache table a feature task's results go to: the name of its file (a hash of what is
 * computed and how) and its records' widths (acoustic and statistical values).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { taskTable } from "./featurize.ts";
 * const t = await taskTable({ kind: "set", set: "compact", cut: "whole" });
 * assertEquals(t.widths, [69, 0]);
 * ```
 */
export async function taskTable(
  task: FeatureTask,
): Promise<{ settingsKey: string; widths: [number, number] }> {
  switch (task.kind) {
    case "fusionnet":
      return { settingsKey: await featureSettingsKey(task.load, task.features), widths: [162, 8] };
    case "set":
      return {
        settingsKey: await setSettingsKey(task.set, task.cut),
        widths: [functionalSet(task.set).names.length, 0],
      };
    case "frames":
      return { settingsKey: await framesSettingsKey(), widths: [FRAME_COUNT * FRAME_FEATURES, 0] };
  }
}

/** What one table of {@linkcode featurizeBatches} (or {@linkcode featurizeTask}) produced. */
export interface TaskResult extends Omit<FeaturizeResult, "features"> {
  /** Results per job, in job order; null for a skipped job. */
  results: (FeatureSet | null)[];
}

/**
 * Any feature task of many clips (what {@linkcode featurize}, {@linkcode featurizeSet} and
 * {@linkcode featurizeFrames} each run for theirs): {@linkcode featurizeBatches} with one batch.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featurizeTask } from "./featurize.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const r = await featurizeTask([{ file: path, sha256: "0".repeat(64), augmentation: null }],
 *   { kind: "set", set: "compact", cut: "whole" }, { cacheDir: null });
 * assertEquals(r.results[0]?.acoustic.length, 69);
 * ```
 */
export async function featurizeTask(
  jobs: FeatureJob[],
  task: FeatureTask,
  options: BatchOptions,
): Promise<TaskResult> {
  return (await featurizeBatches([{ task, jobs }], options))[0];
}

/**
 * Several feature tables of many clips in one pass over the audio: cached results are read
 * back; every clip (or augmented copy) that some table still lacks is read and decoded once, by
 * a worker that computes all its missing tables together (`computeTasks`: one cut, one pitch
 * track and one set of descriptors shared by every functional set over it, values bit-identical
 * to a table computed alone), and each result is appended to its table's cache as the clip
 * finishes (an interrupted run resumes where it stopped). Damaged cache records are reported and
 * computed again; files that fail are listed in each table's `skipped` and the batch goes on. A
 * study's functional sets and frame descriptors, and a Slurm feature shard's every table, run
 * through it.
 *
 * @example
 * ```ts
 * import { featurizeBatches } from "./featurize.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const jobs = [{ file: path, sha256: "0".repeat(64), augmentation: null }];
 * const [compact, frames] = await featurizeBatches([
 *   { task: { kind: "set", set: "compact", cut: "whole" }, jobs },
 *   { task: { kind: "frames" }, jobs },
 * ], { cacheDir: null });
 * console.log(compact.results[0]?.acoustic.length, frames.results[0]?.acoustic.length); // 69 6480
 * ```
 */
export async function featurizeBatches(
  batches: readonly FeatureBatch[],
  options: BatchOptions,
): Promise<TaskResult[]> {
  const caches: (FeatureCache | null)[] = [];
  try {
    for (const { task } of batches) {
      const table = await taskTable(task);
      const cache = options.cacheDir
        ? await FeatureCache.open(
          options.cacheDir,
          table.settingsKey,
          ...table.widths,
          options.cachePart,
        )
        : null;
      caches.push(cache);
      if (cache?.setAside) {
        console.error(
          `${cache.path}: no sound record in it; kept as ${cache.setAside} (not deleted), the cache starts afresh`,
        );
      } else if (cache?.damaged) {
        console.error(
          `${cache.path}: ${cache.damaged} damaged records (checksum or non-finite values) dropped; their clips are computed again`,
        );
      }
    }
    return await _featurizeOpen(batches, caches, options);
  } finally {
    for (const c of caches) c?.close();
  }
}

async function _featurizeOpen(
  batches: readonly FeatureBatch[],
  caches: (FeatureCache | null)[],
  options: BatchOptions,
): Promise<TaskResult[]> {
  const out: TaskResult[] = batches.map(({ jobs }, b) => ({
    results: new Array(jobs.length).fill(null),
    skipped: [],
    computed: 0,
    fromCache: 0,
    damaged: caches[b]?.damaged ?? 0,
    cacheFile: caches[b]?.path ?? null,
  }));
  const work = new Map<string, ClipWork>();
  for (const [b, { jobs }] of batches.entries()) {
    const keys = await Promise.all(jobs.map((j) => cacheKey(j)));
    jobs.forEach((job, i) => {
      const hit = caches[b]?.get(keys[i]);
      if (hit) {
        out[b].results[i] = hit;
        out[b].fromCache++;
        return;
      }
      const clip = `${job.file}\n${keys[i]}`;
      if (!work.has(clip)) work.set(clip, { job, wants: [] });
      work.get(clip)!.wants.push({ batch: b, index: i, key: keys[i] });
    });
  }
  const todo = [...work.values()];
  const progress = new Progress(options.label ?? "features", todo.length, "clips", options.quiet);
  const finish = async (w: ClipWork, tasks: number[], results: (FeatureSet | string)[]) => {
    for (const { batch, index, key } of w.wants) {
      const r = results[tasks.indexOf(batch)];
      if (typeof r === "string") {
        out[batch].skipped.push({ file: w.job.file, augmentation: w.job.augmentation, reason: r });
      } else {
        out[batch].results[index] = r;
        out[batch].computed++;
        await caches[batch]?.put(key, r);
      }
    }
    progress.tick();
  };
  const threads = Math.min(
    options.workers ?? (navigator.hardwareConcurrency || 1),
    Math.ceil(todo.length / 4),
  );
  const compute = threads <= 1 ? computeHere : computeInWorkers(threads);
  await compute(todo, batches.map((b) => b.task), finish);
  if (todo.length) {
    const cached = out.reduce((n, r) => n + r.fromCache, 0);
    progress.done(cached ? `(${cached} more from the cache)` : "");
  }
  return out;
}

/**
 * The name of the cache for these settings: a hash of the cut, the feature settings and
 * {@linkcode FEATURES_VERSION}.
 */
export async function featureSettingsKey(
  load: LoadSettings,
  features: FeatureSettings,
): Promise<string> {
  return (await sha256Hex(JSON.stringify({ load, features, version: FEATURES_VERSION }))).slice(
    0,
    16,
  );
}

/** The cache key of a job: the content hash, mixed with the augmentation if any. */
export async function cacheKey(job: FeatureJob): Promise<string> {
  if (!job.augmentation) return job.sha256;
  return await sha256Hex(`${job.sha256}|${job.augmentation.kind}|${job.augmentation.seed}`);
}
