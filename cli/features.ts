/**
 * `deno task features FILE... [--json]`: SER-FusionNet's 162 acoustic and 8 statistical features
 * of each file, as librosa 0.10.1 computes them (offset 0.6 s, 2.5 s, 22,050 Hz). With `--json`,
 * one object per line: `{"file", "acoustic": [162], "statistical": [8]}` or `{"file", "error"}`.
 *
 * `deno task features --set compact|large [--cut paper|whole] FILE... [--json]`: a named
 * functional set, `{"file", "names": [...], "values": [...]}` per line (through the feature
 * cache in `data/cache/features` unless `--no-cache`).
 *
 * `deno task features --frames [--cut paper|whole] FILE... --json`: the low-level descriptors,
 * `{"file", "frames": {NAME: values}}` per line, a row per band or coefficient and a column per
 * frame (a scalar descriptor is one list), `null` where a descriptor is undefined (NaN).
 *
 * `deno task features --shard I/N --run RUN_DIR`: the feature array's task of a Slurm study
 * (`reproduce --slurm`): shard I of N of the study's feature jobs (in `RUN_DIR/slurm/plan.json`)
 * into the study's cache, on `$SLURM_CPUS_PER_TASK` cores. Clips that fail are listed and the
 * shard goes on (exit status 0), as in a local run.
 *
 * Files are spread over all cores; the exit status is 1 if any failed.
 *
 * @module
 */
import { FUSIONNET_LOAD, loadClip } from "../lib/audio/load.ts";
import { featurize, featurizeSet } from "../lib/dataset/featurize.ts";
import { ACOUSTIC_NAMES, FUSIONNET_FEATURES, STATISTICAL_NAMES } from "../lib/features/extract.ts";
import { runFeatureShard } from "../lib/cluster/mod.ts";
import { taskArgs, usageError } from "./_options.ts";
import { lowLevelDescriptors } from "../lib/features/lld.ts";
import { type Cut, CUTS, SET_NAMES, type SetName } from "../lib/features/sets.ts";
import { sha256Hex } from "../lib/util/hash.ts";

const USAGE = `usage: deno task features FILE... [--json]
       deno task features --set ${
  SET_NAMES.join("|")
} [--cut paper|whole] [--no-cache] FILE... [--json]
       deno task features --frames [--cut paper|whole] FILE... --json
       deno task features --shard I/N --run RUN_DIR   (a task of reproduce --slurm)`;

if (import.meta.main) {
  const args = taskArgs("features", Deno.args, {
    usage: USAGE,
    strings: ["set", "cut", "shard", "run"],
    booleans: ["json", "frames", "no-cache"],
    choices: { set: SET_NAMES, cut: Object.keys(CUTS) },
    positionals: { max: Infinity },
  });
  if (args.shard !== undefined || args.run !== undefined) {
    Deno.exit(await _shard(String(args.shard ?? ""), args.run as string | undefined));
  }
  if (args._.length === 0) usageError("features", "no files given");
  const cut = (args.cut ?? "paper") as Cut;
  let failed: boolean;
  if (args.frames) failed = await _frames(args._, cut, Boolean(args.json));
  else if (args.set) {
    failed = await _set(args._, args.set as SetName, cut, Boolean(args.json), !args["no-cache"]);
  } else failed = await _fusionnet(args._, Boolean(args.json));
  Deno.exit(failed ? 1 : 0);
}

async function _shard(shard: string, run: string | undefined): Promise<number> {
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  if (!m || !run) {
    usageError(
      "features",
      "--shard I/N and --run RUN_DIR go together (e.g. --shard 3/8 --run results/x)",
    );
  }
  const cpus = Number(Deno.env.get("SLURM_CPUS_PER_TASK"));
  try {
    const r = await runFeatureShard(run, Number(m[1]), Number(m[2]), cpus > 0 ? cpus : undefined);
    for (const s of r.skipped) console.error(`skipped ${s.reason}`);
    console.error(
      `shard ${shard}: ${r.computed} computed, ${r.fromCache} from the cache, ${r.skipped.length} skipped (${
        r.cacheFiles.join(", ")
      })`,
    );
    return 0;
  } catch (e) {
    console.error(`features: ${e instanceof Error ? e.message : e}`);
    return 1;
  }
}

