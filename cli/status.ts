/**
 * `deno task status RUN_DIR [--json]`: what is done, running, pending and failed in a run
 * folder, a local run or a Slurm study (`reproduce --slurm`), with the failed tasks' log files.
 *
 * @module
 */
import { formatStatus, studyStatus } from "../lib/cluster/mod.ts";
import { taskArgs } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("status", Deno.args, {
    usage: "usage: deno task status RUN_DIR [--json]",
    booleans: ["json"],
    positionals: { min: 1, max: 1, what: "one run folder" },
  });
  try {
    const s = await studyStatus(args._[0]);
    console.log(args.json ? JSON.stringify(s) : formatStatus(s));
  } catch (e) {
    console.error(`status: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
