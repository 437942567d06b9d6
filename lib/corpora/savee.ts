import { type ClipLabel, type Emotion, globalActorId } from "./clip.ts";

const EMOTION: Record<string, Emotion> = {
  a: "angry",
  d: "disgust",
  f: "fear",
  h: "happy",
  n: "neutral",
  sa: "sad",
  su: "surprise",
};
const SPEAKERS = ["DC", "JE", "JK", "KL"];
const FLAT = /^(DC|JE|JK|KL)_(a|d|f|h|n|sa|su)(\d\d)\.wav$/i;
const NESTED = /(?:^|\/)(DC|JE|JK|KL)\/(a|d|f|h|n|sa|su)(\d\d)\.wav$/i;

/**
 * Labels a SAVEE file, `DC_a01.wav` or `AudioData/DC/a01.wav` (four male speakers DC, JE, JK,
 * KL; a, d, f, h, n, sa, su). Returns undefined for other names.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelSavee } from "./savee.ts";
 * assertEquals(labelSavee("AudioData/JK/sa03.wav"), {
 *   corpus: "savee",
 *   speaker: "JK",
 *   actor: 120,
 *   gender: "male",
 *   emotion: "sad",
 *   intensity: "",
 *   sentence: "",
 * });
 * ```
 */
export function labelSavee(path: string): ClipLabel | undefined {
  const m = FLAT.exec(path.slice(path.lastIndexOf("/") + 1)) ?? NESTED.exec(path);
  if (!m) return undefined;
  const speaker = m[1].toUpperCase();
  if (!SPEAKERS.includes(speaker)) return undefined;
  return {
    corpus: "savee",
    speaker,
    actor: globalActorId("savee", speaker),
    gender: "male",
    emotion: EMOTION[m[2].toLowerCase()],
    intensity: "",
    sentence: "",
  };
}
