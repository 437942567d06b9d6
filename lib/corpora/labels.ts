import {
  type Clip,
  type Emotion,
  EMOTIONS,
  isStudyEmotion,
  SUPERSET_CORPORA,
  SUPERSET_EMOTIONS,
} from "./clip.ts";

/** A label set: the classes a model predicts, and which corpus emotion becomes which class. */
export interface LabelSet {
  /** Class names, in order. */
  labels: string[];
  /** Corpus emotion (a study emotion or a corpus's own, "boredom") -> class; others are dropped. */
  map: Record<string, string>;
}

/** Words corpora and people write for the study's emotions. */
const _SYNONYMS: Record<string, Emotion> = {
  anger: "angry",
  angry: "angry",
  happiness: "happy",
  happy: "happy",
  joy: "happy",
  sadness: "sad",
  sad: "sad",
  fear: "fear",
  fearful: "fear",
  disgust: "disgust",
  disgusted: "disgust",
  neutral: "neutral",
  calm: "calm",
  surprise: "surprise",
  surprised: "surprise",
  "pleasant surprise": "surprise",
};

/**
 * The emotion a word names: the study emotion for its synonyms (anger/angry, happiness/happy/joy,
 * sadness/sad, fearful/fear, disgusted/disgust, neutral, calm, surprised/surprise/pleasant
 * surprise; any case, `_` or `-` for a space), else the word itself in lower case with runs of
 * spaces, `_` and `-` written `-`: a class of its own ("boredom", "contempt"). Returns "" for an
 * empty word.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { emotionOf } from "./labels.ts";
 * assertEquals(emotionOf("Happiness"), "happy");
 * assertEquals(emotionOf("pleasant_surprise"), "surprise");
 * assertEquals(emotionOf("Boredom"), "boredom");
 * ```
 */
export function emotionOf(word: string): string {
  const w = word.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  return _SYNONYMS[w] ?? w.replaceAll(" ", "-");
}

const _CLASS = /^[a-z][a-z0-9_-]*$/;

/**
 * Parses `--labels`: a comma-separated list of emotions (`angry,happy,neutral,sad`), each its own
 * class, or `emotion=class` to merge or rename (`calm=neutral`). Emotions are read by
 * {@linkcode emotionOf}: synonyms name the study emotion, other words (`boredom`) a corpus's own
 * class. Classes are ordered as they first appear; emotions not named are dropped. Throws naming
 * the option for bad names, repeats, or fewer than two classes. (A class no clip has is
 * reported where the data is known: `experimentClips`.)
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseLabelSet } from "./labels.ts";
 * const s = parseLabelSet(["angry", "happy", "neutral", "sad", "calm=neutral"]);
 * assertEquals(s.labels, ["angry", "happy", "neutral", "sad"]);
 * assertEquals(s.map.calm, "neutral");
 * ```
 */
export function parseLabelSet(items: readonly string[]): LabelSet {
  const labels: string[] = [], map: Record<string, string> = {};
  for (const item of items.map((x) => x.trim()).filter(Boolean)) {
    const [word, to = emotionOf(word)] = item.split("=").map((x) => x.trim());
    const from = emotionOf(word);
    if (!_CLASS.test(from)) {
      throw new Error(
        `--labels: "${word}" is not an emotion word (${EMOTIONS.join(", ")}, or a corpus's own)`,
      );
    }
    if (!_CLASS.test(to)) throw new Error(`--labels: bad class name "${to}"`);
    if (map[from]) throw new Error(`--labels: "${from}" is given twice`);
    map[from] = to;
    if (!labels.includes(to)) labels.push(to);
  }
  if (labels.length < 2) throw new Error("--labels needs at least two classes");
  return { labels, map };
}

/**
 * The label set of the given emotions, each its own class.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelSetOf } from "./labels.ts";
 * assertEquals(labelSetOf(["sad", "angry"]).labels, ["sad", "angry"]);
 * ```
 */
export function labelSetOf(emotions: readonly string[]): LabelSet {
  return { labels: [...emotions], map: Object.fromEntries(emotions.map((e) => [e, e])) };
}

/**
 * What a model card records as `labelMap`: each emotion of `clips` to its class in `set`, or
 * null where the set drops it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelMapOf, parseLabelSet } from "./labels.ts";
 * const set = parseLabelSet(["neutral", "calm=neutral", "sad"]);
 * const clips = ["calm", "sad", "angry"].map((emotion) => ({ emotion }));
 * assertEquals(labelMapOf(set, clips), { calm: "neutral", sad: "sad", angry: null });
 * ```
 */
export function labelMapOf(
  set: LabelSet,
  clips: readonly Pick<Clip, "emotion">[],
): Record<string, string | null> {
  return Object.fromEntries(
    [...new Set(clips.map((c) => c.emotion))].map((e) => [e, set.map[e] ?? null]),
  );
}

/**
 * The classes of a model trained on `clips` without `--labels`: the Superset's six emotions when
 * every clip is of its four corpora (as always); otherwise the emotions every corpus of the data
 * has, or all of the data's emotions when they share fewer than two (study emotions in their
 * order, then others alphabetically).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { defaultLabelSet } from "./labels.ts";
 * const clip = (corpus: string, emotion: string) => ({ corpus, emotion });
 * assertEquals(defaultLabelSet([clip("mine", "boredom"), clip("mine", "angry")]).labels, [
 *   "angry",
 *   "boredom",
 * ]);
 * ```
 */
export function defaultLabelSet(clips: readonly Pick<Clip, "corpus" | "emotion">[]): LabelSet {
  if (clips.every((c) => (SUPERSET_CORPORA as readonly string[]).includes(c.corpus))) {
    return labelSetOf(SUPERSET_EMOTIONS);
  }
  const all = new Set(clips.map((c) => c.emotion));
  let shared = all;
  for (const corpus of new Set(clips.map((c) => c.corpus))) {
    const own = new Set(clips.filter((c) => c.corpus === corpus).map((c) => c.emotion));
    shared = new Set([...shared].filter((e) => own.has(e)));
  }
  const pick = shared.size >= 2 ? shared : all;
  return labelSetOf([
    ...EMOTIONS.filter((e) => pick.has(e)),
    ...[...pick].filter((e) => !isStudyEmotion(e)).sort(),
  ]);
}
