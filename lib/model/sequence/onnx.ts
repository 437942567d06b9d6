/**
 * The deployed sequence model as one ONNX graph (opset 13).
 *
 * @module
 */
import { FRAME_COUNT, FRAME_NAMES } from "../../features/frames.ts";
import { encodeModel, GraphBuilder } from "../../onnx/mod.ts";
import type { OnnxExport } from "../deployable.ts";
import { HEADS, headsSpec } from "../_heads.ts";
import type { SequenceCard } from "./card.ts";
import type { SequenceModelJSON } from "./model.ts";
import { parameterBlocks } from "./_net.ts";

/**
 * Both networks of the card as one ONNX graph on standardised frames: input `frames`
 * `[n, t, 60]` (t = 108 for the paper's cut); output `probabilities` from the `inductive` network (frames standardised by
 * `globalScaler`) and `probabilities_own_statistics` from the `speaker` network (frames
 * standardised by the speaker's or domain's own statistics). Each network is the kernels'
 * computation (`kernels/sequence.ts`) in standard operators: its own standardisation (Sub, Mul),
 * Conv1D k=5 and k=3 with zero "same" padding as Conv on `[n, channels, frames]` (the kernels'
 * taps `w[k][in][out]` become ONNX's `W[out][in][k]`), ReLU, attention pooling (MatMul, Tanh,
 * MatMul, Softmax over frames, the weighted sum as Mul and ReduceSum), the output layer as Gemm,
 * the temperature as a Div before the Softmax.
 *
 * @example
 * ```ts ignore
 * const { model, spec } = sequenceOnnx(card);
 * await Deno.writeFile("model.onnx", model);
 * ```
 */
export function sequenceOnnx(card: SequenceCard): OnnxExport {
  const parts = [card.inductive, card.speaker];
  const heads = HEADS.map((h, i) => ({ output: h.output, part: parts[i] }));
  const graphs = heads.map((h) =>
    _network(h.part.network, h.part.calibration.temperature, "frames", h.output)
  );
  const f = FRAME_NAMES.length, k = card.labels.length;
  const model = encodeModel({
    name: "serlab-sequence",
    nodes: graphs.flatMap((g) => g.nodes),
    initializers: graphs.flatMap((g) => g.initializers),
    inputs: [{ name: "frames", shape: ["n", "t", f] }],
    outputs: heads.map((h) => ({ name: h.output, shape: ["n", k] })),
    opsets: { "": 13 },
    doc: `serlab sequence model (${card.recipe}); labels: ${card.labels.join(", ")}`,
  }, card.versions.serlab ?? "");
  const spec = {
    format: "serlab-onnx-spec/1",
    family: "sequence",
    opset: 13,
    labels: card.labels,
    inputs: {
      frames: {
        shape: ["n", "t", f],
        names: FRAME_NAMES,
        description: `t frames of serlab's frame descriptors (hop 512 at 22,050 Hz: ` +
          `${FRAME_COUNT} over the paper's 2.5 s cut, a shorter clip padded with silence to ` +
          "2.5 s, every frame of a longer speech segment; see docs/models.md), each frame " +
          "standardised: (x - mean) / scale with `globalScaler` " +
          "(read output `probabilities`), or with the speaker's enrolment or the target " +
          "domain's statistics over frames (read output `probabilities_own_statistics`)",
        load: card.load,
        globalScaler: card.globalScaler,
        speakerNormalized: true,
      },
    },
    outputs: headsSpec(card.labels),
  };
  return { model, spec };
}

/** One network's nodes from `input` to `output`, its names prefixed by `output`. */
function _network(
  json: SequenceModelJSON,
  temperature: number,
  input: string,
  output: string,
): GraphBuilder {
  const g = new GraphBuilder(`${output}_`);
  const { features: f, classes: C, hidden: H, attention: A } = json.shape;
  const blocks = _blocks(json);
  const F = blocks["conv1.w"].rows / 5, Cp = blocks["output.w"].cols;
  // ONNX's W[out][in][k] from the kernels' w[k][in][out], `perTap` rows a tap (real inputs only)
  const taps = (w: Float32Array, K: number, I: number, perTap: number) =>
    Float32Array.from({ length: H * I * K }, (_, j) => {
      const o = Math.floor(j / (I * K)), i = Math.floor(j / K) % I, k = j % K;
      return w[(k * perTap + i) * H + o];
    });
  const conv = (
    x: string,
    w: Float32Array,
    b: Float32Array,
    K: number,
    I: number,
    perTap: number,
  ) =>
    g.op("Relu", [
      g.op("Conv", [x, g.constant([H, I, K], taps(w, K, I, perTap)), g.constant([H], b)], {
        kernel_shape: [K],
        pads: [K >> 1, K >> 1],
      }),
    ]);
  const x = g.op("Mul", [
    g.op("Sub", [input, g.constant([f], json.mean)]),
    g.constant([f], json.scale),
  ]);
  const h1 = conv(
    g.op("Transpose", [x], { perm: [0, 2, 1] }),
    blocks["conv1.w"].values,
    blocks["conv1.b"].values,
    5,
    f,
    F,
  );
  const h2 = g.op("Transpose", [
    conv(h1, blocks["conv2.w"].values, blocks["conv2.b"].values, 3, H, H),
  ], { perm: [0, 2, 1] });
  const u = g.op("Tanh", [
    g.op("Add", [
      g.op("MatMul", [h2, g.constant([H, A], blocks["attention.w"].values)]),
      g.constant([A], blocks["attention.b"].values),
    ]),
  ]);
  const alpha = g.op("Softmax", [
    g.op("MatMul", [u, g.constant([A, 1], blocks["attention.v"].values)]),
  ], {
    axis: 1,
  });
  const pooled = g.op("ReduceSum", [g.op("Mul", [h2, alpha]), g.constant([1], [1], "int64")], {
    keepdims: 0,
  });
  const wo = blocks["output.w"].values, bo = blocks["output.b"].values;
  const logits = g.op("Gemm", [
    pooled,
    g.constant(
      [H, C],
      Float32Array.from({ length: H * C }, (_, j) => wo[Math.floor(j / C) * Cp + j % C]),
    ),
    g.constant([C], bo.subarray(0, C)),
  ]);
  g.nodes.push({
    op: "Softmax",
    inputs: [g.op("Div", [logits, g.constant([1], [temperature])])],
    outputs: [output],
    attributes: { axis: 1 },
  });
  return g;
}

/** The parameter blocks of a saved network, by name, with their values. */
function _blocks(
  json: SequenceModelJSON,
): Record<string, { rows: number; cols: number; values: Float32Array }> {
  const p = Float32Array.from(json.parameters);
  let at = 0;
  return Object.fromEntries(
    parameterBlocks(json.shape).map((b) => {
      const values = p.subarray(at, at + b.rows * b.cols);
      at += b.rows * b.cols;
      return [b.name, { ...b, values }];
    }),
  );
}
