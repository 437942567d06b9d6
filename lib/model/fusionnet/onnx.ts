import { encodeModel, type OnnxNode, type OnnxTensor } from "../../onnx/mod.ts";
import { fusionWidth, type TrainedFusionNet } from "./model.ts";
import type { ModelCard } from "./save.ts";

/**
 * SER-FusionNet as one ONNX graph (opset 13). Inputs: `features` `[n, 170]` (the
 * [acoustic, statistical] vector after the speaker's or the global standardisation) and `gender`
 * `[n, 1]` (0 male, 1 female, -1 to estimate it with the model's gender classifier); output
 * `probabilities` `[n, labels]`. The model's own scalers are Sub/Div; TensorFlow's channels-last
 * Conv1D / MaxPool1D ("same") become Conv / MaxPool on `[n, channels, length]` with TensorFlow's
 * padding split (the extra pad after), transposed back before Flatten; Dense layers are Gemm;
 * the card's temperature (`calibration`) divides the last layer's output before the Softmax.
 *
 * @example
 * ```ts ignore
 * const bytes = fusionNetOnnx(card, model);
 * await Deno.writeFile("model.onnx", bytes);
 * ```
 */
export function fusionNetOnnx(card: ModelCard, model: TrainedFusionNet): Uint8Array {
  const nodes: OnnxNode[] = [], init: OnnxTensor[] = [];
  let k = 0;
  const t = (prefix: string) => `${prefix}_${k++}`;
  const constant = (
    dims: number[],
    values: ArrayLike<number>,
    type: "float" | "int64" = "float",
  ) => {
    const name = t("c");
    init.push({ name, dims, type, values });
    return name;
  };
  const op = (op: string, inputs: string[], attributes?: OnnxNode["attributes"]) => {
    const out = t(op.toLowerCase());
    nodes.push({ op, inputs, outputs: [out], attributes });
    return out;
  };
  const dense = (x: string, w: Float32Array, b: Float32Array, inputs: number, relu: boolean) => {
    const y = op("Gemm", [x, constant([inputs, b.length], w), constant([b.length], b)]);
    return relu ? op("Relu", [y]) : y;
  };
  // temperature scaling (the card's calibration): softmax(z / T)
  const calibrated = (z: string) =>
    card.calibration ? op("Div", [z, constant([1], [card.calibration.temperature])]) : z;
  const columns = (x: string, from: number, to: number) =>
    op("Slice", [
      x,
      constant([1], [from], "int64"),
      constant([1], [to], "int64"),
      constant([1], [1], "int64"),
    ]);

  // the model's own scalers over [acoustic, statistical]
  const s = model.scalers;
  const scaled = op("Div", [
    op("Sub", ["features", constant([1, 170], [...s.acoustic.mean, ...s.statistical.mean])]),
    constant([1, 170], [...s.acoustic.scale, ...s.statistical.scale]),
  ]);
  const acoustic = columns(scaled, 0, 162), statistical = columns(scaled, 162, 170);
  const { inputs, extractor: c } = model.settings;
  const parts: string[] = [];
  if (inputs.deep) {
    if (!model.extractor) throw new Error("the model has no extractor");
    const w = model.extractor.getWeights();
    let x = op("Reshape", [acoustic, constant([3], [0, 1, c.inputLength], "int64")]);
    let length = c.inputLength, channels = 1, at = 0;
    for (let l = 0; l < c.convLayers; l++) {
      // Keras kernel [kernel, in, out] -> ONNX [out, in, kernel]
      const kernel = w[at++], bias = w[at++];
      const onnx = new Float32Array(c.filters * channels * c.kernel);
      for (let i = 0; i < c.kernel; i++) {
        for (let ci = 0; ci < channels; ci++) {
          for (let o = 0; o < c.filters; o++) {
            onnx[(o * channels + ci) * c.kernel + i] = kernel[(i * channels + ci) * c.filters + o];
          }
        }
      }
      x = op("Relu", [
        op("Conv", [
          x,
          constant([c.filters, channels, c.kernel], onnx),
          constant([c.filters], bias),
        ], {
          kernel_shape: [c.kernel],
          pads: _samePads(length, c.kernel, 1),
        }),
      ]);
      x = op("MaxPool", [x], {
        kernel_shape: [c.pool],
        strides: [c.stride],
        pads: _samePads(length, c.pool, c.stride),
      });
      length = Math.ceil(length / c.stride);
      channels = c.filters;
    }
    // Keras flattens [length, channels]
    x = op("Reshape", [
      op("Transpose", [x], { perm: [0, 2, 1] }),
      constant([2], [0, length * channels], "int64"),
    ]);
    const deep = dense(x, w[at], w[at + 1], length * channels, true);
    if (!model.fusion) {
      nodes.push({
        op: "Softmax",
        inputs: [calibrated(dense(deep, w[at + 2], w[at + 3], c.deep, false))],
        outputs: ["probabilities"],
        attributes: { axis: 1 },
      });
      return _encode(card, nodes, init);
    }
    parts.push(deep);
  }
  if (inputs.statistical) parts.push(statistical);
  if (inputs.gender) {
    let estimated: string | null = null;
    if (model.gender) {
      const [gw, gb] = model.gender.getWeights();
      const p = op("Softmax", [dense(scaled, gw, gb, 170, false)], { axis: 1 });
      estimated = op("Cast", [op("GreaterOrEqual", [columns(p, 1, 2), constant([1], [0.5])])], {
        to: 1,
      });
    }
    parts.push(
      estimated
        ? op("Where", [op("Less", ["gender", constant([1], [0])]), estimated, "gender"])
        : "gender",
    );
  }
  if (!model.fusion) throw new Error("the model has no classifier");
  let x = parts.length > 1 ? op("Concat", parts, { axis: 1 }) : parts[0];
  const fw = model.fusion.getWeights();
  let width = fusionWidth(model.settings);
  for (let l = 0; l < fw.length; l += 2) {
    const last = l + 2 >= fw.length;
    x = dense(x, fw[l], fw[l + 1], width, !last);
    width = fw[l + 1].length;
  }
  nodes.push({
    op: "Softmax",
    inputs: [calibrated(x)],
    outputs: ["probabilities"],
    attributes: { axis: 1 },
  });
  return _encode(card, nodes, init);
}

/** TensorFlow's "same" padding: ceil(n / stride) outputs, the odd pad after. */
function _samePads(n: number, kernel: number, stride: number): number[] {
  const out = Math.ceil(n / stride);
  const total = Math.max(0, (out - 1) * stride + kernel - n);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function _encode(card: ModelCard, nodes: OnnxNode[], initializers: OnnxTensor[]): Uint8Array {
  return encodeModel({
    name: "serlab-fusionnet",
    nodes,
    initializers,
    inputs: [{ name: "features", shape: ["n", 170] }, { name: "gender", shape: ["n", 1] }],
    outputs: [{ name: "probabilities", shape: ["n", card.labels.length] }],
    opsets: { "": 13 },
    doc: `SER-FusionNet trained by serlab; labels: ${card.labels.join(", ")}`,
  }, card.versions.serlab ?? "");
}
