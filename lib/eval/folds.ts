import { type Clip, orderCorpora } from "../corpora/clip.ts";
import { Random, seedOf } from "../util/random.ts";
import type { SpeakerFoldPlan } from "./experiment_def.ts";

/** One train/validation/test partition of a clip list, by index. */
export interface Fold {
  name: string;
  train: number[];
  val: number[];
  test: number[];
}

/** The paper's RAVDESS folds: actors 1-4, 5-8, ..., 21-24 held out in turn. */
export const RAVDESS_FOLDS: readonly number[][] = Object.freeze(
  Array.from({ length: 6 }, (_, f) => [1, 2, 3, 4].map((a) => 4 * f + a)),
);

/** EmoBox's published RAVDESS folds (test actors per fold). */
export const EMOBOX_RAVDESS_FOLDS: readonly number[][] = Object.freeze([
  [1, 11, 20, 21],
  [4, 10, 12, 14],
  [8, 9, 19, 23],
  [3, 5, 7, 24],
  [2, 15, 16, 18],
  [6, 13, 17, 22],
]);

/**
 * Actor-disjoint folds: each group of test actors in turn; validation actors are carved from
 * the remaining (training) actors, about `valShare` of them, balanced by gender and corpus
 * where possible, drawn by `seed`. No actor is on two sides.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { actorFolds, RAVDESS_FOLDS } from "./folds.ts";
 * const folds = actorFolds([], RAVDESS_FOLDS, 1);
 * assertEquals(folds.length, 6);
 * ```
 */
export function actorFolds(
  clips: readonly Clip[],
  testActors: readonly (readonly number[])[],
  seed: number,
  valShare = 0.15,
  names?: string[],
): Fold[] {
  return testActors.map((test, f) => {
    const testSet = new Set(test);
    const rest = _actors(clips).filter((a) => !testSet.has(a.actor));
    const val = new Set(_dealValidation(rest, valShare, seedOf(seed, "validation", f)));
    const fold: Fold = { name: names?.[f] ?? `fold ${f + 1}`, train: [], val: [], test: [] };
    clips.forEach((c, i) => {
      if (testSet.has(c.actor)) fold.test.push(i);
      else if (val.has(c.actor)) fold.val.push(i);
      else fold.train.push(i);
    });
    return fold;
  });
}

/** Speakers up to which the "speakers" fold plan holds each speaker out on their own. */
export const LEAVE_ONE_SPEAKER_OUT_MAX = 24;
/** Speaker folds of the "speakers" plan when the data has more speakers than that. */
export const SPEAKER_FOLDS = 10;

/**
 * Deals the actors of `clips` into `k` groups of test actors, balanced by corpus and gender as
 * far as possible (actors of each corpus-gender stratum, unknown gender a stratum of its own,
 * shuffled by `seed` and dealt round the groups in turn). The Superset's 121 actors make 11
 * folds of 11.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { dealActors } from "./folds.ts";
 * assertEquals(dealActors([], 11, 1).length, 11);
 * ```
 */
export function dealActors(clips: readonly Clip[], k: number, seed: number): number[][] {
  const random = new Random(seedOf(seed, "deal"));
  const groups: number[][] = Array.from({ length: k }, () => []);
  const strata = new Map<string, number[]>();
  for (const a of _actors(clips)) {
    const key = `${a.corpus}:${a.gender}`;
    strata.set(key, [...(strata.get(key) ?? []), a.actor]);
  }
  let turn = 0;
  for (const key of [...strata.keys()].sort()) {
    const actors = random.shuffle([...strata.get(key)!]) as number[];
    for (const a of actors) groups[turn++ % k].push(a);
  }
  return groups.map((g) => g.sort((a, b) => a - b));
}

/**
 * Leave-one-corpus-out folds: train (and validate) on the other corpora, test on one.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { corpusFolds } from "./folds.ts";
 * assertEquals(corpusFolds([], ["ravdess", "tess"], 1).map((f) => f.name), ["ravdess", "tess"]);
 * ```
 */
