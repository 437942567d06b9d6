/**
 * Writing ONNX models: a small protobuf encoder and the ONNX messages a deployable model needs
 * (`ModelProto`, `GraphProto`, `NodeProto`, `TensorProto`, `ValueInfoProto`), and the builder
 * the families' exports write their nodes and constants with (`GraphBuilder`).
 *
 * ```ts
 * import { assert } from "@std/assert";
 * import { encodeModel } from "./mod.ts";
 * const bytes = encodeModel({
 *   name: "identity", opsets: { "": 13 }, initializers: [],
 *   nodes: [{ op: "Identity", inputs: ["x"], outputs: ["y"] }],
 *   inputs: [{ name: "x", shape: [1] }], outputs: [{ name: "y", shape: [1] }],
 * });
 * assert(bytes.length > 0);
 * ```
 *
 * @module
 */
export { ProtoWriter } from "./proto.ts";
export { GraphBuilder } from "./builder.ts";
export {
  type AttributeValue,
  encodeModel,
  IR_VERSION,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValue,
} from "./graph.ts";
