import type { Clip } from "../corpora/clip.ts";

/** What the training and test sides of an evaluation share. */
export interface LeakAudit {
  /** Actors with clips on both sides. */
  sharedActors: number[];
  /** Sentences (or TESS words) spoken on both sides, as corpus:sentence. */
  sharedSentences: string[];
  /** Audio contents (SHA-256) on both sides: the same recording, under any name. */
  sharedContent: string[];
  /** Test clips whose augmented copies are in the training rows. */
  augmentedCopiesOfTestClips: number;
  /** True when nothing is shared that lets a model recognise a test speaker or recording. */
  clean: boolean;
}

/**
 * Audits a partition: `train` and `test` are clip indices into `clips`; `trainAugmentedFrom`
 * lists the clip indices that augmented training rows were made from.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { auditLeaks } from "./leak.ts";
 * assert(auditLeaks([], [], []).clean);
 * ```
 */
export function auditLeaks(
  clips: readonly Clip[],
  train: readonly number[],
  test: readonly number[],
  trainAugmentedFrom: readonly number[] = [],
): LeakAudit {
  const side = (idx: readonly number[], f: (c: Clip) => string | number) =>
    new Set(idx.map((i) => f(clips[i])));
  const shared = <T>(a: Set<T>, b: Set<T>) => [...a].filter((x) => b.has(x));
  const trainAll = [...train, ...trainAugmentedFrom];
  const sentence = (c: Clip) => (c.sentence ? `${c.corpus}:${c.sentence}` : "");
  const testSet = new Set(test);
  const sharedActors =
    (shared(side(trainAll, (c) => c.actor), side(test, (c) => c.actor)) as number[]).sort((a, b) =>
      a - b
    );
  const sharedContent = shared(
    side(trainAll, (c) => c.sha256),
    side(test, (c) => c.sha256),
  ) as string[];
  return {
    sharedActors,
    sharedSentences: (shared(side(trainAll, sentence), side(test, sentence)) as string[]).filter(
      Boolean,
    ).sort(),
    sharedContent,
    augmentedCopiesOfTestClips: new Set(trainAugmentedFrom.filter((i) => testSet.has(i))).size,
    clean: sharedActors.length === 0 && sharedContent.length === 0,
  };
}
