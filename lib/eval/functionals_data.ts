/**
 * The features of the functional-set experiments: the functional sets of every clip (and the
 * sequence model's frames) through the feature cache, as matrices, with the sets derived from
 * them (clip-normalised, prosodic).
 *
 * @module
 */
import type { Clip } from "../corpora/clip.ts";
import { type FeatureBatch, featurizeBatches, type TaskResult } from "../dataset/featurize.ts";
import { baseSet, deriveRows } from "../features/derived.ts";
import { functionalSet } from "../features/sets.ts";
import type { Matrix } from "../model/classifier.ts";
import type { RunContext } from "./context.ts";
import { CLIP_NORMALISED, FUNCTIONAL_CUT, FUNCTIONAL_SETS, PROSODIC_SET } from "./recipes.ts";

/** An experiment's feature matrices, by set name, its frames and which clips have them all. */
export interface FunctionalsData {
  sets: Record<string, Matrix>;
  /** Every clip's frame descriptors, when a variant includes the sequence model. */
  frames: (Float32Array | null)[] | null;
  /** Whether a clip has every feature its variants need (skipped clips have not). */
  ok: boolean[];
}

/**
 * The feature tables of a functional-set experiment: the functional sets
 * ({@linkcode FUNCTIONAL_SETS} over {@linkcode FUNCTIONAL_CUT}) of `clips` and, if `framed`, the
 * frame descriptors of those clips.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { functionalsBatches } from "./functionals_data.ts";
 * const clips = [{ path: "a.wav", sha256: "00" }];
 * assertEquals(functionalsBatches(clips, "data", clips).map((b) => b.task.kind), ["set", "set", "frames"]);
 * ```
 */
export function functionalsBatches(
  clips: readonly Pick<Clip, "path" | "sha256">[],
  root: string,
  framed: readonly Pick<Clip, "path" | "sha256">[] | null,
): FeatureBatch[] {
  return [
    ...FUNCTIONAL_SETS.map((set) => ({
      task: { kind: "set" as const, set, cut: FUNCTIONAL_CUT },
      jobs: _jobs(clips, root),
    })),
    ...(framed ? [{ task: { kind: "frames" as const }, jobs: _jobs(framed, root) }] : []),
  ];
}

/**
 * Every clip's functional sets and, if `framed`, frames, through the cache in one pass over the
 * audio (`featurizeBatches`: each clip read once for all its tables), with the sets derived from
 * them that `used` names ({@linkcode CLIP_NORMALISED}, {@linkcode PROSODIC_SET}). `framed` is the
 * first clips of `all` (the ones whose frames are read).
 *
 * @example
 * ```ts ignore
 * const data = await functionalsData(clips, null, new Set(["compact"]), ctx, "best-superset-cv");
 * ```
 */
export async function functionalsData(
  all: readonly Pick<Clip, "path" | "sha256">[],
  framed: readonly Pick<Clip, "path" | "sha256">[] | null,
  used: ReadonlySet<string>,
  where: Pick<RunContext, "root" | "cacheDir" | "log">,
  label: string,
): Promise<FunctionalsData> {
  const tables = await featurizeBatches(functionalsBatches(all, where.root, framed), {
    cacheDir: where.cacheDir,
    label: `${label} functional sets${framed ? " and frame descriptors" : ""}`,
  });
  const { sets, ok } = _matrices(tables, all.length, where.log);
  for (const name of [CLIP_NORMALISED, PROSODIC_SET]) {
    if (!used.has(name)) continue;
    const base = sets[baseSet(name)];
    const x = deriveRows(name, base.x, base.rows);
    sets[name] = { x, rows: base.rows, dims: x.length / base.rows };
  }
  let frames: (Float32Array | null)[] | null = null;
  if (framed) {
    const values = tables[FUNCTIONAL_SETS.length].results;
    frames = all.map((_, i) => values[i]?.acoustic ?? null);
    ok.forEach((k, i) => ok[i] = k && (i >= framed.length || frames![i] !== null));
  }
  return { sets, frames, ok };
}

/**
 * The functional sets ({@linkcode FUNCTIONAL_SETS}, {@linkcode FUNCTIONAL_CUT}) of `clips`
 * through the feature cache (one pass over the audio for all of them), as matrices with a row
 * per clip (zeros where a clip failed, its reason logged), and whether each clip has every set.
 *
 * @example
 * ```ts ignore
 * const { sets, ok } = await functionalSetMatrices(clips, { root, cacheDir, log }, "model");
 * ```
 */
export async function functionalSetMatrices(
  clips: readonly Pick<Clip, "path" | "sha256">[],
  where: Pick<RunContext, "root" | "cacheDir" | "log">,
  label: string,
): Promise<{ sets: Record<string, Matrix>; ok: boolean[] }> {
  const { sets, ok } = await functionalsData(clips, null, new Set(), where, label);
  return { sets, ok };
}

/** The functional sets' tables (the first of `r`) as matrices; skipped clips logged, once each. */
function _matrices(
  r: readonly TaskResult[],
  rows: number,
  log: (line: string) => void,
): { sets: Record<string, Matrix>; ok: boolean[] } {
  const sets: Record<string, Matrix> = {};
  const ok = new Array<boolean>(rows).fill(true);
  const reasons = new Set<string>();
  for (const [b, set] of FUNCTIONAL_SETS.entries()) {
    const { results, skipped } = r[b];
    for (const sk of skipped) reasons.add(sk.reason);
    const dims = functionalSet(set).names.length, x = new Float32Array(rows * dims);
    results.forEach((v, i) => v ? x.set(v.acoustic, i * dims) : ok[i] = false);
    sets[set] = { x, rows, dims };
  }
  for (const sk of r.slice(FUNCTIONAL_SETS.length).flatMap((t) => t.skipped)) {
    reasons.add(sk.reason);
  }
  for (const reason of reasons) log(`  skipped ${reason}`);
  return { sets, ok };
}

function _jobs(clips: readonly Pick<Clip, "path" | "sha256">[], root: string) {
  return clips.map((c) => ({ file: `${root}/${c.path}`, sha256: c.sha256, augmentation: null }));
}
