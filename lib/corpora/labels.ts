import { type Emotion, EMOTIONS } from "./clip.ts";

/** A label set: the classes a model predicts, and which corpus emotion becomes which class. */
export interface LabelSet {
  /** Class names, in order. */
  labels: string[];
  /** Corpus emotion -> class; emotions not listed are dropped. */
  map: Partial<Record<Emotion, string>>;
}

/**
 * Parses `--labels`: a comma-separated list of corpus emotions (`angry,happy,neutral,sad`), each
 * its own class, or `emotion=class` to merge or rename (`calm=neutral`). Classes are ordered as
 * they first appear; emotions not named are dropped. Throws naming the option for unknown
 * emotions, repeats, or fewer than two classes.
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
  const labels: string[] = [], map: Partial<Record<Emotion, string>> = {};
  for (const item of items.map((x) => x.trim()).filter(Boolean)) {
    const [from, to = from] = item.split("=").map((x) => x.trim());
    if (!EMOTIONS.includes(from as Emotion)) {
      throw new Error(`--labels: "${from}" is not one of ${EMOTIONS.join(", ")}`);
    }
    if (!/^[a-z][a-z0-9_-]*$/.test(to)) throw new Error(`--labels: bad class name "${to}"`);
    if (map[from as Emotion]) throw new Error(`--labels: "${from}" is given twice`);
    map[from as Emotion] = to;
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
export function labelSetOf(emotions: readonly Emotion[]): LabelSet {
  return { labels: [...emotions], map: Object.fromEntries(emotions.map((e) => [e, e])) };
}
