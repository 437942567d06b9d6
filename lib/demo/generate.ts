import type { Emotion } from "../corpora/clip.ts";
import { writeFileAtomic } from "../util/atomic.ts";
import { checkOutputFolder, type OutputKind } from "../util/owned.ts";
import { Random, seedOf } from "../util/random.ts";

/**
 * A synthetic actor of the demo corpus: an espeak-ng voice with its own pitch and rate, filed
 * under one of the four corpora with an id whose gender the corpus adapters read correctly.
 */
interface _Actor {
  corpus: "ravdess" | "cremad" | "tess" | "savee";
  id: string;
  voice: string;
  pitch: number;
  rate: number;
}

/** How an emotion is rendered: pitch offset, rate factor, SSML range and volume, sox effects. */
interface _Prosody {
  pitch: number;
  rate: number;
  range: string;
  volume: string;
  sox: string[];
}

const PROSODY: Record<Emotion, _Prosody> = {
  neutral: { pitch: 0, rate: 1, range: "medium", volume: "medium", sox: [] },
  calm: { pitch: -6, rate: 0.85, range: "low", volume: "soft", sox: ["lowpass", "5000"] },
  happy: { pitch: 14, rate: 1.12, range: "x-high", volume: "loud", sox: [] },
  sad: { pitch: -14, rate: 0.72, range: "x-low", volume: "x-soft", sox: ["lowpass", "3200"] },
  angry: {
    pitch: 6,
    rate: 1.18,
    range: "high",
    volume: "x-loud",
    sox: ["overdrive", "8", "gain", "-4"],
  },
  fear: { pitch: 18, rate: 1.3, range: "high", volume: "medium", sox: ["tremolo", "7", "50"] },
  disgust: {
    pitch: -10,
    rate: 0.8,
    range: "low",
    volume: "medium",
    sox: ["equalizer", "1500", "1q", "6"],
  },
  surprise: { pitch: 22, rate: 1, range: "x-high", volume: "loud", sox: [] },
};

const ACCENTS = ["en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp", "en-gb-x-gbclan"];

function _actors(): _Actor[] {
  const out: _Actor[] = [];
  // RAVDESS: odd actors male, even female, as the corpus
  for (let a = 1; a <= 12; a++) {
    const male = a % 2 === 1;
    out.push({
      corpus: "ravdess",
      id: String(a).padStart(2, "0"),
      voice: `${ACCENTS[a % ACCENTS.length]}+${male ? `m${1 + (a % 7)}` : `f${1 + (a % 5)}`}`,
      pitch: male ? 28 + 3 * (a % 5) : 52 + 3 * (a % 5),
      rate: 150 + 7 * (a % 4),
    });
  }
  // CREMA-D 1001 is male and 1002 female in the corpus; TESS speakers are female; SAVEE male
  out.push({ corpus: "cremad", id: "1001", voice: "en-us+m4", pitch: 35, rate: 165 });
  out.push({ corpus: "cremad", id: "1002", voice: "en-us+f2", pitch: 60, rate: 158 });
  out.push({ corpus: "tess", id: "OAF", voice: "en-gb+f4", pitch: 48, rate: 140 });
  out.push({ corpus: "tess", id: "YAF", voice: "en-us+f1", pitch: 64, rate: 170 });
  out.push({ corpus: "savee", id: "DC", voice: "en-gb+m3", pitch: 32, rate: 160 });
  out.push({ corpus: "savee", id: "JE", voice: "en-gb-scotland+m6", pitch: 40, rate: 150 });
  return out;
}

