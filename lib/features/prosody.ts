/**
 * The compact set's prosodic features: pitch (f0 in semitones), loudness and rhythm (voiced and
 * unvoiced segments, loudness peaks). Pitch and timing do not depend on the microphone or the
 * recording's bandwidth; a corpus classifier on them names the corpus far less often than on
 * the spectral, cepstral or voice-quality features (`lib/eval/domain.ts`, docs/domain.md).
 *
 * @module
 */
import { functionalSet } from "./sets.ts";

/** Names of the compact set's prosodic features. */
export const PROSODIC = /^(f0_|loudness_|voiced_(fraction|segment)|voiced_segments|unvoiced_)/;

/**
 * The compact set's columns that are prosodic, in order.
 *
 * @example
 * ```ts
 * import { prosodicColumns } from "./prosody.ts";
 * console.log(prosodicColumns().length); // 23
 * ```
 */
export function prosodicColumns(): number[] {
  return functionalSet("compact").names.flatMap((n, j) => PROSODIC.test(n) ? [j] : []);
}
