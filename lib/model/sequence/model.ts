/**
 * The frame-level sequence model: per-feature standardisation, Conv1D(hidden, k=5) → ReLU →
 * Conv1D(hidden, k=3) → ReLU → attention pooling (score vᵀ tanh(W hₜ + b), softmax over frames,
 * weighted sum) → dropout → Dense(classes) → softmax, trained with Adam on cross-entropy in minibatches
 * on the WebAssembly kernels, with early stopping on the caller's validation clips.
 *
 * @module
 */
import { seedOf } from "../../util/random.ts";
import { Random } from "../../util/random.ts";
import { SequenceNet, type SequenceShape, SHARDS } from "./_net.ts";

/** Settings of {@linkcode trainSequenceModel}. */
export interface SequenceOptions {
  /** Descriptors per frame (each clip is T × features, frame-major). */
  features: number;
  /** Classes (labels are 0 .. classes-1); default: the largest label + 1. */
  classes?: number;
  /** Seed of initialisation and shuffling (default 42). */
  seed?: number;
  /** Most epochs (default 30). */
  epochs?: number;
  /** Clips per Adam step (default 32). */
  batchSize?: number;
  /** Adam's learning rate (default 1e-3). */
  learningRate?: number;
  /** Channels of both convolutions, a multiple of 16 (default 64). */
  hidden?: number;
  /** Width of the attention's hidden layer, a multiple of 16 (default 32). */
  attention?: number;
  /** Fraction of the pooled vector's units dropped in training, in [0, 1) (default 0.3). */
  dropout?: number;
  /** Validation clips for early stopping (the best validation loss's weights are kept). */
  validation?: { frames: Float32Array[]; labels: ArrayLike<number> };
  /** Epochs without a better validation loss before stopping (default 5). */
  patience?: number;
  /**
   * Threads training batches run on (default: the cores, at most 4); the result is the same
   * for any number.
   */
  threads?: number;
  /** Called after each epoch. */
  onEpoch?: (log: SequenceEpoch) => void;
}

/** One epoch of training. */
export interface SequenceEpoch {
  epoch: number;
  loss: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

/** A saved sequence model (plain JSON). */
export interface SequenceModelJSON {
  format: "serlab-sequence-1";
  shape: SequenceShape;
  mean: number[];
  scale: number[];
  parameters: number[];
  history: SequenceEpoch[];
  settings: Record<string, number>;
}

/** A trained sequence model. */
export class SequenceModel {
  readonly #net: SequenceNet;
  readonly #mean: Float32Array;
  readonly #scale: Float32Array;
  /** The training history (one entry per epoch run). */
  readonly history: SequenceEpoch[];
  /** The settings it was trained with. */
  readonly settings: Record<string, number>;

  /** Wraps a network and its standardisation (use {@linkcode trainSequenceModel}). */
  constructor(
    net: SequenceNet,
    mean: Float32Array,
    scale: Float32Array,
    history: SequenceEpoch[] = [],
    settings: Record<string, number> = {},
  ) {
    this.#net = net;
    this.#mean = mean;
    this.#scale = scale;
    this.history = history;
    this.settings = settings;
  }

  /** Descriptors per frame and classes. */
  get shape(): SequenceShape {
    return this.#net.shape;
  }

