/**
 * `deno task predict MODEL_DIR FILE... [--json] [--gender male|female]`: the emotion and class
 * probabilities of each WAV or AIFF file; a bad file gets its own error line and the batch goes
 * on; the exit status is 1 if any failed.
 *
 * `deno task predict MODEL_DIR --stream - [--format s16le|s24le|s32le|f32le|u8|wav]
 * [--rate 16000] [--channels 1] [--window 2.5] [--hop 0.5] [--silence-db -50] [--json]`: reads
 * raw PCM (e.g. `arecord -f S16_LE -r 16000 -c 1`) or a WAV stream from standard input and prints
 * a prediction per window as it goes, enrolling the speaker as it goes.
 *
 * Enrolment: `--enroll FILE|DIR...` standardises with the speaker's statistics from unlabelled
 * recordings (silence excluded; used from 10 s of speech), `--enrolment FILE` reuses saved
 * statistics, `--save-enrolment FILE` saves them. `--segments` cuts each file into speech
 * segments and predicts each. `--with-inputs` (with `--json`) adds the ONNX model's inputs.
 *
 * @module
 */
import {
  EmotionPredictor,
  type Prediction,
  predictStream,
  type StreamEncoding,
} from "../lib/realtime/mod.ts";
import { AudioError } from "../lib/audio/error.ts";
import { ENROLMENT_FORMAT, SpeakerStatistics } from "../lib/model/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { checkOverwrite } from "../lib/util/owned.ts";
import { taskArgs } from "./_options.ts";
import { predictFileSegments } from "./_segments.ts";

const USAGE =
  `usage: deno task predict MODEL_DIR FILE... [--json] [--gender male|female] [--segments]
       deno task predict MODEL_DIR --stream - [--format s16le|s24le|s32le|f32le|u8|wav] [--rate HZ]
                         [--channels N] [--window S] [--hop S] [--silence-db DB] [--json]
  enrolment: [--enroll FILE|DIR...] [--enrolment FILE] [--save-enrolment FILE]
  ONNX check: --json --with-inputs`;

if (import.meta.main) {
  let status = 0;
  try {
    status = await main(Deno.args);
  } catch (e) {
    console.error(`predict: ${e instanceof Error ? e.message : e}`);
    status = 2;
  }
  Deno.exit(status);
}

async function main(argv: string[]): Promise<number> {
  const args = taskArgs("predict", argv, {
    strings: ["gender", "stream", "format", "enrolment", "save-enrolment"],
    numbers: {
      rate: { integer: true, min: 1, max: 1_000_000 },
      channels: { integer: true, min: 1, max: 1024 },
      window: { above: 0, max: 60 },
      hop: { above: 0, max: 3600 },
      "silence-db": {},
    },
    booleans: ["json", "segments", "with-inputs"],
    lists: ["enroll"],
    positionals: { max: Infinity },
  });
  const [modelDir, ...files] = args._;
  if (args.help || !modelDir || (!args.stream && files.length === 0)) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  if (args.stream && files.length) {
    throw new Error(`--stream reads standard input; it takes no files (got ${files.join(" ")})`);
  }
  const gender = args.gender as "male" | "female" | undefined;
  if (gender && gender !== "male" && gender !== "female") {
    throw new Error("--gender is male or female");
  }
  if (args["save-enrolment"]) {
    // only an enrolment serlab saved is overwritten (checked before any work)
    await checkOverwrite(String(args["save-enrolment"]), "an enrolment", (t) => {
      try {
        return JSON.parse(t)?.format === ENROLMENT_FORMAT;
      } catch {
        return false;
      }
    });
  }
  const predictor = await EmotionPredictor.load(modelDir);
  try {
    const enrolFailed = await _enrol(predictor, args);
    const withInputs = Boolean(args["with-inputs"]);
    const status = args.stream
      ? await _stream(predictor, args, gender)
      : args.segments
      ? await predictFileSegments(predictor, files, {
        json: Boolean(args.json),
        gender,
        withInputs,
        silenceDb: _optionalNumber(args, "silence-db"),
      })
      : await _files(predictor, files, Boolean(args.json), gender, withInputs);
    if (args["save-enrolment"] && predictor.enrolment) {
      const out = String(args["save-enrolment"]);
      await writeFileAtomic(out, JSON.stringify(predictor.enrolment.toJson()) + "\n");
      console.error(`saved ${out}: ${predictor.enrolment.seconds.toFixed(1)} s of speech`);
    }
    return Math.max(status, enrolFailed ? 1 : 0);
  } finally {
    predictor.dispose();
  }
}

