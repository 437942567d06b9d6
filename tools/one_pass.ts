/**
 * `deno run -A tools/one_pass.ts --data DIR [--clips N] [--workers N]`: the functional-set
 * experiments' feature tables (`compact` and `large` over the whole recording, the sequence
 * model's frame descriptors) of the first N RAVDESS clips under DIR, computed cold twice: in three
 * passes, one per table (`featurizeTask`, as before), and in one pass (`featurizeBatches`), each
 * into an empty cache of its own. Prints each way's wall and CPU seconds (user + system of the
 * whole process, its workers included) and checks that every value is the same bit for bit.
 *
 * @module
 */
import process from "node:process";
import { discoverClips } from "../lib/corpora/mod.ts";
import {
  type FeatureBatch,
  featurizeBatches,
  featurizeTask,
  type TaskResult,
} from "../lib/dataset/mod.ts";
import { parseArgs } from "../lib/util/args.ts";

const args = parseArgs(Deno.args, { strings: ["data", "clips", "workers"] });
if (!args.data) throw new Error("usage: deno run -A tools/one_pass.ts --data DIR [--clips N]");
const found = await discoverClips(args.data as string);
const clips = found.clips.filter((c) => c.corpus === "ravdess")
  .slice(0, args.clips ? Number(args.clips) : undefined);
const jobs = clips.map((c) => ({
  file: `${args.data}/${c.path}`,
  sha256: c.sha256,
  augmentation: null,
}));
const batches: FeatureBatch[] = [
  { task: { kind: "set", set: "compact", cut: "whole" }, jobs },
  { task: { kind: "set", set: "large", cut: "whole" }, jobs },
  { task: { kind: "frames" }, jobs },
];
const workers = args.workers ? Number(args.workers) : undefined;

async function timed(name: string, run: (cacheDir: string) => Promise<TaskResult[]>) {
  const cacheDir = await Deno.makeTempDir({ prefix: "serlab-one-pass-" });
  const cpu = process.cpuUsage(), t0 = performance.now();
  try {
    const r = await run(cacheDir);
    const used = process.cpuUsage(cpu);
    const figures = {
      wall_s: (performance.now() - t0) / 1000,
      cpu_s: (used.user + used.system) / 1e6,
    };
    console.error(
      `${name}: ${figures.wall_s.toFixed(1)} s wall, ${figures.cpu_s.toFixed(1)} s CPU`,
    );
    return { r, ...figures };
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
}

console.error(
  `${clips.length} RAVDESS clips, cold, ${workers ?? navigator.hardwareConcurrency} workers`,
);
const three = await timed("three passes", async (cacheDir) => {
  const out = [];
  for (const b of batches) {
    out.push(await featurizeTask(b.jobs, b.task, { cacheDir, workers, quiet: true }));
  }
  return out;
});
const one = await timed(
  "one pass",
  (cacheDir) => featurizeBatches(batches, { cacheDir, workers, quiet: true }),
);
const bits = (x: Float32Array) => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
let values = 0;
three.r.forEach((t, b) =>
  t.results.forEach((x, i) => {
    const y = one.r[b].results[i];
    const same = x && y ? _equalBits(bits(x.acoustic), bits(y.acoustic)) : x === y;
    if (!same) throw new Error(`${jobs[i].file}: table ${b} differs between the passes`);
    values += x?.acoustic.length ?? 0;
  })
);
console.log(JSON.stringify({
  clips: clips.length,
  three_passes_wall_s: +three.wall_s.toFixed(1),
  three_passes_cpu_s: +three.cpu_s.toFixed(1),
  one_pass_wall_s: +one.wall_s.toFixed(1),
  one_pass_cpu_s: +one.cpu_s.toFixed(1),
  identical_values: values,
}));

function _equalBits(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}
