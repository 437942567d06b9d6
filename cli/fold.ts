/**
 * `deno task fold RUN_DIR INDEX`: the fold array's task of a Slurm study (`reproduce --slurm`):
 * runs fold unit INDEX of the plan in `RUN_DIR/slurm/plan.json` and writes its result file
 * under `RUN_DIR/folds/` (atomically); a unit already done is left as it is.
 *
 * @module
 */
import { runPlannedUnit } from "../lib/cluster/mod.ts";
import { taskArgs, usageError } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("fold", Deno.args, {
    usage: "usage: deno task fold RUN_DIR INDEX   (a task of reproduce --slurm)",
    positionals: { min: 2, max: 2, what: "RUN_DIR INDEX" },
  });
  const index = /^\d+$/.test(args._[1]) ? Number(args._[1]) : NaN;
  if (!Number.isSafeInteger(index)) {
    usageError("fold", `INDEX must be a unit index (0, 1, ...), got "${args._[1]}"`);
  }
  try {
    const t0 = performance.now();
    const u = await runPlannedUnit(args._[0], index, (line) => console.error(line));
    console.error(
      `unit ${index} (${u.experiment} / ${u.variant} / ${u.fold}) done in ${
        ((performance.now() - t0) / 1000).toFixed(0)
      } s`,
    );
  } catch (e) {
    console.error(`fold: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
