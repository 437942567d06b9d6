import { createHash } from "node:crypto";
import { RefusedError } from "../util/owned.ts";
import { HttpStatusError, networkError, request, UnreachableError } from "./network.ts";

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
 * the right size and checksum is not fetched again; a file in place that is not (another size or
 * checksum) is never overwritten: a `RefusedError` names it. Throws naming the file and the
 * cause on a checksum or size mismatch (the partial download is removed), an HTTP status, a
 * host whose name does not resolve or that refuses the connection (these are not retried), or a
 * connection still dropping after `retries` resumptions.
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
  const there = await _problem(file.dest, file);
  if (there === null) return "present";
  if (there !== "absent") {
    // a file in the way that is not this download: not serlab's to replace
    throw new RefusedError(
      `${file.dest}: already exists and is not the expected file (${there}); serlab does not overwrite it (move it away and run again)`,
    );
  }
  await Deno.mkdir(file.dest.slice(0, file.dest.lastIndexOf("/")) || ".", { recursive: true });
  const part = `${file.dest}.part`;
  for (let attempt = 0;; attempt++) {
    try {
      await _download(file.url, part, onBytes);
      break;
    } catch (e) {
      // an error status or an unreachable host is final; a dropped connection is resumed
      if (e instanceof HttpStatusError || e instanceof UnreachableError || attempt >= retries) {
        const why = e instanceof HttpStatusError || e instanceof UnreachableError
          ? e.message
          : networkError(e, file.url).message;
        throw new Error(`${file.dest}: ${why}`);
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

async function _download(url: string, part: string, onBytes?: (n: number) => void): Promise<void> {
  const have = await Deno.stat(part).then((s) => s.size, () => 0);
  const response = await request(url, { headers: have ? { range: `bytes=${have}-` } : {} });
  if (response.status === 416) return await response.body?.cancel(); // already complete
  if (!response.ok) {
    await response.body?.cancel();
    throw new HttpStatusError(response.status, url, response.statusText);
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

/** "absent", null when `path` is `file`, else why it is not. */
async function _problem(path: string, file: RemoteFile): Promise<string | null> {
  try {
    await Deno.stat(path);
  } catch {
    return "absent";
  }
  return await _check(path, file);
}
