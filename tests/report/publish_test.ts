import { assert, assertEquals } from "../_assert.ts";
import { SAMPLE } from "../_shared.ts";
import { publishRun } from "../../lib/report/publish.ts";
import type { RunRecord } from "../../lib/report/record.ts";
import { RefusedError } from "../../lib/util/owned.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

async function tinyRun(): Promise<string> {
  const out = await Deno.makeTempDir({ prefix: "serlab-publish-run-" });
  const r = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${ROOT}cli/reproduce.ts`,
      ...["--data", SAMPLE, "--out", out, "--experiments", "paper-ravdess-split"],
      ...["--quick", "--augment", "none", "--no-model"],
    ],
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).output();
  assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
  // stand-ins for what must never be published: model weights and a cache
  await Deno.mkdir(`${out}/model/extractor`, { recursive: true });
  await Deno.writeFile(`${out}/model/extractor/weights.bin`, new Uint8Array(16));
  await Deno.mkdir(`${out}/cache`, { recursive: true });
  await Deno.writeTextFile(`${out}/cache/features.bin`, "x");
  return out;
}

Deno.test("publish copies a run's results, exports its figures as SVG and writes a README whose numbers are metrics.json's", async () => {
  const run = await tinyRun();
  const out = await Deno.makeTempDir({ prefix: "serlab-publish-" });
  const r = await publishRun(run, out);
  const metrics: RunRecord = JSON.parse(await Deno.readTextFile(`${run}/metrics.json`));
  assertEquals(r.dir, `${out}/published/${metrics.run_id}`);
  assertEquals(
    await Deno.readTextFile(`${r.dir}/metrics.json`),
    await Deno.readTextFile(`${run}/metrics.json`),
  );
  for (const f of ["folds.csv", "report.html", "plots/paper-ravdess-split.html"]) {
    assert((await Deno.stat(`${r.dir}/${f}`)).size > 0, f);
  }
  // no weights, caches or fold checkpoints
  const published: string[] = [];
  const walk = async (dir: string, rel = "") => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) await walk(`${dir}/${e.name}`, `${rel}${e.name}/`);
      else published.push(`${rel}${e.name}`);
    }
  };
  await walk(out);
  assert(!published.some((p) => /weights|model\/|cache|folds\//.test(p)), published.join(", "));
  assert(r.left_out.some((l) => l.startsWith("model/")), r.left_out.join(", "));

  // the README's table holds metrics.json's numbers
  const readme = await Deno.readTextFile(r.readme);
  const e = metrics.experiments[0];
  const row = readme.split("\n").find((l) => l.startsWith(`| \`${e.name}\` |`));
  assert(row, readme);
  const cells = row.split("|").map((c) => c.trim());
  assertEquals(Number(cells[3]), Number(e.accuracy_mean.toFixed(3)));
  assertEquals(Number(cells[4]), Number(e.uar_mean.toFixed(3)));
  assertEquals(Number(cells[5]), Number(e.macro_f1_mean.toFixed(3)));
  assertEquals(
    cells[7],
    e.leak_audit.transductive_speaker_statistics ? "per-speaker" : "inductive",
  );
  assert(readme.includes(metrics.data.manifest_sha256));
  assert(readme.includes(`deno task reproduce --data ${SAMPLE} --experiments paper-ravdess-split`));
  assert(readme.includes("--augment none") && readme.includes("--quick"));

  // the figures are SVG with plot content, and the README shows each one
  assert(r.figures.length >= 2, r.figures.join(", "));
  for (const f of r.figures) {
    assert(readme.includes(`](${f})`), f);
    const svg = await Deno.readTextFile(`${out}/${f}`);
    assert(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/.test(svg), f);
    assert(svg.trimEnd().endsWith("</svg>"), f);
    assert(/class="(bars|heatmaplayer|hm)"|class="point"/.test(svg), `${f} has no plot marks`);
    assert(svg.includes(e.name), `${f} has no title`);
  }

  // the run's own README in its folder: the same tables, its links relative to the folder
  const own = await Deno.readTextFile(`${r.dir}/README.md`);
  assert(own.includes(metrics.data.manifest_sha256));
  for (const link of own.matchAll(/\]\(([^)#]+)\)/g)) {
    assert(await Deno.stat(`${r.dir}/${link[1]}`).then(() => true, () => false), link[1]);
  }
  assert(own.includes("](figures/"), "no figure in the run's README");

  // publishing again replaces the published copy serlab wrote, and leaves nothing beside it
  await Deno.writeTextFile(`${r.dir}/figures/stale.svg`, "<svg/>");
  await publishRun(run, out);
  assertEquals(await Deno.stat(`${r.dir}/figures/stale.svg`).then(() => true, () => false), false);
  assertEquals([...Deno.readDirSync(`${out}/published`)].map((d) => d.name), [metrics.run_id]);
  // a user's file in the published copy, or a README publish did not write: refused, kept
  await Deno.writeTextFile(`${r.dir}/my-notes.md`, "mine");
  await publishRun(run, out).then(
    () => assert(false, "published over a user's file"),
    (e) => assert(e instanceof RefusedError && e.message.includes("my-notes.md"), String(e)),
  );
  assertEquals(await Deno.readTextFile(`${r.dir}/my-notes.md`), "mine");
  await Deno.remove(`${r.dir}/my-notes.md`);
  await Deno.writeTextFile(r.readme, "# My project\n");
  await publishRun(run, out).then(
    () => assert(false, "overwrote a user's README"),
    (e) => assert(e instanceof RefusedError && e.message.startsWith(`${r.readme}: `), String(e)),
  );
  assertEquals(await Deno.readTextFile(r.readme), "# My project\n");
});

Deno.test("publish of a folder without metrics.json is a clear error naming the file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "serlab-publish-empty-" });
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}cli/publish.ts`, dir, "--out", `${dir}/out`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(r.code, 1);
  const err = new TextDecoder().decode(r.stderr);
  assert(err.includes(`${dir}/metrics.json: not found`), err);
  await Deno.writeTextFile(`${dir}/metrics.json`, "{");
  await publishRun(dir, `${dir}/out`).then(
    () => assert(false, "a broken metrics.json was published"),
    (e) => assert(String(e).includes(`${dir}/metrics.json: not valid JSON`), String(e)),
  );
});
