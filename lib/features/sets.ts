/**
 * Named functional sets over the low-level descriptors: `compact` (69 features in the spirit of
 * eGeMAPS, Eyben et al. 2016, each named and documented in {@linkcode COMPACT_FEATURES}) and
 * `large` (3,428 in the spirit of ComParE 2013, Schuller et al.: the 15 functionals of every
 * descriptor and of its delta). Which part of a recording they summarise is a load setting,
 * {@linkcode CUTS}: the whole recording or the paper's 2.5 s cut.
 *
 * @module
 */
import type { LoadSettings } from "../audio/load.ts";
import { delta } from "./delta.ts";
import { FUNCTIONAL_NAMES, functionals } from "./functionals.ts";
import { type LowLevelDescriptors, lowLevelDescriptors } from "./lld.ts";
import { segments } from "./voice.ts";

/** The names of the functional sets. */
export const SET_NAMES = Object.freeze(["compact", "large"] as const);
/** A functional set's name. */
export type SetName = typeof SET_NAMES[number];

/** The part of each recording a set summarises: all of it, or the paper's 2.5 s from 0.6 s. */
export const CUTS: Readonly<Record<"whole" | "paper", LoadSettings>> = Object.freeze({
  whole: Object.freeze({ sampleRate: 22050, offset: 0, duration: null }),
  paper: Object.freeze({ sampleRate: 22050, offset: 0.6, duration: 2.5 }),
});
/** A cut's name. */
export type Cut = keyof typeof CUTS;

/** A functional set: its name and its features' names, in order. */
export interface FunctionalSet {
  name: SetName;
  names: readonly string[];
}

/**
 * The named functional set.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { functionalSet } from "./sets.ts";
 * assertEquals(functionalSet("compact").names.length, 69);
 * assertEquals(functionalSet("large").names.length, 3428);
 * ```
 */
export function functionalSet(name: SetName): FunctionalSet {
  if (name === "compact") return { name, names: COMPACT_FEATURES.map((f) => f[0]) };
  if (name === "large") return { name, names: _largeNames() };
  throw new RangeError(`unknown feature set "${name}" (one of ${SET_NAMES.join(", ")})`);
}

/**
 * A clip's features in the named set: its low-level descriptors, then their functionals. Throws
 * for a clip too short for the descriptors (9 frames) or whose features are not finite.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { extractSet } from "./sets.ts";
 * const y = new Float32Array(55125).map((_, i) => Math.sin(2 * Math.PI * 200 * i / 22050));
 * assertEquals(extractSet(y, 22050, "compact").length, 69);
 * ```
 */
export function extractSet(y: Float32Array, sr: number, name: SetName): Float32Array {
  return setFromDescriptors(lowLevelDescriptors(y, sr), name);
}

/** The named set from descriptors already computed. */
export function setFromDescriptors(d: LowLevelDescriptors, name: SetName): Float32Array {
  const c = new _Context(d);
  let out: Float32Array;
  if (name === "compact") out = Float32Array.from(COMPACT_FEATURES, ([, , f]) => f(c));
  else if (name === "large") {
    const bases = _largeSeries();
    out = new Float32Array(_largeNames().length);
    let at = 0;
    for (const s of bases) {
      out.set(c.functionals(s), at);
      at += FUNCTIONAL_NAMES.length;
    }
    for (const [, , f] of TEMPORAL) out[at++] = f(c);
  } else throw new RangeError(`unknown feature set "${name}"`);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new RangeError(`feature ${functionalSet(name).names[bad]} is not finite`);
  }
  return out;
}

/** A feature: its name, what it is, and how it is computed. */
type Feature = readonly [string, string, (c: _Context) => number];

/** Descriptors and their functionals for one clip, each computed once. */
class _Context {
  readonly d: LowLevelDescriptors;
  readonly frameSeconds: number;
  readonly #series = new Map<string, Float64Array>();
  readonly #functionals = new Map<string, Float64Array>();
  #segments: ReturnType<typeof segments> | null = null;

  constructor(d: LowLevelDescriptors) {
    this.d = d;
    this.frameSeconds = d.hop / d.sampleRate;
  }

