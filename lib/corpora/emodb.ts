import { type ClipLabel, EMODB_SPEAKERS, type Gender, globalActorId } from "./clip.ts";

/** The emotion letters, German words' initials (Wut, Langeweile, Ekel, Angst, Freude, Trauer, Neutral). */
const EMOTION: Record<string, string> = {
  W: "angry",
  L: "boredom",
  E: "disgust",
  A: "fear",
  F: "happy",
  T: "sad",
  N: "neutral",
};
/** Speakers' genders, from the corpus documentation (Burkhardt et al., Interspeech 2005). */
const GENDER: Record<string, Gender> = {
  "03": "male",
  "08": "female",
  "09": "female",
  "10": "male",
  "11": "male",
  "12": "male",
  "13": "female",
  "14": "female",
  "15": "male",
  "16": "female",
};
/** The ten texts, as the corpus documentation gives them. */
const TEXT: Record<string, string> = {
  a01: "Der Lappen liegt auf dem Eisschrank.",
  a02: "Das will sie am Mittwoch abgeben.",
  a04: "Heute abend könnte ich es ihm sagen.",
  a05: "Das schwarze Stück Papier befindet sich da oben neben dem Holzstück.",
  a07: "In sieben Stunden wird es soweit sein.",
  b01: "Was sind denn das für Tüten, die da unter dem Tisch stehen?",
  b02: "Sie haben es gerade hochgetragen und jetzt gehen sie wieder runter.",
  b03: "An den Wochenenden bin ich jetzt immer nach Hause gefahren und habe Agnes besucht.",
  b09: "Ich will das eben wegbringen und dann mit Karl was trinken gehen.",
  b10: "Die wird auf dem Platz sein, wo wir sie immer hinlegen.",
};
const NAME = /^(\d\d)([ab]\d\d)([WLEAFTN])([a-z])\.wav$/;

/**
 * Labels an EMO-DB file (the Berlin Database of Emotional Speech, Burkhardt et al., Interspeech
 * 2005), `SSTTTEV.wav`: speaker (03, 08, ..., 16), text (a01 ... b10), emotion letter (W anger,
 * L boredom, E disgust, A fear, F happiness, T sadness, N neutral), version (a, b, ...: not kept). The
 * speakers' genders are the corpus documentation's. Returns undefined for other names, or why an
 * EMO-DB-like name is not usable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelEmodb } from "./emodb.ts";
 * assertEquals(labelEmodb("emodb/wav/03a01Fa.wav"), {
 *   corpus: "emodb",
 *   speaker: "03",
 *   actor: 122,
 *   gender: "male",
 *   emotion: "happy",
 *   intensity: "",
 *   sentence: "Der Lappen liegt auf dem Eisschrank.",
 * });
 * ```
 */
export function labelEmodb(path: string): ClipLabel | string | undefined {
  const m = NAME.exec(path.slice(path.lastIndexOf("/") + 1));
  if (!m) return undefined;
  const [, speaker, text, letter] = m;
  if (!EMODB_SPEAKERS.includes(speaker)) {
    return `EMO-DB speaker ${speaker} is not one of ${EMODB_SPEAKERS.join(", ")}`;
  }
  if (!TEXT[text]) return `EMO-DB text ${text} is not one of ${Object.keys(TEXT).join(", ")}`;
  return {
    corpus: "emodb",
    speaker,
    actor: globalActorId("emodb", speaker),
    gender: GENDER[speaker],
    emotion: EMOTION[letter],
    intensity: "",
    sentence: TEXT[text],
  };
}
