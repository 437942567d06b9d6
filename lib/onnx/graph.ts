import { ProtoWriter } from "./proto.ts";

/** An attribute value: an integer, a float, integers, floats, or a string. */
export type AttributeValue = number | number[] | string | { float: number } | {
  floats: ArrayLike<number>;
};

/** A node of the graph. */
export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
  /** Operator domain ("" is ai.onnx; "ai.onnx.ml" for the classic ML operators). */
  domain?: string;
}

/** A constant tensor (weights, shapes): float32 or int64. */
export interface OnnxTensor {
  name: string;
  dims: number[];
  type: "float" | "int64";
  values: ArrayLike<number>;
}

/** A graph input or output: float32 tensor of the given shape (strings are symbolic dims). */
export interface OnnxValue {
  name: string;
  shape: (number | string)[];
}

/** A whole model. */
export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  /** Operator sets: domain -> version (e.g. `{ "": 13 }`). */
  opsets: Record<string, number>;
  doc?: string;
}

/** ONNX IR version written (ONNX 1.8+, opset 13 era). */
export const IR_VERSION = 7;

const FLOAT = 1, INT64 = 7;

/**
 * Encodes a graph as an ONNX `ModelProto` (the bytes of a `.onnx` file).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encodeModel } from "./graph.ts";
 * const bytes = encodeModel({
 *   name: "relu", opsets: { "": 13 }, initializers: [],
 *   nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }],
 *   inputs: [{ name: "x", shape: ["n", 3] }], outputs: [{ name: "y", shape: ["n", 3] }],
 * });
 * assertEquals(bytes[0], 0x08); // field 1 (ir_version), a varint: an ONNX ModelProto
 * ```
 */
export function encodeModel(g: OnnxGraph, producerVersion = ""): Uint8Array {
  const graph = new ProtoWriter();
  g.nodes.forEach((n, i) => graph.bytes(1, _node(n, i)));
  graph.bytes(2, g.name);
  for (const t of g.initializers) graph.bytes(5, _tensor(t));
  if (g.doc) graph.bytes(10, g.doc);
  for (const v of g.inputs) graph.bytes(11, _value(v));
  for (const v of g.outputs) graph.bytes(12, _value(v));
  const model = new ProtoWriter().int(1, IR_VERSION).bytes(2, "serlab");
  if (producerVersion) model.bytes(3, producerVersion);
  model.bytes(7, graph);
  for (const [domain, version] of Object.entries(g.opsets)) {
    model.bytes(8, new ProtoWriter().bytes(1, domain).int(2, version));
  }
  return model.bytes();
}

function _node(n: OnnxNode, i: number): ProtoWriter {
  const w = new ProtoWriter();
  for (const x of n.inputs) w.bytes(1, x);
  for (const x of n.outputs) w.bytes(2, x);
  w.bytes(3, `${n.op}_${i}`).bytes(4, n.op);
  for (const [name, v] of Object.entries(n.attributes ?? {})) {
    const a = new ProtoWriter().bytes(1, name);
    if (typeof v === "number") a.int(3, v).int(20, 2);
    else if (typeof v === "string") a.bytes(4, v).int(20, 3);
    else if (Array.isArray(v)) {
      for (const x of v) a.int(8, x);
      a.int(20, 7);
    } else if ("floats" in v) {
      for (let i = 0; i < v.floats.length; i++) a.float(7, v.floats[i]);
      a.int(20, 6);
    } else a.float(2, v.float).int(20, 1);
    w.bytes(5, a);
  }
  if (n.domain) w.bytes(7, n.domain);
  return w;
}

function _tensor(t: OnnxTensor): ProtoWriter {
  const size = t.dims.reduce((a, b) => a * b, 1);
  if (size !== t.values.length) {
    throw new RangeError(`${t.name}: ${t.values.length} values for dims [${t.dims}]`);
  }
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.type === "float" ? FLOAT : INT64).bytes(8, t.name);
  const raw = t.type === "float"
    ? new Uint8Array(Float32Array.from(t.values).buffer)
    : new Uint8Array(BigInt64Array.from(Array.from(t.values, (x) => BigInt(x))).buffer);
  return w.bytes(9, raw);
}

function _value(v: OnnxValue): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    shape.bytes(
      1,
      typeof d === "number" ? new ProtoWriter().int(1, d) : new ProtoWriter().bytes(2, d),
    );
  }
  const tensor = new ProtoWriter().int(1, FLOAT).bytes(2, shape);
  return new ProtoWriter().bytes(1, v.name).bytes(2, new ProtoWriter().bytes(1, tensor));
}
