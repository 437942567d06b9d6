import { assert, assertEquals } from "../_assert.ts";
import { runCli, SAMPLE } from "../_shared.ts";

Deno.test("domain prints the domain analysis of every corpus of the data; one corpus is a clear error", async () => {
  const r = await runCli("domain.ts", ["--data", SAMPLE]);
  assertEquals(r.code, 0, r.stderr);
  const domain = JSON.parse(r.stdout);
  assertEquals(domain.corpora, ["cremad", "ravdess", "savee", "tess"]);
  assertEquals(domain.audio.map((a: { corpus: string }) => a.corpus).sort(), domain.corpora);
  assert(domain.groups.length > 1);
  for (const g of domain.groups) assert(g.uar >= 0 && g.uar <= 1, `${g.group}: ${g.uar}`);
  assert(domain.shifts.length > 0);
  const one = await runCli("domain.ts", ["--data", `${SAMPLE}/ravdess`]);
  assertEquals(one.code, 1);
  assert(one.stderr.includes("needs two corpora or more"), one.stderr);
});
