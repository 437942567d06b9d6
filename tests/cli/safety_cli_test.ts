/**
 * The tasks that write files refuse, with one line naming the path and exit status 2, to delete
 * or overwrite what serlab did not write; the user's files stay as they were.
 */
import { assert, assertEquals } from "../_assert.ts";
import { runCli, SAMPLE } from "../_shared.ts";

/** A corpus folder of a few RAVDESS clips (quick to discover). */
async function smallCorpus(root: string): Promise<string> {
  const data = `${root}/data/ravdess/Actor_01`;
  await Deno.mkdir(data, { recursive: true });
  for (const name of ["03-01-01-01-01-01-01", "03-01-05-01-01-01-01"]) {
    await Deno.copyFile(`${SAMPLE}/ravdess/Actor_01/${name}.wav`, `${data}/${name}.wav`);
  }
  return `${root}/data`;
}

Deno.test("train --out a folder of the user's files: refused in one line, exit 2, the files kept", async () => {
  const root = await Deno.makeTempDir({ prefix: "serlab-safety-" });
  const data = await smallCorpus(root);
  await Deno.mkdir(`${root}/models`);
  await Deno.writeTextFile(`${root}/models/thesis.tex`, "years of work");
  const r = await runCli("train.ts", ["--data", data, "--out", `${root}/models`, "--quick"]);
  assertEquals(r.code, 2, r.stderr);
  // (Deno may add lines of its own while it fetches packages the first time)
  const lines = r.stderr.trim().split("\n").filter((l) => l.startsWith("train: "));
  assertEquals(lines.length, 1, r.stderr);
  assert(lines[0].startsWith(`train: ${root}/models: `), r.stderr);
  assertEquals(await Deno.readTextFile(`${root}/models/thesis.tex`), "years of work");
  assertEquals([...Deno.readDirSync(root)].map((e) => e.name).sort(), ["data", "models"]);
  await Deno.remove(root, { recursive: true });
});

Deno.test("reproduce --out a folder of the user's files: refused in one line, exit 2, the files kept", async () => {
  const root = await Deno.makeTempDir({ prefix: "serlab-safety-" });
  const data = await smallCorpus(root);
  await Deno.mkdir(`${root}/out`);
  await Deno.writeTextFile(`${root}/out/report.html`, "my report");
  const r = await runCli("reproduce.ts", ["--data", data, "--out", `${root}/out`, "--quick"]);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.trim().split("\n").at(-1)!.includes(`${root}/out: `), r.stderr);
  assertEquals([...Deno.readDirSync(`${root}/out`)].map((e) => e.name), ["report.html"]);
  assertEquals(await Deno.readTextFile(`${root}/out/report.html`), "my report");
  await Deno.remove(root, { recursive: true });
});

Deno.test("superset --out a file serlab did not write: refused, exit 2, the file kept; its own manifest is rewritten", async () => {
  const root = await Deno.makeTempDir({ prefix: "serlab-safety-" });
  const data = await smallCorpus(root);
  await Deno.writeTextFile(`${root}/list.csv`, "my,own,table\n");
  const r = await runCli("superset.ts", ["--data", data, "--out", `${root}/list.csv`]);
  assertEquals(r.code, 2, r.stderr);
  assert(r.stderr.includes(`superset: ${root}/list.csv: exists and is not a manifest`), r.stderr);
  assertEquals(await Deno.readTextFile(`${root}/list.csv`), "my,own,table\n");
  const a = await runCli("superset.ts", ["--data", data, "--out", `${root}/superset.csv`]);
  assertEquals(a.code, 0, a.stderr);
  const b = await runCli("superset.ts", ["--data", data, "--out", `${root}/superset.csv`]);
  assertEquals(b.code, 0, b.stderr);
  await Deno.remove(root, { recursive: true });
});
