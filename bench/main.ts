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
import { taskArgs } from "../cli/_options.ts";
import { versions } from "../lib/version.ts";
import type { BenchOptions, Figures } from "./_common.ts";
import { features, lld } from "./features.ts";
import { realtime } from "./realtime.ts";
import { fold, sequence, train } from "./training.ts";

const GROUPS = ["features", "lld", "train", "sequence", "fold", "realtime"] as const;
const RUN: Record<(typeof GROUPS)[number], (o: BenchOptions) => Promise<Figures>> = {
  features,
  lld,
  train,
  sequence,
  fold,
  realtime,
};

const args = taskArgs("bench", Deno.args, {
  usage: `usage: deno task bench [--only ${GROUPS.join("|")}] [--data DIR] [--clips N]`,
  strings: ["only", "data"],
  numbers: { clips: { integer: true, min: 1 } },
  choices: { only: GROUPS },
});
const only = args.only as string | undefined;
const options: BenchOptions = {
  data: args.data as string | undefined,
  clips: args.clips as number | undefined,
};
const figures: Figures = {
  machine: `${navigator.hardwareConcurrency} cores, ${Deno.build.os} ${Deno.build.arch}`,
  deno: versions().deno,
};
for (const group of GROUPS) {
  if (only && only !== group) continue;
  console.log(`\n== ${group}`);
  const f = await RUN[group](options);
  for (const [k, v] of Object.entries(f)) console.log(`  ${k}: ${v}`);
  Object.assign(figures, f);
}
console.log(JSON.stringify(figures));
