import type { Classifier, Matrix } from "../classifier.ts";
import type { LibSvm, LibSvmModule } from "./libsvm.ts";

/** Hyperparameters of {@linkcode fitSvm}. */
export interface SvmHyper {
  kernel: "linear" | "rbf";
  /** libsvm's C. */
  cost: number;
  /** RBF width as a multiple of 1/dims (libsvm's default gamma is 1/dims); ignored for linear. */
  gammaScale?: number;
}

/**
 * A C-SVC (libsvm, one-vs-one) with probability estimates (libsvm's `-b 1`: Platt scaling
 * fitted by internal 5-fold cross-validation on the training rows, then pairwise coupling).
 * `lib` is libsvm-js's class from {@linkcode libsvm}; the seed is unused (libsvm's internal
 * folds draw from its own fixed generator).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { libsvm } from "./libsvm.ts";
 * import { fitSvm } from "./svm.ts";
 * const x = Float32Array.of(-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, -1.2, 1.2);
 * const m = fitSvm(await libsvm(), { x, rows: 10, dims: 1 }, Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 0, 1), 2, { kernel: "linear", cost: 1 });
 * assert(m.predictProba({ x: Float32Array.of(3), rows: 1, dims: 1 })[1] > 0.5);
 * ```
 */
export function fitSvm(
  lib: LibSvmModule,
  data: Matrix,
  labels: Int32Array,
  classes: number,
  hyper: SvmHyper,
  _seed = 0,
): SvmClassifier {
  const svm = new lib({
    type: lib.SVM_TYPES.C_SVC,
    kernel: hyper.kernel === "rbf" ? lib.KERNEL_TYPES.RBF : lib.KERNEL_TYPES.LINEAR,
    cost: hyper.cost,
    gamma: (hyper.gammaScale ?? 1) / data.dims,
    probabilityEstimates: true,
    shrinking: true,
    quiet: true,
  });
  svm.train(_rows(data), Array.from(labels));
  return new SvmClassifier(svm, classes, data.dims, hyper);
}

/** A fitted libsvm classifier. */
export class SvmClassifier implements Classifier {
  readonly family = "svm";
  constructor(
    private readonly svm: LibSvm,
    readonly classes: number,
    readonly dims: number,
    readonly hyper: SvmHyper,
  ) {}

  /** libsvm's probability estimates, rows × classes (0 for a class absent in training). */
  predictProba(data: Matrix): Float32Array {
    if (data.dims !== this.dims) {
      throw new Error(`SVM expects ${this.dims} features, got ${data.dims}`);
    }
    const out = new Float32Array(data.rows * this.classes);
    this.svm.predictProbability(_rows(data)).forEach((r, i) => {
      for (const e of r.estimates) out[i * this.classes + e.label] = e.probability;
    });
    return out;
  }

  /** `{family, classes, dims, hyper, model}`, `model` libsvm's own text format. */
  toJSON(): Record<string, unknown> {
    return {
      family: this.family,
      classes: this.classes,
      dims: this.dims,
      hyper: this.hyper,
      model: this.svm.serializeModel(),
    };
  }

  /** Rebuilds a classifier from {@linkcode SvmClassifier.toJSON}'s output. */
  static fromJSON(lib: LibSvmModule, j: Record<string, unknown>): SvmClassifier {
    if (j.family !== "svm" || typeof j.model !== "string") {
      throw new Error("not a serialised SVM (family or model missing)");
    }
    return new SvmClassifier(
      lib.load(j.model),
      Number(j.classes),
      Number(j.dims),
      j.hyper as SvmHyper,
    );
  }

  /** Frees libsvm's memory for this model. */
  free(): void {
    this.svm.free();
  }
}

function _rows(m: Matrix): number[][] {
  return Array.from(
    { length: m.rows },
    (_, i) => Array.from(m.x.subarray(i * m.dims, (i + 1) * m.dims)),
  );
}
