import { Random } from "../../util/random.ts";
import { type Network, scoreProbabilities } from "./network.ts";

/** Rows of inputs and their class labels. */
export interface LabelledRows {
  /** Row-major `y.length * inputs` float32. */
  x: Float32Array;
  y: Int32Array;
}

/** How {@linkcode fit} trains. */
export interface TrainOptions {
  /** Most epochs. */
  epochs: number;
  batchSize: number;
  /** Adam's initial learning rate. */
  learningRate: number;
  /** Reduce the learning rate on a validation-loss plateau: lr = max(lr * factor, minLr). */
  plateau: { factor: number; patience: number; minLr: number };
  /** Stop after this many epochs without a better validation loss; the best weights are restored. */
  earlyStopPatience: number;
  /** Seeds the shuffling (the network's own seed covers initial weights and dropout). */
  seed: number;
}

/** SER-FusionNet's training: Adam 1e-3, batch 64, plateau x0.4 after 2 epochs down to 1e-7. */
export const FUSIONNET_TRAINING: TrainOptions = Object.freeze({
  epochs: 50,
  batchSize: 64,
  learningRate: 1e-3,
  plateau: Object.freeze({ factor: 0.4, patience: 2, minLr: 1e-7 }),
  earlyStopPatience: 5,
  seed: 0,
});

/** One epoch of a learning curve. */
export interface EpochLog {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  learningRate: number;
  seconds: number;
}

/** What {@linkcode fit} did. */
export interface History {
  epochs: EpochLog[];
  /** The epoch whose weights were kept (1-based). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Training samples per second over the whole run. */
  samplesPerSecond: number;
}

/**
 * Trains `net` on `train` with Adam, shuffled batches, learning-rate reduction on a
 * validation-loss plateau (Keras's ReduceLROnPlateau, min_delta 1e-4) and early stopping that
 * restores the best weights. Without validation rows, the training loss is monitored instead.
 * Returns the learning curves.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fusionConfig } from "./architecture.ts";
 * import { DenseNetwork } from "./mlp.ts";
 * import { fit, FUSIONNET_TRAINING } from "./train.ts";
 * const x = Float32Array.of(1, 0, 0, 1), y = Int32Array.of(0, 1);
 * const h = await fit(new DenseNetwork(fusionConfig(2, 2), 1), { x, y }, null, { ...FUSIONNET_TRAINING, epochs: 3 });
 * assertEquals(h.epochs.length, 3);
 * ```
 */
export async function fit(
  net: Network,
  train: LabelledRows,
  val: LabelledRows | null,
  options: TrainOptions,
  onEpoch?: (log: EpochLog) => void,
): Promise<History> {
  const n = train.y.length, d = net.inputs;
  if (train.x.length !== n * d) {
    throw new RangeError(`training rows: ${train.x.length} values for ${n} x ${d}`);
  }
  const random = new Random(options.seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const bx = new Float32Array(options.batchSize * d);
  const by = new Int32Array(options.batchSize);
  let lr = options.learningRate;
  let best = Infinity, bestWeights = net.getWeights(), bestEpoch = 0;
  let plateauBest = Infinity, plateauWait = 0, stopWait = 0;
  const epochs: EpochLog[] = [];
  const started = performance.now();
  let seen = 0, stoppedEarly = false;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const t0 = performance.now();
    random.shuffle(order);
    let lossSum = 0, correct = 0;
    for (let start = 0; start < n; start += options.batchSize) {
      const m = Math.min(options.batchSize, n - start);
      for (let r = 0; r < m; r++) {
        const i = order[start + r];
        bx.set(train.x.subarray(i * d, (i + 1) * d), r * d);
        by[r] = train.y[i];
      }
      const res = await net.trainBatch(bx.subarray(0, m * d), by.subarray(0, m), lr);
      lossSum += res.loss * m;
      correct += res.correct;
    }
    seen += n;
    const valScore = val && val.y.length
      ? scoreProbabilities(await net.predict(val.x), val.y, net.classes)
      : null;
    const log: EpochLog = {
      epoch,
      loss: lossSum / n,
      accuracy: correct / n,
      valLoss: valScore ? valScore.loss : null,
      valAccuracy: valScore ? valScore.correct / val!.y.length : null,
      learningRate: lr,
      seconds: (performance.now() - t0) / 1000,
    };
    epochs.push(log);
    onEpoch?.(log);
    const monitored = log.valLoss ?? log.loss;
    if (monitored < best) {
      best = monitored;
      bestWeights = net.getWeights();
      bestEpoch = epoch;
      stopWait = 0;
    } else if (++stopWait >= options.earlyStopPatience) {
      stoppedEarly = epoch < options.epochs;
      break;
    }
    if (monitored < plateauBest - 1e-4) {
      plateauBest = monitored;
      plateauWait = 0;
    } else if (++plateauWait >= options.plateau.patience) {
      lr = Math.max(lr * options.plateau.factor, options.plateau.minLr);
      plateauWait = 0;
    }
  }
  net.setWeights(bestWeights);
  return {
    epochs,
    bestEpoch,
    stoppedEarly,
    samplesPerSecond: (seen * 1000) / (performance.now() - started),
  };
}