const RAVDESS_CODE: Record<Emotion, string> = {
  neutral: "01",
  calm: "02",
  happy: "03",
  sad: "04",
  angry: "05",
  fear: "06",
  disgust: "07",
  surprise: "08",
};
const RAVDESS_TEXT = ["Kids are talking by the door", "Dogs are sitting by the door"];
const CREMAD: [string, string][] = [
  ["IEO", "It's eleven o'clock"],
  ["TIE", "That is exactly what happened"],
  ["IOM", "I'm on my way to the meeting"],
  ["IWW", "I wonder what this is about"],
];
const CREMAD_CODE: Partial<Record<Emotion, string>> = {
  angry: "ANG",
  disgust: "DIS",
  fear: "FEA",
  happy: "HAP",
  neutral: "NEU",
  sad: "SAD",
};
const TESS_WORDS = ["back", "bar", "base", "bath", "bean", "beg"];
const TESS_CODE: Partial<Record<Emotion, [string, string]>> = {
  angry: ["angry", "angry"],
  disgust: ["disgust", "disgust"],
  fear: ["fear", "fear"],
  happy: ["happy", "happy"],
  neutral: ["neutral", "neutral"],
  surprise: ["Pleasant_surprise", "ps"],
  sad: ["Sad", "sad"],
};
const SAVEE_TEXT = [
  "She had your dark suit in greasy wash water all year",
  "Don't ask me to carry an oily rag like that",
  "Will you tell me why?",
  "Who authorized the unlimited expense account?",
];
const SAVEE_CODE: Partial<Record<Emotion, string>> = {
  angry: "a",
  disgust: "d",
  fear: "f",
  happy: "h",
  neutral: "n",
  sad: "sa",
  surprise: "su",
};

/** One clip to synthesise. */
interface _Job {
  path: string;
  text: string;
  actor: _Actor;
  emotion: Emotion;
  strong: boolean;
  rate: number;
}

/** The files the demo corpus holds, in the four corpora's layouts and naming schemes. */
function _jobs(): _Job[] {
  const jobs: _Job[] = [];
  for (const actor of _actors()) {
    const add = (path: string, text: string, emotion: Emotion, strong = false, rate = 48000) =>
      jobs.push({ path, text, actor, emotion, strong, rate });
    if (actor.corpus === "ravdess") {
      for (const emotion of Object.keys(RAVDESS_CODE) as Emotion[]) {
        for (const intensity of emotion === "neutral" ? ["01"] : ["01", "02"]) {
          RAVDESS_TEXT.forEach((text, s) => {
            const name = `03-01-${RAVDESS_CODE[emotion]}-${intensity}-0${s + 1}-01-${actor.id}.wav`;
            add(`ravdess/Actor_${actor.id}/${name}`, text, emotion, intensity === "02", 48000);
          });
        }
      }
    } else if (actor.corpus === "cremad") {
      for (const [emotion, code] of Object.entries(CREMAD_CODE) as [Emotion, string][]) {
        for (const [sentence, text] of CREMAD) {
          add(
            `cremad/AudioWAV/${actor.id}_${sentence}_${code}_XX.wav`,
            text,
            emotion,
            false,
            16000,
          );
        }
      }
    } else if (actor.corpus === "tess") {
      for (
        const [emotion, [folder, code]] of Object.entries(TESS_CODE) as [
          Emotion,
          [string, string],
        ][]
      ) {
        for (const word of TESS_WORDS) {
          add(
            `tess/${actor.id}_${folder}/${actor.id}_${word}_${code}.wav`,
            `Say the word ${word}`,
            emotion,
            false,
            24414,
          );
        }
      }
    } else {
      for (const [emotion, code] of Object.entries(SAVEE_CODE) as [Emotion, string][]) {
        SAVEE_TEXT.forEach((text, i) =>
          add(
            `savee/ALL/${actor.id}_${code}${String(i + 1).padStart(2, "0")}.wav`,
            text,
            emotion,
            false,
            44100,
          )
        );
      }
    }
  }
  return jobs;
}

/** The marker file a generated demo corpus carries (hidden: the corpus walk ignores it). */
export const DEMO_MARKER = ".serlab-demo.json";

/** The marker of a demo corpus being generated (removed when {@linkcode DEMO_MARKER} is written). */
const DEMO_BEGUN = ".serlab-demo-begun.json";

/** A demo corpus folder: one with either marker. */
const DEMO_FOLDER: OutputKind = {
  what: `a serlab demo corpus (${DEMO_MARKER})`,
  recognise: async (dir) => {
    for (const name of [DEMO_MARKER, DEMO_BEGUN]) {
      if (await Deno.stat(`${dir}/${name}`).then(() => true, () => false)) return true;
    }
    return false;
  },
};

/**
 * Says whether espeak-ng and sox can be run; returns null when they can, else what to install.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { missingDemoTools } from "./generate.ts";
 * // null where espeak-ng and sox are installed, else a sentence naming what is missing
 * const missing = await missingDemoTools();
 * assert(missing === null || missing.length > 0);
 * ```
 */
