import { type ClipLabel, type Emotion, globalActorId } from "./clip.ts";

const EMOTION: Record<string, Emotion> = {
  angry: "angry",
  disgust: "disgust",
  fear: "fear",
  happy: "happy",
  neutral: "neutral",
  ps: "surprise",
  sad: "sad",
};
const NAME = /^(OAF|YAF|OA)_([a-z]+)_([a-z]+)\.wav$/i;

/**
 * Labels a TESS file, `OAF_word_emotion.wav` or `YAF_word_emotion.wav` (two female speakers;
 * `ps` is pleasant surprise). The original's misnamed `OA_bite_neutral.wav` belongs to OAF.
 * Returns undefined for other names, or why a TESS-like name is not usable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelTess } from "./tess.ts";
 * assertEquals(labelTess("OAF_Pleasant_surprise/OAF_back_ps.wav"), {
 *   corpus: "tess",
 *   speaker: "OAF",
 *   actor: 116,
 *   gender: "female",
 *   emotion: "surprise",
 *   intensity: "",
 *   sentence: "back",
 * });
 * ```
 */
export function labelTess(path: string): ClipLabel | string | undefined {
  const m = NAME.exec(path.slice(path.lastIndexOf("/") + 1));
  if (!m) return undefined;
  const speaker = m[1].toUpperCase() === "YAF" ? "YAF" : "OAF";
  const emotion = EMOTION[m[3].toLowerCase()];
  if (!emotion) return `TESS emotion "${m[3]}" is not one of ${Object.keys(EMOTION).join(", ")}`;
  return {
    corpus: "tess",
    speaker,
    actor: globalActorId("tess", speaker),
    gender: "female",
    emotion,
    intensity: "",
    sentence: m[2].toLowerCase(),
  };
}
