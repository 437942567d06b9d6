import { unzipSync } from "fflate";
import { writeFileAtomic } from "../util/atomic.ts";
import { mapLimit } from "../util/concurrency.ts";
import { fetchFile, type RemoteFile } from "./fetch_file.ts";
import {
  cremadFiles,
  EMODB_ZIP,
  emodbFiles,
  type Hosts,
  OFFICIAL_HOSTS,
  RAVDESS_ZIP,
  ravdessFiles,
  SAVEE_NOTE,
  tessFiles,
} from "./sources.ts";

/** The corpora `fetch-data` knows. */
export type FetchableCorpus = "ravdess" | "cremad" | "tess" | "savee" | "emodb";

/** What happened to one corpus. */
export interface FetchReport {
  corpus: FetchableCorpus;
  fetched: number;
  present: number;
  /** Files that failed (named, with the reason); the rest of the corpus went on. SAVEE not in place is one. */
  failed: { file: string; reason: string }[];
  note?: string;
}

/**
 * Downloads a corpus from its official home into `to` in the layout the adapters read
 * (`ravdess/Actor_XX/`, `cremad/AudioWAV/` + `VideoDemographics.csv`, `tess/<folder>/`,
 * `emodb/wav/`),
 * verifying every file's size and checksum, resuming interrupted downloads, unpacking archives.
 * SAVEE cannot be downloaded openly: when `to/savee` holds no WAV yet, its report is a failure
 * whose `note` says where to request it. A file in the way that is not the download is refused,
 * never overwritten; a failed file list throws naming its cause.
 *
 * @example
 * ```ts ignore
 * const report = await fetchCorpus("tess", "data/corpora");
 * ```
 */
export async function fetchCorpus(
  corpus: FetchableCorpus,
  to: string,
  hosts: Hosts = OFFICIAL_HOSTS,
  log: (line: string) => void = () => {},
): Promise<FetchReport> {
  if (corpus === "savee") {
    const present = await _wavs(`${to}/savee`);
    if (present) return { corpus, fetched: 0, present, failed: [] };
    const note = SAVEE_NOTE.replace("DATA", to);
    return { corpus, fetched: 0, present, failed: [{ file: `${to}/savee`, reason: note }], note };
  }
  const files =
    await (corpus === "ravdess"
      ? ravdessFiles(hosts, to)
      : corpus === "cremad"
      ? cremadFiles(hosts, to)
      : corpus === "emodb"
      ? emodbFiles(hosts, to)
      : tessFiles(hosts, to)).catch((e) => {
        throw new Error(`cannot get the list of files: ${e instanceof Error ? e.message : e}`);
      });
  log(`${corpus}: ${files.length} file(s) to check or fetch`);
  const report: FetchReport = { corpus, fetched: 0, present: 0, failed: [] };
  let done = 0, bytes = 0;
  const started = performance.now();
  await mapLimit(files, corpus === "ravdess" ? 1 : 8, async (f: RemoteFile) => {
    try {
      const r = await fetchFile(f, (n) => (bytes += n));
      report[r === "fetched" ? "fetched" : "present"]++;
    } catch (e) {
      report.failed.push({ file: f.dest, reason: e instanceof Error ? e.message : String(e) });
    }
    if (++done % 200 === 0 || done === files.length) {
      log(
        `${corpus}: ${done}/${files.length} files, ${(bytes / 1e6).toFixed(0)} MB in ${
          ((performance.now() - started) / 1000).toFixed(0)
        } s`,
      );
    }
  });
  if (corpus === "ravdess" && report.failed.length === 0) {
    await _unpack(`${to}/downloads/${RAVDESS_ZIP}`, `${to}/ravdess`, log);
  }
  if (corpus === "emodb" && report.failed.length === 0) {
    await _unpack(`${to}/downloads/${EMODB_ZIP}`, `${to}/emodb`, log);
  }
  return report;
}

/** Unzips `zip` into `dir` once (a marker records it), each file written atomically. */
async function _unpack(zip: string, dir: string, log: (line: string) => void): Promise<void> {
  const marker = `${dir}/.unpacked-${zip.slice(zip.lastIndexOf("/") + 1)}`;
  if (await Deno.stat(marker).then(() => true, () => false)) return;
  const entries = unzipSync(await Deno.readFile(zip));
  let n = 0, kept = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith("/") || name.includes("..")) continue;
    // a file already there (one unpacked before, or the user's own) is kept, never overwritten
    if (await Deno.lstat(`${dir}/${name}`).then(() => true, () => false)) kept++;
    else await writeFileAtomic(`${dir}/${name}`, bytes);
    n++;
  }
  await writeFileAtomic(marker, `${n} files\n`);
  log(`unpacked ${n - kept} files into ${dir}${kept ? ` (${kept} already there, kept)` : ""}`);
}

/** How many WAV files are under `dir` (0 if it does not exist). */
async function _wavs(dir: string): Promise<number> {
  let n = 0;
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) n += await _wavs(`${dir}/${e.name}`);
      else if (/\.wav$/i.test(e.name)) n++;
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return n;
}
