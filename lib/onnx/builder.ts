import type { OnnxNode, OnnxTensor } from "./graph.ts";

/**
 * Collects a graph's nodes and constants as a model is written out: each constant and each
 * one-output node gets a fresh name, `PREFIX` + its kind (`c` for a constant, the operator in
 * lower case) + `_` + a counter, so that several parts of one graph (two networks, each with its
 * own prefix) never clash.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { GraphBuilder } from "./builder.ts";
 * const g = new GraphBuilder("net_");
 * const y = g.op("Relu", [g.op("Add", ["x", g.constant([1], [0.5])])]);
 * assertEquals([y, g.nodes.length, g.initializers[0].name], ["net_relu_2", 2, "net_c_0"]);
 * ```
 */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  readonly #prefix: string;
  #n = 0;

  constructor(prefix = "") {
    this.#prefix = prefix;
  }

  /** A constant tensor (float32 unless `type` says int64); returns its name. */
  constant(dims: number[], values: ArrayLike<number>, type: "float" | "int64" = "float"): string {
    const name = this.#name("c");
    this.initializers.push({ name, dims, type, values });
    return name;
  }

  /** A node of operator `op` with one output; returns the output's name. */
  op(op: string, inputs: string[], attributes?: OnnxNode["attributes"]): string {
    const out = this.#name(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [out], attributes });
    return out;
  }

  #name(kind: string): string {
    return `${this.#prefix}${kind}_${this.#n++}`;
  }
}
