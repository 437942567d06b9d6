import { assert, assertEquals } from "../_assert.ts";
import { networkError, UnreachableError } from "../../lib/download/network.ts";

Deno.test("networkError: a failed name lookup (as Deno's fetch reports it) is named as name resolution", () => {
  // the cause text is what Deno 2.9's fetch gives for a host that does not resolve
  const cause = new Error(
    "error sending request for url (https://zenodo.org/api/records/1188976): client error (Connect): dns error: failed to lookup address information: Name or service not known",
  );
  const e = networkError(new TypeError("fetch failed", { cause }), "https://zenodo.org/api/x");
  assert(e instanceof UnreachableError);
  assert(e.message.startsWith("name resolution failed for zenodo.org: no network"), e.message);
  const other = networkError(
    new TypeError("fetch failed", { cause: new Error("connection reset") }),
    "http://h:8/",
  );
  assert(!(other instanceof UnreachableError));
  assertEquals(other.message, "network error talking to h:8: fetch failed: connection reset");
});
