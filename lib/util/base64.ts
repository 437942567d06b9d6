/**
 * Base64 text of `bytes` (standard alphabet, padded).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encodeBase64 } from "./base64.ts";
 * assertEquals(encodeBase64(new Uint8Array([1, 2, 3])), "AQID");
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

/**
 * The bytes of base64 text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { decodeBase64 } from "./base64.ts";
 * assertEquals(decodeBase64("AQID"), Uint8Array.of(1, 2, 3));
 * ```
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
