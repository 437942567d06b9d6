/**
 * Why models fail on a corpus they never trained on: how well each feature group identifies
 * the corpus, each corpus's recording bandwidth and level, and which features shift most
 * between corpora. The report's and notebook 03's `domain` section.
 *
 * @module
 */
import { decodeAudio } from "../audio/decode.ts";
import { readMono } from "../audio/pcm.ts";
import { stft } from "../features/stft.ts";
import type { Clip } from "../corpora/clip.ts";
import type { Matrix } from "../model/classifier.ts";
import { fitLogistic } from "../model/linear/mod.ts";
import { argmaxRows, computeMetrics } from "./metrics.ts";

/** The compact set's feature groups, by the descriptor a feature's name starts with. */
export const FEATURE_GROUPS: Readonly<Record<string, RegExp>> = Object.freeze({
  pitch: /^f0_/,
  loudness: /^loudness_(?!peaks)/,
  "voice quality": /^(jitter|shimmer|hnr|voiced_prob)_/,
  mfcc: /^mfcc_/,
  spectral: /^(flux|flatness|rolloff|centroid|bandwidth|contrast_\d|zcr)_/,
  temporal: /^(voiced_(fraction|segment)|voiced_segments|unvoiced_|loudness_peaks)/,
});

/** How well one feature group identifies the corpus. */
export interface GroupIdentification {
  group: string;
  features: number;
  /** Corpus classifier's UAR over corpora, speaker-disjoint halves (chance: 1 / corpora). */
  uar: number;
}

/** A feature whose distribution moves between corpora. */
export interface FeatureShift {
  feature: string;
  /** Between-corpus over within-corpus variance (Fisher's ratio). */
  ratio: number;
  /** Its mean in each corpus. */
  means: Record<string, number>;
}

/** A corpus's recordings as measured on a sample of its clips. */
export interface CorpusAudio {
  corpus: string;
  clips: number;
  /** Median native sample rate (Hz). */
  sample_rate: number;
  /** Median of each clip's highest frequency within 50 dB of its spectrum's peak (Hz). */
  bandwidth_hz: number;
  /** Median RMS level (dBFS). */
  level_dbfs: number;
}

/** The domain section. */
export interface DomainAnalysis {
  corpora: string[];
  /** Corpus classifier per feature group, then all features together. */
  groups: GroupIdentification[];
  /** The features that shift most between corpora, most first. */
  shifts: FeatureShift[];
  audio: CorpusAudio[];
}

/**
 * Corpus identification per feature group: logistic regression (L2 0.1) on standardised
 * features, trained on one half of every corpus's speakers and scored on the other, both ways;
 * UAR over corpora. A group that names the corpus well above chance carries the recording
 * conditions (or the corpus's speakers and scripts) rather than only the emotion. Empty when
 * there is a single speaker (no halves to score).
 *
 * @example
 * ```ts
 * import { corpusIdentification } from "./domain.ts";
 * const m = { x: Float32Array.of(0, 0.1, 5, 5.1), rows: 4, dims: 1 };
 * const g = corpusIdentification(m, ["f0_semitones_mean"], [0, 0, 1, 1], ["a", "b", "c", "d"]);
 * console.log(g.at(-1)!.uar); // 1
 * ```
 */
