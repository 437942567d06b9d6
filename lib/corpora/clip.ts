/** The study's emotions: the label set the four corpora share names for. */
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

/** The corpora the adapters recognise by their file names. */
export type Corpus = "ravdess" | "cremad" | "savee" | "tess" | "emodb";

/** Every corpus recognised by name: the Superset's four in its order, then EMO-DB. */
export const CORPORA: readonly Corpus[] = Object.freeze([
  "ravdess",
  "cremad",
  "savee",
  "tess",
  "emodb",
]);

/** The four corpora of the paper's SER Superset (EMO-DB is not one of them). */
export const SUPERSET_CORPORA: readonly Corpus[] = Object.freeze(CORPORA.slice(0, 4));

/** A speaker's gender as the corpora record it; "unknown" where a manifest leaves it empty. */
export type Gender = "male" | "female" | "unknown";

/** What a clip's name and place say about it. */
export interface ClipLabel {
  /** One of {@linkcode CORPORA}, or a manifest's own corpus name. */
  corpus: string;
  /** The speaker's id within the corpus ("01", "1001", "DC", "OAF"). */
  speaker: string;
  /**
   * The speaker's id across corpora: 1..131 for the corpora known by name (see
   * {@linkcode globalActorId}), from 1001 up for a manifest's other speakers.
   */
  actor: number;
  gender: Gender;
  /** A study emotion ({@linkcode EMOTIONS}), or a corpus's own word for a class of its own ("boredom"). */
  emotion: string;
  /** Intensity where the corpus has it ("normal", "strong", "low", "medium", "high", "unspecified"). */
  intensity: string;
  /** The sentence or word spoken, where the corpus names it ("" where it does not). */
  sentence: string;
  /** The language spoken, where a manifest names it. */
  language?: string;
}

/** One recording of the Superset. */
export interface Clip extends ClipLabel {
  /** Path relative to the data folder, with "/" separators. */
  path: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/** EMO-DB's ten speakers, in their ids' order. */
export const EMODB_SPEAKERS: readonly string[] = Object.freeze(
  ["03", "08", "09", "10", "11", "12", "13", "14", "15", "16"],
);

/**
 * The actor id of a corpus speaker across corpora: RAVDESS 1-24, CREMA-D 1001-1091 as 25-115,
 * TESS OAF 116 and YAF 117, SAVEE DC, JE, JK, KL as 118-121, EMO-DB 03, 08, ..., 16 as 122-131.
 * Fixed, so ids mean the same whichever corpora a data folder holds.
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
    case "emodb":
      return 122 + EMODB_SPEAKERS.indexOf(speaker);
  }
}

/**
 * Whether `emotion` is one of the study's {@linkcode EMOTIONS} (not a corpus's own class).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isStudyEmotion } from "./clip.ts";
 * assertEquals([isStudyEmotion("sad"), isStudyEmotion("boredom")], [true, false]);
 * ```
 */
export function isStudyEmotion(emotion: string): emotion is Emotion {
  return (EMOTIONS as readonly string[]).includes(emotion);
}

/**
 * Corpus names in the study's order: the known corpora as {@linkcode CORPORA} lists them, then
 * any others (a manifest's) alphabetically; each once.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { orderCorpora } from "./clip.ts";
 * assertEquals(orderCorpora(["mine", "tess", "emodb", "ravdess", "tess"]), [
 *   "ravdess",
 *   "tess",
 *   "emodb",
 *   "mine",
 * ]);
 * ```
 */
export function orderCorpora(names: Iterable<string>): string[] {
  const rank = (c: string) => {
    const i = (CORPORA as readonly string[]).indexOf(c);
    return i < 0 ? CORPORA.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
