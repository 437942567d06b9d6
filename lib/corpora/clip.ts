/** The shared label set across the four corpora. */
export type Emotion =
  | "neutral"
  | "calm"
  | "happy"
  | "sad"
  | "angry"
  | "fear"
  | "disgust"
  | "surprise";

/** Every label, in a fixed order (RAVDESS's code order). */
export const EMOTIONS: readonly Emotion[] = Object.freeze([
  "neutral",
  "calm",
  "happy",
  "sad",
  "angry",
  "fear",
  "disgust",
  "surprise",
]);

/** The six labels of the SER Superset: calm and surprise dropped. */
export const SUPERSET_EMOTIONS: readonly Emotion[] = Object.freeze(
  EMOTIONS.filter((e) => e !== "calm" && e !== "surprise"),
);

/** The corpora the adapters read. */
export type Corpus = "ravdess" | "cremad" | "savee" | "tess";

/** Every corpus, in the order the Superset lists them. */
export const CORPORA: readonly Corpus[] = Object.freeze(["ravdess", "cremad", "savee", "tess"]);

/** A speaker's gender as the corpora record it. */
export type Gender = "male" | "female";

/** What a clip's name and place say about it. */
export interface ClipLabel {
  corpus: Corpus;
  /** The speaker's id within the corpus ("01", "1001", "DC", "OAF"). */
  speaker: string;
  /** The speaker's id across the Superset, 1..121 (see {@linkcode globalActorId}). */
  actor: number;
  gender: Gender;
  emotion: Emotion;
  /** Intensity where the corpus has it ("normal", "strong", "low", "medium", "high", "unspecified"). */
  intensity: string;
  /** The sentence or word spoken, where the corpus names it ("" where it does not). */
  sentence: string;
}

/** One recording of the Superset. */
export interface Clip extends ClipLabel {
  /** Path relative to the data folder, with "/" separators. */
  path: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/**
 * The Superset-wide actor id of a corpus speaker: RAVDESS 1-24, CREMA-D 1001-1091 as 25-115,
 * TESS OAF 116 and YAF 117, SAVEE DC, JE, JK, KL as 118-121. Fixed, so ids mean the same
 * whichever corpora a data folder holds.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { globalActorId } from "./clip.ts";
 * assertEquals(globalActorId("cremad", "1001"), 25);
 * assertEquals(globalActorId("savee", "KL"), 121);
 * ```
 */
export function globalActorId(corpus: Corpus, speaker: string): number {
  switch (corpus) {
    case "ravdess":
      return Number(speaker);
    case "cremad":
      return Number(speaker) - 1001 + 25;
    case "tess":
      return speaker === "OAF" ? 116 : 117;
    case "savee":
      return 118 + ["DC", "JE", "JK", "KL"].indexOf(speaker);
  }
}
