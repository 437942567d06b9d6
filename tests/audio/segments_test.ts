import { assert, assertAlmostEquals, assertEquals } from "../_assert.ts";
import { Segmenter, speechSeconds } from "../../lib/audio/mod.ts";

Deno.test("segments: energy voice activity with hangover, minimum and maximum length", () => {
  const sr = 8000;
  const y = new Float32Array(20 * sr);
  const tone = (from: number, to: number) => {
    for (let i = from * sr; i < to * sr; i++) y[i] = 0.3 * Math.sin(i / 3);
  };
  tone(1, 2.5); // one segment
  tone(4, 4.2); // a short burst in silence, 0.2 s < 0.5 s: dropped
  tone(6, 6.5);
  tone(6.7, 7.5); // a 0.2 s pause inside the hangover: one segment 6-7.5
  tone(9, 20); // 11 s of speech: cut at 5 s
  const s = new Segmenter(sr);
  const got = [];
  for (let at = 0; at < y.length; at += 1234) got.push(...s.push(y.subarray(at, at + 1234)));
  got.push(...s.flush());
  const spans = got.map((g) => [g.start, g.end].map((t) => Math.round(t * 10) / 10));
  assertEquals(spans.slice(0, 2), [[1, 2.5], [6, 7.5]]);
  assert(spans.length >= 4, JSON.stringify(spans));
  assert(got.every((g) => g.end - g.start <= 5.001), JSON.stringify(spans));
  assertAlmostEquals(spans.at(-1)![1], 20, 0.05);
  assertAlmostEquals(speechSeconds(y, sr), 1.5 + 0.2 + 0.5 + 0.8 + 11, 0.05);
});
