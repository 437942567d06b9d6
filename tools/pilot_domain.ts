/**
 * `deno run -A tools/pilot_domain.ts --data DIR [--sets compact,large]`: candidates for a robust
 * `best-cross-corpus`, each scored by NESTED leave-one-corpus-out on the training corpora only
 * (held-out corpus T: fit on every training corpus but one, score UAR on that one, mean over
 * them) and, for the record only, on T. Logistic regression on the cached functional sets.
 *
 * @module
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import {
  analyseDomain,
  argmaxRows,
  computeMetrics,
  experimentByName,
  experimentClips,
} from "../lib/eval/mod.ts";
import { FUNCTIONAL_CUT } from "../lib/eval/recipes.ts";
import { cacheKey, taskTable } from "../lib/dataset/featurize.ts";
import { FeatureCache } from "../lib/features/cache.ts";
import type { Matrix } from "../lib/model/classifier.ts";
import { fitLogistic } from "../lib/model/linear/mod.ts";
import { taskArgs } from "../cli/_options.ts";
import { FUNCTIONAL_NAMES } from "../lib/features/functionals.ts";
import { functionalSet } from "../lib/features/sets.ts";

const args = taskArgs("pilot_domain", Deno.args, {
  usage: "usage: deno run -A tools/pilot_domain.ts --data DIR [--sets compact,large] " +
    "[--l2 0.1,1,10] [--std pooled,...] [--balance no|yes] [--drop 0] [--only REGEX] [--domain]",
  required: ["data"],
  strings: ["data", "sets", "l2", "only", "std", "balance", "drop"],
  booleans: ["domain"],
});
const wanted = String(args.sets ?? "compact").split(",");
const SETS = (["compact", "large"] as const).filter((s) =>
  s === "compact" || wanted.some((w) => w.startsWith(s))
);
const root = String(args.data);
const def = experimentByName("best-cross-corpus");
const all = experimentClips(def, (await discoverClips(root)).clips);
// only clips whose sets are all in the cache (a pilot never computes features)
const cached = await Promise.all(
  SETS.map(async (set) => {
    const t = await taskTable({ kind: "set", set, cut: FUNCTIONAL_CUT });
    return await FeatureCache.open("data/cache/features", t.settingsKey, ...t.widths);
  }),
);
const keys = await Promise.all(
  all.clips.map((c) =>
    cacheKey({ file: `${root}/${c.path}`, sha256: c.sha256, augmentation: null })
  ),
);
const keep = all.clips.map((_, i) => i).filter((i) => cached.every((c) => c.get(keys[i])));
const clips = keep.map((i) => all.clips[i]), classes = all.classes;
const labels = Int32Array.from(keep, (i) => all.labels[i]);
const sets: Record<string, Matrix> = {};
SETS.forEach((set, s) => {
  const dims = cached[s].get(keys[keep[0]])!.acoustic.length,
    x = new Float32Array(keep.length * dims);
  keep.forEach((i, r) => x.set(cached[s].get(keys[i])!.acoustic, r * dims));
  sets[set] = { x, rows: keep.length, dims };
  cached[s].close();
});
const ok = clips.map(() => true);
console.log(
  `${clips.length} of ${all.clips.length} clips cached: ${
    [...new Set(clips.map((c) => c.corpus))].map((k) =>
      `${k} ${clips.filter((c) => c.corpus === k).length} (${
        new Set(
          clips.filter((c) => c.corpus === k).map((c) =>
            c.actor
          ),
        ).size
      } speakers)`
    ).join(", ")
  }`,
);
if (args.domain) {
  // the report's domain section on these clips, then stop
  const names = functionalSet("compact").names;
  console.log(JSON.stringify(await analyseDomain(clips, root, sets.compact, names, ok), null, 1));
  Deno.exit(0);
}
const rows = clips.map((_, i) => i).filter((i) => ok[i]);
const corpora = [...new Set(clips.map((c) => c.corpus))];
const corpusOf = clips.map((c) => corpora.indexOf(c.corpus));
const K = classes.length;

/** Per-utterance standardisation of each descriptor, from its functionals (exact: affine). */
function clipNorm(m: Matrix, keep: (series: string) => boolean, scale: boolean): Matrix {
  const names = functionalSet("large").names, F = FUNCTIONAL_NAMES.length;
  const x = Float32Array.from(m.x), d = m.dims;
  const loc = [0, 2, 3, 4, 5, 6, 9, 10], sc = [7, 8, 11, 12];
  for (let b = 0; b + F <= d && names[b].endsWith("_mean"); b += F) {
    if (keep(names[b].slice(0, -5))) continue;
    for (let r = 0; r < m.rows; r++) {
      const o = r * d + b, mu = x[o], sd = x[o + 1];
      const inv = scale ? (sd > 1e-9 ? 1 / sd : 0) : 1;
      for (const k of loc) x[o + k] = (x[o + k] - mu) * inv;
      for (const k of sc) x[o + k] *= inv;
      if (scale) x[o + 1] = 0;
    }
  }
  return { x, rows: m.rows, dims: d };
}
const PROSODIC = /^(f0_semitones|jitter|shimmer|hnr|voiced_prob)(_d|_dd)?$/;
/**
 * The compact set made clip-relative: every descriptor with a mean and a deviation in the set
 * (those matching `which`) has its location features as (v - mean) / sd and its ranges, slopes
 * and delta deviations over sd; its mean and deviation become 0. Nothing but the clip is used.
 */
