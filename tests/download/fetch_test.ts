/**
 * fetch-data against a local server on 127.0.0.1 that stands in for Zenodo, GitHub and
 * Dataverse: download, resume after a dropped connection, checksum failure, unpacking.
 */
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { assert, assertEquals } from "../_assert.ts";
import { encodeWav } from "../../lib/audio/mod.ts";
import { countClips, discoverClips } from "../../lib/corpora/mod.ts";
import { fetchCorpus } from "../../lib/download/mod.ts";
import { hostsAt } from "./_hosts.ts";

const wav = (seed: number) =>
  encodeWav(new Float32Array(30000).map((_, i) => 0.1 * Math.sin(i / (3 + seed))), 16000);
const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A fake of the three hosts; `drop` paths cut the body halfway the first time they are asked. */
function fakeHosts(options: { corrupt?: Set<string>; status?: Map<string, number> } = {}) {
  const zip = zipSync({
    "Actor_01/03-01-05-01-01-01-01.wav": wav(1),
    "Actor_02/03-01-04-02-02-01-02.wav": wav(2),
  });
  const cremad: Record<string, Uint8Array> = {
    "1001_DFA_ANG_XX.wav": wav(3),
    "1002_IEO_SAD_HI.wav": wav(4),
  };
  const tess = wav(5);
  const csv = new TextEncoder().encode('"ActorID","Age","Sex"\n1001,51,"Male"\n1002,21,"Female"\n');
  const log: { path: string; range: string | null }[] = [];
  const dropped = new Set<string>();
  const abort = new AbortController();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: abort.signal,
    onListen: () => {},
  }, (req) => {
    const url = new URL(req.url), path = url.pathname, base = `${url.protocol}//${url.host}`;
    log.push({ path, range: req.headers.get("range") });
    const status = options.status?.get(path);
    if (status) return new Response("unavailable", { status });
    const bytes = (b: Uint8Array, drop = false) => {
      const from = Number(/bytes=(\d+)-/.exec(req.headers.get("range") ?? "")?.[1] ?? 0);
      if (drop && !dropped.has(path)) {
        dropped.add(path);
        const half = b.subarray(0, Math.floor(b.length / 2));
        return new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(half);
              setTimeout(() => c.error(new Error("connection dropped")), 20);
            },
          }),
          { headers: { "content-length": String(b.length) } },
        );
      }
      const body = options.corrupt?.has(path)
        ? b.map((x, i) => (i === 100 ? x ^ 1 : x))
        : b.slice();
      return from > 0
        ? new Response(body.slice(from), {
          status: 206,
          headers: { "content-range": `bytes ${from}-${b.length - 1}/${b.length}` },
        })
        : new Response(body);
    };
    if (path === "/api/records/1188976") {
      return Response.json({
        files: [{
          key: "Audio_Speech_Actors_01-24.zip",
          size: zip.length,
          checksum: `md5:${md5(zip)}`,
          links: { self: `${base}/files/ravdess.zip` },
        }],
      });
    }
    if (path === "/files/ravdess.zip") return bytes(zip, true);
    if (path === "/repos/CheyneyComputerScience/CREMA-D/git/trees/master") {
      return Response.json({
        tree: [...Object.keys(cremad).map((n) => ({ path: `AudioWAV/${n}`, type: "blob" })), {
          path: "VideoDemographics.csv",
          type: "blob",
        }, { path: "README.md", type: "blob" }],
      });
    }
    const raw = /^\/CheyneyComputerScience\/CREMA-D\/master\/(.+)$/.exec(path);
    if (raw) {
      if (raw[1] === "VideoDemographics.csv") return new Response(csv);
      const b = cremad[raw[1].slice("AudioWAV/".length)];
      return new Response(
        `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(b)}\nsize ${b.length}\n`,
      );
    }
    const media = /^\/media\/CheyneyComputerScience\/CREMA-D\/master\/AudioWAV\/(.+)$/.exec(path);
    if (media) return bytes(cremad[media[1]]);
    if (path === "/api/datasets/:persistentId/") {
      return Response.json({
        data: {
          latestVersion: {
            files: [{
              directoryLabel: "OAF_angry",
              dataFile: {
                id: 11,
                filename: "OAF_back_angry.wav",
                filesize: tess.length,
                md5: md5(tess),
              },
            }],
          },
        },
      });
    }
    if (path === "/api/access/datafile/11") return bytes(tess);
    return new Response("not found", { status: 404 });
  });
  const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  const hosts = hostsAt(base);
  return { hosts, log, close: () => abort.abort() };
}

