/**
 * `deno run -A tools/domain_features.ts --data DIR [--compact]`: computes the functional sets (or
 * with `--compact` the compact set only) of every
 * Superset clip under DIR into the feature cache (`data/cache/features`), so that
 * `deno task domain` and `best-cross-corpus` only read them.
 *
 * @module
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { featurizeSet } from "../lib/dataset/mod.ts";
import { FUNCTIONAL_CUT } from "../lib/eval/recipes.ts";
import { functionalSetMatrices } from "../lib/eval/functionals_data.ts";
import { taskArgs } from "../cli/_options.ts";

const args = taskArgs("domain_features", Deno.args, {
  usage: "usage: deno run -A tools/domain_features.ts --data DIR [--compact]",
  strings: ["data"],
  booleans: ["compact"],
  required: ["data"],
});
const root = String(args.data);
// RAVDESS, TESS, then CREMA-D in chunks of up to 1,000, both sets per chunk: a pilot can start on
// what is cached while the rest runs
const order = ["ravdess", "tess", "savee", "cremad"];
const clips = (await discoverClips(root)).clips.sort((a, b) =>
  order.indexOf(a.corpus) - order.indexOf(b.corpus)
);
console.log(`${clips.length} clips`);
const t = performance.now();
const chunks = order.flatMap((k) => {
  const of = clips.filter((c) => c.corpus === k);
  return Array.from(
    { length: Math.ceil(of.length / 1000) },
    (_, i) => of.slice(i * 1000, i * 1000 + 1000),
  );
});
for (const chunk of chunks) {
  if (args.compact) {
    const jobs = chunk.map((c) => ({
      file: `${root}/${c.path}`,
      sha256: c.sha256,
      augmentation: null,
    }));
    await featurizeSet(jobs, {
      set: "compact",
      cut: FUNCTIONAL_CUT,
      cacheDir: "data/cache/features",
      label: `domain ${chunk[0].corpus} compact set`,
    });
    continue;
  }
  await functionalSetMatrices(
    chunk,
    { root, cacheDir: "data/cache/features", log: console.log },
    `domain ${chunk[0].corpus}`,
  );
}
console.log(`done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