function compactRelative(m: Matrix, which: RegExp): Matrix {
  const names = functionalSet("compact").names, x = Float32Array.from(m.x), d = m.dims;
  const bases = [...new Set(names.filter((n) => n.endsWith("_mean")).map((n) => n.slice(0, -5)))]
    .filter((b) => which.test(b) && names.includes(`${b}_std`));
  for (const b of bases) {
    const mu = names.indexOf(`${b}_mean`), sd = names.indexOf(`${b}_std`);
    const loc = ["p20", "p50", "p80"].map((f) => names.indexOf(`${b}_${f}`)).filter((j) => j >= 0);
    const sc = ["range_p20_p80", "slope", "d_std"].map((f) => names.indexOf(`${b}_${f}`))
      .filter((j) => j >= 0);
    for (let r = 0; r < m.rows; r++) {
      const o = r * d, s = x[o + sd], inv = s > 1e-9 ? 1 / s : 0;
      for (const j of loc) x[o + j] = (x[o + j] - x[o + mu]) * inv;
      for (const j of sc) x[o + j] *= inv;
      x[o + mu] = 0, x[o + sd] = 0;
    }
  }
  return { x, rows: m.rows, dims: d };
}
/** The compact set's columns whose names match `re`. */
function columns(m: Matrix, re: RegExp): Matrix {
  const cols = functionalSet("compact").names.flatMap((n, j) => re.test(n) ? [j] : []);
  const x = new Float32Array(m.rows * cols.length);
  for (let r = 0; r < m.rows; r++) {
    cols.forEach((j, k) => x[r * cols.length + k] = m.x[r * m.dims + j]);
  }
  return { x, rows: m.rows, dims: cols.length };
}
const PROSODY = /^(f0_|loudness_|voiced_(fraction|segment)|voiced_segments|unvoiced_)/;
const mats: Record<string, Matrix> = {
  compact: sets.compact,
  // prosody only: pitch, loudness, rhythm (the groups that name the corpus least)
  "compact-prosody": columns(sets.compact, PROSODY),
  "compact-prosody-voice": columns(
    sets.compact,
    new RegExp(`${PROSODY.source}|^(jitter|shimmer|hnr|voiced_prob)_`),
  ),
  "compact-rel": compactRelative(sets.compact, /./),
  "compact-rel-channel": compactRelative(
    sets.compact,
    /^(loudness|mfcc|flux|flatness|rolloff|centroid|bandwidth|contrast|zcr)/,
  ),
};
if (sets.large) {
  mats.large = sets.large;
  mats["large-clipnorm"] = clipNorm(sets.large, () => false, true);
  mats["large-clipcenter"] = clipNorm(sets.large, () => false, false);
  mats["large-clipnorm-spectral"] = clipNorm(sets.large, (s) => PROSODIC.test(s), true);
}

type Std = "pooled" | "per-corpus" | "domain-adapted" | "da-whiten" | "per-gender";

/** Eigen-decomposition of a symmetric d×d matrix (cyclic Jacobi). */
function eigh(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(a), V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += A[p * d + q] ** 2;
    if (off < 1e-12) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = A[p * d + q];
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (A[q * d + q] - A[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), sn = t * c;
        for (let k = 0; k < d; k++) {
          const akp = A[k * d + p], akq = A[k * d + q];
          A[k * d + p] = c * akp - sn * akq, A[k * d + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p * d + k], aqk = A[q * d + k];
          A[p * d + k] = c * apk - sn * aqk, A[q * d + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = V[k * d + p], vkq = V[k * d + q];
          V[k * d + p] = c * vkp - sn * vkq, V[k * d + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => A[i * d + i]), vectors: V };
}

/** Rows (already standardised, row-major) whitened in place by their own covariance (shrunk). */
function whiten(x: Float32Array, n: number, d: number, shrink = 0.3): void {
  const C = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) {
      const v = x[r * d + i];
      for (let j = i; j < d; j++) C[i * d + j] += v * x[r * d + j] / n;
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) C[i * d + j] = C[j * d + i];
    C[i * d + i] += shrink;
  }
  const { values, vectors } = eigh(C, d);
  // W = V diag(1/sqrt(l)) V^T
  const W = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const s = 1 / Math.sqrt(Math.max(values[k], 1e-6));
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) W[i * d + j] += vectors[i * d + k] * s * vectors[j * d + k];
    }
  }
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += W[i * d + j] * x[r * d + j];
      row[i] = v;
    }
    for (let i = 0; i < d; i++) x[r * d + i] = row[i];
  }
}
interface Cand {
  set: string;
  std: Std;
  l2: number;
  balance: boolean;
  drop: number;
}

