/**
 * `deno run -A tools/domain_features.ts --data DIR`: computes the functional sets of every
 * Superset clip under DIR into the feature cache (`data/cache/features`), so that
 * `tools/pilot_domain.ts` and `best-cross-corpus` only read them.
 *
 * @module
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { functionalSetMatrices } from "../lib/eval/run_functionals.ts";
import { taskArgs } from "../cli/_options.ts";

const args = taskArgs("domain_features", Deno.args, { strings: ["data"] });
if (!args.data) {
  console.log("usage: deno run -A tools/domain_features.ts --data DIR");
  Deno.exit(2);
}
const root = String(args.data);
const { clips } = await discoverClips(root);
console.log(`${clips.length} clips`);
const t = performance.now();
await functionalSetMatrices(clips, {
  root,
  cacheDir: "data/cache/features",
  log: console.log,
}, "domain");
console.log(`done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
