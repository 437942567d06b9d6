/** fetch-data --corpus emodb against a local stand-in for Zenodo: MD5 checked, unpacked, found by name. */
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { assertEquals } from "../_assert.ts";
import { encodeWav } from "../../lib/audio/mod.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import { fetchCorpus } from "../../lib/download/mod.ts";
import { hostsAt } from "./_hosts.ts";

Deno.test("fetch-data: EMO-DB comes from its Zenodo record, checked and unpacked into emodb/wav", async () => {
  const wav = (k: number) =>
    encodeWav(new Float32Array(8000).map((_, i) => 0.1 * Math.sin(i / (2 + k))), 16000);
  const zip = zipSync({ "wav/03a01Wa.wav": wav(1), "wav/08b10Lb.wav": wav(2), "README": wav(0) });
  const abort = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: abort.signal, onListen() {} },
    (req) => {
      const url = new URL(req.url);
      if (url.pathname === "/api/records/7447302") {
        return Response.json({
          files: [{
            key: "emodb.zip",
            size: zip.length,
            checksum: `md5:${createHash("md5").update(zip).digest("hex")}`,
            links: { self: `${url.origin}/files/emodb.zip` },
          }],
        });
      }
      if (url.pathname === "/files/emodb.zip") return new Response(zip.slice());
      return new Response("not found", { status: 404 });
    },
  );
  const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  const hosts = hostsAt(base);
  const to = await Deno.makeTempDir();
  try {
    const r = await fetchCorpus("emodb", to, hosts);
    assertEquals([r.fetched, r.failed], [1, []]);
    const { clips } = await discoverClips(`${to}/emodb`);
    assertEquals(
      clips.map((c) => [c.path, c.speaker, c.gender, c.emotion]),
      [["wav/03a01Wa.wav", "03", "male", "angry"], ["wav/08b10Lb.wav", "08", "female", "boredom"]],
    );
    // a second run finds the zip in place and fetches nothing
    assertEquals((await fetchCorpus("emodb", to, hosts)).present, 1);
  } finally {
    abort.abort();
    await server.finished;
    await Deno.remove(to, { recursive: true });
  }
});
