/**
 * The model folder as serlab's own output: recognised by its `serlab.json` card, and the files
 * `saveFusionNet` and `saveFunctionals` write there.
 *
 * @module
 */
import type { ReplaceableKind } from "../util/owned.ts";

/**
 * A saved model folder (`train --out`, a run folder's `model/`): a folder whose `serlab.json`
 * has a `serlab-*` format tag; serlab's files in it are `serlab.json` and
 * `extractor|fusion|gender/{model.json,weights.bin}` (with an interrupted atomic write's
 * `*.tmp`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { MODEL_FOLDER } from "./folder.ts";
 * assertEquals([MODEL_FOLDER.owns("fusion/weights.bin"), MODEL_FOLDER.owns("notes.txt")], [
 *   true,
 *   false,
 * ]);
 * ```
 */
export const MODEL_FOLDER: ReplaceableKind = {
  what: "a serlab model (serlab.json)",
  recognise: async (dir) => {
    try {
      const card = JSON.parse(await Deno.readTextFile(`${dir}/serlab.json`));
      return typeof card?.format === "string" && card.format.startsWith("serlab-");
    } catch {
      return false;
    }
  },
  owns: (rel) =>
    /^((extractor|fusion|gender)\/(model\.json|weights\.bin)|serlab\.json)(\.[0-9a-f]{8}\.tmp)?$/
      .test(rel),
};
