/**
 * `deno task predict MODEL_DIR FILE... [--json] [--gender male|female]`: the emotion and class
 * probabilities of each WAV or AIFF file; a bad file gets its own error line and the batch goes
 * on; the exit status is 1 if any failed.
 *
 * `deno task predict MODEL_DIR --stream - [--format s16le|s24le|s32le|f32le|u8|wav]
 * [--rate 16000] [--channels 1] [--window 2.5] [--hop 0.5] [--silence-db -50] [--json]`: reads
 * raw PCM (e.g. `arecord -f S16_LE -r 16000 -c 1`) or a WAV stream from standard input and prints
 * a prediction per window as it goes.
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
import { taskArgs } from "./_options.ts";

const USAGE = `usage: deno task predict MODEL_DIR FILE... [--json] [--gender male|female]
       deno task predict MODEL_DIR --stream - [--format s16le|s24le|s32le|f32le|u8|wav] [--rate HZ]
                         [--channels N] [--window S] [--hop S] [--silence-db DB] [--json]`;

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
    strings: ["gender", "stream", "format"],
    numbers: {
      rate: { integer: true, min: 1, max: 1_000_000 },
      channels: { integer: true, min: 1, max: 1024 },
      window: { above: 0, max: 60 },
      hop: { above: 0, max: 3600 },
      "silence-db": {},
    },
    booleans: ["json"],
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
  const predictor = await EmotionPredictor.load(modelDir);
  try {
    return args.stream
      ? await _stream(predictor, args, gender)
      : await _files(predictor, files, Boolean(args.json), gender);
  } finally {
    predictor.dispose();
  }
}

async function _files(
  predictor: EmotionPredictor,
  files: string[],
  json: boolean,
  gender?: "male" | "female",
) {
  let failed = 0;
  if (!json) console.log(["file", "emotion", ...predictor.labels].join("\t"));
  for (const file of files) {
    try {
      const p = await predictor.predictFile(await Deno.readFile(file), file, gender);
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
