/**
 * `deno task domain --data DIR|FILE.csv`: why models fail across corpora, without training: the
 * domain section `best-cross-corpus` writes into metrics.json and the report
 * (`analyseDomain` of `lib/eval/domain.ts`: corpus identification by feature group, each corpus's
 * recording conditions, the largest shifts), on that experiment's clips (the emotions all corpora
 * share), its compact set read through the feature cache (computed for the clips not cached yet).
 * Prints the analysis as JSON.
 *
 * @module
 */
import { loadData, noClipsMessage } from "../lib/corpora/mod.ts";
import {
  analyseDomain,
  experimentByName,
  experimentClips,
  functionalSetMatrices,
} from "../lib/eval/mod.ts";
import { functionalSet } from "../lib/features/sets.ts";
import { taskArgs } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("domain", Deno.args, {
    usage: "usage: deno task domain --data DIR|FILE.csv   (prints the domain analysis as JSON)",
    strings: ["data"],
    required: ["data"],
  });
  try {
    const data = String(args.data);
    const found = await loadData(data);
    if (found.clips.length === 0) throw new Error(noClipsMessage(data, found));
    const { clips } = experimentClips(experimentByName("best-cross-corpus"), found.clips);
    const corpora = new Set(clips.map((c) => c.corpus));
    if (corpora.size < 2) {
      throw new Error(
        `${data}: the domain analysis needs two corpora or more, not ${[...corpora]}`,
      );
    }
    const log = (line: string) => console.error(line);
    const where = { root: found.root, cacheDir: "data/cache/features", log };
    const { sets, ok } = await functionalSetMatrices(clips, where, "domain");
    const names = functionalSet("compact").names;
    const domain = await analyseDomain(clips, found.root, sets.compact, names, ok);
    console.log(JSON.stringify(domain, null, 1));
  } catch (e) {
    console.error(`domain: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
