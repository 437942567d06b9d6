/**
 * A minimal protocol-buffers writer: the wire format (varints, fixed32, length-delimited fields)
 * that ONNX files are made of.
 *
 * @module
 */

/**
 * Builds one protobuf message field by field.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ProtoWriter } from "./proto.ts";
 * assertEquals(new ProtoWriter().int(1, 150).bytes(), Uint8Array.of(8, 150, 1));
 * ```
 */
export class ProtoWriter {
  #parts: Uint8Array[] = [];
  #length = 0;

  /** A varint field (int32, int64, enum, bool); negative values as ten-byte two's complement. */
  int(field: number, value: number | bigint): this {
    this.#tag(field, 0);
    this.#push(_varint(BigInt(value)));
    return this;
  }

  /** A float field (fixed32). */
  float(field: number, value: number): this {
    this.#tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.#push(b);
    return this;
  }

  /** A length-delimited field: bytes, a UTF-8 string, or an embedded message. */
  bytes(): Uint8Array;
  bytes(field: number, value: Uint8Array | string | ProtoWriter): this;
  bytes(field?: number, value?: Uint8Array | string | ProtoWriter): this | Uint8Array {
    if (field === undefined) {
      const out = new Uint8Array(this.#length);
      let at = 0;
      for (const p of this.#parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    }
    const b = typeof value === "string"
      ? new TextEncoder().encode(value)
      : value instanceof ProtoWriter
      ? value.bytes()
      : value!;
    this.#tag(field, 2);
    this.#push(_varint(BigInt(b.length)));
    this.#push(b);
    return this;
  }

  #tag(field: number, wire: number): void {
    this.#push(_varint(BigInt(field * 8 + wire)));
  }

  #push(b: Uint8Array): void {
    this.#parts.push(b);
    this.#length += b.length;
  }
}

function _varint(v: bigint): Uint8Array {
  if (v < 0n) v = BigInt.asUintN(64, v);
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? low | 0x80 : low);
  } while (v);
  return Uint8Array.from(out);
}
