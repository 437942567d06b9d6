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
  /** Files that failed (named, with the reason); the rest of the corpus went on. */
  failed: { file: string; reason: string }[];
  note?: string;
}

/**
 * Downloads a corpus from its official home into `to` in the layout the adapters read
 * (`ravdess/Actor_XX/`, `cremad/AudioWAV/` + `VideoDemographics.csv`, `tess/<folder>/`,
 * `emodb/wav/`),
 * verifying every file's size and checksum, resuming interrupted downloads, unpacking archives.
 * SAVEE cannot be downloaded openly: its report says where to request it.
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
    return { corpus, fetched: 0, present: 0, failed: [], note: SAVEE_NOTE.replace("DATA", to) };
  }
  const files = corpus === "ravdess"
    ? await ravdessFiles(hosts, to)
    : corpus === "cremad"
    ? await cremadFiles(hosts, to)
    : corpus === "emodb"
    ? await emodbFiles(hosts, to)
    : await tessFiles(hosts, to);
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
  let n = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith("/") || name.includes("..")) continue;
    await writeFileAtomic(`${dir}/${name}`, bytes);
    n++;
  }
  await Deno.writeTextFile(marker, `${n} files\n`);
  log(`unpacked ${n} files into ${dir}`);
}