export function corpusIdentification(
  m: Matrix,
  names: readonly string[],
  corpusOf: readonly number[],
  speakerOf: readonly string[],
): GroupIdentification[] {
  const corpora = Math.max(...corpusOf) + 1;
  // speakers of each corpus dealt alternately into two halves
  const speakers = [...new Set(speakerOf)].sort();
  const half = new Map<string, number>();
  for (let c = 0; c < corpora; c++) {
    speakers.filter((s) => speakerOf.some((t, i) => t === s && corpusOf[i] === c))
      .forEach((s, k) => half.set(s, k % 2));
  }
  const sides = [0, 1].map((h) => speakerOf.flatMap((s, i) => half.get(s) === h ? [i] : []));
  if (!sides[0].length || !sides[1].length) return []; // one speaker in all: nothing to score
  const groups = Object.entries(FEATURE_GROUPS).map(([g, re]) =>
    [g, names.flatMap((n, j) => re.test(n) ? [j] : [])] as const
  );
  groups.push(["all", names.map((_, j) => j)]);
  return groups.filter(([, cols]) => cols.length).map(([group, cols]) => {
    const truth: number[] = [], guess: number[] = [];
    for (const [a, b] of [[0, 1], [1, 0]]) {
      const fit = _columns(m, sides[a], cols, sides[a]),
        test = _columns(m, sides[b], cols, sides[a]);
      const model = fitLogistic(fit, Int32Array.from(sides[a], (i) => corpusOf[i]), corpora, {
        l2: 0.1,
      });
      truth.push(...sides[b].map((i) => corpusOf[i]));
      guess.push(...argmaxRows(model.predictProba(test), corpora));
    }
    const uar = computeMetrics(Int32Array.from(truth), Int32Array.from(guess), corpora).uar;
    return { group, features: cols.length, uar };
  });
}

/**
 * The `top` features with the largest Fisher ratio between corpora (between-corpus variance of
 * the corpus means over the mean within-corpus variance), with each corpus's mean.
 *
 * @example
 * ```ts
 * import { featureShifts } from "./domain.ts";
 * const m = { x: Float32Array.of(0, 1, 0.1, 1, 5, 1, 5.1, 1.1), rows: 4, dims: 2 };
 * console.log(featureShifts(m, ["a", "b"], [0, 0, 1, 1], ["x", "y"], 1)[0].feature); // "a"
 * ```
 */
export function featureShifts(
  m: Matrix,
  names: readonly string[],
  corpusOf: readonly number[],
  corpora: readonly string[],
  top = 10,
): FeatureShift[] {
  const k = corpora.length, d = m.dims;
  const out: FeatureShift[] = [];
  for (let j = 0; j < d; j++) {
    const s = new Float64Array(k), q = new Float64Array(k), n = new Float64Array(k);
    for (let i = 0; i < m.rows; i++) {
      const v = m.x[i * d + j], c = corpusOf[i];
      s[c] += v, q[c] += v * v, n[c]++;
    }
    const present = [...n.keys()].filter((c) => n[c] > 0);
    const means = present.map((c) => s[c] / n[c]);
    const grand = means.reduce((a, b) => a + b, 0) / means.length;
    const between = means.reduce((a, mu) => a + (mu - grand) ** 2, 0) / means.length;
    const within = present.reduce((a, c, p) => a + Math.max(0, q[c] / n[c] - means[p] ** 2), 0) /
      present.length;
    out.push({
      feature: names[j],
      ratio: between / (within + 1e-12),
      means: Object.fromEntries(present.map((c, p) => [corpora[c], means[p]])),
    });
  }
  return out.sort((a, b) => b.ratio - a.ratio).slice(0, top);
}

/**
 * A recording's native sample rate, level (RMS, dBFS) and bandwidth: the highest frequency at
 * which its mean power spectrum (2,048-point frames) is within 50 dB of its peak.
 *
 * @example
 * ```ts ignore
 * const a = recordingConditions(await Deno.readFile("clip.wav"), "clip.wav");
 * ```
 */
export function recordingConditions(
  bytes: Uint8Array,
  file: string,
): { sampleRate: number; bandwidthHz: number; levelDbfs: number } {
  const pcm = decodeAudio(bytes, file);
  const y = readMono(pcm);
  let e = 0;
  for (const v of y) e += v * v;
  const rms = Math.sqrt(e / Math.max(1, y.length));
  const spec = stft(y, 2048, 1024), mean = new Float64Array(spec.bins);
  for (let t = 0; t < spec.frames; t++) {
    for (let b = 0; b < spec.bins; b++) mean[b] += spec.power[t * spec.bins + b];
  }
  const peak = Math.max(...mean);
  let top = 0;
  for (let b = 0; b < spec.bins; b++) if (mean[b] > peak * 1e-5) top = b;
  return {
    sampleRate: pcm.sampleRate,
    bandwidthHz: top * pcm.sampleRate / 2048,
    levelDbfs: 20 * Math.log10(Math.max(rms, 1e-10)),
  };
}

