/**
 * The `train`, `sequence` and `fold` groups of `deno task bench`: training beside PyTorch. See `main.ts`.
 *
 * @module
 */
import { FUSIONNET_LOAD } from "../lib/audio/mod.ts";
import { discoverClips } from "../lib/corpora/mod.ts";
import { featurize } from "../lib/dataset/featurize.ts";
import { FUSIONNET_FEATURES } from "../lib/features/mod.ts";
import {
  extractorConfig,
  FUSIONNET_TRAINING,
  selectBackend,
  trainFusionNet,
  WasmExtractor,
} from "../lib/model/mod.ts";
import { disposeFusionNet } from "../lib/model/fusionnet/model.ts";
import { trainSequenceModel } from "../lib/model/sequence/mod.ts";
import { Random } from "../lib/util/random.ts";
import { type BenchOptions, type Figures, python, round, SHARED } from "./_common.ts";

/** The `train` group (see `main.ts`): the extractor's samples/s, beside PyTorch. */
export async function train(_o: BenchOptions): Promise<Figures> {
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
  const torch = await python([`${SHARED}/bench/torch_fusionnet.py`], "/usr/bin/python3");
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

/** The `sequence` group (see `main.ts`): the sequence model's training samples/s, beside PyTorch. */
export async function sequence(_o: BenchOptions): Promise<Figures> {
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
    const torch = await python(
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

/** The `fold` group (see `main.ts`): one Superset fold's extractor and classifier. */
export async function fold(o: BenchOptions): Promise<Figures> {
  const rows = 10000, classes = 6;
  let table, labels;
  if (o.data) {
    const { clips } = await discoverClips(String(o.data));
    const pick = clips.filter((c) => c.emotion !== "calm" && c.emotion !== "surprise").slice(
      0,
      rows,
    );
    const r = await featurize(
      pick.map((c) => ({ file: `${o.data}/${c.path}`, sha256: c.sha256, augmentation: null })),
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
    fold_data: o.data ? "real features" : "random rows",
  };
}