Deno.test("fetch-data: RAVDESS resumes after a dropped connection, checks the MD5 and unpacks", async () => {
  const to = await Deno.makeTempDir();
  const fake = fakeHosts();
  try {
    const r = await fetchCorpus("ravdess", to, fake.hosts);
    assertEquals([r.fetched, r.failed], [1, []]);
    const zipRequests = fake.log.filter((l) => l.path === "/files/ravdess.zip");
    assertEquals(zipRequests.length, 2);
    assert(
      zipRequests[1].range?.startsWith("bytes=") && zipRequests[1].range !== "bytes=0-",
      "the second request resumes",
    );
    const { clips } = await discoverClips(to);
    assertEquals(clips.map((c) => [c.corpus, c.actor, c.emotion]), [["ravdess", 1, "angry"], [
      "ravdess",
      2,
      "sad",
    ]]);
    // a second run finds everything in place
    const again = await fetchCorpus("ravdess", to, fake.hosts);
    assertEquals([again.fetched, again.present], [0, 1]);
  } finally {
    fake.close();
    await Deno.remove(to, { recursive: true });
  }
});

Deno.test("fetch-data: a checksum failure names the file, leaves nothing broken, and the rest goes on", async () => {
  const to = await Deno.makeTempDir();
  const bad = "/media/CheyneyComputerScience/CREMA-D/master/AudioWAV/1002_IEO_SAD_HI.wav";
  const broken = fakeHosts({ corrupt: new Set([bad]) });
  try {
    const r = await fetchCorpus("cremad", to, broken.hosts);
    assertEquals(r.fetched, 2); // one WAV and the demographics
    assertEquals(r.failed.length, 1);
    assert(
      r.failed[0].reason.includes("1002_IEO_SAD_HI.wav") &&
        r.failed[0].reason.includes("sha256 checksum"),
      r.failed[0].reason,
    );
    assertEquals(
      await Deno.stat(`${to}/cremad/AudioWAV/1002_IEO_SAD_HI.wav`).then(() => true, () => false),
      false,
    );
    assertEquals(
      await Deno.stat(`${to}/cremad/AudioWAV/1002_IEO_SAD_HI.wav.part`).then(
        () => true,
        () => false,
      ),
      false,
    );
  } finally {
    broken.close();
  }
  const fixed = fakeHosts();
  try {
    const r = await fetchCorpus("cremad", to, fixed.hosts);
    assertEquals([r.fetched, r.present, r.failed.length], [1, 2, 0]);
    const found = await discoverClips(to);
    assertEquals(found.cremadGender, "VideoDemographics.csv");
    assertEquals(countClips(found.clips).byGender, { female: 1, male: 1 });
  } finally {
    fixed.close();
    await Deno.remove(to, { recursive: true });
  }
});

Deno.test("fetch-data: TESS from Dataverse lands in its folders; SAVEE says where to ask", async () => {
  const to = await Deno.makeTempDir();
  const fake = fakeHosts();
  try {
    const r = await fetchCorpus("tess", to, fake.hosts);
    assertEquals([r.fetched, r.failed.length], [1, 0]);
    const { clips } = await discoverClips(to);
    assertEquals(clips.map((c) => c.path), ["tess/OAF_angry/OAF_back_angry.wav"]);
    const savee = await fetchCorpus("savee", to, fake.hosts);
    assert(
      savee.note?.includes("University of Surrey") && savee.note.includes(`${to}/savee`),
      savee.note,
    );
  } finally {
    fake.close();
    await Deno.remove(to, { recursive: true });
  }
});

