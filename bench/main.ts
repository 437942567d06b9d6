/**
 * `deno task bench [--only GROUP] [--data DIR]`: serlab's speed figures, measured here, with the
 * reference programs run side by side in the same run when they are installed. Groups:
 *
 * - `features`: `feature_ms_per_clip` (one core: decode + resample + 162 + 8 features, median over
 *   the sample clips), `superset_features_s` with `--data` (every clip, cold, all cores), and
 *   librosa's time for the same features when `python3 -c "import librosa"` works.
 * - `lld`: `large_set_ms_per_clip` (one core: decode + resample + every low-level descriptor + the large
 *   functional set, paper cut, median over the sample clips), `large_set_whole_ms_per_clip` (the
 *   same over whole recordings), `superset_large_set_s` with `--data` (every clip's large set,
 *   whole recordings, cold, all cores), and librosa's time for the same descriptors and
 *   functionals (`bench/librosa_lld.py`) when Debian's `/usr/bin/python3` imports librosa, else
 *   the time of librosa's algorithms transcribed to numpy/scipy (`bench/numpy_lld.py`, a
 *   stand-in, labelled as such).
 *   `--clips N` times only the first N sample clips (a quick check).
 * - `train`: `train_samples_per_s` and `predict_samples_per_s` of the extractor (batch 64,
 *   random data of the real shape, after warm-up), `backend`, and PyTorch's figures with the
 *   ratio when `/usr/bin/python3 ../shared/bench/torch_fusionnet.py` runs.
 * - `sequence`: `sequence_train_samples_per_s` of the frame-level sequence model
 *   (`lib/model/sequence`: clips of 108 frames × 64 descriptors, 8 classes, batch 32, random data,
 *   the fastest of epochs 2-4 of one training run) beside `torch_sequence_train_samples_per_s`, the same
 *   architecture and shapes in PyTorch (`bench/torch_sequence.py`, all cores), and their ratio;
 *   then the same with one thread on each side (`_1thread`).
 * - `fold`: one Superset fold's extractor + classifier (10,000 training rows, no augmentation,
 *   25 epochs): `fold_train_s`; real features with `--data`, else random rows of the real shape.
 * - `realtime`: `predict_ms_per_clip` (WAV bytes to probabilities, one core, model loaded),
 *   `stream_realtime_factor` (seconds of audio per second of wall time in streaming mode, the
 *   speaker enrolled as the stream goes), and `segments_realtime_factor` with
 *   `segments_peak_rss_growth_mb`: `predict --segments` over a 1-hour 16 kHz WAV of sample clips and
 *   pauses, streamed from disk (the growth of resident memory from start to end).
 *
 * The output ends with one JSON object on one line holding every figure.
 *
 * @module
 */
import { FUSIONNET_LOAD, loadClip } from "../lib/audio/mod.ts";
import { discoverClips } from "../lib/corpora/mod.ts";
import { featurize, featurizeSet } from "../lib/dataset/featurize.ts";
import { CUTS, extractFeatures, extractSet, FUSIONNET_FEATURES } from "../lib/features/mod.ts";
import {
  extractorConfig,
  FUSIONNET_TRAINING,
  selectBackend,
  trainFusionNet,
  WasmExtractor,
} from "../lib/model/mod.ts";
import { disposeFusionNet } from "../lib/model/fusionnet/model.ts";
import { saveFusionNet } from "../lib/model/fusionnet/save.ts";
import { trainSequenceModel } from "../lib/model/sequence/mod.ts";
import {
  EmotionPredictor,
  monoChunks,
  predictSegments,
  predictStream,
} from "../lib/realtime/mod.ts";
import { resample } from "../lib/audio/resample.ts";
import { fitScaler } from "../lib/model/scaler.ts";
import { encodeWav } from "../lib/audio/encode.ts";
import { taskArgs } from "../cli/_options.ts";
import { Random } from "../lib/util/random.ts";
import { versions } from "../lib/version.ts";

const SHARED = new URL("../../shared", import.meta.url).pathname;
const GROUPS = ["features", "lld", "train", "sequence", "fold", "realtime"] as const;
type Figures = Record<string, number | string | null>;

