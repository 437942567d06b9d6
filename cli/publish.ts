/**
 * `deno task publish RUN_DIR [--out DIR]`: publishes a run for reviewers — its committable files
 * into `DIR/published/<run>/`, the key figures as SVG and `DIR/README.md` (default DIR:
 * `results`, where `README.md` and `published/` are tracked by git and everything else is not).
 *
 * @module
 */
import { publishRun } from "../lib/report/publish.ts";
import { taskArgs } from "./_options.ts";
import { RefusedError } from "../lib/util/owned.ts";

const USAGE = "usage: deno task publish RUN_DIR [--out DIR]   (DIR defaults to results)";

if (import.meta.main) {
  const args = taskArgs("publish", Deno.args, {
    usage: USAGE,
    strings: ["out"],
    positionals: { min: 1, max: 1, what: "one run folder" },
  });
  try {
    const r = await publishRun(
      String(args._[0]).replace(/\/+$/, ""),
      String(args.out ?? "results"),
    );
    console.log(`published ${r.copied.length} files into ${r.dir}`);
    if (r.left_out.length) console.log(`not published: ${r.left_out.join(", ")}`);
    console.log(`${r.figures.length} SVG figures; ${r.readme}`);
  } catch (e) {
    console.error(`publish: ${e instanceof Error ? e.message : e}`);
    Deno.exit(e instanceof RefusedError ? 2 : 1);
  }
}