export async function missingDemoTools(): Promise<string | null> {
  const missing: string[] = [];
  for (const [tool, arg] of [["espeak-ng", "--version"], ["sox", "--version"]]) {
    try {
      const r = await new Deno.Command(tool, { args: [arg], stdout: "null", stderr: "null" })
        .output();
      if (!r.success) missing.push(tool);
    } catch {
      missing.push(tool);
    }
  }
  return missing.length
    ? `the demo corpus is spoken by ${missing.join(" and ")}, which ${
      missing.length > 1 ? "are" : "is"
    } not installed: ` +
      `sudo apt-get install -y espeak-ng sox`
    : null;
}

/**
 * Generates the built-in demo corpus under `out`: 18 synthetic actors (9 male, 9 female:
 * espeak-ng voices of different accents, pitches and rates), each emotion rendered through
 * prosody and voice quality (pitch level and range, rate, loudness, and sox's low-pass,
 * overdrive, tremolo and equaliser), several sentences, written as RAVDESS (48 kHz), CREMA-D
 * (16 kHz), TESS (24,414 Hz) and SAVEE (44.1 kHz) files with their real naming schemes, so the
 * same adapters and pipeline run on it. Deterministic for a seed; existing files are kept, so
 * an interrupted generation resumes. `out` must be new, empty or a demo corpus serlab began
 * there (its marker); any other folder is refused with a `RefusedError`.
 *
 * @example
 * ```ts ignore
 * const { clips } = await generateDemoCorpus("data/demo-corpus", 42, (d, n) => console.log(d, n));
 * ```
 */
export async function generateDemoCorpus(
  out: string,
  seed: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ clips: number }> {
  const why = await missingDemoTools();
  if (why) throw new Error(why);
  // only into a new or empty folder, or a demo corpus (finished or begun) serlab made there
  if (await checkOutputFolder(out, DEMO_FOLDER) !== "earlier") {
    await writeFileAtomic(`${out}/${DEMO_BEGUN}`, JSON.stringify({ seed }) + "\n");
  }
  const jobs = _jobs();
  let done = 0, next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await _render(job, `${out}/${job.path}`, new Random(seedOf(seed, job.path)));
      onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(2, navigator.hardwareConcurrency || 2) }, worker),
  );
  await writeFileAtomic(
    `${out}/${DEMO_MARKER}`,
    JSON.stringify({
      generator: "serlab demo corpus",
      seed,
      clips: jobs.length,
      created: new Date().toISOString(),
    }) + "\n",
  );
  await Deno.remove(`${out}/${DEMO_BEGUN}`).catch(() => {});
  return { clips: jobs.length };
}

async function _render(job: _Job, path: string, random: Random): Promise<void> {
  try {
    await Deno.stat(path);
    return; // already made (resumed generation)
  } catch { /* to make */ }
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  const p = PROSODY[job.emotion];
  const k = job.strong ? 1.5 : 1;
  const pitch = Math.round(
    Math.min(99, Math.max(0, job.actor.pitch + k * p.pitch + random.uniform(-3, 3))),
  );
  const rate = Math.round(job.actor.rate * (1 + k * (p.rate - 1)) * random.uniform(0.95, 1.05));
  const ssml =
    `<speak><prosody range="${p.range}" volume="${p.volume}">${job.text}</prosody></speak>`;
  const tmp = `${path}.espeak.wav`;
  await _run("espeak-ng", [
    "-m",
    "-v",
    job.actor.voice,
    "-p",
    String(pitch),
    "-s",
    String(rate),
    "-w",
    tmp,
    ssml,
  ]);
  // leading silence like the corpora's (the features skip the first 0.6 s), then the emotion's
  // voice quality, then the corpus's sample rate
  const lead = random.uniform(0.35, 0.55).toFixed(3);
  await _run("sox", [
    "-R", // repeatable: sox seeds its dither with a fixed number, so a seed gives the same bytes
    tmp,
    "-r",
    String(job.rate),
    "-b",
    "16",
    `${path}.tmp.wav`,
    "pad",
    lead,
    "0.3",
    ...p.sox,
    "gain",
    "-3",
  ]);
  await Deno.rename(`${path}.tmp.wav`, path);
  await Deno.remove(tmp);
}

async function _run(cmd: string, args: string[]): Promise<void> {
  const r = await new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" }).output();
  if (!r.success) throw new Error(`${cmd} failed: ${new TextDecoder().decode(r.stderr).trim()}`);
}