async function _frames(files: string[], cut: Cut, json: boolean): Promise<boolean> {
  let failed = false;
  for (const file of files) {
    try {
      const y = loadClip(await Deno.readFile(file), file, CUTS[cut]);
      const d = lowLevelDescriptors(y, CUTS[cut].sampleRate);
      const frames = Object.fromEntries(
        Object.entries(d.rows).map(([name, rows]) => {
          const lists = rows.map((r) => Array.from(r, (v) => (Number.isNaN(v) ? null : v)));
          return [name, lists.length === 1 ? lists[0] : lists];
        }),
      );
      if (json) console.log(JSON.stringify({ file, frames }));
      else {
        console.log(`${file}: ${d.frames} frames`);
        for (const [name, rows] of Object.entries(d.rows)) {
          console.log(`  ${name}: ${rows.length} × ${rows[0].length}`);
        }
      }
    } catch (e) {
      failed = true;
      const error = e instanceof Error ? e.message : String(e);
      const named = error.startsWith(file) ? error : `${file}: ${error}`;
      console.log(json ? JSON.stringify({ file, error: named }) : `${file}\n  error: ${named}`);
    }
  }
  return failed;
}

async function _set(
  files: string[],
  set: SetName,
  cut: Cut,
  json: boolean,
  cache: boolean,
): Promise<boolean> {
  const jobs = await Promise.all(files.map(async (file) => ({
    file,
    // the content hash is the cache key; an unreadable file gets a key of its own and fails later
    sha256: await Deno.readFile(file).then((b) => sha256Hex(b), () => "0".repeat(64)),
    augmentation: null,
  })));
  const r = await featurizeSet(jobs, {
    set,
    cut,
    cacheDir: cache ? "data/cache/features" : null,
    quiet: true,
  });
  const errors = new Map(r.skipped.map((s) => [s.file, s.reason]));
  files.forEach((file, i) => {
    const v = r.values[i];
    if (json) {
      console.log(JSON.stringify(
        v ? { file, names: r.names, values: Array.from(v) } : { file, error: errors.get(file) },
      ));
    } else if (v) {
      console.log(`${file}\n  ${r.names.map((n, j) => `${n}=${v[j].toPrecision(6)}`).join(" ")}`);
    } else console.log(`${file}\n  error: ${errors.get(file)}`);
  });
  return r.skipped.length > 0;
}

async function _fusionnet(files: string[], json: boolean): Promise<boolean> {
  const jobs = files.map((file) => ({ file, sha256: "", augmentation: null }));
  const r = await featurize(jobs, {
    load: FUSIONNET_LOAD,
    features: FUSIONNET_FEATURES,
    cacheDir: null,
    quiet: true,
  });
  const errors = new Map(r.skipped.map((s) => [s.file, s.reason]));
  jobs.forEach(({ file }, i) => {
    const f = r.features[i];
    if (json) {
      console.log(
        JSON.stringify(
          f
            ? { file, acoustic: Array.from(f.acoustic), statistical: Array.from(f.statistical) }
            : { file, error: errors.get(file) },
        ),
      );
    } else if (f) {
      const show = (names: readonly string[], v: Float32Array) =>
        names.map((n, j) => `${n}=${v[j].toPrecision(6)}`).join(" ");
      console.log(
        `${file}\n  ${show(STATISTICAL_NAMES, f.statistical)}\n  ${
          show(ACOUSTIC_NAMES.slice(0, 34), f.acoustic)
        } mel_1..128=[${
          Array.from(f.acoustic.slice(34, 38), (v) => v.toPrecision(4)).join(", ")
        }, ...]`,
      );
    } else console.log(`${file}\n  error: ${errors.get(file)}`);
  });
  return r.skipped.length > 0;
}