const args = taskArgs("bench", Deno.args, {
  usage: `usage: deno task bench [--only ${GROUPS.join("|")}] [--data DIR] [--clips N]`,
  strings: ["only", "data"],
  numbers: { clips: { integer: true, min: 1 } },
  choices: { only: GROUPS },
});
const only = args.only as string | undefined;
const figures: Figures = {
  machine: `${navigator.hardwareConcurrency} cores, ${Deno.build.os} ${Deno.build.arch}`,
  deno: versions().deno,
};
for (const group of GROUPS) {
  if (only && only !== group) continue;
  console.log(`\n== ${group}`);
  const f = await ({ features, lld, train, sequence, fold, realtime } as Record<
    string,
    () => Promise<Figures>
  >)
    [group]();
  for (const [k, v] of Object.entries(f)) console.log(`  ${k}: ${v}`);
  Object.assign(figures, f);
}
console.log(JSON.stringify(figures));

async function features(): Promise<Figures> {
  const { clips } = await discoverClips(`${SHARED}/datasets/sample`);
  const files = await Promise.all(
    clips.map(async (c) =>
      [c.path, await Deno.readFile(`${SHARED}/datasets/sample/${c.path}`)] as const
    ),
  );
  const once = () => {
    const times: number[] = [];
    for (const [path, bytes] of files) {
      const t = performance.now();
      extractFeatures(loadClip(bytes, path, FUSIONNET_LOAD), 22050);
      times.push(performance.now() - t);
    }
    return times;
  };
  once(); // warm-up (JIT, filter banks)
  const times = once().sort((a, b) => a - b);
  const out: Figures = {
    feature_ms_per_clip: round(times[times.length >> 1], 2),
    feature_clips_timed: times.length,
  };
  const librosa = await _python(["bench/librosa_features.py", `${SHARED}/datasets/sample`]);
  if (librosa?.ms_per_clip) {
    out.librosa_ms_per_clip = librosa.ms_per_clip as number;
    out.librosa_version = librosa.librosa as string;
    out.feature_ratio_vs_librosa = round(
      (librosa.ms_per_clip as number) / (out.feature_ms_per_clip as number),
      2,
    );
  } else {
    out.librosa_ms_per_clip = null;
    out.librosa_note = "librosa is not importable by python3 here: not measured side by side";
  }
  if (args.data) {
    const found = await discoverClips(String(args.data));
    const cache = await Deno.makeTempDir();
    const t = performance.now();
    const r = await featurize(
      found.clips.map((c) => ({
        file: `${args.data}/${c.path}`,
        sha256: c.sha256,
        augmentation: null,
      })),
      {
        load: FUSIONNET_LOAD,
        features: FUSIONNET_FEATURES,
        cacheDir: cache,
        label: "superset features",
      },
    );
    out.superset_features_s = round((performance.now() - t) / 1000, 1);
    out.superset_clips = found.clips.length;
    out.superset_skipped = r.skipped.length;
    await Deno.remove(cache, { recursive: true });
  }
  return out;
}

