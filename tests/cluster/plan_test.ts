import { assert, assertEquals } from "../_assert.ts";
import { SAMPLE } from "../_shared.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function deno(cwd: string, cli: string, args: string[]): Promise<string> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT}deno.json`, `${ROOT}cli/${cli}.ts`, ...args],
    cwd,
    env: { PATH: "/nonexistent" }, // no sbatch: nothing is submitted
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, `${cli} ${args.join(" ")}:\n${text}`);
  return text;
}

/** The cache files under `dir` whose names start with `prefix`, with their sizes. */
function cacheFiles(dir: string, prefix: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith(prefix)) out.set(e.name, Deno.statSync(`${dir}/${e.name}`).size);
  }
  return out;
}

Deno.test("a functional-set study on Slurm: feature shards compute the sets and frames its fold units read", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "serlab-plan-sets-" });
  try {
    await deno(cwd, "reproduce", [
      "--data",
      SAMPLE,
      "--out",
      "run",
      "--experiments",
      "best-emobox-ravdess",
      "--no-model",
      "--slurm",
      "--dry-run",
      "--shards",
      "2",
    ]);
    const plan = JSON.parse(await Deno.readTextFile(`${cwd}/run/slurm/plan.json`));
    const tasks = plan.features.map((b: { task: { kind: string; set?: string } }) =>
      b.task.kind === "set" ? b.task.set : b.task.kind
    );
    assertEquals(tasks, ["compact", "large", "frames"]);
    const clips = (await Deno.readTextFile(`${cwd}/run/manifest.csv`)).split("\n")
      .filter((l) => l.includes("ravdess")).length;
    for (const b of plan.features) {
      assertEquals(b.jobs.length, clips, `${b.task.kind} jobs`);
      // a clip's jobs of every task are in the same shard
      for (const [i, j] of b.jobs.entries()) assertEquals(j.shard, plan.features[0].jobs[i].shard);
    }
    const features = await Deno.readTextFile(`${cwd}/run/slurm/features.sbatch`);
    assert(features.includes("#SBATCH --array=1-2"), features);

    // the two shards, as the feature array runs them: each appends to part files of its own
    for (const shard of ["1/2", "2/2"]) {
      const out = await deno(cwd, "features", ["--shard", shard, "--run", "run"]);
      assert(out.includes(`shard ${shard}: `) && out.includes(" 0 skipped"), out);
    }
    const cache = `${cwd}/data/cache/features`;
    const parts = [...cacheFiles(cache, "").keys()].filter((n) => n.includes(".part-shard-"));
    assertEquals(parts.length, 3 * 2, parts.join(", "));
    const status = await deno(cwd, "status", ["run"]);
    assert(status.includes("feature shards  2: 2 done\n"), status);

    // a fold unit reads every set and frame from the shards' files and computes none itself
    const main = () => [...cacheFiles(cache, "").entries()].filter(([n]) => !n.includes(".part-"));
    await deno(cwd, "fold", ["run", "0"]);
    assert(main().length >= 3, main().join(", "));
    for (const [name, size] of main()) assertEquals(size, 0, `${name} was written by the unit`);
    assert(Deno.statSync(`${cwd}/run/folds`).isDirectory);
  } finally {
    await Deno.remove(cwd, { recursive: true }).catch(() => {});
  }
});
