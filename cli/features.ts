/**
 * `deno task features FILE... [--json]`: SER-FusionNet's 162 acoustic and 8 statistical features
 * of each file, as librosa 0.10.1 computes them (offset 0.6 s, 2.5 s, 22,050 Hz). With `--json`,
 * one object per line: `{"file", "acoustic": [162], "statistical": [8]}` or `{"file", "error"}`.
 * Files are spread over all cores; the exit status is 1 if any failed.
 *
 * @module
 */
import { FUSIONNET_LOAD } from "../lib/audio/load.ts";
import { featurize } from "../lib/dataset/featurize.ts";
import { ACOUSTIC_NAMES, FUSIONNET_FEATURES, STATISTICAL_NAMES } from "../lib/features/extract.ts";
import { taskArgs } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("features", Deno.args, {
    booleans: ["json"],
    positionals: { max: Infinity },
  });
  if (args.help || args._.length === 0) {
    console.log("usage: deno task features FILE... [--json]");
    Deno.exit(args.help ? 0 : 2);
  }
  const jobs = args._.map((file) => ({ file, sha256: "", augmentation: null }));
  const r = await featurize(jobs, {
    load: FUSIONNET_LOAD,
    features: FUSIONNET_FEATURES,
    cacheDir: null,
    quiet: true,
  });
  const errors = new Map(r.skipped.map((s) => [s.file, s.reason]));
  jobs.forEach(({ file }, i) => {
    const f = r.features[i];
    if (args.json) {
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
  Deno.exit(r.skipped.length ? 1 : 0);
}
