import type { ExperimentDef, RunContext } from "../eval/mod.ts";
import { planStudy, shardsToDo, unitDone, writePlan } from "./plan.ts";
import {
  isActive,
  queueStates,
  readSubmissions,
  type SlurmOptions,
  type Submission,
  submit,
  writeBatchScripts,
} from "./slurm.ts";

/** `reproduce`'s Slurm options, for its command-line spec (see {@linkcode slurmOptions}). */
export const SLURM_ARGS = {
  strings: ["partition", "time", "mem", "account", "sbatch"],
  booleans: ["slurm", "dry-run"],
  numbers: {
    "cpus-per-task": { integer: true, min: 1 },
    "max-parallel": { integer: true, min: 1 },
    shards: { integer: true, min: 1, max: 10000 },
  },
} as const;

/** Default number of feature shards. */
export const DEFAULT_SHARDS = 8;

/**
 * The {@linkcode SlurmOptions} in parsed arguments; `--sbatch` holds extra `#SBATCH` lines
 * separated by `;`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { slurmOptions } from "./study.ts";
 * const o = slurmOptions({ partition: "short", sbatch: "--qos=x;--exclusive" });
 * assertEquals(o.extra, ["--qos=x", "--exclusive"]);
 * ```
 */
export function slurmOptions(args: Record<string, unknown>): SlurmOptions {
  const str = (k: string) => (args[k] === undefined ? undefined : String(args[k]));
  return {
    partition: str("partition"),
    time: str("time"),
    cpusPerTask: (args["cpus-per-task"] as number | undefined) ?? 2,
    mem: str("mem"),
    account: str("account"),
    maxParallel: args["max-parallel"] as number | undefined,
    extra: (str("sbatch") ?? "").split(";").map((l) => l.trim()).filter(Boolean),
  };
}

/**
 * The Slurm options given in parsed arguments (other than `--slurm`): with none of them an error
 * is due when `--slurm` is absent, since they would do nothing.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { slurmFlagsGiven } from "./study.ts";
 * assertEquals(slurmFlagsGiven({ "dry-run": true, quick: true }), ["dry-run"]);
 * ```
 */
export function slurmFlagsGiven(args: Record<string, unknown>): string[] {
  return [...SLURM_ARGS.strings, ...SLURM_ARGS.booleans, ...Object.keys(SLURM_ARGS.numbers)]
    .filter((k) => k !== "slurm" && args[k] !== undefined && args[k] !== false);
}

/**
 * The study's command line for the merge job: `argv` without the Slurm options, with
 * `--out RUN_DIR` (so the merge writes into the planned run folder).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { mergeArgs } from "./study.ts";
 * const args = mergeArgs(["--quick", "--slurm", "--time", "1:00:00"], "results/x");
 * assertEquals(args, ["--quick", "--out", "results/x"]);
 * ```
 */
export function mergeArgs(argv: string[], runDir: string): string[] {
  const valued = new Set([...SLURM_ARGS.strings, ...Object.keys(SLURM_ARGS.numbers)]);
  const flags = new Set<string>(SLURM_ARGS.booleans);
  const out: string[] = [];
  let hasOut = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith("--") ? a.slice(2).split("=")[0] : "";
    if (flags.has(name)) continue;
    if (valued.has(name)) {
      if (!a.includes("=")) i++;
      continue;
    }
    if (name === "out") hasOut = true;
    out.push(a);
  }
  return hasOut ? out : [...out, "--out", runDir];
}

/**
 * Plans a study and submits what is missing to Slurm: the feature shards whose clips are not
 * all in the cache, the fold units without a result file, and the merge. With `dryRun` it writes
 * the plan and scripts and returns the `sbatch` commands without submitting. Refuses while jobs
 * of an earlier submission of this run are still queued or running.
 *
 * @example
 * ```ts ignore
 * const r = await submitStudy(experiments, ctx, { manifestSha256, argv, options, shards: 8, dryRun: true });
 * console.log(r.commands.join("\n"));
 * ```
 */
export async function submitStudy(
  experiments: readonly ExperimentDef[],
  ctx: RunContext,
  o: {
    manifestSha256: string;
    argv: string[];
    options: SlurmOptions;
    shards: number;
    dryRun: boolean;
  },
): Promise<{ commands: string[]; submission: Submission | null; scripts: string[] }> {
  const earlier = await readSubmissions(ctx.runDir);
  if (earlier.length && !o.dryRun) {
    const ids = earlier.flatMap((s) => [s.features, s.folds, s.merge]).filter((x) => x !== null);
    const states = await queueStates(ids as string[]);
    const active = [...(states ?? new Map()).entries()].filter(([, s]) => isActive(s));
    if (active.length) {
      throw new Error(
        `jobs of this run are still queued or running (${
          active.slice(0, 5).map(([id, s]) => `${id} ${s}`).join(", ")
        }${active.length > 5 ? ", ..." : ""}): wait for them or scancel them, then submit again`,
      );
    }
  }
  const plan = await planStudy(experiments, ctx, {
    manifestSha256: o.manifestSha256,
    shards: o.shards,
    reproduce: mergeArgs(o.argv, ctx.runDir),
  });
  for (const n of plan.not_run) ctx.log(`${n.name}: not run: ${n.reason}`);
  await writePlan(plan);
  const units: number[] = [];
  for (let i = 0; i < plan.units.length; i++) {
    if (!(await unitDone(plan, plan.units[i]))) units.push(i);
  }
  const shards = await shardsToDo(plan);
  ctx.log(
    `slurm: ${plan.units.length} fold units (${units.length} to run), ${
      plan.features.reduce((n, b) => n + b.jobs.length, 0)
    } ` +
      `feature jobs in ${plan.shards} shards (${shards.length} with clips to compute)`,
  );
  const repo = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
  const scripts = await writeBatchScripts(plan, shards, units, o.options, {
    deno: Deno.execPath(),
    repo,
    cwd: Deno.cwd(),
  });
  const files = Object.values(scripts.files);
  if (o.dryRun) return { commands: scripts.commands, submission: null, scripts: files };
  const submission = await submit(plan, scripts, shards, units);
  return { commands: scripts.commands, submission, scripts: files };
}
