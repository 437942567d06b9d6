/**
 * How far the SVM family's ONNX export (onnxruntime-node) is from serlab's own probabilities
 * (libsvm): SVMs fitted on 300 rows of 8 random features with 2, 3, 5 and 6 classes, linear and
 * RBF; for two classes also the form not taken, ai.onnx.ml `SVMClassifier`'s own coupling.
 * Validation only: nothing is chosen on it but the export's form (docs/models.md#the-registry).
 *
 * ```sh
 * deno run -A tools/svm_onnx_agreement.ts
 * ```
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { encodeModel, type OnnxNode } from "../lib/onnx/mod.ts";
import type { OnnxPart } from "../lib/model/family.ts";
import { SVM } from "../lib/model/svm/family.ts";
import { parseSvmModel } from "../lib/model/svm/model_text.ts";
import { Random } from "../lib/util/random.ts";

const rows = 300, dims = 8, runtime = await SVM.load();

async function _run(part: OnnxPart, x: Float32Array, classes: number): Promise<Float32Array> {
  const bytes = encodeModel({
    name: "svm",
    ...part,
    inputs: [{ name: "features", shape: ["n", dims] }],
    outputs: [{ name: "probabilities", shape: ["n", classes] }],
  });
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ features: new ort.Tensor("float32", x, [rows, dims]) });
  return out.probabilities.data as Float32Array;
}

function _apart(a: Float32Array, b: Float32Array): string {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0).toExponential(2);
}

for (const classes of [2, 3, 5, 6]) {
  for (const kernel of ["linear", "rbf"] as const) {
    const rng = new Random(classes);
    const y = Int32Array.from({ length: rows }, (_, i) => i % classes);
    const x = Float32Array.from({ length: rows * dims }, () => rng.normal() * 1.5);
    for (let i = 0; i < rows; i++) x[i * dims + y[i]] += 0.8;
    const data = { x, rows, dims };
    const json = runtime.fit(data, y, classes, SVM.candidates[`svm-${kernel}`](1), 0).toJSON();
    const serlab = runtime.fromJSON(json).predictProba(data);
    const exported = await _run(SVM.onnx(json, "features", "probabilities"), x, classes);
    let line = `${classes} classes, ${kernel}: max |ONNX - predict| ${_apart(exported, serlab)}`;
    if (classes === 2) {
      // the operator's own probabilities: prob_a/prob_b on the node, its columns as they are
      const m = parseSvmModel(json.model as string, dims);
      const node: OnnxNode = SVM.onnx(json, "features", "probabilities").nodes[0];
      node.attributes = {
        ...node.attributes,
        prob_a: { floats: m.probA },
        prob_b: { floats: m.probB },
      };
      node.outputs = ["label", "svm"];
      const permutation = new Float32Array(4);
      m.labels.forEach((label, i) => permutation[i * 2 + label] = 1);
      const own = await _run(
        {
          nodes: [node, { op: "MatMul", inputs: ["svm", "classes"], outputs: ["probabilities"] }],
          initializers: [{ name: "classes", dims: [2, 2], type: "float", values: permutation }],
          opsets: { "": 13, "ai.onnx.ml": 1 },
        },
        x,
        classes,
      );
      line += `; with SVMClassifier's own coupling ${_apart(own, serlab)}`;
    }
    console.log(line);
  }
}