function stats(m: Matrix, idx: readonly number[]) {
  const d = m.dims, mean = new Float64Array(d), sq = new Float64Array(d);
  for (const i of idx) {
    for (let j = 0; j < d; j++) {
      const v = m.x[i * d + j];
      mean[j] += v, sq[j] += v * v;
    }
  }
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    mean[j] /= idx.length;
    sd[j] = Math.sqrt(Math.max(0, sq[j] / idx.length - mean[j] ** 2));
  }
  return { mean, sd };
}

/** Standardised rows: fit rows by pooled or own-corpus stats; score rows by the fit rows' reference. */
function prepare(m: Matrix, fit: number[], score: number[], c: Cand) {
  const d = m.dims;
  const byCorpus = new Map<number, number[]>();
  for (const i of fit) {
    if (!byCorpus.has(corpusOf[i])) byCorpus.set(corpusOf[i], []);
    byCorpus.get(corpusOf[i])!.push(i);
  }
  const pooled = stats(m, fit);
  const own = new Map([...byCorpus].map(([k, v]) => [k, stats(m, v)]));
  // reference for rows of unseen corpora: pooled, or the average corpus under per-corpus
  let ref = pooled;
  if (c.std === "per-corpus") {
    const mean = new Float64Array(d), sd = new Float64Array(d);
    for (const s of own.values()) {
      for (let j = 0; j < d; j++) mean[j] += s.mean[j] / own.size, sd[j] += s.sd[j] / own.size;
    }
    ref = { mean, sd };
  }
  const adapted = c.std === "domain-adapted" || c.std === "da-whiten"
    ? stats(m, score) // the scored corpus's own unlabelled rows
    : null;
  // per-gender (inductive, the clip's gender from the corpus metadata): the training rows of its gender
  const byGender = c.std === "per-gender"
    ? new Map(
      ["female", "male"].map((g) => [g, stats(m, fit.filter((i) => clips[i].gender === g))]),
    )
    : null;
  const put = (idx: number[], fitSide: boolean) => {
    const x = new Float32Array(idx.length * d);
    idx.forEach((i, r) => {
      const s = byGender
        ? byGender.get(clips[i].gender) ?? pooled
        : fitSide
        ? (c.std === "pooled" ? pooled : own.get(corpusOf[i])!)
        : (adapted ?? ref);
      for (let j = 0; j < d; j++) {
        const sd = s.sd[j];
        x[r * d + j] = sd > 1e-9 ? (m.x[i * d + j] - s.mean[j]) / sd : 0;
      }
    });
    return x;
  };
  let xf = put(fit, true), xs = put(score, false);
  if (c.std === "da-whiten") {
    // each corpus whitened by its own covariance (the scored corpus by its unlabelled rows)
    for (const idx of byCorpus.values()) {
      const pos = idx.map((i) => fit.indexOf(i));
      const part = new Float32Array(idx.length * d);
      pos.forEach((p, r) => part.set(xf.subarray(p * d, (p + 1) * d), r * d));
      whiten(part, idx.length, d);
      pos.forEach((p, r) => xf.set(part.subarray(r * d, (r + 1) * d), p * d));
    }
    whiten(xs, score.length, d);
  }
  let dims = d;
  if (c.drop > 0 && byCorpus.size > 1) {
    // corpus-identifying features: between-corpus / within-corpus variance on pooled-standardised fit rows
    const z = fit.map((i) => i);
    const f = new Float64Array(d);
    const zx = (() => {
      const x = new Float32Array(fit.length * d);
      z.forEach((i, r) => {
        for (let j = 0; j < d; j++) {
          const sd = pooled.sd[j];
          x[r * d + j] = sd > 1e-9 ? (m.x[i * d + j] - pooled.mean[j]) / sd : 0;
        }
      });
      return x;
    })();
    for (let j = 0; j < d; j++) {
      let within = 0, between = 0;
      for (const [k, idx] of byCorpus) {
        void k;
        let s = 0, q = 0;
        const rowsOf = idx.map((i) => fit.indexOf(i));
        for (const r of rowsOf) s += zx[r * d + j], q += zx[r * d + j] ** 2;
        const mu = s / idx.length;
        between += idx.length * mu * mu, within += q - idx.length * mu * mu;
      }
      f[j] = between / (within + 1e-9);
    }
    const order = [...f.keys()].sort((a, b) => f[b] - f[a]);
    const keep = order.slice(Math.round(c.drop * d)).sort((a, b) => a - b);
    const pick = (x: Float32Array, n: number) => {
      const out = new Float32Array(n * keep.length);
      for (let r = 0; r < n; r++) keep.forEach((j, k) => out[r * keep.length + k] = x[r * d + j]);
      return out;
    };
    xf = pick(xf, fit.length), xs = pick(xs, score.length), dims = keep.length;
  }
  return { xf, xs, dims };
}