/**
 * Each corpus's median sample rate, bandwidth and level over the recordings given.
 *
 * @example
 * ```ts
 * import { corpusAudio } from "./domain.ts";
 * const r = corpusAudio([{ corpus: "a", sampleRate: 16000, bandwidthHz: 8000, levelDbfs: -20 }]);
 * console.log(r[0].bandwidth_hz); // 8000
 * ```
 */
export function corpusAudio(
  recordings: readonly {
    corpus: string;
    sampleRate: number;
    bandwidthHz: number;
    levelDbfs: number;
  }[],
): CorpusAudio[] {
  const corpora = [...new Set(recordings.map((r) => r.corpus))].sort();
  return corpora.map((corpus) => {
    const of = recordings.filter((r) => r.corpus === corpus);
    return {
      corpus,
      clips: of.length,
      sample_rate: _median(of.map((r) => r.sampleRate)),
      bandwidth_hz: _median(of.map((r) => r.bandwidthHz)),
      level_dbfs: _median(of.map((r) => r.levelDbfs)),
    };
  });
}

function _median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Columns `cols` of rows `idx`, standardised by the statistics of rows `statsOf`. */
function _columns(
  m: Matrix,
  idx: readonly number[],
  cols: readonly number[],
  statsOf: readonly number[],
): Matrix {
  const d = m.dims, k = cols.length;
  const mean = new Float64Array(k), sq = new Float64Array(k);
  for (const i of statsOf) {
    cols.forEach((j, c) => {
      const v = m.x[i * d + j];
      mean[c] += v, sq[c] += v * v;
    });
  }
  const inv = mean.map((s, c) => {
    const mu = s / statsOf.length, sd = Math.sqrt(Math.max(0, sq[c] / statsOf.length - mu * mu));
    mean[c] = mu;
    return sd > 1e-9 ? 1 / sd : 0;
  });
  const x = new Float32Array(idx.length * k);
  idx.forEach((i, r) => cols.forEach((j, c) => x[r * k + c] = (m.x[i * d + j] - mean[c]) * inv[c]));
  return { x, rows: idx.length, dims: k };
}

/**
 * The domain section of a leave-one-corpus-out experiment: corpus identification per group and
 * the largest shifts on the compact set (`compact`, a row per clip; rows not `ok` left out), and
 * the recording conditions of up to `perCorpus` clips of each corpus (evenly spaced).
 *
 * @example
 * ```ts ignore
 * const domain = await analyseDomain(clips, root, sets.compact, names, ok);
 * ```
 */
export async function analyseDomain(
  clips: readonly Pick<Clip, "path" | "corpus" | "actor">[],
  root: string,
  compact: Matrix,
  names: readonly string[],
  ok: readonly boolean[],
  perCorpus = 40,
): Promise<DomainAnalysis> {
  const rows = clips.map((_, i) => i).filter((i) => ok[i]);
  const corpora = [...new Set(rows.map((i) => clips[i].corpus))].sort();
  const d = compact.dims, x = new Float32Array(rows.length * d);
  rows.forEach((i, r) => x.set(compact.x.subarray(i * d, (i + 1) * d), r * d));
  const m = { x, rows: rows.length, dims: d };
  const corpusOf = rows.map((i) => corpora.indexOf(clips[i].corpus));
  const speakerOf = rows.map((i) => `${clips[i].corpus}:${clips[i].actor}`);
  const recordings = [];
  for (const corpus of corpora) {
    const of = rows.filter((i) => clips[i].corpus === corpus);
    const step = Math.max(1, Math.floor(of.length / perCorpus));
    for (let k = 0; k < of.length && k / step < perCorpus; k += step) {
      const file = `${root}/${clips[of[k]].path}`;
      recordings.push({ corpus, ...recordingConditions(await Deno.readFile(file), file) });
    }
  }
  return {
    corpora,
    groups: corpusIdentification(m, names, corpusOf, speakerOf),
    shifts: featureShifts(m, names, corpusOf, corpora),
    audio: corpusAudio(recordings),
  };
}
