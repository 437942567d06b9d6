const TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/**
 * CRC-32 (IEEE 802.3, as zlib and PNG compute it) of `bytes`: a fast integrity check for
 * records on disk.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { crc32 } from "./crc32.ts";
 * assertEquals(crc32(new TextEncoder().encode("123456789")), 0xcbf43926); // the CRC-32 check value
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
