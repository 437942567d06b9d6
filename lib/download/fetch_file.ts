import { createHash } from "node:crypto";

/** A checksum a host publishes for a file. */
export interface Checksum {
  algorithm: "md5" | "sha256";
  /** Lowercase hex. */
  value: string;
}

/** One file to fetch. */
export interface RemoteFile {
  url: string;
  /** Where it goes. */
  dest: string;
  size?: number;
  checksum?: Checksum;
}

/**
 * Downloads `file.url` to `file.dest`, resuming a previous partial download (`<dest>.part`,
 * HTTP Range), checking size and checksum before the file takes its name (so a file in place is
 * always whole and verified), and retrying dropped connections. A file already in place with
 * the right size and checksum is not fetched again. Throws naming the file on a checksum or size
 * mismatch (the partial download is removed) or an HTTP error.
 *
 * @example
 * ```ts ignore
 * await fetchFile({ url: "https://example.org/a.zip", dest: "data/a.zip", size: 1024 });
 * ```
 */
export async function fetchFile(
  file: RemoteFile,
  onBytes?: (n: number) => void,
  retries = 5,
): Promise<"fetched" | "present"> {
  if (await _verified(file.dest, file)) return "present";
  await Deno.mkdir(file.dest.slice(0, file.dest.lastIndexOf("/")) || ".", { recursive: true });
  const part = `${file.dest}.part`;
  for (let attempt = 0;; attempt++) {
    try {
      await _download(file.url, part, onBytes);
      break;
    } catch (e) {
      if (e instanceof _HttpError || attempt >= retries) {
        throw new Error(`${file.dest}: ${e instanceof Error ? e.message : e}`);
      }
      await new Promise((r) => setTimeout(r, Math.min(8000, 250 * 2 ** attempt))); // then resume
    }
  }
  const problem = await _check(part, file);
  if (problem) {
    await Deno.remove(part).catch(() => {});
    throw new Error(`${file.dest}: ${problem} (the download was discarded; run again to retry)`);
  }
  await Deno.rename(part, file.dest);
  return "fetched";
}

class _HttpError extends Error {}

async function _download(url: string, part: string, onBytes?: (n: number) => void): Promise<void> {
  const have = await Deno.stat(part).then((s) => s.size, () => 0);
  const response = await fetch(url, { headers: have ? { range: `bytes=${have}-` } : {} });
  if (response.status === 416) return await response.body?.cancel(); // already complete
  if (!response.ok) {
    await response.body?.cancel();
    throw new _HttpError(`HTTP ${response.status} from ${url}`);
  }
  const resumed = response.status === 206 && have > 0;
  const out = await Deno.open(
    part,
    resumed ? { append: true } : { write: true, create: true, truncate: true },
  );
  try {
    for await (const chunk of response.body!) {
      let at = 0;
      while (at < chunk.length) at += await out.write(chunk.subarray(at));
      onBytes?.(chunk.length);
    }
  } finally {
    out.close();
  }
}

/** Why `path` is not `file` (size or checksum), or null if it is. */
async function _check(path: string, file: RemoteFile): Promise<string | null> {
  const size = (await Deno.stat(path)).size;
  if (file.size !== undefined && size !== file.size) {
    return `size ${size} bytes, expected ${file.size}`;
  }
  if (file.checksum) {
    const hash = createHash(file.checksum.algorithm);
    const f = await Deno.open(path);
    for await (const chunk of f.readable) hash.update(chunk);
    const got = hash.digest("hex");
    if (got !== file.checksum.value.toLowerCase()) {
      return `${file.checksum.algorithm} checksum ${got}, expected ${file.checksum.value}`;
    }
  }
  return null;
}

async function _verified(path: string, file: RemoteFile): Promise<boolean> {
  try {
    await Deno.stat(path);
  } catch {
    return false;
  }
  return (await _check(path, file)) === null;
}
