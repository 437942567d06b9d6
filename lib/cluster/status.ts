import { readPlan, shardsToDo, slurmDir, type StudyPlan, unitDone } from "./plan.ts";
import { isActive, queueStates, readSubmissions, type Submission } from "./slurm.ts";

/** Where a task stands. */
export type TaskState =
  | "done"
  | "running"
  | "pending"
  | "failed"
  | "not run"
  | "not submitted"
  /** No result yet and `squeue` did not answer: queued, running or ended, Slurm cannot say. */
  | "unknown";

/** One task of a study: a feature shard, a fold unit or the merge. */
export interface TaskStatus {
  kind: "features" | "fold" | "merge" | "experiment";
  /** Shard (1-based) or unit index (0-based); absent for the merge and experiments. */
  index?: number;
  /** What the task does, e.g. `paper-ravdess-cv / fusion / actors 1-4`. */
  what: string;
  state: TaskState;
  /** The Slurm job (array task) that ran or runs it, and what Slurm says. */
  job?: string;
  detail?: string;
  /** The task's log file, when there is one. */
  log?: string;
}

/** A run folder's state: its tasks and their counts by state. */
export interface StudyStatus {
  runDir: string;
  kind: "slurm" | "local";
  /** Whether `squeue` answered (null for a local run). */
  queue: boolean | null;
  tasks: TaskStatus[];
  counts: Partial<Record<TaskState, number>>;
}

/**
 * What is done, running, pending and failed in a run folder. A Slurm study (one with
 * `slurm/plan.json`) is read from its fold files, the feature cache, the tasks' start marks in
 * `slurm/state/` and `squeue`/`sacct` when present: a task that started but left no result and
 * is no longer in the queue failed, and its log file is named. A local run lists the
 * experiments recorded in `metrics.json` and those not run.
 *
 * @example
 * ```ts ignore
 * console.log(formatStatus(await studyStatus("results/sample-1a2b3c4d")));
 * ```
 */
export async function studyStatus(runDir: string): Promise<StudyStatus> {
  const hasPlan = await Deno.stat(`${slurmDir(runDir)}/plan.json`).then(() => true, () => false);
  const tasks = hasPlan ? await _slurmTasks(runDir) : await _localTasks(runDir);
  const counts: StudyStatus["counts"] = {};
  for (const t of tasks.tasks) counts[t.state] = (counts[t.state] ?? 0) + 1;
  return {
    runDir,
    kind: hasPlan ? "slurm" : "local",
    queue: tasks.queue,
    tasks: tasks.tasks,
    counts,
  };
}

/**
 * The status as text: a line per kind of task with its counts, then each failed task with its
 * log file.
 *
 * @example
 * ```ts ignore
 * console.log(formatStatus(await studyStatus("results/sample-1a2b3c4d")));
 * ```
 */
export function formatStatus(s: StudyStatus): string {
  const lines = [
    `${s.runDir} (${s.kind} run${s.queue === false ? "; squeue did not answer" : ""})`,
  ];
  for (const kind of ["features", "fold", "merge", "experiment"] as const) {
    const ts = s.tasks.filter((t) => t.kind === kind);
    if (!ts.length) continue;
    const by = new Map<TaskState, number>();
    for (const t of ts) by.set(t.state, (by.get(t.state) ?? 0) + 1);
    const label = {
      features: "feature shards",
      fold: "fold units",
      merge: "merge",
      experiment: "experiments",
    }[kind];
    lines.push(
      `  ${label.padEnd(15)} ${ts.length}: ${[...by].map(([st, n]) => `${n} ${st}`).join(", ")}`,
    );
  }
  const bad = s.tasks.filter((t) => t.state === "failed" || t.state === "not run");
  if (bad.length) lines.push("failed or not run:");
  for (const t of bad) {
    lines.push(
      `  ${t.kind}${t.index !== undefined ? ` ${t.index}` : ""} (${t.what}): ${t.state}${
        t.job ? `, job ${t.job}` : ""
      }${t.detail ? `, ${t.detail}` : ""}${t.log ? `\n    log: ${t.log}` : ""}`,
    );
  }
  for (const t of s.tasks.filter((t) => t.state === "running")) {
    lines.push(`  running: ${t.kind} ${t.index ?? ""} (${t.what}), job ${t.job}`);
  }
  return lines.join("\n");
}

