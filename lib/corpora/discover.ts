import { mapLimit } from "../util/concurrency.ts";
import { sha256Hex } from "../util/hash.ts";
import { type Clip, type ClipLabel, CORPORA, type Gender } from "./clip.ts";
import { labelCremad, parseCremadDemographics } from "./cremad.ts";
import { labelRavdess } from "./ravdess.ts";
import { labelSavee } from "./savee.ts";
import { labelTess } from "./tess.ts";

/** A file under the data folder that is not in the result, and why. */
export interface Skipped {
  path: string;
  reason: string;
}

/** What {@linkcode discoverClips} found. */
export interface Discovery {
  /** The folder searched. */
  root: string;
  /** Labelled clips, by corpus (RAVDESS, CREMA-D, SAVEE, TESS), then path. */
  clips: Clip[];
  /** Files that are not clips: unknown names, non-speech RAVDESS, second copies. */
  skipped: Skipped[];
  /** Where CREMA-D genders came from. */
  cremadGender: "VideoDemographics.csv" | "built-in table";
}

const METADATA = new Set(["videodemographics.csv"]);

/**
 * Walks `root` (any wrapping folders: official zips and Kaggle copies differ) and labels every
 * file by the corpus adapter its name fits. Files that fit none are listed in `skipped` with
 * the reason, as are second copies of the same corpus file (Kaggle's RAVDESS ships two trees).
 *
 * @example
 * ```ts
 * import { discoverClips } from "./discover.ts";
 * const { clips, skipped } = await discoverClips("../shared/datasets/sample");
 * console.log(clips.length, skipped.length); // 605 0
 * ```
 */
export async function discoverClips(
  root: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Discovery> {
  const files = (await _walk(root, "")).sort();
  const skipped: Skipped[] = [];
  let demographics: Map<string, Gender> | undefined;
  for (const f of files) {
    if (
      f.toLowerCase().endsWith("/videodemographics.csv") ||
      f.toLowerCase() === "videodemographics.csv"
    ) {
      demographics = parseCremadDemographics(await Deno.readTextFile(`${root}/${f}`));
    }
  }
  const labelled: { path: string; label: ClipLabel }[] = [];
  for (const path of files) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base.startsWith(".") || METADATA.has(base.toLowerCase())) continue;
    const result = labelRavdess(path) ?? labelCremad(path, demographics) ?? labelTess(path) ??
      labelSavee(path);
    if (typeof result === "string") skipped.push({ path, reason: result });
    else if (!result) {
      const ext = base.includes(".") ? base.slice(base.lastIndexOf(".")).toLowerCase() : "";
      const audio = [".wav", ".aif", ".aiff", ".flac", ".mp3", ".ogg"].includes(ext);
      skipped.push({
        path,
        reason: audio
          ? "audio whose name fits no corpus"
          : `not a recording (${ext || "no extension"})`,
      });
    } else labelled.push({ path, label: result });
  }
  const clips: Clip[] = [];
  const seen = new Map<string, Clip>();
  let done = 0;
  const hashes = await mapLimit(labelled, 8, async ({ path }) => {
    const h = await sha256Hex(await Deno.readFile(`${root}/${path}`));
    onProgress?.(++done, labelled.length);
    return h;
  });
  labelled.forEach(({ path, label }, i) => {
    const key = `${label.corpus}:${label.speaker}:${
      path.slice(path.lastIndexOf("/") + 1).toLowerCase()
    }`;
    const first = seen.get(key);
    if (first) {
      skipped.push({
        path,
        reason: first.sha256 === hashes[i]
          ? `another copy of ${first.path}`
          : `same corpus file name as ${first.path} but different content`,
      });
      return;
    }
    const clip = { path, ...label, sha256: hashes[i] };
    seen.set(key, clip);
    clips.push(clip);
  });
  clips.sort((a, b) =>
    CORPORA.indexOf(a.corpus) - CORPORA.indexOf(b.corpus) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
  return {
    root,
    clips,
    skipped,
    cremadGender: demographics ? "VideoDemographics.csv" : "built-in table",
  };
}

async function _walk(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(rel ? `${root}/${rel}` : root)) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await _walk(root, path));
    else if (e.isFile) out.push(path);
  }
  return out;
}
