/**
 * `deno task superset --data DIR|FILE.csv --out FILE [--all-emotions]`: finds the corpora under
 * DIR (or reads a manifest CSV), writes the SER Superset manifest (CSV: the four corpora's clips)
 * to FILE, and prints counts of all clips found, skipped files or rows and byte-identical clips.
 *
 * @module
 */
import {
  buildSuperset,
  countClips,
  findDuplicates,
  formatCounts,
  loadData,
  MANIFEST_COLUMNS,
  noClipsMessage,
  skippedLines,
  stringifyManifest,
} from "../lib/corpora/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { taskArgs } from "./_options.ts";
import { checkOverwrite, RefusedError } from "../lib/util/owned.ts";

const USAGE = "usage: deno task superset --data DIR|FILE.csv --out FILE [--all-emotions]";

if (import.meta.main) {
  try {
    const args = taskArgs("superset", Deno.args, {
      usage: USAGE,
      strings: ["data", "out"],
      booleans: ["all-emotions"],
      required: ["data", "out"],
    });
    const data = String(args.data), out = String(args.out);
    const found = await loadData(data, (done, total) => {
      if (done % 500 === 0 || done === total) {
        Deno.stderr.writeSync(new TextEncoder().encode(`\rhashing ${done}/${total}`));
      }
    });
    console.error();
    if (!found.clips.length) throw new Error(noClipsMessage(data, found));
    console.log(
      found.cremadGender === "manifest"
        ? "all clips of the manifest:"
        : `all clips found (CREMA-D gender from the ${found.cremadGender}):`,
    );
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
      console.log(`\nskipped ${found.skipped.length} files or rows:`);
      for (const line of skippedLines(found.skipped)) console.log(line);
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