async function _localTasks(runDir: string): Promise<{ tasks: TaskStatus[]; queue: null }> {
  let metrics: { experiments?: { name: string }[]; not_run?: { name: string; reason: string }[] };
  try {
    metrics = JSON.parse(await Deno.readTextFile(`${runDir}/metrics.json`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(`${runDir}: no metrics.json and no slurm/plan.json: not a run folder (yet)`);
    }
    throw new Error(`${runDir}/metrics.json: ${e instanceof Error ? e.message : e}`);
  }
  let folds = 0;
  try {
    for await (const e of Deno.readDir(`${runDir}/folds`)) if (e.name.endsWith(".json")) folds++;
  } catch { /* no folds yet */ }

  return {
    queue: null,
    tasks: [
      ...(metrics.experiments ?? []).map((e): TaskStatus => ({
        kind: "experiment",
        what: e.name,
        state: "done",
        detail: `${folds} fold files in the run folder`,
      })),
      ...(metrics.not_run ?? []).map((e): TaskStatus => ({
        kind: "experiment",
        what: e.name,
        state: "not run",
        detail: e.reason,
      })),
    ],
  };
}

async function _slurmTasks(runDir: string): Promise<{ tasks: TaskStatus[]; queue: boolean }> {
  const plan = await readPlan(runDir);
  plan.runDir = runDir; // read from where the folder is now
  const subs = await readSubmissions(runDir);
  const ids = subs.flatMap((s) => [s.features, s.folds, s.merge]).filter((x) => x !== null);
  const states = await queueStates(ids as string[]);
  const missingShards = new Set(await shardsToDo(plan));
  const tasks: TaskStatus[] = [];
  for (let shard = 1; shard <= plan.shards; shard++) {
    const n = plan.features.flatMap((b) => b.jobs).filter((j) => j.shard === shard).length;
    tasks.push(
      await _task(
        plan,
        subs,
        states,
        "features",
        shard,
        `${n} feature jobs`,
        !missingShards.has(shard),
      ),
    );
  }
  for (let i = 0; i < plan.units.length; i++) {
    const u = plan.units[i];
    tasks.push(
      await _task(
        plan,
        subs,
        states,
        "fold",
        i,
        `${u.experiment} / ${u.variant} / ${u.fold}`,
        await unitDone(plan, u),
      ),
    );
  }
  tasks.push(
    await _task(
      plan,
      subs,
      states,
      "merge",
      undefined,
      "metrics.json and report",
      await _merged(plan),
    ),
  );
  return { tasks, queue: states !== null };
}

async function _merged(plan: StudyPlan): Promise<boolean> {
  try {
    const m = JSON.parse(await Deno.readTextFile(`${plan.runDir}/metrics.json`));
    const names = new Set((m.experiments ?? []).map((e: { name: string }) => e.name));
    return plan.experiments.every((e) => names.has(e)) &&
      new Date(m.created) >= new Date(plan.created);
  } catch {
    return false;
  }
}

async function _task(
  plan: StudyPlan,
  subs: Submission[],
  states: Map<string, string> | null,
  kind: "features" | "fold" | "merge",
  index: number | undefined,
  what: string,
  done: boolean,
): Promise<TaskStatus> {
  const t: TaskStatus = { kind, what, state: "done", ...(index !== undefined ? { index } : {}) };
  if (done) return t;
  // the latest submission that included this task
  const sub = [...subs].reverse().find((s) =>
    kind === "merge" ? true : kind === "fold" ? s.units.includes(index!) : s.shards.includes(index!)
  );
  const array = sub
    ? (kind === "merge" ? sub.merge : kind === "fold" ? sub.folds : sub.features)
    : null;
  if (!sub || !array) return { ...t, state: "not submitted" };
  const job = kind === "merge" ? array : `${array}_${index}`;
  const state = states?.get(job) ?? (kind === "merge" ? undefined : states?.get(array));
  const logName = kind === "merge" ? `merge-${array}.out` : `${kind}-${index}-${array}.out`;
  const log = `${slurmDir(plan.runDir)}/logs/${logName}`;
  const hasLog = await Deno.stat(log).then(() => true, () => false);
  if (isActive(state)) {
    return {
      ...t,
      job,
      state: state === "PENDING" ? "pending" : "running",
      detail: state,
      ...(hasLog ? { log } : {}),
    };
  }
  const marker = `${slurmDir(plan.runDir)}/state/${
    kind === "merge" ? "merge" : `${kind}-${index}`
  }.started`;
  const started = (await Deno.readTextFile(marker).catch(() => "")).split(" ")[0] === job;
  if (states === null) {
    return {
      ...t,
      job,
      state: "unknown",
      detail: `squeue did not answer${started ? "; it started (see its log)" : ""}`,
      ...(hasLog ? { log } : {}),
    };
  }
  if (started || (state && state !== "COMPLETED")) {
    return {
      ...t,
      job,
      state: "failed",
      detail: state ?? "ended without a result",
      ...(hasLog ? { log } : {}),
    };
  }
  return {
    ...t,
    job,
    state: "not run",
    detail: "never started (cancelled, or a job it waited for failed)",
  };
}
