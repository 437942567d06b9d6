/**
 * `deno task predict MODEL_DIR DIR|FILE... [--json] [--csv FILE] [--segments]
 * [--min-confidence P] [--gender male|female]`: every recording (folders walked recursively for
 * WAV and AIFF files) judged on all of its speech, one result per recording (or per speech
 * segment with `--segments`); Silero VAD decides what is speech, and a recording without any gets
 * `"emotion": null, "reason": "no speech"`. Progress and a summary go to standard error; a bad
 * file gets its own error line and the batch goes on; the exit status is 1 if any failed.
 * See docs/predict.md.
 *
 * `deno task predict MODEL_DIR --stream - [--format s16le|s24le|s32le|f32le|u8|wav]
 * [--rate 16000] [--channels 1] [--window 2.5] [--hop 0.5] [--silence-db -50] [--json]`: reads
 * raw PCM (e.g. `arecord -f S16_LE -r 16000 -c 1`) or a WAV stream from standard input and prints
 * a prediction per window as it goes, enrolling the speaker as it goes.
 *
 * Enrolment: `--enroll FILE|DIR...` standardises with the speaker's statistics from unlabelled
 * recordings (silence excluded; used from 10 s of speech), `--enrolment FILE` reuses saved
 * statistics, `--save-enrolment FILE` saves them. Domain adaptation: `--adapt DIR...` standardises
 * with the statistics of unlabelled recordings from the target domain (the same microphone or
 * corpus, any speakers); results say `"standardization": "domain"`. `--with-inputs` (with
 * `--json`) adds the ONNX model's inputs.
 *
 * @module
 */
import { AudioError } from "../lib/audio/error.ts";
import { SileroVad } from "../lib/audio/vad.ts";
import { ENROLMENT_FORMAT, readEnrolment } from "../lib/model/mod.ts";
import {
  EmotionPredictor,
  type Prediction,
  predictStream,
  type StreamEncoding,
} from "../lib/realtime/mod.ts";
import { writeFileAtomic } from "../lib/util/atomic.ts";
import { taskArgs, usageError } from "./_options.ts";
import { audioFiles, predictBatch } from "./_batch.ts";
import { checkOverwrite, RefusedError } from "../lib/util/owned.ts";

const STREAM_FORMATS = ["s16le", "s24le", "s32le", "f32le", "u8", "wav"];

const USAGE = `usage: deno task predict MODEL_DIR DIR|FILE... [--json] [--csv FILE] [--segments]
                         [--min-confidence P] [--gender male|female]
       deno task predict MODEL_DIR --stream - [--format s16le|s24le|s32le|f32le|u8|wav] [--rate HZ]
                         [--channels N] [--window S] [--hop S] [--silence-db DB] [--json]
  enrolment: [--enroll FILE|DIR...] [--enrolment FILE] [--save-enrolment FILE]
  domain adaptation: [--adapt DIR...]
  ONNX check: --json --with-inputs`;

if (import.meta.main) {
  let status = 0;
  try {
    status = await main(Deno.args);
  } catch (e) {
    console.error(`predict: ${e instanceof Error ? e.message : e}`);
    status = e instanceof RefusedError ? 2 : 1;
  }
  Deno.exit(status);
}

async function main(argv: string[]): Promise<number> {
  const args = taskArgs("predict", argv, {
    usage: USAGE,
    strings: ["gender", "stream", "format", "enrolment", "save-enrolment", "csv"],
    numbers: {
      "min-confidence": { min: 0, max: 1 },
      rate: { integer: true, min: 1, max: 1_000_000 },
      channels: { integer: true, min: 1, max: 1024 },
      window: { above: 0, max: 60 },
      hop: { above: 0, max: 3600 },
      "silence-db": {},
    },
    booleans: ["json", "segments", "with-inputs"],
    lists: ["enroll", "adapt"],
    choices: { gender: ["male", "female"], stream: ["-"], format: STREAM_FORMATS },
    positionals: { min: 1, max: Infinity, what: "MODEL_DIR and DIR|FILE..." },
  });
  const [modelDir, ...files] = args._;
  if (!args.stream && files.length === 0) usageError("predict", "no files given");
  if (args.stream) {
    if (files.length) {
      usageError(
        "predict",
        `--stream reads standard input; it takes no files (got ${files.join(" ")})`,
      );
    }
    for (const flag of ["csv", "segments", "min-confidence"]) {
      if (args[flag] !== undefined && args[flag] !== false) {
        usageError("predict", `--${flag} is for files; --stream prints every window`);
      }
    }
  } else if (args["silence-db"] !== undefined) {
    usageError(
      "predict",
      "--silence-db is for --stream; files are judged by the voice activity detector",
    );
  }
  if (args["save-enrolment"] && !args.enroll && !args.stream) {
    usageError("predict", "--save-enrolment needs --enroll (or --stream)");
  }
  const gender = args.gender as "male" | "female" | undefined;
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
  let vad: SileroVad | undefined;
  try {
    if (gender && !predictor.model.usesGender) {
      usageError("predict", `--gender: this ${predictor.model.family} model takes no gender`);
    }
    vad = await SileroVad.load();
    const enrolFailed = await _enrol(predictor, vad, args) + await _adapt(predictor, vad, args);
    const withInputs = Boolean(args["with-inputs"]);
    const status = !args.stream
      ? await predictBatch(predictor, vad, files, {
        json: Boolean(args.json),
        csv: args.csv === undefined ? undefined : String(args.csv),
        perSegment: Boolean(args.segments),
        gender,
        minConfidence: args["min-confidence"] as number | undefined,
        withInputs,
      })
      : await _stream(predictor, vad, args, gender);
    if (args["save-enrolment"] && predictor.enrolment) {
      const out = String(args["save-enrolment"]);
      await writeFileAtomic(out, JSON.stringify(predictor.enrolment.toJson()) + "\n");
      console.error(`saved ${out}: ${predictor.enrolment.seconds.toFixed(1)} s of speech`);
    }
    return Math.max(status, enrolFailed ? 1 : 0);
  } finally {
    vad?.dispose();
    predictor.dispose();
  }
}

