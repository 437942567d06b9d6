/**
 * What the sequence model reads in a fold of a functional-set experiment: every clip's frame
 * descriptors, as they are or standardised by speaker.
 *
 * @module
 */
import { FRAME_FEATURES } from "../features/frames.ts";
import type { FrameReader } from "./best.ts";

/**
 * The frame reader of a fold: frames as they are (the sequence model standardises by its
 * training clips), or, given each clip's speaker, each speaker's frames standardised by all of
 * that speaker's frames (per-speaker: transductive).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FRAME_FEATURES } from "../features/frames.ts";
 * import { frameReader } from "./frame_reader.ts";
 * const a = new Float32Array(2 * FRAME_FEATURES).map((_, j) => j < FRAME_FEATURES ? 1 : 3);
 * const [x] = frameReader([a], ["s1"]).read([0]);
 * assertEquals([x[0], x[FRAME_FEATURES]], [-1, 1]);
 * ```
 */
export function frameReader(
  frames: (Float32Array | null)[],
  speakers: readonly string[] | null,
): FrameReader {
  const f = FRAME_FEATURES;
  const stats = new Map<string, { mean: Float64Array; inv: Float64Array }>();
  if (speakers) {
    const sum = new Map<string, { s: Float64Array; q: Float64Array; n: number }>();
    frames.forEach((x, i) => {
      if (!x) return;
      const k = speakers[i];
      if (!sum.has(k)) sum.set(k, { s: new Float64Array(f), q: new Float64Array(f), n: 0 });
      const a = sum.get(k)!;
      for (let j = 0; j < x.length; j++) a.s[j % f] += x[j], a.q[j % f] += x[j] * x[j];
      a.n += x.length / f;
    });
    for (const [k, a] of sum) {
      const mean = a.s.map((v) => v / a.n);
      const inv = a.q.map((v, j) => {
        const sd = Math.sqrt(Math.max(0, v / a.n - mean[j] * mean[j]));
        return sd > 1e-9 ? 1 / sd : 0;
      });
      stats.set(k, { mean, inv });
    }
  }
  return {
    features: f,
    read: (idx) =>
      idx.map((i) => {
        const x = frames[i]!;
        if (!speakers) return x;
        const { mean, inv } = stats.get(speakers[i])!;
        return x.map((v, j) => (v - mean[j % f]) * inv[j % f]);
      }),
  };
}
