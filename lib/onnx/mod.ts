/**
 * Writing ONNX models: a small protobuf encoder and the ONNX messages a deployable model needs
 * (`ModelProto`, `GraphProto`, `NodeProto`, `TensorProto`, `ValueInfoProto`).
 *
 * ```ts
 * import { encodeModel } from "./mod.ts";
 * ```
 *
 * @module
 */
export { ProtoWriter } from "./proto.ts";
export {
  type AttributeValue,
  encodeModel,
  IR_VERSION,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValue,
} from "./graph.ts";