  /** A series by name: `<descriptor>[_<row>]`, with `_d` (delta) or `_dd` (delta-delta). */
  series(name: string): Float64Array {
    let s = this.#series.get(name);
    if (s) return s;
    const m = name.match(/^(.*?)(?:_(\d+))?(_d|_dd)?$/)!;
    const [, base, row, deriv] = m;
    const r = row ? Number(row) - 1 : 0;
    const rows = this.d.rows;
    if (deriv === "_dd") s = rows.mfcc_delta2[r];
    else if (deriv === "_d" && base === "mfcc") s = rows.mfcc_delta[r];
    else if (deriv === "_d") {
      const x = this.series(row ? `${base}_${row}` : base);
      s = VOICED_ONLY.has(base) ? _voicedDiff(x) : delta(x, 1);
    } else s = rows[SERIES[base]][r];
    this.#series.set(name, s);
    return s;
  }

  /** The 15 functionals of a series. */
  functionals(name: string): Float64Array {
    let f = this.#functionals.get(name);
    if (!f) {
      f = new Float64Array(FUNCTIONAL_NAMES.length);
      functionals(this.series(name), this.frameSeconds, f, 0);
      this.#functionals.set(name, f);
    }
    return f;
  }

  /** One functional of a series, e.g. `("loudness", "p50")`. */
  f(series: string, functional: typeof FUNCTIONAL_NAMES[number]): number {
    return this.functionals(series)[FUNCTIONAL_NAMES.indexOf(functional)];
  }

  get segments(): ReturnType<typeof segments> {
    return this.#segments ??= segments(
      Uint8Array.from(this.d.rows.pyin_voiced_flag[0]),
      this.d.hop,
      this.d.sampleRate,
    );
  }

  get seconds(): number {
    return this.d.frames * this.frameSeconds;
  }
}

/** Series names in the sets → the descriptor behind them. */
const SERIES: Record<string, keyof LowLevelDescriptors["rows"]> = {
  logmel64: "logmel64",
  mfcc: "mfcc",
  contrast: "spectral_contrast",
  flatness: "spectral_flatness",
  rolloff: "spectral_rolloff",
  centroid: "spectral_centroid",
  bandwidth: "spectral_bandwidth",
  flux: "onset_strength",
  zcr: "zcr",
  rms: "rms",
  loudness: "loudness",
  voiced_prob: "pyin_voiced_prob",
  f0_semitones: "f0_semitones",
  hnr: "hnr",
  jitter: "jitter",
  shimmer: "shimmer",
};

/**
 * Descriptors defined on voiced frames only: their functionals run over voiced frames, and
 * their delta is the difference between consecutive frames where both are defined.
 */
const VOICED_ONLY = new Set(["f0_semitones", "hnr", "jitter", "shimmer"]);

function _voicedDiff(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = 1; t < x.length; t++) out[t] = x[t] - x[t - 1]; // NaN unless both are defined
  return out;
}

function _mean(a: number[]): number {
  return a.length ? a.reduce((s, x) => s + x, 0) / a.length : 0;
}

function _std(a: number[]): number {
  const m = _mean(a);
  return a.length ? Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / a.length) : 0;
}

/** Rhythm and voicing over the whole clip (in both sets). */
const TEMPORAL: readonly Feature[] = [
  ["voiced_fraction", "share of frames pYIN calls voiced", (c) => {
    const v = c.d.rows.pyin_voiced_flag[0];
    return v.reduce((s, x) => s + x, 0) / v.length;
  }],
  [
    "voiced_segments_per_s",
    "voiced runs per second (a speaking-rate proxy: roughly syllable nuclei)",
    (c) => c.segments.voiced.length / c.seconds,
  ],
  ["voiced_segment_mean_s", "mean length of voiced runs, s", (c) => _mean(c.segments.voiced)],
  ["voiced_segment_std_s", "deviation of voiced run lengths, s", (c) => _std(c.segments.voiced)],
  [
    "unvoiced_segment_mean_s",
    "mean length of unvoiced runs between voiced ones, s",
    (c) => _mean(c.segments.unvoiced),
  ],
  [
    "unvoiced_segment_std_s",
    "deviation of those unvoiced run lengths, s",
    (c) => _std(c.segments.unvoiced),
  ],
  [
    "loudness_peaks_per_s",
    "loudness peaks per second: frames louder than both neighbours and than the clip's mean",
    (c) => {
      const l = c.series("loudness");
      const mean = c.f("loudness", "mean");
      let peaks = 0;
      for (let t = 1; t < l.length - 1; t++) {
        if (l[t] > l[t - 1] && l[t] >= l[t + 1] && l[t] > mean) peaks++;
      }
      return peaks / c.seconds;
    },
  ],
  ["duration_s", "seconds analysed", (c) => c.seconds],
];

const fn = (
  series: string,
  functional: typeof FUNCTIONAL_NAMES[number],
  what: string,
): Feature => [`${series}_${functional}`, what, (c) => c.f(series, functional)];

