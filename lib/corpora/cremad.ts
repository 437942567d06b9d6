import { type ClipLabel, type Emotion, type Gender, globalActorId } from "./clip.ts";

const EMOTION: Record<string, Emotion> = {
  ANG: "angry",
  DIS: "disgust",
  FEA: "fear",
  HAP: "happy",
  NEU: "neutral",
  SAD: "sad",
};
const LEVEL: Record<string, string> = { LO: "low", MD: "medium", HI: "high", XX: "unspecified" };
const SENTENCE: Record<string, string> = {
  IEO: "It's eleven o'clock",
  TIE: "That is exactly what happened",
  IOM: "I'm on my way to the meeting",
  IWW: "I wonder what this is about",
  TAI: "The airplane is almost full",
  MTI: "Maybe tomorrow it will be cold",
  IWL: "I would like a new alarm clock",
  ITH: "I think I have a doctor's appointment",
  DFA: "Don't forget a jacket",
  ITS: "I think I've seen this before",
  TSI: "The surface is slick",
  WSI: "We'll stop in a couple of minutes",
};
/** Sex of actors 1001..1091 in order (CREMA-D's VideoDemographics.csv), M or F. */
const SEX =
  "MFFFMFFFFFMFFMMMMFMFFMMFFMMFFFMMMMMMFMMMMMFMMFFMFMMFFFFFMFMFFMFMMMMMMMMFFFFFMFFMMFMFMMMMFMF";
const NAME = /^(\d{4})_([A-Z]{3})_([A-Z]{3})_([A-Z]{2})\.wav$/i;

/**
 * CREMA-D actors' gender from the corpus's `VideoDemographics.csv` text (ActorID, Age, Sex, ...).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseCremadDemographics } from "./cremad.ts";
 * const m = parseCremadDemographics('"ActorID","Age","Sex"\n1001,51,"Male"\n');
 * assertEquals(m.get("1001"), "male");
 * ```
 */
export function parseCremadDemographics(csv: string): Map<string, Gender> {
  const rows = csv.trim().split(/\r?\n/).map((l) =>
    l.split(",").map((c) => c.replace(/^"|"$/g, "").trim())
  );
  const head = rows[0].map((h) => h.toLowerCase());
  const id = head.indexOf("actorid"), sex = head.indexOf("sex");
  if (id < 0 || sex < 0) throw new Error("VideoDemographics.csv: no ActorID and Sex columns");
  const out = new Map<string, Gender>();
  for (const r of rows.slice(1)) {
    const s = r[sex]?.toLowerCase();
    if (s === "male" || s === "female") out.set(r[id], s);
  }
  return out;
}

/**
 * Labels a CREMA-D file, `AAAA_SSS_EMO_LVL.wav` (actor 1001-1091, sentence, emotion, level).
 * Gender comes from `demographics` (the corpus's CSV) when given, else from a table of the 91
 * actors kept in this module. Returns undefined for other names, or why a CREMA-D-like name is
 * not usable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { labelCremad } from "./cremad.ts";
 * assertEquals(labelCremad("AudioWAV/1002_DFA_SAD_XX.wav"), {
 *   corpus: "cremad",
 *   speaker: "1002",
 *   actor: 26,
 *   gender: "female",
 *   emotion: "sad",
 *   intensity: "unspecified",
 *   sentence: "Don't forget a jacket",
 * });
 * ```
 */
export function labelCremad(
  path: string,
  demographics?: Map<string, Gender>,
): ClipLabel | string | undefined {
  const m = NAME.exec(path.slice(path.lastIndexOf("/") + 1));
  if (!m) return undefined;
  const [, actor, sentence, emotion, level] = m.map((s) => s.toUpperCase());
  const n = Number(actor);
  if (n < 1001 || n > 1091) return `CREMA-D actor ${actor} is not one of 1001-1091`;
  if (!EMOTION[emotion] || !LEVEL[level] || !SENTENCE[sentence]) {
    return "CREMA-D name with unknown codes";
  }
  return {
    corpus: "cremad",
    speaker: actor,
    actor: globalActorId("cremad", actor),
    gender: demographics?.get(actor) ?? (SEX[n - 1001] === "M" ? "male" : "female"),
    emotion: EMOTION[emotion],
    intensity: LEVEL[level],
    sentence: SENTENCE[sentence],
  };
}