function fitScore(c: Cand, fit: number[], score: number[]): number {
  let f = fit;
  if (c.balance) {
    // corpus-balanced: every training corpus replicated up to the largest one's size
    const by = new Map<number, number[]>();
    for (const i of fit) (by.get(corpusOf[i]) ?? by.set(corpusOf[i], []).get(corpusOf[i])!).push(i);
    const most = Math.max(...[...by.values()].map((v) => v.length));
    f = [...by.values()].flatMap((v) => Array.from({ length: most }, (_, k) => v[k % v.length]));
  }
  const m = mats[c.set];
  const { xf, xs, dims } = prepare(m, f, score, c);
  const model = fitLogistic(
    { x: xf, rows: f.length, dims },
    Int32Array.from(f, (i) => labels[i]),
    K,
    {
      l2: c.l2,
    },
  );
  const p = model.predictProba({ x: xs, rows: score.length, dims });
  return computeMetrics(Int32Array.from(score, (i) => labels[i]), argmaxRows(p, K), K).uar;
}

const setNames = wanted;
const l2s = String(args.l2 ?? "0.1,1,10").split(",").map(Number);
const cands: Cand[] = [];
for (const set of setNames) {
  for (const std of String(args.std ?? "pooled,per-corpus").split(",") as Std[]) {
    for (const l2 of l2s) {
      for (const balance of String(args.balance ?? "no,yes").split(",").map((b) => b === "yes")) {
        for (const drop of String(args.drop ?? "0,0.25").split(",").map(Number)) {
          cands.push({ set, std, l2, balance, drop });
        }
      }
    }
  }
}
const only = args.only ? new RegExp(String(args.only)) : null;
const name = (c: Cand) =>
  `${c.set} ${c.std} l2=${c.l2}${c.balance ? " balanced" : ""}${c.drop ? ` drop${c.drop}` : ""}`;
/** Inductive standardisations compete with each other; the domain-adapted ones are another variant. */
function _family(std: Std): string {
  return std === "domain-adapted" || std === "da-whiten" ? "domain-adapted" : "inductive";
}
// the choice is made per family (inductive and domain-adapted are separate variants)
const chosen: Record<string, { c: string; nested: number; held: number }> = {};
for (const t of corpora.map((_, k) => k)) {
  const train = rows.filter((i) => corpusOf[i] !== t), test = rows.filter((i) => corpusOf[i] === t);
  const inner = corpora.map((_, k) => k).filter((k) => k !== t);
  for (const c of cands) {
    if (only && !only.test(name(c))) continue;
    const t0 = performance.now();
    const nested = inner.map((v) =>
      fitScore(c, train.filter((i) => corpusOf[i] !== v), train.filter((i) => corpusOf[i] === v))
    );
    const nm = nested.reduce((a, b) => a + b, 0) / nested.length;
    const held = fitScore(c, train, test);
    console.log(
      `held-out ${corpora[t]} | ${name(c)} | nested ${
        nested.map((v) => v.toFixed(3)).join(" ")
      } mean ${nm.toFixed(3)} | held-out ${held.toFixed(3)} | ${
        ((performance.now() - t0) / 1000).toFixed(0)
      } s`,
    );
    const key = `${_family(c.std)} ${corpora[t]}`;
    if (!chosen[key] || nm > chosen[key].nested) chosen[key] = { c: name(c), nested: nm, held };
  }
}
for (const std of new Set(cands.map((c) => _family(c.std)))) {
  console.log(`chosen by nested LOCO among the ${std} candidates:`);
  let sum = 0;
  for (const k of corpora) {
    const v = chosen[`${std} ${k}`];
    sum += v.held;
    console.log(
      `  ${k}: ${v.c} (nested ${v.nested.toFixed(3)}) -> held-out UAR ${v.held.toFixed(3)}`,
    );
  }
  console.log(`  mean held-out UAR ${(sum / corpora.length).toFixed(3)}`);
}
