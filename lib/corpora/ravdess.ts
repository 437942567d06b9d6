import { type ClipLabel, type Emotion, globalActorId } from "./clip.ts";

const EMOTION: Record<string, Emotion> = {
  "01": "neutral",
  "02": "calm",
  "03": "happy",
  "04": "sad",
  "05": "angry",
  "06": "fear",
  "07": "disgust",
  "08": "surprise",
};
const STATEMENT: Record<string, string> = {
  "01": "Kids are talking by the door",
  "02": "Dogs are sitting by the door",
};
const NAME = /^(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)\.wav$/i;

/**
 * Labels a RAVDESS speech file, `MM-VV-EE-II-SS-RR-AA.wav` (modality 03 audio-only, vocal
 * channel 01 speech; emotion, intensity, statement, repetition, actor; odd actors are male).
 * Returns undefined for other names, or the reason a RAVDESS-like name is not usable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelRavdess } from "./ravdess.ts";
 * assertEquals(labelRavdess("Actor_01/03-01-05-02-01-01-01.wav"), {
 *   corpus: "ravdess",
 *   speaker: "01",
 *   actor: 1,
 *   gender: "male",
 *   emotion: "angry",
 *   intensity: "strong",
 *   sentence: "Kids are talking by the door",
 * });
 * ```
 */
export function labelRavdess(path: string): ClipLabel | string | undefined {
  const m = NAME.exec(path.slice(path.lastIndexOf("/") + 1));
  if (!m) return undefined;
  const [, modality, channel, emotion, intensity, statement, , actor] = m;
  if (modality !== "03") return `RAVDESS modality ${modality} is not audio-only (03)`;
  if (channel !== "01") return `RAVDESS vocal channel ${channel} is song, not speech`;
  const a = Number(actor);
  if (
    !EMOTION[emotion] || !STATEMENT[statement] || a < 1 || a > 24 ||
    (intensity !== "01" && intensity !== "02")
  ) {
    return "RAVDESS name with codes out of range";
  }
  return {
    corpus: "ravdess",
    speaker: actor,
    actor: globalActorId("ravdess", actor),
    gender: a % 2 ? "male" : "female",
    emotion: EMOTION[emotion],
    intensity: intensity === "01" ? "normal" : "strong",
    sentence: STATEMENT[statement],
  };
}