Deno.test("fetch-data: an HTTP status and a refused connection are named as such", async () => {
  const to = await Deno.makeTempDir();
  const fake = fakeHosts({ status: new Map([["/api/access/datafile/11", 503]]) });
  try {
    const r = await fetchCorpus("tess", to, fake.hosts);
    assertEquals(r.failed.length, 1);
    assert(
      r.failed[0].reason.includes("OAF_back_angry.wav") &&
        r.failed[0].reason.includes("HTTP 503 Service Unavailable from http://127.0.0.1:"),
      r.failed[0].reason,
    );
    // an error status is final: asked once, not five times
    assertEquals(fake.log.filter((l) => l.path === "/api/access/datafile/11").length, 1);
  } finally {
    fake.close();
  }
  // nothing listens on the port: the file list cannot be had, and the error says why
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (closed.addr as Deno.NetAddr).port;
  closed.close();
  const base = `http://127.0.0.1:${port}`;
  const hosts = hostsAt(base);
  let message = "";
  await fetchCorpus("ravdess", to, hosts).catch((e) => (message = e.message));
  assertEquals(message, `cannot get the list of files: connection refused by 127.0.0.1:${port}`);
  await Deno.remove(to, { recursive: true });
});

Deno.test("fetch-data never overwrites a file it did not fetch: a different file in the way is refused, an unpacked name kept", async () => {
  const to = await Deno.makeTempDir();
  const fake = fakeHosts();
  try {
    const mine = `${to}/tess/OAF_angry/OAF_back_angry.wav`;
    await Deno.mkdir(`${to}/tess/OAF_angry`, { recursive: true });
    await Deno.writeTextFile(mine, "my own recording");
    const r = await fetchCorpus("tess", to, fake.hosts);
    assertEquals(r.failed.length, 1);
    assert(r.failed[0].reason.startsWith(`${mine}: already exists`), r.failed[0].reason);
    assertEquals(await Deno.readTextFile(mine), "my own recording");
    // RAVDESS's zip unpacks around a file already at one of its names
    const kept = `${to}/ravdess/Actor_01/03-01-05-01-01-01-01.wav`;
    await Deno.mkdir(`${to}/ravdess/Actor_01`, { recursive: true });
    await Deno.writeTextFile(kept, "mine too");
    const v = await fetchCorpus("ravdess", to, fake.hosts);
    assertEquals(v.failed, []);
    assertEquals(await Deno.readTextFile(kept), "mine too");
    await Deno.stat(`${to}/ravdess/Actor_02/03-01-04-02-02-01-02.wav`);
  } finally {
    fake.close();
    await Deno.remove(to, { recursive: true });
  }
});

Deno.test("fetch-data CLI: SAVEE not in place exits 1 without suggesting the next step; in place, it does", async () => {
  const to = await Deno.makeTempDir();
  const run = async () => {
    const r = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../../cli/fetch_data.ts", import.meta.url).pathname,
        "--corpus",
        "savee",
        "--to",
        to,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { code: r.code, out: new TextDecoder().decode(r.stdout) };
  };
  const a = await run();
  assertEquals(a.code, 1, a.out);
  assert(a.out.includes("savee: NOT FETCHED") && a.out.includes("University of Surrey"), a.out);
  assert(!a.out.includes("next:"), a.out);
  await Deno.mkdir(`${to}/savee/AudioData/DC`, { recursive: true });
  await Deno.writeFile(`${to}/savee/AudioData/DC/a01.wav`, wav(6));
  const b = await run();
  assertEquals(b.code, 0, b.out);
  assert(
    b.out.includes("savee: 0 fetched, 1 already in place") &&
      b.out.includes(`next: deno task reproduce --data ${to}`),
    b.out,
  );
  await Deno.remove(to, { recursive: true });
});
