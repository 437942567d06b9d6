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
    booleans: ["json"],
    positionals: { max: 1, what: "RUN_DIR" },
  });
  if (args.help || args._.length !== 1) {
    console.log("usage: deno task status RUN_DIR [--json]");
    Deno.exit(args.help ? 0 : 2);
  }
  try {
    const s = await studyStatus(args._[0]);
    console.log(args.json ? JSON.stringify(s) : formatStatus(s));
  } catch (e) {
    console.error(`status: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
