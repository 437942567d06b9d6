import { mapLimit } from "../util/concurrency.ts";
import type { RemoteFile } from "./fetch_file.ts";
import { networkError, request } from "./network.ts";

/** Where each corpus's official copy lives; tests point these at a local server. */
export interface Hosts {
  zenodo: string;
  githubApi: string;
  githubRaw: string;
  githubMedia: string;
  dataverse: string;
}

/** The official homes of the openly downloadable corpora. */
export const OFFICIAL_HOSTS: Hosts = Object.freeze({
  zenodo: "https://zenodo.org",
  githubApi: "https://api.github.com",
  githubRaw: "https://raw.githubusercontent.com",
  githubMedia: "https://media.githubusercontent.com",
  dataverse: "https://borealisdata.ca",
});

/** RAVDESS speech: Zenodo record 1188976. */
export const RAVDESS_RECORD = "1188976";
export const RAVDESS_ZIP = "Audio_Speech_Actors_01-24.zip";
/** EMO-DB (Burkhardt et al., Interspeech 2005): Zenodo record 7447302, `wav/03a01Fa.wav`, ... */
export const EMODB_RECORD = "7447302";
export const EMODB_ZIP = "emodb.zip";
/** CREMA-D: its GitHub repository (audio in Git LFS). */
export const CREMAD_REPO = "CheyneyComputerScience/CREMA-D";
/** TESS: the University of Toronto's Dataverse (Borealis). */
export const TESS_DOI = "doi:10.5683/SP2/E8H2MF";

/** Where SAVEE comes from (not openly downloadable). */
export const SAVEE_NOTE =
  "SAVEE is free for research but must be requested from the University of Surrey " +
  "(http://kahlan.eps.surrey.ac.uk/savee/): put its AudioData/ folder (DC, JE, JK, KL) under DATA/savee/";

/**
 * The RAVDESS speech zip, its size and MD5 as Zenodo's record lists them.
 *
 * @example
 * ```ts ignore
 * const [zip] = await ravdessFiles(OFFICIAL_HOSTS, "data/corpora");
 * ```
 */
export async function ravdessFiles(hosts: Hosts, to: string): Promise<RemoteFile[]> {
  return [await zenodoFile(hosts, RAVDESS_RECORD, RAVDESS_ZIP, to)];
}

/**
 * The EMO-DB zip (its `wav/` folder holds the 535 clips), size and MD5 as Zenodo's record lists
 * them (the corpus's own site, http://emodb.bilderbar.info, serves the same files without
 * checksums).
 *
 * @example
 * ```ts ignore
 * const [zip] = await emodbFiles(OFFICIAL_HOSTS, "data/corpora");
 * ```
 */
export async function emodbFiles(hosts: Hosts, to: string): Promise<RemoteFile[]> {
  return [await zenodoFile(hosts, EMODB_RECORD, EMODB_ZIP, to)];
}

/** A file of a Zenodo record, to `<to>/downloads/`, with its size and MD5 as the record lists them. */
async function zenodoFile(
  hosts: Hosts,
  recordId: string,
  name: string,
  to: string,
): Promise<RemoteFile> {
  const record = await _json(`${hosts.zenodo}/api/records/${recordId}`);
  const entry = (record.files as Record<string, unknown>[]).find((f) =>
    (f.key ?? f.filename) === name
  );
  if (!entry) throw new Error(`Zenodo record ${recordId} has no ${name}`);
  const links = entry.links as Record<string, string>;
  const [algorithm, value] = String(entry.checksum).split(":");
  return {
    url: links.self ?? links.download ?? links.content,
    dest: `${to}/downloads/${name}`,
    size: Number(entry.size ?? entry.filesize),
    checksum: algorithm === "md5" ? { algorithm: "md5", value } : undefined,
  };
}

/**
 * CREMA-D's audio files and demographics: the file list from GitHub's tree API, each WAV's size
 * and SHA-256 from its Git LFS pointer, the bytes from GitHub's LFS media host.
 */
export async function cremadFiles(hosts: Hosts, to: string): Promise<RemoteFile[]> {
  const tree = await _json(`${hosts.githubApi}/repos/${CREMAD_REPO}/git/trees/master?recursive=1`);
  const paths = (tree.tree as { path: string; type: string }[])
    .filter((e) =>
      e.type === "blob" &&
      (/^AudioWAV\/[^/]+\.wav$/i.test(e.path) || e.path === "VideoDemographics.csv")
    )
    .map((e) => e.path);
  if (!paths.some((p) => p.endsWith(".wav"))) {
    throw new Error(`no AudioWAV/*.wav in ${CREMAD_REPO}`);
  }
  const out: RemoteFile[] = [];
  await mapLimit(paths, 16, async (path) => {
    const raw = `${hosts.githubRaw}/${CREMAD_REPO}/master/${path}`;
    if (!path.endsWith(".wav")) return void out.push({ url: raw, dest: `${to}/cremad/${path}` });
    const pointer = await _text(raw);
    const oid = /oid sha256:([0-9a-f]{64})/.exec(pointer), size = /size (\d+)/.exec(pointer);
    if (!oid || !size) {
      // a plain file (not in LFS): the raw host serves the bytes themselves
      out.push({ url: raw, dest: `${to}/cremad/${path}` });
      return;
    }
    out.push({
      url: `${hosts.githubMedia}/media/${CREMAD_REPO}/master/${path}`,
      dest: `${to}/cremad/${path}`,
      size: Number(size[1]),
      checksum: { algorithm: "sha256", value: oid[1] },
    });
  });
  return out.sort((a, b) => (a.dest < b.dest ? -1 : 1));
}

/** TESS's 2,800 files with their folders, sizes and MD5s from the Dataverse dataset API. */
export async function tessFiles(hosts: Hosts, to: string): Promise<RemoteFile[]> {
  const ds = await _json(
    `${hosts.dataverse}/api/datasets/:persistentId/?persistentId=${encodeURIComponent(TESS_DOI)}`,
  );
  const files =
    ((ds.data as Record<string, Record<string, unknown>>).latestVersion.files) as Record<
      string,
      unknown
    >[];
  return files
    .map((f) => {
      const d = f.dataFile as Record<string, unknown>;
      const name = String(d.filename);
      const folder = f.directoryLabel ? `${f.directoryLabel}/` : "";
      const md5 = (d.md5 ?? (d.checksum as Record<string, string> | undefined)?.value) as
        | string
        | undefined;
      return {
        url: `${hosts.dataverse}/api/access/datafile/${d.id}`,
        dest: `${to}/tess/${folder}${name}`,
        size: d.filesize === undefined ? undefined : Number(d.filesize),
        checksum: md5 ? { algorithm: "md5" as const, value: md5 } : undefined,
      };
    })
    .filter((f) => /\.wav$/i.test(f.dest));
}

async function _json(url: string): Promise<Record<string, unknown>> {
  const r = await request(url, { headers: { accept: "application/json" } }, true);
  const text = await r.text().catch((e) => {
    throw networkError(e, url);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${url}: not the JSON listing expected (${text.slice(0, 80)}...)`);
  }
}

async function _text(url: string): Promise<string> {
  return await (await request(url, {}, true)).text().catch((e) => {
    throw networkError(e, url);
  });
}