async function _stream(
  predictor: EmotionPredictor,
  vad: SileroVad,
  args: Record<string, unknown>,
  gender?: "male" | "female",
): Promise<number> {
  const format = (args.format ?? "s16le") as StreamEncoding | "wav";
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
    vad,
  };
  if (!args.json) console.log(["start", "end", "emotion", ...predictor.labels].join("\t"));
  const results = predictStream(predictor, Deno.stdin.readable, streamFormat, "stdin", options);
  try {
    for await (const r of results) {
      if (args.json) console.log(JSON.stringify(r));
      else if (r.silent) {
        console.log(
          `${r.start.toFixed(2)}\t${r.end.toFixed(2)}\t${r.reason} (${r.levelDb.toFixed(0)} dB)`,
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
async function _enrol(
  predictor: EmotionPredictor,
  vad: SileroVad,
  args: Record<string, unknown>,
): Promise<number> {
  if (args.enrolment) {
    predictor.useEnrolment(await readEnrolment(String(args.enrolment), predictor.model));
  }
  const items = (args.enroll as string[] | undefined) ?? [];
  if (!items.length) return 0;
  const { used: enrolled, failed } = await _eachRecording(
    items,
    "enrol",
    async (file) => await predictor.enrolFile(await Deno.readFile(file), file, vad),
  );
  const s = predictor.enrolment;
  console.error(
    `enrolled ${s?.seconds.toFixed(1) ?? 0} s of speech from ${enrolled} file(s)` +
      (predictor.speakerScaler()
        ? ": predictions use the speaker's statistics"
        : `: fewer than ${predictor.minEnrolmentSeconds} s, predictions use the global statistics`),
  );
  return failed;
}

/**
 * Adapts to the target domain from `--adapt` folders (unlabelled recordings, WAV/AIFF inside,
 * recursively); a bad file gets an error naming it and the rest go on. Returns how many failed.
 */
async function _adapt(
  predictor: EmotionPredictor,
  vad: SileroVad,
  args: Record<string, unknown>,
): Promise<number> {
  const items = (args.adapt as string[] | undefined) ?? [];
  if (!items.length) return 0;
  const { used, failed } = await _eachRecording(
    items,
    "adapt",
    async (file) => await predictor.adaptFile(await Deno.readFile(file), file, vad),
  );
  const s = predictor.domain;
  console.error(
    `adapted on ${s?.seconds.toFixed(1) ?? 0} s of speech from ${used} file(s)` +
      (predictor.domainScaler()
        ? ": predictions are domain-adapted (the domain's statistics, not the training set's)"
        : `: fewer than ${predictor.minEnrolmentSeconds} s, predictions use the global statistics`),
  );
  return failed;
}

/**
 * Runs `use` on every recording of `items` (files, or folders walked for WAV/AIFF); a bad folder
 * or file gets an error line naming it (`what: FILE: problem`) and the rest go on.
 */
async function _eachRecording(
  items: readonly string[],
  what: string,
  use: (file: string) => Promise<unknown>,
): Promise<{ used: number; failed: number }> {
  let used = 0, failed = 0;
  const say = (name: string, e: unknown) => {
    const m = e instanceof Error ? e.message : String(e);
    console.error(`${what}: ${m.startsWith(name) ? m : `${name}: ${m}`}`);
  };
  for (const item of items) {
    let files: string[] = [];
    try {
      files = await audioFiles(item);
    } catch (e) {
      failed++;
      say(item, e);
    }
    for (const file of files) {
      try {
        await use(file);
        used++;
      } catch (e) {
        failed++;
        say(file, e);
      }
    }
  }
  return { used, failed };
}
