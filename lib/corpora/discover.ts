import { mapLimit } from "../util/concurrency.ts";
import { sha256Hex } from "../util/hash.ts";
import { Progress } from "../util/progress.ts";
import { type Clip, type ClipLabel, type Gender, orderCorpora } from "./clip.ts";
import { labelCremad, parseCremadDemographics } from "./cremad.ts";
import { labelEmodb } from "./emodb.ts";
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
  /** Labelled clips, by corpus (RAVDESS, CREMA-D, SAVEE, TESS, EMO-DB), then path. */
  clips: Clip[];
  /** Files that are not clips: unknown names, non-speech RAVDESS, second copies, unreadable. */
  skipped: Skipped[];
  /** Where CREMA-D genders came from ("manifest": the data is a manifest CSV). */
  cremadGender: "VideoDemographics.csv" | "built-in table" | "manifest";
}

const METADATA = new Set(["videodemographics.csv"]);
const _NAMES = "RAVDESS 03-01-05-02-01-01-01.wav, CREMA-D 1001_DFA_ANG_XX.wav, TESS " +
  "OAF_back_angry.wav, SAVEE DC_a01.wav, EMO-DB 03a01Wa.wav";

/** Listing and hashing report progress on standard error when they take longer than this. */
const PROGRESS_AFTER_MS = 2000;

/**
 * Walks `root` (any wrapping folders: official zips and Kaggle copies differ; links to files and
 * folders are followed, loops are not) and labels every file by the corpus adapter its name
 * fits. Files that fit none are listed in `skipped` with the reason, as are second copies of the
 * same corpus file (Kaggle's RAVDESS ships two trees), files and folders that cannot be read,
 * broken links and links back to a folder already walked: the walk goes on past them. Listing
 * and hashing write their progress to standard error when they take over 2 s (a large folder;
 * `onProgress`, when given, receives the hashing's instead).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { discoverClips } from "./discover.ts";
 * const { clips, skipped } = await discoverClips("../shared/datasets/sample");
 * assertEquals([clips.length, skipped.length], [605, 0]);
 * ```
 */
export async function discoverClips(
  root: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Discovery> {
  const skipped: Skipped[] = [];
  // large folders say how far they are (quick ones stay silent)
  const listing = new Progress(`listing ${root}`, null, "files", false, PROGRESS_AFTER_MS);
  const files = (await _walk(root, skipped, () => listing.tick())).sort();
  listing.done();
  let demographics: Map<string, Gender> | undefined;
  for (const f of files) {
    if (
      f.toLowerCase().endsWith("/videodemographics.csv") ||
      f.toLowerCase() === "videodemographics.csv"
    ) {
      try {
        demographics = parseCremadDemographics(await Deno.readTextFile(`${root}/${f}`));
      } catch (e) {
        skipped.push({
          path: f,
          reason: `not readable, genders from the built-in table (${_why(e)})`,
        });
      }
    }
  }
  const labelled: { path: string; label: ClipLabel }[] = [];
  for (const path of files) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base.startsWith(".") || METADATA.has(base.toLowerCase())) continue;
    const result = labelRavdess(path) ?? labelCremad(path, demographics) ?? labelTess(path) ??
      labelSavee(path) ?? labelEmodb(path);
    if (typeof result === "string") skipped.push({ path, reason: result });
    else if (!result) {
      const ext = base.includes(".") ? base.slice(base.lastIndexOf(".")).toLowerCase() : "";
      const audio = [".wav", ".aif", ".aiff", ".flac", ".mp3", ".ogg"].includes(ext);
      skipped.push({
        path,
        reason: audio
          ? `audio whose name fits no corpus (${_NAMES}); other recordings need a manifest ` +
            "CSV (--data FILE.csv, docs/your-corpus.md)"
          : `not a recording (${ext || "no extension"})`,
      });
    } else labelled.push({ path, label: result });
  }
  const clips: Clip[] = [];
  const seen = new Map<string, Clip>();
  let done = 0;
  const hashing = onProgress
    ? null
    : new Progress(`hashing ${root}`, labelled.length, "files", false, PROGRESS_AFTER_MS);
  const hashes = await mapLimit(labelled, 8, async ({ path }) => {
    let h: string | Error;
    try {
      h = await sha256Hex(await Deno.readFile(`${root}/${path}`));
    } catch (e) {
      h = e instanceof Error ? e : new Error(String(e));
    }
    onProgress?.(++done, labelled.length);
    hashing?.tick();
    return h;
  });
  hashing?.done();
  labelled.forEach(({ path, label }, i) => {
    const h = hashes[i];
    if (h instanceof Error) {
      skipped.push({ path, reason: `not readable (${h.message})` });
      return;
    }
    const key = `${label.corpus}:${label.speaker}:${
      path.slice(path.lastIndexOf("/") + 1).toLowerCase()
    }`;
    const first = seen.get(key);
    if (first) {
      skipped.push({
        path,
        reason: first.sha256 === h
          ? `another copy of ${first.path}`
          : `same corpus file name as ${first.path} but different content`,
      });
      return;
    }
    const clip = { path, ...label, sha256: h };
    seen.set(key, clip);
    clips.push(clip);
  });
  const order = orderCorpora(clips.map((c) => c.corpus));
  clips.sort((a, b) =>
    order.indexOf(a.corpus) - order.indexOf(b.corpus) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
  return {
    root,
    clips,
    skipped,
    cremadGender: demographics ? "VideoDemographics.csv" : "built-in table",
  };
}

/**
 * Every regular file under `root`, following links to files and folders (people link their
 * corpora); a link back to a folder already walked (a loop, or a second way to the same tree),
 * a broken link, something that is not a file, and a folder that cannot be read are listed in
 * `skipped`. Entries are visited in name order.
 */
async function _walk(root: string, skipped: Skipped[], onFile: () => void): Promise<string[]> {
  const out: string[] = [];
  const walked = new Set([await Deno.realPath(root)]);
  const visit = async (rel: string): Promise<void> => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(rel ? `${root}/${rel}` : root));
    } catch (e) {
      if (!rel) throw e;
      skipped.push({ path: rel, reason: `folder not readable (${_why(e)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      let kind: "file" | "folder" | "other" = e.isFile
        ? "file"
        : e.isDirectory
        ? "folder"
        : "other";
      if (e.isSymlink) {
        try {
          const target = await Deno.stat(`${root}/${path}`);
          kind = target.isFile ? "file" : target.isDirectory ? "folder" : "other";
        } catch (err) {
          skipped.push({ path, reason: `broken link (${_why(err)})` });
          continue;
        }
      }
      if (kind === "file") {
        out.push(path);
        onFile();
      } else if (kind === "other") skipped.push({ path, reason: "not a regular file or folder" });
      else {
        let real: string;
        try {
          real = await Deno.realPath(`${root}/${path}`);
        } catch (err) {
          skipped.push({ path, reason: `folder not readable (${_why(err)})` });
          continue;
        }
        if (walked.has(real)) {
          skipped.push({
            path,
            reason: `${real} again, already walked (a link loop or a second way in)`,
          });
          continue;
        }
        walked.add(real);
        await visit(path);
      }
    }
  };
  await visit("");
  return out;
}

function _why(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
