/**
 * Voice quality and timing on the pYIN track, frame by frame. Each is a frame-level
 * approximation (serlab works on 2048-sample frames, not on single glottal cycles), defined here
 * with its source:
 *
 * - **Jitter** (after Praat's "jitter (local)", Boersma & Weenink; eGeMAPS, Eyben et al. 2016):
 *   between consecutive voiced frames, |T_t − T_{t−1}| / ((T_t + T_{t−1}) / 2), T = 1 / F0 the
 *   refined period; NaN elsewhere.
 * - **Shimmer** (after Praat's "shimmer (local, dB)"): between consecutive voiced frames,
 *   |20·log10(A_t / A_{t−1})| dB with A the frame's RMS amplitude; NaN elsewhere.
 * - **Harmonics-to-noise ratio** (Boersma 1993, "Accurate short-term analysis of the fundamental
 *   frequency and the harmonics-to-noise ratio of a sampled sound"): on voiced frames
 *   10·log10(r / (1 − r)) dB with r the energy-normalised autocorrelation at the period's lag
 *   (YIN's `2·acf(τ) / (e₀ + e_τ)`), r clipped to [1e-4, 1 − 1e-4] (±40 dB); NaN elsewhere.
 * - **Loudness** (after Zwicker's and openSMILE's loudness: Stevens' power law on an auditory
 *   spectrum): Σ over 64 mel bands of the band power to the 0.3.
 * - **Segments** (eGeMAPS' temporal features): runs of voiced frames and the unvoiced runs
 *   between them (leading and trailing silence excluded), in seconds.
 *
 * @module
 */

/**
 * Frame-level jitter from a refined F0 track (Hz, NaN unvoiced).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "@std/assert";
 * import { jitter } from "./voice.ts";
 * const j = jitter(Float64Array.of(NaN, 100, 100, 125));
 * assertEquals(Array.from(j.subarray(0, 3)), [NaN, NaN, 0]);
 * assertAlmostEquals(j[3], 0.2222, 1e-4);
 * ```
 */
export function jitter(f0: Float64Array): Float64Array {
  const out = new Float64Array(f0.length).fill(NaN);
  for (let t = 1; t < f0.length; t++) {
    if (!(f0[t] > 0 && f0[t - 1] > 0)) continue;
    const a = 1 / f0[t], b = 1 / f0[t - 1];
    out[t] = Math.abs(a - b) / ((a + b) / 2);
  }
  return out;
}

/**
 * Frame-level shimmer in dB from frame amplitudes, on frames voiced with their predecessor.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "@std/assert";
 * import { shimmer } from "./voice.ts";
 * assertAlmostEquals(shimmer(Float64Array.of(1, 2, 2), Uint8Array.of(1, 1, 0))[1], 6.0206, 1e-4); // 20·log10(2) dB
 * ```
 */
export function shimmer(amplitude: Float64Array, voiced: Uint8Array): Float64Array {
  const out = new Float64Array(amplitude.length).fill(NaN);
  for (let t = 1; t < amplitude.length; t++) {
    if (!voiced[t] || !voiced[t - 1]) continue;
    const a = Math.max(amplitude[t], 1e-10), b = Math.max(amplitude[t - 1], 1e-10);
    out[t] = Math.abs(20 * Math.log10(a / b));
  }
  return out;
}

/**
 * Harmonics-to-noise ratio (dB) from the periodicity at each voiced frame's lag (NaN where
 * the lag is negative, i.e. unvoiced).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "@std/assert";
 * import { harmonicsToNoise } from "./voice.ts";
 * const hnr = harmonicsToNoise(Float64Array.of(0.9, NaN));
 * assertAlmostEquals(hnr[0], 10 * Math.log10(0.9 / 0.1), 1e-9); // 9.54 dB
 * assertEquals(hnr[1], NaN);
 * ```
 */
export function harmonicsToNoise(periodicity: Float64Array): Float64Array {
  return periodicity.map((r) => {
    if (Number.isNaN(r)) return NaN;
    const c = Math.min(Math.max(r, 1e-4), 1 - 1e-4);
    return 10 * Math.log10(c / (1 - c));
  });
}

/**
 * Loudness per frame from mel powers (`frames * bands`, frame-major).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loudness } from "./voice.ts";
 * assertEquals(loudness(Float64Array.of(1, 1, 0, 0), 2, 2), Float64Array.of(2, 0));
 * ```
 */
export function loudness(melPower: Float64Array, frames: number, bands: number): Float64Array {
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let acc = 0;
    for (let b = 0; b < bands; b++) acc += Math.pow(melPower[t * bands + b], 0.3);
    out[t] = acc;
  }
  return out;
}

/** Voiced runs and the unvoiced runs between them, in seconds. */
export interface Segments {
  voiced: number[];
  unvoiced: number[];
}

/**
 * The voiced and (inner) unvoiced segments of a voicing track; a frame lasts `hop / sr` s.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { segments } from "./voice.ts";
 * assertEquals(segments(Uint8Array.of(0, 1, 1, 0, 1, 0), 1, 1), { voiced: [2, 1], unvoiced: [1] });
 * ```
 */
export function segments(voiced: Uint8Array, hop: number, sr: number): Segments {
  const frame = hop / sr;
  const out: Segments = { voiced: [], unvoiced: [] };
  let t = 0;
  while (t < voiced.length && !voiced[t]) t++;
  while (t < voiced.length) {
    const from = t;
    const v = voiced[t];
    while (t < voiced.length && voiced[t] === v) t++;
    if (v) out.voiced.push((t - from) * frame);
    else if (t < voiced.length) out.unvoiced.push((t - from) * frame);
  }
  return out;
}
