import { assert, assertEquals } from "../_assert.ts";
import type { Clip } from "../../lib/corpora/mod.ts";
import {
  actorFolds,
  auditLeaks,
  corpusFolds,
  dealActors,
  EMOBOX_RAVDESS_FOLDS,
  randomSplit,
  RAVDESS_FOLDS,
  rowSplit,
} from "../../lib/eval/mod.ts";

/** `perActor` clips for each actor; emotions cycle; sha is unique unless `dup` says otherwise. */
function clips(
  actors: { actor: number; corpus: Clip["corpus"]; gender: Clip["gender"] }[],
  perActor = 6,
): Clip[] {
  const emotions = ["neutral", "happy", "sad", "angry", "fear", "disgust"] as const;
  return actors.flatMap(({ actor, corpus, gender }) =>
    Array.from({ length: perActor }, (_, i) => ({
      path: `${corpus}/${actor}/${i}.wav`,
      corpus,
      speaker: String(actor),
      actor,
      gender,
      emotion: emotions[i % emotions.length],
      intensity: "",
      sentence: `s${i % 2}`,
      sha256: `${actor}-${i}`.padEnd(64, "0"),
    }))
  );
}

const ravdess = clips(
  Array.from(
    { length: 24 },
    (_, i) => ({
      actor: i + 1,
      corpus: "ravdess" as const,
      gender: i % 2 ? "female" as const : "male" as const,
    }),
  ),
);

Deno.test("RAVDESS paper folds hold out actors 1-4, 5-8, ...; validation actors come from training actors", () => {
  const folds = actorFolds(ravdess, RAVDESS_FOLDS, 7);
  assertEquals(folds.length, 6);
  folds.forEach((f, k) => {
    const actors = (idx: number[]) => new Set(idx.map((i) => ravdess[i].actor));
    assertEquals([...actors(f.test)].sort((a, b) => a - b), [1, 2, 3, 4].map((a) => 4 * k + a));
    const train = actors(f.train), val = actors(f.val), test = actors(f.test);
    assert(val.size >= 2, `fold ${k}: ${val.size} validation actors`);
    for (const a of val) assert(!train.has(a) && !test.has(a), `actor ${a} on two sides`);
    for (const a of test) assert(!train.has(a));
    assertEquals(f.train.length + f.val.length + f.test.length, ravdess.length);
    const genders = new Set([...val].map((a) => (a % 2 ? "male" : "female")));
    assertEquals(genders.size, 2); // validation balanced by gender
    assertEquals(auditLeaks(ravdess, f.train, f.test).clean, true);
  });
});

Deno.test("EmoBox's folds are the published ones", () => {
  const folds = actorFolds(ravdess, EMOBOX_RAVDESS_FOLDS, 1);
  assertEquals([...new Set(folds[3].test.map((i) => ravdess[i].actor))], [3, 5, 7, 24]);
});

Deno.test("the Superset's 121 actors deal into 11 folds of 11, balanced by corpus and gender", () => {
  const actors = [
    ...Array.from(
      { length: 24 },
      (_, i) => ({
        actor: i + 1,
        corpus: "ravdess" as const,
        gender: i % 2 ? "female" as const : "male" as const,
      }),
    ),
    ...Array.from(
      { length: 91 },
      (_, i) => ({
        actor: 25 + i,
        corpus: "cremad" as const,
        gender: i % 2 ? "female" as const : "male" as const,
      }),
    ),
    { actor: 116, corpus: "tess" as const, gender: "female" as const },
    { actor: 117, corpus: "tess" as const, gender: "female" as const },
    ...[118, 119, 120, 121].map((actor) => ({
      actor,
      corpus: "savee" as const,
      gender: "male" as const,
    })),
  ];
  const all = clips(actors, 2);
  const groups = dealActors(all, 11, 3);
  assertEquals(groups.map((g) => g.length), new Array(11).fill(11));
  assertEquals(new Set(groups.flat()).size, 121);
  for (const g of groups) {
    const ravdessCount = g.filter((a) => a <= 24).length;
    assert(ravdessCount >= 2 && ravdessCount <= 3, `a fold with ${ravdessCount} RAVDESS actors`);
  }
  assertEquals(dealActors(all, 11, 3), groups); // the seed decides
  assert(JSON.stringify(dealActors(all, 11, 4)) !== JSON.stringify(groups));
});

Deno.test("leave-one-corpus-out tests each corpus on the other corpora's training", () => {
  const all = clips([
    { actor: 1, corpus: "ravdess", gender: "male" },
    { actor: 2, corpus: "ravdess", gender: "female" },
    { actor: 116, corpus: "tess", gender: "female" },
    { actor: 117, corpus: "tess", gender: "female" },
  ]);
  const folds = corpusFolds(all, ["ravdess", "tess"], 1);
  assertEquals(folds.map((f) => f.name), ["ravdess", "tess"]);
  for (const f of folds) {
    assert(f.test.every((i) => all[i].corpus === f.name));
    assert([...f.train, ...f.val].every((i) => all[i].corpus !== f.name));
  }
});

Deno.test("the random split is stratified 80/10/10 and keeps identical recordings together", () => {
  const all = clips(
    Array.from(
      { length: 10 },
      (_, i) => ({ actor: i + 1, corpus: "ravdess" as const, gender: "male" as const }),
    ),
    60,
  );
  all[1].sha256 = all[0].sha256; // a byte-identical pair
  const split = randomSplit(all, 5);
  assertEquals(split.train.length + split.val.length + split.test.length, 600);
  assert(Math.abs(split.test.length - 60) <= 6 && Math.abs(split.val.length - 60) <= 6);
  const sideOf = (i: number) =>
    split.train.includes(i) ? "train" : split.val.includes(i) ? "val" : "test";
  assertEquals(sideOf(0), sideOf(1));
  const audit = auditLeaks(all, split.train, split.test);
  assertEquals(audit.sharedContent, []);
  assert(audit.sharedActors.length > 0 && !audit.clean); // speakers are shared, as in the paper
});

Deno.test("augment-then-split puts copies of one clip on both sides, and the audit says so", () => {
  const all = clips([{ actor: 1, corpus: "ravdess", gender: "male" }, {
    actor: 2,
    corpus: "ravdess",
    gender: "female",
  }], 40);
  const rows = all.flatMap((_, i) => [i, i, i]); // each clip and two augmented copies
  const split = rowSplit(rows, 1);
  const train = split.train.map((r) => rows[r]), test = split.test.map((r) => rows[r]);
  const audit = auditLeaks(all, train, test);
  assert(audit.sharedContent.length > 0 && !audit.clean);
});
