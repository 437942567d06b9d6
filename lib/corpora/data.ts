import { discoverClips, type Discovery, type Skipped } from "./discover.ts";
import { readManifestCorpus } from "./manifest_corpus.ts";

/**
 * The clips of `--data`: a folder of corpora recognised by their file names
 * ({@linkcode discoverClips}), or a manifest CSV of any labelled recordings
 * ({@linkcode readManifestCorpus}). Throws naming the option when `data` is neither.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadData } from "./data.ts";
 * const { clips } = await loadData("../shared/datasets/sample");
 * assertEquals(clips.length, 605);
 * ```
 */
export async function loadData(
  data: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Discovery> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(data);
  } catch {
    throw new Error(`--data ${data}: no such folder or manifest CSV`);
  }
  if (info.isDirectory) return await discoverClips(data, onProgress);
  if (info.isFile && data.toLowerCase().endsWith(".csv")) {
    return await readManifestCorpus(data, onProgress);
  }
  throw new Error(`--data ${data}: neither a folder of corpora nor a manifest .csv file`);
}

/**
 * The name a data source goes by in run folders: the folder's or the CSV's name.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { dataName } from "./data.ts";
 * assertEquals(dataName("corpora/emodb.csv"), "emodb");
 * assertEquals(dataName("data/corpora/"), "corpora");
 * ```
 */
export function dataName(data: string): string {
  const last = data.replace(/\/+$/, "").split("/").pop() || "data";
  return last.toLowerCase().endsWith(".csv") ? last.slice(0, -4) : last;
}

/**
 * Why `data` gave no clips, for the error a task stops with: what names and manifests serlab
 * reads, and the first files it skipped with their reasons.
 *
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { noClipsMessage } from "./data.ts";
 * const none = { root: "x", clips: [], skipped: [], cremadGender: "built-in table" as const };
 * assertMatch(noClipsMessage("x", none), /^no corpus clips in x: .*manifest CSV \(--data FILE\.csv/);
 * ```
 */
export function noClipsMessage(data: string, found: Discovery): string {
  const why = found.skipped.slice(0, 3).map((x) => `${x.path}: ${x.reason}`).join("; ");
  return `no corpus clips in ${data}: serlab reads RAVDESS, CREMA-D, TESS, SAVEE and EMO-DB by ` +
    "their file names, and any other labelled recordings from a manifest CSV (--data FILE.csv, " +
    `header path,emotion,speaker[,gender,corpus,language,sentence]: docs/your-corpus.md)${
      why ? `; skipped ${found.skipped.length}: ${why}` : ""
    }`;
}

/**
 * What `data` skipped, a line each (`max` at most, then a count of the rest): every bad row of a
 * manifest, every file of a folder that is not a clip.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { skippedLines } from "./data.ts";
 * assertEquals(skippedLines([{ path: "a.csv:3", reason: "no file x.wav" }]), [
 *   "  a.csv:3: no file x.wav",
 * ]);
 * ```
 */
export function skippedLines(skipped: readonly Skipped[], max = 20): string[] {
  const out = skipped.slice(0, max).map((s) => `  ${s.path}: ${s.reason}`);
  if (skipped.length > max) out.push(`  ... and ${skipped.length - max} more`);
  return out;
}
