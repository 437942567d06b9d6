/**
 * `deno task fold RUN_DIR INDEX`: the fold array's task of a Slurm study (`reproduce --slurm`):
 * runs fold unit INDEX of the plan in `RUN_DIR/slurm/plan.json` and writes its result file
 * under `RUN_DIR/folds/` (atomically); a unit already done is left as it is.
 *
 * @module
 */
import { runPlannedUnit } from "../lib/cluster/mod.ts";
import { taskArgs } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("fold", Deno.args, { positionals: { max: 2, what: "RUN_DIR INDEX" } });
  if (args.help || args._.length !== 2) {
    console.log("usage: deno task fold RUN_DIR INDEX   (a task of reproduce --slurm)");
    Deno.exit(args.help ? 0 : 2);
  }
  const index = Number(args._[1]);
  if (!Number.isInteger(index) || index < 0) {
    console.error(`fold: INDEX must be a unit index (0, 1, ...), got "${args._[1]}"`);
    Deno.exit(2);
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