export function corpusFolds(
  clips: readonly Clip[],
  heldOut: readonly string[],
  seed: number,
  valShare = 0.15,
): Fold[] {
  return heldOut.map((corpus, f) => {
    const test = new Set(_actors(clips).filter((a) => a.corpus === corpus).map((a) => a.actor));
    const rest = _actors(clips).filter((a) => !test.has(a.actor));
    const val = new Set(_dealValidation(rest, valShare, seedOf(seed, "validation", corpus, f)));
    const fold: Fold = { name: corpus, train: [], val: [], test: [] };
    clips.forEach((c, i) => {
      if (c.corpus === corpus) fold.test.push(i);
      else if (val.has(c.actor)) fold.val.push(i);
      else fold.train.push(i);
    });
    return fold;
  });
}

/**
 * The speaker-disjoint folds of an experiment's fold plan over its clips: the paper's or
 * EmoBox's RAVDESS actor groups (those with clips here), the Superset's 11 dealt groups (fewer
 * when fewer actors), each speaker held out in turn when there are at most
 * {@linkcode LEAVE_ONE_SPEAKER_OUT_MAX} (named by corpus and speaker), else
 * {@linkcode SPEAKER_FOLDS} dealt groups balanced by gender, or each corpus present held out (none
 * when fewer than two corpora). Folds with an empty side are dropped.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { speakerFolds } from "./folds.ts";
 * assertEquals(speakerFolds("corpora", [], 1, 0.15).length, 0);
 * ```
 */
export function speakerFolds(
  plan: SpeakerFoldPlan,
  clips: readonly Clip[],
  seed: number,
  valShare: number,
): Fold[] {
  const present = new Set(clips.map((c) => c.actor));
  const keep = (groups: readonly (readonly number[])[]) =>
    groups.filter((g) => g.some((a) => present.has(a)));
  let folds: Fold[];
  if (plan === "ravdess-paper") folds = actorFolds(clips, keep(RAVDESS_FOLDS), seed, valShare);
  else if (plan === "ravdess-emobox") {
    folds = actorFolds(clips, keep(EMOBOX_RAVDESS_FOLDS), seed, valShare);
  } else if (plan === "superset-11") {
    const k = Math.min(11, present.size);
    folds = actorFolds(clips, dealActors(clips, k, seed), seed, valShare);
  } else if (plan === "speakers") {
    if (present.size <= LEAVE_ONE_SPEAKER_OUT_MAX) {
      const actors = _actors(clips);
      const names = actors.map((a) => `${a.corpus} ${a.speaker}`);
      folds = actorFolds(clips, actors.map((a) => [a.actor]), seed, valShare, names);
    } else {
      folds = actorFolds(clips, dealActors(clips, SPEAKER_FOLDS, seed), seed, valShare);
    }
  } else {
    const corpora = orderCorpora(clips.map((c) => c.corpus));
    folds = corpora.length < 2 ? [] : corpusFolds(clips, corpora, seed, valShare);
  }
  return folds.filter((f) => f.test.length > 0 && f.train.length > 0);
}

interface _Actor {
  actor: number;
  corpus: string;
  speaker: string;
  gender: string;
}

function _actors(clips: readonly Clip[]): _Actor[] {
  const seen = new Map<number, _Actor>();
  for (const c of clips) {
    if (!seen.has(c.actor)) {
      seen.set(c.actor, {
        actor: c.actor,
        corpus: c.corpus,
        speaker: c.speaker,
        gender: c.gender,
      });
    }
  }
  return [...seen.values()].sort((a, b) => a.actor - b.actor);
}

/** About `share` of `actors` (at least one when there are two or more), spread over strata. */
function _dealValidation(actors: _Actor[], share: number, seed: number): number[] {
  if (actors.length < 2) return [];
  const want = Math.max(1, Math.round(actors.length * share));
  const random = new Random(seed);
  const strata = new Map<string, number[]>();
  for (const a of actors) {
    const key = `${a.corpus}:${a.gender}`;
    strata.set(key, [...(strata.get(key) ?? []), a.actor]);
  }
  const queues = [...strata.keys()].sort().map((k) =>
    random.shuffle([...strata.get(k)!]) as number[]
  );
  // proportional share of each stratum, then round-robin for the remainder
  const out: number[] = [];
  for (const q of queues) {
    const take = Math.floor((q.length * want) / actors.length);
    out.push(...q.splice(0, take));
  }
  for (let i = 0; out.length < want; i++) {
    const q = queues[i % queues.length];
    if (q.length) out.push(q.shift()!);
    if (queues.every((x) => x.length === 0)) break;
  }
  return out;
}
