/**
 * HTTP requests that fail with their cause in words: name resolution, a refused or dropped
 * connection, or the HTTP status, each naming the host or URL.
 *
 * @module
 */

/** The server answered with an error status (not retried: asking again gets the same answer). */
export class HttpStatusError extends Error {
  override name = "HttpStatusError";
  constructor(readonly status: number, readonly url: string, statusText = "") {
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ""} from ${url}`);
  }
}

/** The request never reached a server (name resolution, refused connection): not retried. */
export class UnreachableError extends Error {
  override name = "UnreachableError";
}

/**
 * `fetch(url, init)`, with a network failure rethrown as what it was: an
 * {@linkcode UnreachableError} when the host's name cannot be resolved ("name resolution failed
 * for HOST: no network, or no such host") or the connection is refused, else an `Error` naming
 * the host and the cause (a dropped connection, a timeout). `ok` set also turns an error status
 * into an {@linkcode HttpStatusError} (its body cancelled).
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { request, UnreachableError } from "./network.ts";
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const host = `127.0.0.1:${listener.addr.port}`;
 * listener.close(); // nothing listens there now
 * await assertRejects(
 *   () => request(`http://${host}/`, {}, true),
 *   UnreachableError,
 *   `connection refused by ${host}`,
 * );
 * ```
 */
export async function request(url: string, init: RequestInit = {}, ok = false): Promise<Response> {
  let r: Response;
  try {
    r = await fetch(url, init);
  } catch (e) {
    throw networkError(e, url);
  }
  if (ok && !r.ok) {
    await r.body?.cancel();
    throw new HttpStatusError(r.status, url, r.statusText);
  }
  return r;
}

/**
 * What a failed `fetch` of `url` (or a read of its body) means, as an error whose message names
 * the cause and the host. Deno's `fetch` says "fetch failed" and keeps the cause in `cause`.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { networkError, UnreachableError } from "./network.ts";
 * const cause = new Error("client error (Connect): dns error: failed to lookup address information");
 * const e = networkError(new TypeError("fetch failed", { cause }), "https://zenodo.org/x");
 * assert(e instanceof UnreachableError);
 * assertEquals(
 *   e.message,
 *   "name resolution failed for zenodo.org: no network, or no such host " +
 *     "(dns error: failed to lookup address information)",
 * );
 * ```
 */
export function networkError(e: unknown, url: string): Error {
  const host = URL.canParse(url) ? new URL(url).host : url;
  const text = [e, (e as { cause?: unknown })?.cause]
    .filter((x) => x !== undefined)
    .map((x) => (x instanceof Error ? x.message : String(x)))
    .join(": ");
  const dns =
    /dns error.*|failed to lookup address.*|name or service not known|nodename nor servname.*|no address associated.*|temporary failure in name resolution/i
      .exec(text);
  if (dns) {
    return new UnreachableError(
      `name resolution failed for ${host.replace(/:\d+$/, "")}: no network, or no such host (${
        dns[0]
      })`,
    );
  }
  if (/connection refused|ECONNREFUSED/i.test(text)) {
    return new UnreachableError(`connection refused by ${host}`);
  }
  if (/timed? ?out/i.test(text)) return new Error(`${host} timed out (${text})`);
  return new Error(`network error talking to ${host}: ${text}`);
}
