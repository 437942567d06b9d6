/** The four ASCII bytes at `at`, as a chunk identifier ("RIFF", "fmt ", "SSND", ...). */
export function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}
