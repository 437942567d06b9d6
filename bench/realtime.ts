/**
 * The `realtime` group of `deno task bench`: prediction, streaming and segments. See `main.ts`.
 *
 * @module
 */
import { FUSIONNET_LOAD, loadClip } from "../lib/audio/mod.ts";
import { discoverClips } from "../lib/corpora/mod.ts";
import { FUSIONNET_FEATURES } from "../lib/features/mod.ts";
import { extractorConfig, FUSIONNET_TRAINING, trainFusionNet } from "../lib/model/mod.ts";
import { disposeFusionNet } from "../lib/model/fusionnet/model.ts";
import { saveFusionNet } from "../lib/model/fusionnet/save.ts";
import {
  EmotionPredictor,
  monoChunks,
  predictSegments,
  predictStream,
} from "../lib/realtime/mod.ts";
import { resample } from "../lib/audio/resample.ts";
import { fitScaler } from "../lib/model/scaler.ts";
import { encodeWav } from "../lib/audio/encode.ts";
import { Random } from "../lib/util/random.ts";
import { versions } from "../lib/version.ts";
import { type BenchOptions, type Figures, round, SHARED } from "./_common.ts";

/** The `realtime` group (see `main.ts`): prediction, streaming and segments. */
export async function realtime(_o: BenchOptions): Promise<Figures> {
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
