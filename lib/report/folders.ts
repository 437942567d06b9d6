/**
 * The report's folders and files as serlab's own output: the run folder (`reproduce`'s
 * `results/<run>` or `--out`), recognised by the data manifest serlab writes there first; the
 * published copy (`publish`'s `<out>/published/<run>`), by its `metrics.json`; and the results
 * README `publish` writes, by its own line.
 *
 * @module
 */
import { MANIFEST_COLUMNS } from "../corpora/manifest.ts";
import type { OutputKind, ReplaceableKind } from "../util/owned.ts";

/**
 * A run folder: one whose `manifest.csv` begins with serlab's manifest header. `reproduce`
 * writes into a folder that is new, empty or such a run folder, and refuses any other.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkOutputFolder } from "../util/owned.ts";
 * import { RUN_FOLDER } from "./folders.ts";
 * const dir = await Deno.makeTempDir();
 * assertEquals(await checkOutputFolder(dir, RUN_FOLDER), "empty");
 * await Deno.remove(dir);
 * ```
 */
export const RUN_FOLDER: OutputKind = {
  what: "a serlab run (manifest.csv)",
  recognise: async (dir) => {
    const text = await Deno.readTextFile(`${dir}/manifest.csv`).catch(() => "");
    return text.split("\n", 1)[0].trim() === MANIFEST_COLUMNS.join(",");
  },
};

/**
 * A published run (`<out>/published/<run>`): a folder whose `metrics.json` is a run record;
 * `publish` replaces it as a whole, removing only the files it publishes.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PUBLISHED_FOLDER } from "./folders.ts";
 * assertEquals([PUBLISHED_FOLDER.owns("figures/a.svg"), PUBLISHED_FOLDER.owns("notes.md")], [
 *   true,
 *   false,
 * ]);
 * ```
 */
export const PUBLISHED_FOLDER: ReplaceableKind = {
  what: "a published serlab run (metrics.json)",
  recognise: async (dir) => {
    try {
      return typeof JSON.parse(await Deno.readTextFile(`${dir}/metrics.json`))?.run_id === "string";
    } catch {
      return false;
    }
  },
  owns: (rel) =>
    /^(README\.md|metrics\.json|folds\.csv|report\.html|predictions\.csv|(plots|notebooks)\/[^/]+\.html|figures\/[^/]+\.svg)(\.[0-9a-f]{8}\.tmp)?$/
      .test(rel),
};

/** The line every results README `publish` writes carries. */
export const RESULTS_README_LINE =
  "Written by `deno task publish` from the run folder's `metrics.json`; do not edit by hand.";

/**
 * Whether a README's text is one `publish` wrote (it may overwrite only such a README).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isResultsReadme, RESULTS_README_LINE } from "./folders.ts";
 * assertEquals(isResultsReadme(`# Results\n\n${RESULTS_README_LINE}\n`), true);
 * assertEquals(isResultsReadme("# Mine"), false);
 * ```
 */
export function isResultsReadme(text: string): boolean {
  return text.includes(RESULTS_README_LINE);
}
