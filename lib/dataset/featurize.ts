import type { LoadSettings } from "../audio/load.ts";
import { FeatureCache } from "../features/cache.ts";
import type { FeatureSet, FeatureSettings } from "../features/extract.ts";
import { FRAME_COUNT, FRAME_DESCRIPTORS, FRAME_FEATURES } from "../features/frames.ts";
import { type Cut, CUTS, functionalSet, type SetName } from "../features/sets.ts";
import { sha256Hex } from "../util/hash.ts";
import { Progress } from "../util/progress.ts";
import { type AugmentationSpec, computeTask, type FeatureTask } from "./compute.ts";

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

/**
 * Any feature task of many clips (what {@linkcode featurize}, {@linkcode featurizeSet} and
 * {@linkcode featurizeFrames} each run for theirs): cached results are read back, the rest
 * computed by workers and appended to the task's cache table as each finishes; files that fail
 * are listed in `skipped` and the batch goes on. A Slurm feature shard runs every table of its
 * study through it.
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
): Promise<Omit<FeaturizeResult, "features"> & { results: (FeatureSet | null)[] }> {
  const table = await taskTable(task);
  const cache = options.cacheDir
    ? await FeatureCache.open(
      options.cacheDir,
      table.settingsKey,
      ...table.widths,
      options.cachePart,
    )
    : null;
  if (cache?.setAside) {
    console.error(
      `${cache.path}: no sound record in it; kept as ${cache.setAside} (not deleted), the cache starts afresh`,
    );
  } else if (cache?.damaged) {
    console.error(
      `${cache.path}: ${cache.damaged} damaged records (checksum or non-finite values) dropped; their clips are computed again`,
    );
  }
  const results: (FeatureSet | null)[] = new Array(jobs.length).fill(null);
  const skipped: FeaturizeResult["skipped"] = [];
  const keys = await Promise.all(jobs.map((j) => cacheKey(j)));
  const todo: number[] = [];
  jobs.forEach((_, i) => {
    const hit = cache?.get(keys[i]);
    if (hit) results[i] = hit;
    else todo.push(i);
  });
  const fromCache = jobs.length - todo.length;
  const progress = new Progress(options.label ?? "features", todo.length, "clips", options.quiet);
  const finish = async (i: number, result: FeatureSet | string) => {
    if (typeof result === "string") {
      skipped.push({ file: jobs[i].file, augmentation: jobs[i].augmentation, reason: result });
    } else {
      results[i] = result;
      await cache?.put(keys[i], result);
    }
    progress.tick();
  };
  const threads = Math.min(
    options.workers ?? (navigator.hardwareConcurrency || 1),
    Math.ceil(todo.length / 4),
  );
  try {
    if (threads <= 1) {
      for (const i of todo) await finish(i, await _computeHere(jobs[i], task));
    } else {
      await _computeInWorkers(todo, jobs, task, threads, finish);
    }
  } finally {
    cache?.close();
  }
  if (todo.length) progress.done(fromCache ? `(${fromCache} more from the cache)` : "");
  return {
    results,
    skipped,
    computed: todo.length - skipped.length,
    fromCache,
    damaged: cache?.damaged ?? 0,
    cacheFile: cache?.path ?? null,
  };
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

async function _computeHere(job: FeatureJob, task: FeatureTask): Promise<FeatureSet | string> {
  try {
    return computeTask(await Deno.readFile(job.file), job.file, job.augmentation, task);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function _computeInWorkers(
  todo: number[],
  jobs: FeatureJob[],
  task: FeatureTask,
  threads: number,
  finish: (i: number, result: FeatureSet | string) => Promise<void>,
): Promise<void> {
  let next = 0;
  const url = new URL("./_featurize_worker.ts", import.meta.url).href;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= todo.length) return resolve();
        const i = todo[next++];
        const { file, augmentation } = jobs[i];
        worker.postMessage({ id: i, file, augmentation, task });
      };
      worker.onmessage = async (e) => {
        const m = e.data;
        await finish(m.id, m.error ?? { acoustic: m.acoustic, statistical: m.statistical });
        send();
      };
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`feature worker failed: ${e.message}`));
      };
      send();
    });
  const workers = Array.from({ length: threads }, () => new Worker(url, { type: "module" }));
  try {
    await Promise.all(workers.map(run));
  } finally {
    for (const w of workers) w.terminate();
  }
}
