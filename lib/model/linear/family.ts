import type { ClassifierFamily } from "../family.ts";
import { fitLogistic, type LogisticHyper, LogisticRegression } from "./logistic.ts";

/**
 * Logistic regression as a registered family: candidate "logistic" (strength `c` is the L2
 * penalty); the card holds `classes × (dims + 1)` weights with the temperature folded in
 * (softmax(z / T) is softmax(log p / T)); ONNX is Gemm → Softmax (opset 13).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { LOGISTIC } from "./family.ts";
 * const { fit } = await LOGISTIC.load();
 * const m = fit({ x: Float32Array.of(-1, 1), rows: 2, dims: 1 }, Int32Array.of(0, 1), 2, { l2: 0.1 }, 0);
 * assertEquals(LOGISTIC.onnx(m.toJSON(), "x", "p").nodes.map((n) => n.op), ["Gemm", "Softmax"]);
 * ```
 */
export const LOGISTIC = {
  name: "logistic",
  candidates: { logistic: (c) => ({ l2: c }) },
  load: () => Promise.resolve({ fit: fitLogistic, fromJSON: LogisticRegression.fromJSON }),
  check(json, { dims, classes, fail }) {
    const weights = json.weights, length = classes * (dims + 1);
    if (!Array.isArray(weights) || weights.length !== length) {
      fail(
        "weights",
        `must hold ${length} numbers (${classes} classes × (${dims} features + a bias)), ` +
          `holds ${Array.isArray(weights) ? weights.length : "none"}`,
      );
    }
    const bad = (weights as unknown[]).findIndex((w) => typeof w !== "number" || !isFinite(w));
    if (bad >= 0) {
      fail(
        `weights[${bad}]`,
        `${JSON.stringify((weights as unknown[])[bad])} is not a finite number`,
      );
    }
  },
  calibrate: (json, t) => ({ ...json, weights: (json.weights as number[]).map((w) => w / t) }),
  onnx(json, input, output) {
    const d = Number(json.dims), k = Number(json.classes), w = json.weights as number[];
    // the weights are class-major, each class's d weights then its bias
    const gemm = new Float32Array(d * k), bias = new Float32Array(k);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) gemm[j * k + c] = w[c * (d + 1) + j];
      bias[c] = w[c * (d + 1) + d];
    }
    return {
      nodes: [
        {
          op: "Gemm",
          inputs: [input, `${output}_weights`, `${output}_bias`],
          outputs: [`${output}_scores`],
        },
        { op: "Softmax", inputs: [`${output}_scores`], outputs: [output], attributes: { axis: 1 } },
      ],
      initializers: [
        { name: `${output}_weights`, dims: [d, k], type: "float", values: gemm },
        { name: `${output}_bias`, dims: [k], type: "float", values: bias },
      ],
      opsets: { "": 13 },
    };
  },
} satisfies ClassifierFamily<LogisticHyper>;
