import type { LoadSettings } from "../audio/load.ts";
import { FeatureCache } from "../features/cache.ts";
import type { FeatureSet, FeatureSettings } from "../features/extract.ts";
import { sha256Hex } from "../util/hash.ts";
import { Progress } from "../util/progress.ts";
import { type AugmentationSpec, computeFeatures } from "./compute.ts";

/**
 * Bumped whenever feature numerics change, so caches made by older code are not reused.
 * Part of every cache's settings key.
 */
export const FEATURES_VERSION = 1;

/** One clip (or augmented copy of it) to featurise. */
export interface FeatureJob {
  /** Path of the audio file. */
  file: string;
  /** SHA-256 of the file's bytes (from the manifest): the cache key. */
  sha256: string;
  /** An augmentation to apply first, or null for the clip as it is. */
  augmentation: AugmentationSpec | null;
}

/** How {@linkcode featurize} works. */
export interface FeaturizeOptions {
  load: LoadSettings;
  features: FeatureSettings;
  /** Folder of feature caches, or null for none. */
  cacheDir: string | null;
  /** Worker threads (default: one per core). */
  workers?: number;
  /** Progress label; `quiet` prints only the summary line. */
  label?: string;
  quiet?: boolean;
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
 * import { featurize } from "./featurize.ts";
 * import { FUSIONNET_LOAD } from "../audio/load.ts";
 * import { FUSIONNET_FEATURES } from "../features/extract.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const r = await featurize([{ file: path, sha256: "0".repeat(64), augmentation: null }],
 *   { load: FUSIONNET_LOAD, features: FUSIONNET_FEATURES, cacheDir: null });
 * console.log(r.features[0]?.acoustic.length); // 162
 * ```
 */
export async function featurize(
  jobs: FeatureJob[],
  options: FeaturizeOptions,
): Promise<FeaturizeResult> {
  const cache = options.cacheDir
    ? await FeatureCache.open(
      options.cacheDir,
      await featureSettingsKey(options.load, options.features),
      162,
      8,
    )
    : null;
  if (cache?.damaged) {
    console.error(
      `${cache.path}: ${cache.damaged} damaged records (checksum or non-finite values) dropped; their clips are computed again`,
    );
  }
  const features: (FeatureSet | null)[] = new Array(jobs.length).fill(null);
  const skipped: FeaturizeResult["skipped"] = [];
  const keys = await Promise.all(jobs.map((j) => cacheKey(j)));
  const todo: number[] = [];
  jobs.forEach((_, i) => {
    const hit = cache?.get(keys[i]);
    if (hit) features[i] = hit;
    else todo.push(i);
  });
  const fromCache = jobs.length - todo.length;
  const progress = new Progress(options.label ?? "features", todo.length, "clips", options.quiet);
  const finish = async (i: number, result: FeatureSet | string) => {
    if (typeof result === "string") {
      skipped.push({ file: jobs[i].file, augmentation: jobs[i].augmentation, reason: result });
    } else {
      features[i] = result;
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
      for (const i of todo) await finish(i, await _computeHere(jobs[i], options));
    } else {
      await _computeInWorkers(todo, jobs, options, threads, finish);
    }
  } finally {
    cache?.close();
  }
  if (todo.length) progress.done(fromCache ? `(${fromCache} more from the cache)` : "");
  return {
    features,
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

async function _computeHere(
  job: FeatureJob,
  options: FeaturizeOptions,
): Promise<FeatureSet | string> {
  try {
    return computeFeatures(
      await Deno.readFile(job.file),
      job.file,
      job.augmentation,
      options.load,
      options.features,
    );
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function _computeInWorkers(
  todo: number[],
  jobs: FeatureJob[],
  options: FeaturizeOptions,
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
        worker.postMessage({
          id: i,
          file,
          augmentation,
          load: options.load,
          features: options.features,
        });
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