  /**
   * Class probabilities, clips × classes, row-major.
   *
   * @example
   * ```ts
   * import { assertAlmostEquals } from "@std/assert";
   * import { trainSequenceModel } from "./model.ts";
   * const frames = [0, 1].map((c) => Float32Array.from({ length: 20 * 4 }, (_, i) => c * (i % 4)));
   * const model = await trainSequenceModel(frames, [0, 1], { features: 4, epochs: 1, hidden: 16, attention: 16 });
   * const p = model.predictProba(frames); // p[i * classes + c]
   * assertAlmostEquals(p[0] + p[1], 1, 1e-6);
   * ```
   */
  predictProba(frames: Float32Array[]): Float32Array {
    const C = this.#net.shape.classes;
    const out = new Float32Array(frames.length * C);
    frames.forEach((x, i) => out.set(this.#net.probabilities(this.standardise(x)), i * C));
    return out;
  }

  /** One clip standardised with the training frames' mean and deviation per feature. */
  standardise(x: Float32Array): Float32Array {
    const f = this.#mean.length;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = (x[i] - this.#mean[i % f]) * this.#scale[i % f];
      if (!Number.isFinite(v)) {
        throw new RangeError(`sequence model: non-finite descriptor at frame ${Math.floor(i / f)}`);
      }
      out[i] = v;
    }
    return out;
  }

  /** Plain JSON (float32 values written exactly). */
  toJSON(): SequenceModelJSON {
    return {
      format: "serlab-sequence-1",
      shape: { ...this.#net.shape },
      mean: Array.from(this.#mean),
      scale: Array.from(this.#scale),
      parameters: Array.from(this.#net.parameters),
      history: this.history,
      settings: this.settings,
    };
  }

  /**
   * Rebuilds a model from {@linkcode SequenceModel.toJSON}'s output; throws on a wrong format.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { SequenceModel, trainSequenceModel } from "./model.ts";
   * const frames = [0, 1].map((c) => Float32Array.from({ length: 20 * 4 }, (_, i) => c * (i % 4)));
   * const model = await trainSequenceModel(frames, [0, 1], { features: 4, epochs: 1, hidden: 16, attention: 16 });
   * const again = SequenceModel.fromJSON(JSON.parse(JSON.stringify(model)));
   * assertEquals(again.predictProba(frames), model.predictProba(frames));
   * ```
   */
  static fromJSON(json: SequenceModelJSON): SequenceModel {
    if (json?.format !== "serlab-sequence-1") {
      throw new Error("sequence model: not a serlab-sequence-1 model");
    }
    const net = new SequenceNet(json.shape);
    if (
      json.parameters.length !== net.size || json.mean.length !== json.shape.features ||
      json.scale.length !== json.shape.features ||
      ![...json.parameters, ...json.mean, ...json.scale].every(Number.isFinite)
    ) {
      throw new Error("sequence model: parameters do not match the shape or are not finite");
    }
    net.parameters = Float32Array.from(json.parameters);
    return new SequenceModel(
      net,
      Float32Array.from(json.mean),
      Float32Array.from(json.scale),
      json.history,
      json.settings,
    );
  }
}

/**
 * Trains the sequence model on clips of frame-level descriptors (each T × features,
 * frame-major; T may differ between clips) on every core. Deterministic for a seed, whatever
 * the number of threads.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { trainSequenceModel } from "./model.ts";
 * const frames = [0, 1, 0, 1].map((c) => Float32Array.from({ length: 20 * 4 }, (_, i) => c * (i % 4)));
 * const model = await trainSequenceModel(frames, [0, 1, 0, 1], {
 *   features: 4,
 *   epochs: 2,
 *   hidden: 16,
 *   attention: 16,
 * });
 * assertEquals(model.predictProba(frames).length, 8); // 4 clips x 2 classes
 * ```
 */
export async function trainSequenceModel(
  frames: Float32Array[],
  labels: ArrayLike<number>,
  options: SequenceOptions,
): Promise<SequenceModel> {
  const f = options.features;
  if (frames.length !== labels.length || frames.length === 0) {
    throw new RangeError("sequence model: needs as many labels as clips, and at least one clip");
  }
  let top = 0;
  for (let i = 0; i < labels.length; i++) top = Math.max(top, labels[i]);
  const classes = options.classes ?? top + 1;
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isInteger(labels[i]) || labels[i] < 0 || labels[i] >= classes) {
      throw new RangeError(`sequence model: label ${labels[i]} of clip ${i} is not a class`);
    }
  }
  const settings = {
    seed: options.seed ?? 42,
    epochs: options.epochs ?? 30,
    batchSize: options.batchSize ?? 32,
    learningRate: options.learningRate ?? 1e-3,
    hidden: options.hidden ?? 64,
    attention: options.attention ?? 32,
    patience: options.patience ?? 5,
    dropout: options.dropout ?? 0.3,
  };
  for (const [name, value] of Object.entries(settings)) {
    const bad = name === "seed"
      ? !Number.isInteger(value)
      : name === "dropout"
      ? !(value >= 0 && value < 1)
      : !(value > 0);
    if (bad) {
      throw new RangeError(`sequence model: ${name} must be positive, not ${value}`);
    }
  }
  const { mean, scale } = _standardisation(frames, f);
  const net = new SequenceNet({
    features: f,
    classes,
    hidden: settings.hidden,
    attention: settings.attention,
  });
  net.initialise(seedOf("sequence-init", settings.seed));
  const model = new SequenceModel(net, mean, scale, [], settings);
  const train = frames.map((x) => model.standardise(x));
  const val = options.validation
    ? options.validation.frames.map((x) => model.standardise(x))
    : undefined;
  await net.startThreads(options.threads ?? Math.min(navigator.hardwareConcurrency || 1, SHARDS));
  try {
    await _fit(
      net,
      model,
      train,
      labels,
      val,
      options.validation?.labels,
      settings,
      options.onEpoch,
    );
  } finally {
    net.dispose();
  }
  return model;
}

async function _fit(
  net: SequenceNet,
  model: SequenceModel,
  train: Float32Array[],
  labels: ArrayLike<number>,
  val: Float32Array[] | undefined,
  valLabels: ArrayLike<number> | undefined,
  settings: Record<string, number>,
  onEpoch: ((log: SequenceEpoch) => void) | undefined,
): Promise<void> {
  const random = new Random(seedOf("sequence-shuffle", settings.seed));
  const dropping = new Random(seedOf("sequence-dropout", settings.seed));
  const order = Int32Array.from(train.keys());
  let best = Infinity, bestParameters = net.parameters, waited = 0;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    random.shuffle(order);
    let loss = 0;
    for (let i = 0; i < order.length; i += settings.batchSize) {
      const batch = Array.from(order.subarray(i, i + settings.batchSize));
      loss += await net.trainBatch(
        batch.map((j) => train[j]),
        batch.map((j) => labels[j]),
        settings.dropout,
        dropping,
      );
      net.step(settings.learningRate);
    }
    loss /= order.length;
    if (!Number.isFinite(loss)) throw new Error(`sequence model: loss diverged in epoch ${epoch}`);
    const log: SequenceEpoch = { epoch, loss, valLoss: null, valAccuracy: null };
    if (val && valLabels) {
      let vl = 0, right = 0;
      val.forEach((x, i) => {
        const p = net.probabilities(x);
        const y = valLabels[i];
        vl -= Math.log(Math.max(p[y], 1e-30));
        if (p.indexOf(Math.max(...p)) === y) right++;
      });
      log.valLoss = vl / val.length;
      log.valAccuracy = right / val.length;
    }
    model.history.push(log);
    onEpoch?.(log);
    if (log.valLoss !== null) {
      if (log.valLoss < best) {
        best = log.valLoss;
        bestParameters = net.parameters;
        waited = 0;
      } else if (++waited >= settings.patience) break;
    }
  }
  if (val) net.parameters = bestParameters;
}

function _standardisation(
  frames: Float32Array[],
  f: number,
): { mean: Float32Array; scale: Float32Array } {
  const sum = new Float64Array(f), sq = new Float64Array(f);
  let n = 0;
  for (const x of frames) {
    if (x.length % f !== 0 || x.length === 0) {
      throw new RangeError(`sequence model: a clip of ${x.length} values is not T × ${f} frames`);
    }
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i])) throw new RangeError("sequence model: non-finite descriptor");
      sum[i % f] += x[i];
    }
    n += x.length / f;
  }
  const mean = Float32Array.from(sum, (s) => s / n);
  for (const x of frames) {
    for (let i = 0; i < x.length; i++) sq[i % f] += (x[i] - mean[i % f]) ** 2;
  }
  const scale = Float32Array.from(sq, (s) => {
    const sd = Math.sqrt(s / n);
    return sd > 1e-8 ? 1 / sd : 1;
  });
  return { mean, scale };
}
