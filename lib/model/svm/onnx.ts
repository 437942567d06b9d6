import type { OnnxPart } from "../family.ts";
import type { SvmModelText } from "./model_text.ts";

/** The floor under a probability before its logarithm, as `applyTemperature`'s. */
const FLOOR = 1e-12;

/**
 * A libsvm C-SVC with probability estimates as ONNX nodes: the ai.onnx.ml `SVMClassifier`
 * operator (one-vs-one decision values, Platt's sigmoids, then the pairwise coupling of Wu, Lin
 * & Weng 2004 that libsvm's `svm_predict_probability` uses; for two classes the decision value
 * and Platt's sigmoid as standard operators, since libsvm then skips the coupling and
 * onnxruntime does not), its classes (libsvm's order, only those seen in training) mapped onto
 * the `classes` columns by a MatMul (0 for a class libsvm never saw), then, with a temperature,
 * softmax(log max(p, 1e-12) / T).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseSvmModel } from "./model_text.ts";
 * import { svmOnnx } from "./onnx.ts";
 * const m = parseSvmModel("svm_type c_svc\nkernel_type linear\nnr_class 2\ntotal_sv 2\nrho 0\nlabel 1 0\nprobA -1\nprobB 0\nnr_sv 1 1\nSV\n1 1:1\n-1 1:-1\n", 1);
 * assertEquals(svmOnnx(m, 3, null, "x", "p").nodes.map((n) => n.op).join(), "SVMClassifier,Mul,Add,Sigmoid,Clip,MatMul");
 * ```
 */
export function svmOnnx(
  m: SvmModelText,
  classes: number,
  temperature: number | null,
  input: string,
  output: string,
): OnnxPart {
  const k = m.labels.length;
  // column i of the probabilities before the MatMul is class m.labels[i]
  const permutation = new Float32Array(k * classes);
  m.labels.forEach((label, i) => permutation[i * classes + label] = 1);
  const raw = temperature === null ? output : `${output}_uncalibrated`;
  const part: OnnxPart = {
    nodes: [{
      op: "SVMClassifier",
      domain: "ai.onnx.ml",
      inputs: [input],
      outputs: [`${output}_label`, `${output}_svm`],
      attributes: {
        classlabels_ints: m.labels,
        coefficients: { floats: m.coef },
        kernel_params: { floats: [m.gamma, 0, 3] },
        kernel_type: m.kernel === "rbf" ? "RBF" : "LINEAR",
        post_transform: "NONE",
        // two classes: the operator's coupling differs from libsvm's (which takes the pair's
        // sigmoid as it is), so it gives the decision values and Platt's sigmoid follows
        ...(k > 2 ? { prob_a: { floats: m.probA }, prob_b: { floats: m.probB } } : {}),
        // the operator adds rho where libsvm subtracts it
        rho: { floats: m.rho.map((r) => -r) },
        support_vectors: { floats: m.sv },
        vectors_per_class: m.nSV,
      },
    }],
    initializers: [
      { name: `${output}_classes`, dims: [k, classes], type: "float", values: permutation },
    ],
    opsets: { "": 13, "ai.onnx.ml": 1 },
  };
  let pairs = `${output}_svm`;
  if (k === 2) {
    // the operator's scores are [-d, d]; [P(first), P(second)] = sigmoid(-(A·d + B), A·d + B),
    // clipped to [1e-7, 1 - 1e-7] as libsvm's svm_predict_probability does
    const n = (s: string) => `${output}_${s}`;
    part.nodes.push(
      { op: "Mul", inputs: [pairs, n("prob_a")], outputs: [n("ad")] },
      { op: "Add", inputs: [n("ad"), n("prob_b")], outputs: [n("platt")] },
      { op: "Sigmoid", inputs: [n("platt")], outputs: [n("sigmoid")] },
      { op: "Clip", inputs: [n("sigmoid"), n("min"), n("max")], outputs: [n("pairs")] },
    );
    part.initializers.push(
      { name: n("prob_a"), dims: [], type: "float", values: [m.probA[0]] },
      { name: n("prob_b"), dims: [2], type: "float", values: [-m.probB[0], m.probB[0]] },
      { name: n("min"), dims: [], type: "float", values: [1e-7] },
      { name: n("max"), dims: [], type: "float", values: [1 - 1e-7] },
    );
    pairs = n("pairs");
  }
  part.nodes.push({ op: "MatMul", inputs: [pairs, `${output}_classes`], outputs: [raw] });
  if (temperature !== null) {
    part.nodes.push(
      { op: "Max", inputs: [raw, `${output}_floor`], outputs: [`${output}_floored`] },
      { op: "Log", inputs: [`${output}_floored`], outputs: [`${output}_log`] },
      { op: "Div", inputs: [`${output}_log`, `${output}_temperature`], outputs: [`${output}_z`] },
      { op: "Softmax", inputs: [`${output}_z`], outputs: [output], attributes: { axis: 1 } },
    );
    part.initializers.push(
      { name: `${output}_floor`, dims: [], type: "float", values: [FLOOR] },
      { name: `${output}_temperature`, dims: [], type: "float", values: [temperature] },
    );
  }
  return part;
}
