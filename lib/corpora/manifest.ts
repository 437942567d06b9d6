import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Clip } from "./clip.ts";

/** The manifest's columns, in order. */
export const MANIFEST_COLUMNS = [
  "path",
  "corpus",
  "speaker",
  "actor",
  "gender",
  "emotion",
  "intensity",
  "sentence",
  "sha256",
] as const;

/**
 * The Superset manifest as CSV text, header `path,corpus,speaker,actor,gender,emotion,
 * intensity,sentence,sha256`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { stringifyManifest } from "./manifest.ts";
 * const header = "path,corpus,speaker,actor,gender,emotion,intensity,sentence,sha256";
 * assertEquals(stringifyManifest([]).trim(), header);
 * ```
 */
export function stringifyManifest(clips: readonly Clip[]): string {
  return stringify(clips.map((c) => MANIFEST_COLUMNS.map((k) => String(c[k]))), {
    header: true,
    columns: [...MANIFEST_COLUMNS],
  });
}

/**
 * Clips from serlab's manifest CSV text (as {@linkcode stringifyManifest} writes it). Throws naming
 * `file` and the line for a missing column, an empty corpus, speaker or emotion, a gender other
 * than female, male or unknown, or an actor that is not an integer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseManifest, stringifyManifest } from "./manifest.ts";
 * assertEquals(parseManifest(stringifyManifest([]), "empty.csv"), []);
 * ```
 */
export function parseManifest(text: string, file: string): Clip[] {
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true });
  return rows.map((r, i) => {
    const line = i + 2;
    for (const k of MANIFEST_COLUMNS) {
      if (r[k] === undefined) throw new Error(`${file}:${line}: no "${k}" column`);
    }
    for (const k of ["corpus", "speaker", "emotion"] as const) {
      if (!r[k]) throw new Error(`${file}:${line}: empty ${k}`);
    }
    if (r.gender !== "male" && r.gender !== "female" && r.gender !== "unknown") {
      throw new Error(`${file}:${line}: unknown gender "${r.gender}"`);
    }
    const actor = Number(r.actor);
    if (!Number.isInteger(actor)) {
      throw new Error(`${file}:${line}: actor "${r.actor}" is not an integer`);
    }
    return {
      path: r.path,
      corpus: r.corpus,
      speaker: r.speaker,
      actor,
      gender: r.gender,
      emotion: r.emotion,
      intensity: r.intensity,
      sentence: r.sentence,
      sha256: r.sha256,
    };
  });
}
