import { assert, assertEquals } from "../_assert.ts";
import { SAMPLE } from "../_shared.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const STUDY = [
  "--data",
  SAMPLE,
  "--out",
  "run",
  "--experiments",
  "paper-ravdess-split,leaky-ravdess-split",
  "--quick",
  "--augment",
  "noise",
  "--no-model",
];

async function deno(
  cwd: string,
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT}deno.json`, `${ROOT}cli/${cli}.ts`, ...args],
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, `${cli} ${args.join(" ")}:\n${text}`);
  return new TextDecoder().decode(r.stdout);
}

async function sh(cmd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" }).output();
  const err = new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, `${cmd} ${args.join(" ")}: ${err}`);
  return new TextDecoder().decode(r.stdout);
}

async function until<T>(what: string, f: () => Promise<T | null>, seconds = 180): Promise<T> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const v = await f();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** metrics.json without what depends on time. */
function timeless(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(timeless);
  if (x && typeof x === "object") {
    return Object.fromEntries(
      Object.entries(x).filter(([k]) => !["created", "seconds", "train_samples_per_s"].includes(k))
        .map(([k, v]) => [k, timeless(v)]),
    );
  }
  return x;
}

Deno.test("reproduce --slurm --dry-run writes the plan and scripts and prints the sbatch commands", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "serlab-slurm-dry-" });
  const out = await deno(cwd, "reproduce", [
    ...STUDY,
    "--slurm",
    "--dry-run",
    "--partition",
    "short",
    "--time",
    "0:20:00",
    "--cpus-per-task",
    "3",
    "--mem",
    "4G",
    "--account",
    "ser-lab",
    "--max-parallel",
    "1",
    "--shards",
    "2",
    "--sbatch",
    "--qos=normal;#SBATCH --constraint=a,b",
  ], { PATH: "/nonexistent" }); // no sbatch to call
  const lines = out.trim().split("\n").filter((l) => !l.startsWith("#"));
  assertEquals(lines, [
    "features=$(sbatch --parsable run/slurm/features.sbatch)",
    "folds=$(sbatch --parsable --dependency=afterok:${features%%;*} --kill-on-invalid-dep=yes run/slurm/folds.sbatch)",
    "merge=$(sbatch --parsable --dependency=afterok:${folds%%;*} --kill-on-invalid-dep=yes run/slurm/merge.sbatch)",
  ]);
  const plan = JSON.parse(await Deno.readTextFile(`${cwd}/run/slurm/plan.json`));
  assertEquals(plan.units.length, 2);
  assertEquals(plan.shards, 2);
  const folds = await Deno.readTextFile(`${cwd}/run/slurm/folds.sbatch`);
  for (
    const l of [
      "#SBATCH --array=0-1%1",
      "#SBATCH --partition=short",
      "#SBATCH --time=0:20:00",
      "#SBATCH --cpus-per-task=3",
      "#SBATCH --mem=4G",
      "#SBATCH --account=ser-lab",
      "#SBATCH --qos=normal",
      "#SBATCH --constraint=a,b",
    ]
  ) assert(folds.includes(`${l}\n`), `${l} in\n${folds}`);
  assert(/cli\/fold\.ts \S+\/run "\$\{SLURM_ARRAY_TASK_ID\}"/.test(folds), folds);
  const features = await Deno.readTextFile(`${cwd}/run/slurm/features.sbatch`);
  assert(features.includes("#SBATCH --array=1-2%1\n"), features);
  assert(features.includes('--shard "${SLURM_ARRAY_TASK_ID}/2"'), features);
  const merge = await Deno.readTextFile(`${cwd}/run/slurm/merge.sbatch`);
  // the merge runs the study's own command line, without the Slurm options
  const command = merge.split("\n").find((l) => l.includes("cli/reproduce.ts"))!;
  assert(command.endsWith(`cli/reproduce.ts ${STUDY.join(" ")}`), command);
  // nothing was submitted or run
  for (const f of ["run/slurm/jobs.json", "run/metrics.json", "run/folds"]) {
    assert(!(await Deno.stat(`${cwd}/${f}`).then(() => true, () => false)), f);
  }
  // a Slurm option without --slurm would do nothing: it is a command-line error (status 2), and
  // nothing runs
  const stray = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      `${ROOT}deno.json`,
      `${ROOT}cli/reproduce.ts`,
      ...STUDY,
      "--dry-run",
    ],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(stray.code, 2);
  assert(new TextDecoder().decode(stray.stderr).includes("--dry-run goes with --slurm"));
  await Deno.remove(cwd, { recursive: true });
});

Deno.test({
  name:
    "a study through a real Slurm cluster: a killed array task shows as failed, a re-submission completes it, same metrics as a local run",
  sanitizeResources: false,
  fn: async () => {
    const clusterDir = await Deno.makeTempDir({ prefix: "serlab-slurm-cluster-" });
    const conf = (await sh(`${ROOT}tools/slurm_cluster.sh`, ["start", clusterDir])).trim();
    const env: Record<string, string> = conf ? { SLURM_CONF: conf } : {};
    const slurmCwd = await Deno.makeTempDir({ prefix: "serlab-slurm-run-" });
    const localCwd = await Deno.makeTempDir({ prefix: "serlab-local-run-" });
    try {
      const submitArgs = [...STUDY, "--slurm", "--cpus-per-task", "1", "--shards", "2"];
      const first = await deno(slurmCwd, "reproduce", submitArgs, env);
      assert(first.includes("submitted: features "), first);
      const run = `${slurmCwd}/run`;
      // while its jobs are queued or running, the run is not submitted twice
      const twice = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--config",
          `${ROOT}deno.json`,
          `${ROOT}cli/reproduce.ts`,
          ...submitArgs,
        ],
        cwd: slurmCwd,
        env,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(twice.code, 1);
      assert(new TextDecoder().decode(twice.stderr).includes("still queued or running"));
      const jobs = JSON.parse(await Deno.readTextFile(`${run}/slurm/jobs.json`));
      const folds = jobs[0].folds as string;
      const ids = [jobs[0].features, folds, jobs[0].merge].join(",");
      const queued = JSON.parse(await deno(slurmCwd, "status", ["run", "--json"], env));
      assertEquals(
        queued.tasks.find((t: { kind: string }) => t.kind === "merge").state,
        "pending",
        JSON.stringify(queued.tasks),
      );
      // kill array task 1 as soon as its script has started (squeue says RUNNING a moment before the
      // script writes its start marker; a task cancelled in between never started, and is "not run")
      await until("fold task 1 to start", async () => {
        const marker = await Deno.readTextFile(`${run}/slurm/state/fold-1.started`).catch(() => "");
        return marker.startsWith(`${folds}_1 `) ? true : null;
      });
      await sh("scancel", [`${folds}_1`], env);
      const idle = () =>
        until("the run's jobs to leave the queue", async () => {
          const q = await sh("squeue", ["-h", "-o", "%i", "-j", ids], env).catch(() => "");
          return q.trim() === "" ? true : null;
        });
      await idle();
      const status = JSON.parse(await deno(slurmCwd, "status", ["run", "--json"], env));
      const fold = (i: number) =>
        status.tasks.find((t: { kind: string; index?: number }) =>
          t.kind === "fold" && t.index === i
        );
      assertEquals(fold(0).state, "done");
      assertEquals(fold(1).state, "failed", JSON.stringify(fold(1)));
      assert(fold(1).log.endsWith(`/logs/fold-1-${folds}.out`), fold(1).log);
      assert(await Deno.stat(`${slurmCwd}/${fold(1).log}`).then(() => true, () => false));
      const merge = status.tasks.find((t: { kind: string }) => t.kind === "merge");
      assertEquals(merge.state, "not run");
      const text = await deno(slurmCwd, "status", ["run"], env);
      assert(text.includes("fold units      2: 1 done, 1 failed"), text);
      // the re-submission runs only what is missing: no features, fold 1, the merge
      const again = await deno(slurmCwd, "reproduce", submitArgs, env);
      assert(again.includes("submitted: features (cached)"), again);
      const second = JSON.parse(await Deno.readTextFile(`${run}/slurm/jobs.json`))[1];
      assertEquals(second.units, [1]);
      assertEquals(second.shards, []);
      await until("the re-submission to finish", async () => {
        const q = await sh(
          "squeue",
          ["-h", "-o", "%i", "-j", `${second.folds},${second.merge}`],
          env,
        )
          .catch(() => "");
        return q.trim() === "" ? true : null;
      });
      const done = JSON.parse(await deno(slurmCwd, "status", ["run", "--json"], env));
      assertEquals(done.counts, { done: 2 + 2 + 1 }, JSON.stringify(done.tasks));
      // the feature shards wrote their own cache files
      const cacheFiles = [...Deno.readDirSync(`${slurmCwd}/data/cache/features`)].map((e) =>
        e.name
      );
      assertEquals(cacheFiles.filter((n) => n.includes(".part-shard-")).length, 2, `${cacheFiles}`);

      // the same study, locally, with a cache of its own: the same metrics.json but for times
      await deno(localCwd, "reproduce", STUDY);
      const localStatus = await deno(localCwd, "status", ["run"]);
      assert(
        localStatus.includes("(local run)") && localStatus.includes("experiments     2: 2 done"),
        localStatus,
      );
      const local = JSON.parse(await Deno.readTextFile(`${localCwd}/run/metrics.json`));
      const slurm = JSON.parse(await Deno.readTextFile(`${run}/metrics.json`));
      assertEquals(slurm.experiments.length, 2);
      assertEquals(timeless(slurm), timeless(local));
    } finally {
      await sh(`${ROOT}tools/slurm_cluster.sh`, ["stop", clusterDir]);
      for (const d of [clusterDir, slurmCwd, localCwd]) {
        await Deno.remove(d, { recursive: true }).catch(() => {});
      }
    }
  },
});
