/**
 * `deno task superset --data DIR --out FILE [--all-emotions]`: finds the corpora under DIR,
 * writes the SER Superset manifest (CSV) to FILE, and prints counts, skipped files and
 * byte-identical clips.
 *
 * @module
 */
import {
  buildSuperset,
  countClips,
  discoverClips,
  findDuplicates,
  formatCounts,
  MANIFEST_COLUMNS,
  stringifyManifest,
} from "../lib/corpora/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { taskArgs } from "./_options.ts";
import { checkOverwrite, RefusedError } from "../lib/util/owned.ts";

const USAGE = "usage: deno task superset --data DIR --out FILE [--all-emotions]";

if (import.meta.main) {
  try {
    const args = taskArgs("superset", Deno.args, {
      strings: ["data", "out"],
      booleans: ["all-emotions"],
    });
    if (args.help || !args.data || !args.out) {
      console.log(USAGE);
      Deno.exit(args.help ? 0 : 2);
    }
    const data = String(args.data), out = String(args.out);
    const found = await discoverClips(data, (done, total) => {
      if (done % 500 === 0 || done === total) {
        Deno.stderr.writeSync(new TextEncoder().encode(`\rhashing ${done}/${total}`));
      }
    });
    console.error();
    if (!found.clips.length) {
      const why = found.skipped.slice(0, 3).map((x) => `${x.path}: ${x.reason}`).join("; ");
      throw new Error(`no corpus clips under ${data}${why ? ` (skipped: ${why})` : ""}`);
    }
    console.log(`all clips found (CREMA-D gender from the ${found.cremadGender}):`);
    console.log(formatCounts(countClips(found.clips)));
    const superset = buildSuperset(found.clips, Boolean(args["all-emotions"]));
    // only a manifest serlab wrote is overwritten
    await checkOverwrite(out, "a manifest", (t) => t.startsWith(`${MANIFEST_COLUMNS.join(",")}\n`));
    await writeFileAtomic(out, stringifyManifest(superset));
    console.log(
      `\nwrote ${out}${
        args["all-emotions"] ? " (all emotions kept)" : " (calm and surprise dropped)"
      }:`,
    );
    console.log(formatCounts(countClips(superset)));
    if (found.skipped.length) {
      console.log(`\nskipped ${found.skipped.length} files:`);
      for (const s of found.skipped.slice(0, 20)) console.log(`  ${s.path}: ${s.reason}`);
      if (found.skipped.length > 20) console.log(`  ... and ${found.skipped.length - 20} more`);
    }
    const dups = findDuplicates(superset);
    if (dups.length) {
      console.log(
        `\n${dups.length} groups of byte-identical clips (kept on one side of every split):`,
      );
      for (const g of dups) {
        console.log(
          `  ${g.clips.map((c) => `${c.path} (${c.emotion})`).join(" = ")}${
            g.conflictingLabels ? "  [labels differ]" : ""
          }`,
        );
      }
    }
  } catch (e) {
    console.error(`superset: ${e instanceof Error ? e.message : e}`);
    Deno.exit(e instanceof RefusedError ? 2 : 1);
  }
}