/** The large functional set's time per clip, both cuts, beside librosa's for the same work. */
async function lld(): Promise<Figures> {
  const { clips } = await discoverClips(`${SHARED}/datasets/sample`);
  const files = await Promise.all(
    clips.slice(0, args.clips as number | undefined).map(async (c) =>
      [c.path, await Deno.readFile(`${SHARED}/datasets/sample/${c.path}`)] as const
    ),
  );
  const out: Figures = {};
  for (const cut of ["paper", "whole"] as const) {
    const time = (subset: typeof files) => {
      const times: number[] = [];
      for (const [path, bytes] of subset) {
        const t = performance.now();
        try {
          extractSet(loadClip(bytes, path, CUTS[cut]), 22050, "large");
        } catch {
          continue; // a clip too short for the descriptors is skipped, not timed
        }
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    };
    time(files.slice(0, 40)); // warm-up (JIT, filter banks, transition tables)
    const times = time(files);
    const key = cut === "paper" ? "large_set_ms_per_clip" : "large_set_whole_ms_per_clip";
    out[key] = round(times[times.length >> 1], 2);
    if (cut === "paper") out.large_set_clips_timed = times.length;
  }
  const librosa = await _python(
    ["bench/librosa_lld.py", `${SHARED}/datasets/sample`],
    "/usr/bin/python3",
  );
  if (librosa?.ms_per_clip) {
    out.librosa_large_set_ms_per_clip = librosa.ms_per_clip as number;
    out.large_set_ratio_vs_librosa = round(
      (librosa.ms_per_clip as number) / (out.large_set_ms_per_clip as number),
      2,
    );
  } else {
    out.librosa_large_set_ms_per_clip = null;
    out.librosa_large_set_note =
      "librosa is not importable by /usr/bin/python3 here: bench/librosa_lld.py not run";
    // the stand-in: librosa 0.10.1's algorithms transcribed to numpy/scipy, on the same clips
    const numpy = await _python(
      ["bench/numpy_lld.py", `${SHARED}/datasets/sample`, String(files.length)],
      "/usr/bin/python3",
    );
    if (numpy?.ms_per_clip) {
      out.numpy_reference_large_set_ms_per_clip = numpy.ms_per_clip as number;
      out.numpy_reference = numpy.reference as string;
      out.large_set_ratio_vs_numpy_reference = round(
        (numpy.ms_per_clip as number) / (out.large_set_ms_per_clip as number),
        2,
      );
    } else {
      out.numpy_reference_large_set_ms_per_clip = null;
      out.numpy_reference_note = "bench/numpy_lld.py did not run (needs python3-numpy, -scipy)";
    }
  }
  if (args.data) {
    const found = await discoverClips(String(args.data));
    const cache = await Deno.makeTempDir();
    const t = performance.now();
    const large = await featurizeSet(
      found.clips.map((c) => ({
        file: `${args.data}/${c.path}`,
        sha256: c.sha256,
        augmentation: null,
      })),
      { set: "large", cut: "whole", cacheDir: cache, label: "superset large set" },
    );
    out.superset_large_set_s = round((performance.now() - t) / 1000, 1);
    out.superset_large_set_clips = found.clips.length;
    out.superset_large_set_skipped = large.skipped.length;
    await Deno.remove(cache, { recursive: true });
  }
  return out;
}

async function train(): Promise<Figures> {
  const config = extractorConfig(8);
  const backend = await selectBackend("auto", config);
  const net = await WasmExtractor.create(config, 0);
  const random = new Random(0);
  const n = 4096;
  const x = Float32Array.from({ length: n * 162 }, () => random.normal());
  const y = Int32Array.from({ length: n }, () => random.int(8));
  const epoch = async () => {
    for (let i = 0; i < n; i += 64) {
      await net.trainBatch(x.subarray(i * 162, (i + 64) * 162), y.subarray(i, i + 64), 1e-3);
    }
  };
  await epoch(); // warm-up
  let t = performance.now();
  await epoch();
  await epoch();
  const trainRate = (2 * n * 1000) / (performance.now() - t);
  await net.predict(x.subarray(0, 256 * 162));
  t = performance.now();
  await net.predict(x);
  const predictRate = (n * 1000) / (performance.now() - t);
  net.dispose();
  const out: Figures = {
    backend: `${backend.name} (${backend.detail})`,
    train_samples_per_s: Math.round(trainRate),
    predict_samples_per_s: Math.round(predictRate),
  };
  const torch = await _python([`${SHARED}/bench/torch_fusionnet.py`], "/usr/bin/python3");
  if (torch?.train_samples_per_s) {
    out.torch_framework = torch.framework as string;
    out.torch_train_samples_per_s = torch.train_samples_per_s as number;
    out.torch_predict_samples_per_s = torch.predict_samples_per_s as number;
    out.train_ratio_vs_torch = round(trainRate / (torch.train_samples_per_s as number), 2);
    out.predict_ratio_vs_torch = round(predictRate / (torch.predict_samples_per_s as number), 2);
  } else {
    out.torch_train_samples_per_s = null;
    out.torch_note = "PyTorch reference did not run (apt-get install -y python3-torch): no ratio";
  }
  return out;
}

async function sequence(): Promise<Figures> {
  const [n, T, F, C, B] = [1024, 108, 64, 8, 32];
  const random = new Random(0);
  const frames = Array.from(
    { length: n },
    () => Float32Array.from({ length: T * F }, () => random.normal()),
  );
  const labels = Int32Array.from({ length: n }, () => random.int(C));
  const shape = ["--samples", n, "--frames", T, "--features", F, "--classes", C, "--batch", B];
  const out: Figures = {};
  // all cores, then one thread on each side (PyTorch's OpenMP threads stall when the cores are
  // busy with other work, so the one-thread figures are the steadier comparison there)
  for (const threads of [navigator.hardwareConcurrency || 1, 1]) {
    const ends: number[] = [];
    await trainSequenceModel(frames, labels, {
      features: F,
      classes: C,
      batchSize: B,
      epochs: 4,
      threads,
      onEpoch: () => ends.push(performance.now()),
    });
    // epoch 1 warms up; the fastest of the other three (the machine may be shared), as PyTorch's
    const rate = (n * 1000) / Math.min(...ends.slice(1).map((t, i) => t - ends[i]));
    const tag = threads === 1 ? "_1thread" : "";
    out[`sequence${tag}_train_samples_per_s`] = Math.round(rate);
    const torch = await _python(
      [
        new URL("torch_sequence.py", import.meta.url).pathname,
        ...shape.map(String),
        "--threads",
        String(threads),
      ],
      "/usr/bin/python3",
    );
    if (torch?.train_samples_per_s) {
      out.torch_sequence_framework = torch.framework as string;
      out[`torch_sequence${tag}_train_samples_per_s`] = torch.train_samples_per_s as number;
      out[`sequence${tag}_ratio_vs_torch`] = round(rate / (torch.train_samples_per_s as number), 2);
    } else {
      out[`torch_sequence${tag}_train_samples_per_s`] = null;
      out.torch_sequence_note =
        "bench/torch_sequence.py did not run (apt-get install -y python3-torch): no ratio";
    }
  }
  return out;
}

async function fold(): Promise<Figures> {
  const rows = 10000, classes = 6;
  let table, labels;
  if (args.data) {
    const { clips } = await discoverClips(String(args.data));
    const pick = clips.filter((c) => c.emotion !== "calm" && c.emotion !== "surprise").slice(
      0,
      rows,
    );
    const r = await featurize(
      pick.map((c) => ({ file: `${args.data}/${c.path}`, sha256: c.sha256, augmentation: null })),
      {
        load: FUSIONNET_LOAD,
        features: FUSIONNET_FEATURES,
        cacheDir: "data/cache/features",
        label: "fold features",
      },
    );
    const ok = pick.map((_, i) => i).filter((i) => r.features[i]);
    table = {
      rows: ok.length,
      acoustic: Float32Array.from(ok.flatMap((i) => [...r.features[i]!.acoustic])),
      statistical: Float32Array.from(ok.flatMap((i) => [...r.features[i]!.statistical])),
      gender: Float32Array.from(ok, (i) => (pick[i].gender === "female" ? 1 : 0)),
    };
    const names = ["neutral", "happy", "sad", "angry", "fear", "disgust"];
    labels = Int32Array.from(ok, (i) => names.indexOf(pick[i].emotion));
  } else {
    const random = new Random(1);
    table = {
      rows,
      acoustic: Float32Array.from({ length: rows * 162 }, () => random.normal()),
      statistical: Float32Array.from({ length: rows * 8 }, () => random.normal()),
      gender: Float32Array.from({ length: rows }, () => random.int(2)),
    };
    labels = Int32Array.from({ length: rows }, () => random.int(classes));
  }
  const t = performance.now();
  const model = await trainFusionNet({ table, labels }, null, {
    labels: ["neutral", "happy", "sad", "angry", "fear", "disgust"],
    inputs: { deep: true, statistical: true, gender: true },
    extractor: extractorConfig(classes),
    fusionHidden: [12],
    training: { ...FUSIONNET_TRAINING, epochs: 25, earlyStopPatience: 1000 },
    backend: "auto",
    seed: 1,
  });
  const seconds = (performance.now() - t) / 1000;
  disposeFusionNet(model);
  return {
    fold_train_s: round(seconds, 1),
    fold_rows: table.rows,
    fold_epochs: 25,
    fold_data: args.data ? "real features" : "random rows",
  };
}

async function realtime(): Promise<Figures> {
  // an untrained model of the real architecture: prediction costs the same as a trained one's
  const random = new Random(2);
  const rows = 256;
  const table = {
    rows,
    acoustic: Float32Array.from({ length: rows * 162 }, () => random.normal()),
    statistical: Float32Array.from({ length: rows * 8 }, () => random.normal()),
    gender: Float32Array.from({ length: rows }, () => random.int(2)),
  };
  const labels = Int32Array.from({ length: rows }, () => random.int(6));
  const model = await trainFusionNet({ table, labels }, null, {
    labels: ["neutral", "happy", "sad", "angry", "fear", "disgust"],
    inputs: { deep: true, statistical: true, gender: true },
    extractor: extractorConfig(6),
    fusionHidden: [12],
    training: { ...FUSIONNET_TRAINING, epochs: 1 },
    backend: "wasm-simd",
    seed: 1,
  });
  const dir = await Deno.makeTempDir();
  await saveFusionNet(model, dir, {
    load: FUSIONNET_LOAD,
    features: FUSIONNET_FEATURES,
    featuresVersion: 1,
    versions: versions(),
    normalization: "speaker",
    globalScaler: fitScaler(Float32Array.from({ length: rows * 170 }, () => random.normal()), 170),
    power: "log",
    trainedOn: { clips: rows, manifestSha256: "", corpora: [] },
  });
  disposeFusionNet(model);
  const predictor = await EmotionPredictor.load(dir);
  const { clips } = await discoverClips(`${SHARED}/datasets/sample`);
  const files = await Promise.all(
    clips.slice(0, 60).map(async (c) =>
      [c.path, await Deno.readFile(`${SHARED}/datasets/sample/${c.path}`)] as const
    ),
  );
  for (const [p, b] of files.slice(0, 5)) await predictor.predictFile(b, p);
  const times: number[] = [];
  for (const [p, b] of files) {
    const t = performance.now();
    await predictor.predictFile(b, p);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // a 60 s stream of 16 kHz speech-like noise, 2.5 s windows every 0.5 s
  const seconds = 60, sr = 16000;
  const pcm = encodeWav(
    Float32Array.from({ length: seconds * sr }, (_, i) => 0.2 * Math.sin(i / 9) * random.normal()),
    sr,
  );
  async function* chunks() {
    for (let i = 0; i < pcm.length; i += 3200) yield pcm.subarray(i, i + 3200);
  }
  const t = performance.now();
  let windows = 0;
  for await (
    const _ of predictStream(predictor, chunks(), "wav", "bench", {
      window: 2.5,
      hop: 0.5,
      silenceDb: -90,
      enrol: true,
    })
  ) windows++;
  const wall = (performance.now() - t) / 1000;
  const long = await _segmentsBench(predictor, files, dir);
  predictor.dispose();
  await Deno.remove(dir, { recursive: true });
  return {
    predict_ms_per_clip: round(times[times.length >> 1], 2),
    stream_realtime_factor: round(seconds / wall, 1),
    stream_windows: windows,
    ...long,
  };
}

/** `predict --segments` over a 1-hour WAV written to disk (clips and pauses), read as a stream. */
async function _segmentsBench(
  predictor: EmotionPredictor,
  files: readonly (readonly [string, Uint8Array])[],
  dir: string,
): Promise<Figures> {
  const sr = 16000, seconds = 3600;
  const clips = files.map(([p, b]) =>
    resample(loadClip(b, p, { ...FUSIONNET_LOAD, offset: 0, duration: null }), 22050, sr)
  );
  const path = `${dir}/long.wav`;
  const out = await Deno.open(path, { write: true, create: true, truncate: true });
  const header = new DataView(new ArrayBuffer(44));
  const text = (at: number, s: string) =>
    [...s].forEach((ch, i) => header.setUint8(at + i, ch.charCodeAt(0)));
  text(0, "RIFF");
  header.setUint32(4, 36 + seconds * sr * 2, true);
  text(8, "WAVEfmt ");
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true);
  header.setUint16(22, 1, true);
  header.setUint32(24, sr, true);
  header.setUint32(28, sr * 2, true);
  header.setUint16(32, 2, true);
  header.setUint16(34, 16, true);
  text(36, "data");
  header.setUint32(40, seconds * sr * 2, true);
  await out.write(new Uint8Array(header.buffer));
  const pause = new Float32Array(Math.round(0.8 * sr));
  for (let written = 0, k = 0; written < seconds * sr; k++) {
    const y = k % 2 ? pause : clips[(k >> 1) % clips.length];
    const n = Math.min(y.length, seconds * sr - written);
    const pcm = Int16Array.from(
      y.subarray(0, n),
      (v) => Math.max(-32768, Math.min(32767, v * 32767)),
    );
    await out.write(new Uint8Array(pcm.buffer));
    written += n;
  }
  out.close();
  const rss = Deno.memoryUsage().rss;
  let peak = rss;
  const t = performance.now();
  let segments = 0;
  const file = await Deno.open(path);
  for await (const _ of predictSegments(predictor, monoChunks(file.readable, "wav", path), {})) {
    if (++segments % 50 === 0) peak = Math.max(peak, Deno.memoryUsage().rss);
  }
  const wall = (performance.now() - t) / 1000;
  return {
    segments_realtime_factor: round(seconds / wall, 1),
    segments_count: segments,
    // resident memory at its highest while segmenting, above where it started (the file is 110 MiB)
    segments_peak_rss_growth_mb: round((peak - rss) / 2 ** 20, 1),
  };
}

/** Runs a Python reference program; its last output line is JSON. Null when it cannot run. */
async function _python(
  script: string[],
  python = "python3",
): Promise<Record<string, unknown> | null> {
  try {
    const r = await new Deno.Command(python, { args: script, stdout: "piped", stderr: "piped" })
      .output();
    if (!r.success) return null;
    const lines = new TextDecoder().decode(r.stdout).trim().split("\n");
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    return null;
  }
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