/**
 * The compact set, eGeMAPS-like: each feature's name, definition and computation. F0 is in
 * semitones above 27.5 Hz over voiced frames; loudness is `voice.ts`'s; "flux" is librosa's
 * onset strength.
 */
export const COMPACT_FEATURES: readonly Feature[] = Object.freeze([
  fn("f0_semitones", "mean", "mean F0, semitones, voiced frames"),
  fn("f0_semitones", "std", "F0 deviation, semitones"),
  fn("f0_semitones", "p20", "F0 20th percentile"),
  fn("f0_semitones", "p50", "median F0"),
  fn("f0_semitones", "p80", "F0 80th percentile"),
  fn("f0_semitones", "range_p20_p80", "F0 range, 20th to 80th percentile"),
  fn("f0_semitones", "slope", "F0 trend, semitones per second"),
  fn("f0_semitones_d", "std", "deviation of F0 change between voiced frames"),
  fn("loudness", "mean", "mean loudness"),
  fn("loudness", "std", "loudness deviation"),
  fn("loudness", "p20", "loudness 20th percentile"),
  fn("loudness", "p50", "median loudness"),
  fn("loudness", "p80", "loudness 80th percentile"),
  fn("loudness", "range_p20_p80", "loudness range, 20th to 80th percentile"),
  fn("loudness", "slope", "loudness trend per second"),
  fn("loudness_d", "std", "deviation of loudness change (dynamics)"),
  fn("jitter", "mean", "mean jitter (frame-level, relative period change)"),
  fn("jitter", "std", "jitter deviation"),
  fn("shimmer", "mean", "mean shimmer, dB"),
  fn("shimmer", "std", "shimmer deviation"),
  fn("hnr", "mean", "mean harmonics-to-noise ratio, dB"),
  fn("hnr", "std", "HNR deviation"),
  fn("voiced_prob", "mean", "mean voicing probability"),
  fn("voiced_prob", "std", "voicing probability deviation"),
  ...[1, 2, 3, 4].flatMap((k) => [
    fn(`mfcc_${k}`, "mean", `mean MFCC ${k}`),
    fn(`mfcc_${k}`, "std", `MFCC ${k} deviation`),
    fn(`mfcc_${k}_d`, "std", `deviation of MFCC ${k}'s delta`),
  ]),
  fn("flux", "mean", "mean spectral flux (onset strength)"),
  fn("flux", "std", "spectral flux deviation"),
  fn("flatness", "mean", "mean spectral flatness"),
  fn("flatness", "std", "spectral flatness deviation"),
  fn("rolloff", "mean", "mean 85% roll-off, Hz"),
  fn("rolloff", "std", "roll-off deviation"),
  fn("centroid", "mean", "mean spectral centroid, Hz"),
  fn("centroid", "std", "centroid deviation"),
  fn("bandwidth", "mean", "mean spectral bandwidth, Hz"),
  fn("bandwidth", "std", "bandwidth deviation"),
  ...[1, 2, 3, 4, 5, 6, 7].flatMap((k) => [
    fn(`contrast_${k}`, "mean", `mean spectral contrast, band ${k}, dB`),
    fn(`contrast_${k}`, "std", `spectral contrast deviation, band ${k}`),
  ]),
  fn("zcr", "mean", "mean zero-crossing rate"),
  fn("zcr", "std", "zero-crossing rate deviation"),
  ...TEMPORAL.filter(([name]) => name !== "duration_s"),
]);

/** The large set's series: descriptors, then their deltas (and MFCC delta-deltas). */
function _largeSeries(): string[] {
  const out: string[] = [];
  const add = (s: string, dd = false) => {
    out.push(s, `${s}_d`);
    if (dd) out.push(`${s}_dd`);
  };
  for (let k = 1; k <= 64; k++) add(`logmel64_${k}`);
  for (let k = 1; k <= 20; k++) add(`mfcc_${k}`, true);
  for (let k = 1; k <= 7; k++) add(`contrast_${k}`);
  for (
    const s of [
      "flatness",
      "rolloff",
      "centroid",
      "bandwidth",
      "flux",
      "zcr",
      "rms",
      "loudness",
      "voiced_prob",
      "f0_semitones",
      "hnr",
      "jitter",
      "shimmer",
    ]
  ) add(s);
  return out;
}

let _large: readonly string[] | null = null;
function _largeNames(): readonly string[] {
  return _large ??= Object.freeze([
    ..._largeSeries().flatMap((s) => FUNCTIONAL_NAMES.map((f) => `${s}_${f}`)),
    ...TEMPORAL.map(([name]) => name),
  ]);
}