async function _files(
  predictor: EmotionPredictor,
  files: string[],
  json: boolean,
  gender?: "male" | "female",
  withInputs = false,
) {
  let failed = 0;
  if (!json) console.log(["file", "emotion", ...predictor.labels].join("\t"));
  for (const file of files) {
    try {
      const p = await predictor.predictFile(await Deno.readFile(file), file, gender, withInputs);
      console.log(json ? JSON.stringify({ file, ...p }) : _row(file, p, predictor.labels));
    } catch (e) {
      failed++;
      const error = e instanceof Error ? e.message : String(e);
      if (json) console.log(JSON.stringify({ file, error }));
      else console.log(`${file}\terror: ${error}`);
    }
  }
  if (failed) console.error(`${failed} of ${files.length} files failed`);
  return failed ? 1 : 0;
}

async function _stream(
  predictor: EmotionPredictor,
  args: Record<string, unknown>,
  gender?: "male" | "female",
): Promise<number> {
  if (args.stream !== "-") throw new Error("--stream takes - (standard input)");
  const format = (args.format ?? "s16le") as StreamEncoding | "wav";
  const encodings = ["s16le", "s24le", "s32le", "f32le", "u8", "wav"];
  if (!encodings.includes(format)) throw new Error(`--format is one of ${encodings.join(", ")}`);
  const num = (k: string, d: number) => (args[k] as number | undefined) ?? d;
  const streamFormat = format === "wav"
    ? "wav"
    : { encoding: format, sampleRate: num("rate", 16000), channels: num("channels", 1) };
  const options = {
    window: num("window", 2.5),
    hop: num("hop", 0.5),
    silenceDb: num("silence-db", -50),
    gender,
    enrol: predictor.model.speakerNormalized,
    withInputs: Boolean(args["with-inputs"]),
  };
  if (!args.json) console.log(["start", "end", "emotion", ...predictor.labels].join("\t"));
  const results = predictStream(predictor, Deno.stdin.readable, streamFormat, "stdin", options);
  try {
    for await (const r of results) {
      if (args.json) console.log(JSON.stringify(r));
      else if (r.silent) {
        console.log(
          `${r.start.toFixed(2)}\t${r.end.toFixed(2)}\tsilence (${r.levelDb.toFixed(0)} dB)`,
        );
      } else console.log(_row(`${r.start.toFixed(2)}\t${r.end.toFixed(2)}`, r, predictor.labels));
    }
  } catch (e) {
    // empty, cut, non-finite or too short: say so after the windows already printed
    if (!(e instanceof AudioError)) throw e;
    console.error(`predict: ${e.message}`);
    return 1;
  }
  return 0;
}

function _row(head: string, p: Prediction, labels: string[]): string {
  return [head, p.emotion, ...labels.map((l) => p.probabilities[l].toFixed(3))].join("\t");
}

/**
 * Loads `--enrolment` and enrols `--enroll` files and folders (WAV/AIFF inside, recursively);
 * a bad file gets an error naming it and the rest go on. Returns how many failed.
 */
async function _enrol(predictor: EmotionPredictor, args: Record<string, unknown>): Promise<number> {
  if (args.enrolment) {
    const file = String(args.enrolment);
    let json: unknown;
    try {
      json = JSON.parse(await Deno.readTextFile(file));
    } catch (e) {
      throw new Error(`--enrolment ${file}: ${e instanceof Error ? e.message : e}`);
    }
    predictor.useEnrolment(SpeakerStatistics.fromJson(json, predictor.model.featureKey, file));
  }
  const items = (args.enroll as string[] | undefined) ?? [];
  if (!items.length) {
    if (args["save-enrolment"] && !args.stream) throw new Error("--save-enrolment needs --enroll");
    return 0;
  }
  let failed = 0;
  const files: string[] = [];
  for (const item of items) {
    try {
      files.push(...await _audioFiles(item));
    } catch (e) {
      failed++;
      console.error(`enrol: ${item}: ${e instanceof Error ? e.message : e}`);
    }
  }
  let enrolled = 0;
  for (const file of files) {
    try {
      predictor.enrolFile(await Deno.readFile(file), file);
      enrolled++;
    } catch (e) {
      failed++;
      const m = e instanceof Error ? e.message : String(e);
      console.error(`enrol: ${m.startsWith(file) ? m : `${file}: ${m}`}`);
    }
  }
  const s = predictor.enrolment;
  console.error(
    `enrolled ${s?.seconds.toFixed(1) ?? 0} s of speech from ${enrolled} file(s)` +
      (predictor.speakerScaler()
        ? ": predictions use the speaker's statistics"
        : `: fewer than ${predictor.minEnrolmentSeconds} s, predictions use the global statistics`),
  );
  return failed;
}

/** A file, or the WAV/AIFF files under a folder (sorted). */
async function _audioFiles(path: string): Promise<string[]> {
  const info = await Deno.stat(path);
  if (!info.isDirectory) return [path];
  const out: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (/\.(wav|aiff?)$/i.test(e.name)) out.push(p);
    }
  };
  await walk(path);
  if (!out.length) throw new Error("no WAV or AIFF files in this folder");
  return out.sort();
}

function _optionalNumber(args: Record<string, unknown>, name: string): number | undefined {
  if (args[name] === undefined) return undefined;
  const v = Number(args[name]);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
  return v;
}
