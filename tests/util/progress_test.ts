import { assert, assertEquals } from "../_assert.ts";
import { RateEstimator } from "../../lib/util/progress.ts";

/**
 * A 26-second job as the feature step runs it: workers start for 4 s, then 211 clips finish
 * two at a time (two workers) at a steady pace with jitter. Every estimate given is within a
 * factor of 1.5 of the true time left (the old estimate, done / elapsed since the start, said
 * 7 minutes after the first pair).
 */
Deno.test("RateEstimator: no estimate before a few items and seconds, then close to the truth", () => {
  const total = 211, start = 4000, end = 26000;
  const r = new RateEstimator();
  let jitter = 1;
  const given: number[] = [];
  for (let done = 2; done <= total; done += 2) {
    jitter = (jitter * 48271) % 2147483647;
    const t = start + (end - start) * (done / total) + ((jitter % 200) - 100);
    r.observe(done, t);
    const left = r.secondsLeft(total);
    const truth = (end - t) / 1000;
    if (done <= 2 + RateEstimator.MIN_ITEMS || t - (start + 200) < RateEstimator.MIN_S * 1000) {
      assertEquals(left, null, `at ${done}`);
      continue;
    }
    if (left === null) continue;
    given.push(left);
    if (truth > 2) {
      assert(
        left / truth < 1.5 && truth / left < 1.5,
        `at ${done}: ${left} s left, truly ${truth}`,
      );
    }
  }
  assert(given.length > 50, `${given.length} estimates`);
});

Deno.test("RateEstimator: a change of pace is followed within a few time constants", () => {
  const r = new RateEstimator();
  let done = 0;
  for (let s = 0; s <= 30; s++) r.observe(done += 10, s * 1000); // 10 a second
  assert(Math.abs(r.rate()! - 10) < 1e-9, `${r.rate()}`);
  for (let s = 31; s <= 60; s++) r.observe(done += 2, s * 1000); // then 2 a second
  const rate = r.rate()!;
  assert(rate > 2 && rate < 2 + 8 * Math.exp(-25 / RateEstimator.TAU_S), `${rate}`);
});

Deno.test("Progress: quick work under afterMs stays silent; longer work and unknown totals are reported", async () => {
  const url = new URL("../../lib/util/progress.ts", import.meta.url).href;
  const code = `
    import { Progress } from "${url}";
    const quick = new Progress("quick", 3, "files", false, 60000);
    for (let i = 0; i < 3; i++) quick.tick();
    quick.done();
    const listing = new Progress("listing", null, "files", false, 200);
    listing.tick();
    await new Promise((r) => setTimeout(r, 300));
    listing.tick();
    listing.done();
  `;
  const r = await new Deno.Command(Deno.execPath(), { args: ["eval", code], stderr: "piped" })
    .output();
  const err = new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, err);
  assert(!err.includes("quick"), err);
  assert(/^listing: 2 files \([\d.]+\/s, in \d+ s\)\n$/.test(err), err);
});
