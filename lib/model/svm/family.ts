import { applyTemperature } from "../calibration.ts";
import type { Classifier, Matrix } from "../classifier.ts";
import type { ClassifierFamily } from "../family.ts";
import { libsvm } from "./libsvm.ts";
import { parseSvmModel } from "./model_text.ts";
import { svmOnnx } from "./onnx.ts";
import { fitSvm, SvmClassifier, type SvmHyper } from "./svm.ts";

/**
 * libsvm's C-SVC as a registered family: candidates "svm-linear" and "svm-rbf" (strength `c` is
 * libsvm's C; the RBF's gamma is 1/dims); the card holds libsvm's model text (`model`), and a
 * `temperature` when calibrated (libsvm's probabilities are not a softmax of scores it keeps, so
 * the temperature is applied to them: softmax(log p / T)); ONNX is ai.onnx.ml's `SVMClassifier`.
 * libsvm runs as asm.js (npm `libsvm-js`), loaded once, asynchronously, by {@linkcode libsvm},
 * in Deno and in the browser page alike (`deno bundle` inlines it: 265 kB more page script).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { SVM } from "./family.ts";
 * const { fit } = await SVM.load();
 * const x = Float32Array.of(-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, -1.2, 1.2);
 * const m = fit({ x, rows: 10, dims: 1 }, Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 0, 1), 2, SVM.candidates["svm-linear"](1), 0);
 * assert(m.predictProba({ x: Float32Array.of(3), rows: 1, dims: 1 })[1] > 0.5);
 * ```
 */
export const SVM = {
  name: "svm",
  candidates: {
    "svm-linear": (c) => ({ kernel: "linear", cost: c }),
    "svm-rbf": (c) => ({ kernel: "rbf", cost: c }),
  },
  async load() {
    const lib = await libsvm();
    return {
      fit: (data, labels, classes, hyper, seed) => fitSvm(lib, data, labels, classes, hyper, seed),
      fromJSON(json) {
        const model = SvmClassifier.fromJSON(lib, json);
        return json.temperature === undefined
          ? model
          : new _Calibrated(model, Number(json.temperature));
      },
    };
  },
  check(json, { dims, classes, fail }) {
    const hyper = (json.hyper ?? {}) as Partial<SvmHyper>;
    if (hyper.kernel !== "linear" && hyper.kernel !== "rbf") {
      fail("hyper.kernel", `${JSON.stringify(hyper.kernel)}, expected "linear" or "rbf"`);
    }
    if (!(typeof hyper.cost === "number" && hyper.cost > 0 && isFinite(hyper.cost))) {
      fail("hyper.cost", `must be a positive number, got ${JSON.stringify(hyper.cost)}`);
    }
    if (typeof json.model !== "string") fail("model", "missing or not text (libsvm's model)");
    let labels: number[] = [];
    try {
      const m = parseSvmModel(json.model as string, dims);
      if (m.kernel !== hyper.kernel) {
        throw new Error(`kernel_type: "${m.kernel}", but hyper.kernel is "${hyper.kernel}"`);
      }
      labels = m.labels;
    } catch (e) {
      fail("model", (e as Error).message);
    }
    const unknown = labels.find((l) => l >= classes);
    if (unknown !== undefined) fail("model", `label ${unknown}, but there are ${classes} labels`);
    if (json.temperature !== undefined) {
      const t = json.temperature;
      if (typeof t !== "number" || !(t > 0) || !isFinite(t)) {
        fail("temperature", `must be a positive finite number, got ${JSON.stringify(t)}`);
      }
    }
  },
  calibrate: (json, temperature) => ({ ...json, temperature }),
  onnx(json, input, output) {
    const t = json.temperature === undefined ? null : Number(json.temperature);
    const m = parseSvmModel(json.model as string, Number(json.dims));
    return svmOnnx(m, Number(json.classes), t, input, output);
  },
} satisfies ClassifierFamily<SvmHyper>;

/** An SVM whose probabilities are temperature-scaled. */
class _Calibrated implements Classifier {
  readonly family = "svm";
  readonly classes: number;
  constructor(private readonly svm: SvmClassifier, private readonly temperature: number) {
    this.classes = svm.classes;
  }

  predictProba(data: Matrix): Float32Array {
    return applyTemperature(this.svm.predictProba(data), this.classes, this.temperature);
  }

  toJSON(): Record<string, unknown> {
    return { ...this.svm.toJSON(), temperature: this.temperature };
  }

  free(): void {
    this.svm.free();
  }
}
