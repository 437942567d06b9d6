/**
 * The documentation's relative links resolve: every `[text](target)` in `README.md` and
 * `docs/*.md` that is not a URL names a file or folder of the repository, and a `#anchor` names a
 * heading of the target (GitHub's heading ids). Links inside code are not links. And the README
 * opens with its two commands, on the Deno that CI runs.
 */
import { assert, assertEquals } from "../_assert.ts";

const ROOT = new URL("../../", import.meta.url);

/** A link of a page: its target and the line it is on. */
interface Link {
  target: string;
  line: number;
}

/** The links of a markdown text, fenced code blocks and inline code left out. */
function links(text: string): Link[] {
  const out: Link[] = [];
  let fenced = false;
  text.split("\n").forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    if (fenced) return;
    const line = raw.replace(/`[^`]*`/g, "");
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      out.push({ target: m[1], line: i + 1 });
    }
  });
  return out;
}

/** GitHub's ids of a markdown text's headings (lower case, punctuation dropped, `-n` repeats). */
function anchors(text: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const raw of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    const m = fenced ? null : raw.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!m) continue;
    const base = m[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

async function exists(url: URL): Promise<boolean> {
  try {
    await Deno.stat(url);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** The pages checked: the README and every page of `docs/`. */
async function pages(): Promise<string[]> {
  const out = ["README.md"];
  for await (const e of Deno.readDir(new URL("docs/", ROOT))) {
    if (e.isFile && e.name.endsWith(".md")) out.push(`docs/${e.name}`);
  }
  return out.sort();
}

Deno.test("anchors: GitHub's heading ids", () => {
  const ids = anchors(
    "# The study: `deno task reproduce`\n## What we measured: SER-FusionNet\n## A B\n## A B\n" +
      "```\n# not a heading\n```\n",
  );
  assertEquals([...ids], [
    "the-study-deno-task-reproduce",
    "what-we-measured-ser-fusionnet",
    "a-b",
    "a-b-1",
  ]);
});

Deno.test("links: code is not a link; titles are not part of the target", () => {
  const found = links('[a](x.md) `[b](y.md)`\n```\n[c](z.md)\n```\n[d](w.md "title")');
  assertEquals(found, [{ target: "x.md", line: 1 }, { target: "w.md", line: 5 }]);
});

Deno.test("every relative link of README.md and docs/*.md resolves", async () => {
  const problems: string[] = [];
  const list = await pages();
  assert(list.length > 1, "docs/ holds no page");
  for (const page of list) {
    const pageUrl = new URL(page, ROOT);
    const text = await Deno.readTextFile(pageUrl);
    for (const { target, line } of links(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // a URL (https:, mailto:), not a file
      const [path, anchor] = target.split("#") as [string, string | undefined];
      const url = path === "" ? pageUrl : new URL(path, pageUrl);
      const rel = url.href.slice(ROOT.href.length).replace(/\/$/, "");
      const where = `${page}:${line}: ${target}`;
      if (!url.href.startsWith(ROOT.href)) {
        problems.push(`${where} points outside the repository`);
        continue;
      }
      if (!(await exists(url))) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (anchor !== undefined && rel.endsWith(".md")) {
        const ids = anchors(path === "" ? text : await Deno.readTextFile(url));
        if (!ids.has(decodeURIComponent(anchor))) {
          problems.push(`${where}: no heading "#${anchor}" in ${rel}`);
        }
      }
    }
  }
  assertEquals(problems, []);
});

Deno.test("the README opens with the two commands, tasks of deno.json, on CI's Deno", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  const first = readme.match(/```sh\n([\s\S]*?)```/);
  assert(first && readme.indexOf(first[0]) < readme.indexOf("\n## "), "no command block first");
  const lines = first[1].trim().split("\n").map((l) => l.replace(/\s+#.*$/, ""));
  const ci = await Deno.readTextFile(new URL(".ci/run", ROOT));
  const deno = ci.match(/DENO="(npx -y deno@[\d.]+)"/)?.[1];
  assert(deno, ".ci/run names no pinned Deno");
  assertEquals(lines, [`${deno} task reproduce`, `${deno} task test`]);
  const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))).tasks;
  assert(tasks.reproduce && tasks.test, "deno.json lacks the reproduce or test task");
});
