import {
  type Clip,
  EMOTIONS,
  isStudyEmotion,
  orderCorpora,
  SUPERSET_CORPORA,
  SUPERSET_EMOTIONS,
} from "./clip.ts";

/**
 * The SER Superset from the clips of its four corpora (RAVDESS, CREMA-D, SAVEE, TESS; others,
 * EMO-DB or a manifest's, are not part of it): calm and surprise dropped unless `allEmotions`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildSuperset } from "./superset.ts";
 * import { discoverClips } from "./discover.ts";
 * const { clips } = await discoverClips("../shared/datasets/sample");
 * assertEquals(buildSuperset(clips).length, 551);
 * ```
 */
export function buildSuperset(clips: readonly Clip[], allEmotions = false): Clip[] {
  return clips.filter((c) =>
    (SUPERSET_CORPORA as readonly string[]).includes(c.corpus) &&
    (allEmotions || (SUPERSET_EMOTIONS as readonly string[]).includes(c.emotion))
  );
}

/** Clip counts by corpus, emotion, gender and actor. */
export interface SupersetCounts {
  clips: number;
  actors: number;
  femaleActors: number;
  maleActors: number;
  /** Actors whose gender the data does not give (a manifest's empty gender). */
  unknownGenderActors: number;
  byCorpus: Record<string, number>;
  byEmotion: Record<string, number>;
  byGender: Record<string, number>;
  /** Clips per global actor id. */
  byActor: Record<string, number>;
}

/**
 * Counts of `clips` for reports and the `superset` task.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countClips } from "./superset.ts";
 * assertEquals(countClips([]).clips, 0);
 * ```
 */
export function countClips(clips: readonly Clip[]): SupersetCounts {
  const tally = (key: (c: Clip) => string, order: readonly string[] = []) => {
    const out: Record<string, number> = {};
    for (const k of order) out[k] = 0;
    for (const c of clips) out[key(c)] = (out[key(c)] ?? 0) + 1;
    for (const k of order) if (!out[k]) delete out[k];
    return out;
  };
  const actors = new Map<number, string>();
  for (const c of clips) actors.set(c.actor, c.gender);
  const byActor = tally((c) => String(c.actor));
  const sortedActors = Object.fromEntries(
    Object.entries(byActor).sort((a, b) => Number(a[0]) - Number(b[0])),
  );
  return {
    clips: clips.length,
    actors: actors.size,
    femaleActors: [...actors.values()].filter((g) => g === "female").length,
    maleActors: [...actors.values()].filter((g) => g === "male").length,
    unknownGenderActors: [...actors.values()].filter((g) => g === "unknown").length,
    byCorpus: tally((c) => c.corpus, orderCorpora(clips.map((c) => c.corpus))),
    byEmotion: tally((c) => c.emotion, [
      ...EMOTIONS,
      ...[...new Set(clips.map((c) => c.emotion))].filter((e) => !isStudyEmotion(e)).sort(),
    ]),
    byGender: tally((c) => c.gender, ["female", "male", "unknown"]),
    byActor: sortedActors,
  };
}

/**
 * The counts as a few lines of text.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { countClips, formatCounts } from "./superset.ts";
 * assert(formatCounts(countClips([])).startsWith("0 clips, 0 actors (0 female, 0 male)\n"));
 * ```
 */
export function formatCounts(c: SupersetCounts): string {
  const line = (r: Record<string, number>) =>
    Object.entries(r).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `${c.clips} clips, ${c.actors} actors (${c.femaleActors} female, ${c.maleActors} male${
      c.unknownGenderActors ? `, ${c.unknownGenderActors} of unknown gender` : ""
    })`,
    `  by corpus:  ${line(c.byCorpus)}`,
    `  by emotion: ${line(c.byEmotion)}`,
    `  by gender:  ${line(c.byGender)}`,
    `  by actor:   ${line(c.byActor)}`,
  ].join("\n");
}
