import { encodeModel, GraphBuilder, type OnnxNode, type OnnxTensor } from "../../onnx/mod.ts";
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
  const g = new GraphBuilder();
  const dense = (x: string, w: Float32Array, b: Float32Array, inputs: number, relu: boolean) => {
    const y = g.op("Gemm", [x, g.constant([inputs, b.length], w), g.constant([b.length], b)]);
    return relu ? g.op("Relu", [y]) : y;
  };
  // temperature scaling (the card's calibration): softmax(z / T)
  const calibrated = (z: string) =>
    card.calibration ? g.op("Div", [z, g.constant([1], [card.calibration.temperature])]) : z;
  const columns = (x: string, from: number, to: number) =>
    g.op("Slice", [
      x,
      g.constant([1], [from], "int64"),
      g.constant([1], [to], "int64"),
      g.constant([1], [1], "int64"),
    ]);

  // the model's own scalers over [acoustic, statistical]
  const s = model.scalers;
  const scaled = g.op("Div", [
    g.op("Sub", ["features", g.constant([1, 170], [...s.acoustic.mean, ...s.statistical.mean])]),
    g.constant([1, 170], [...s.acoustic.scale, ...s.statistical.scale]),
  ]);
  const acoustic = columns(scaled, 0, 162), statistical = columns(scaled, 162, 170);
  const { inputs, extractor: c } = model.settings;
  const parts: string[] = [];
  if (inputs.deep) {
    if (!model.extractor) throw new Error("the model has no extractor");
    const w = model.extractor.getWeights();
    let x = g.op("Reshape", [acoustic, g.constant([3], [0, 1, c.inputLength], "int64")]);
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
      x = g.op("Relu", [
        g.op("Conv", [
          x,
          g.constant([c.filters, channels, c.kernel], onnx),
          g.constant([c.filters], bias),
        ], {
          kernel_shape: [c.kernel],
          pads: _samePads(length, c.kernel, 1),
        }),
      ]);
      x = g.op("MaxPool", [x], {
        kernel_shape: [c.pool],
        strides: [c.stride],
        pads: _samePads(length, c.pool, c.stride),
      });
      length = Math.ceil(length / c.stride);
      channels = c.filters;
    }
    // Keras flattens [length, channels]
    x = g.op("Reshape", [
      g.op("Transpose", [x], { perm: [0, 2, 1] }),
      g.constant([2], [0, length * channels], "int64"),
    ]);
    const deep = dense(x, w[at], w[at + 1], length * channels, true);
    if (!model.fusion) {
      g.nodes.push({
        op: "Softmax",
        inputs: [calibrated(dense(deep, w[at + 2], w[at + 3], c.deep, false))],
        outputs: ["probabilities"],
        attributes: { axis: 1 },
      });
      return _encode(card, g.nodes, g.initializers);
    }
    parts.push(deep);
  }
  if (inputs.statistical) parts.push(statistical);
  if (inputs.gender) {
    let estimated: string | null = null;
    if (model.gender) {
      const [gw, gb] = model.gender.getWeights();
      const p = g.op("Softmax", [dense(scaled, gw, gb, 170, false)], { axis: 1 });
      estimated = g.op(
        "Cast",
        [g.op("GreaterOrEqual", [columns(p, 1, 2), g.constant([1], [0.5])])],
        {
          to: 1,
        },
      );
    }
    parts.push(
      estimated
        ? g.op("Where", [g.op("Less", ["gender", g.constant([1], [0])]), estimated, "gender"])
        : "gender",
    );
  }
  if (!model.fusion) throw new Error("the model has no classifier");
  let x = parts.length > 1 ? g.op("Concat", parts, { axis: 1 }) : parts[0];
  const fw = model.fusion.getWeights();
  let width = fusionWidth(model.settings);
  for (let l = 0; l < fw.length; l += 2) {
    const last = l + 2 >= fw.length;
    x = dense(x, fw[l], fw[l + 1], width, !last);
    width = fw[l + 1].length;
  }
  g.nodes.push({
    op: "Softmax",
    inputs: [calibrated(x)],
    outputs: ["probabilities"],
    attributes: { axis: 1 },
  });
  return _encode(card, g.nodes, g.initializers);
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
