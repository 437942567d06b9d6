/**
 * `deno run -A tools/pilot_domain.ts --data DIR [--sets compact,large]`: candidates for a robust
 * `best-cross-corpus`, each scored by NESTED leave-one-corpus-out on the training corpora only
 * (held-out corpus T: fit on every training corpus but one, score UAR on that one, mean over
 * them) and, for the record only, on T. Logistic regression on the cached functional sets.
 *
 * @module
 */
import { discoverClips } from "../lib/corpora/mod.ts";
import { argmaxRows, computeMetrics, experimentByName, experimentClips } from "../lib/eval/mod.ts";
import { FUNCTIONAL_CUT } from "../lib/eval/run_functionals.ts";
import { cacheKey, taskTable } from "../lib/dataset/featurize.ts";
import { FeatureCache } from "../lib/features/cache.ts";
import type { Matrix } from "../lib/model/classifier.ts";
import { fitLogistic } from "../lib/model/linear/mod.ts";
import { taskArgs } from "../cli/_options.ts";
import { FUNCTIONAL_NAMES } from "../lib/features/functionals.ts";
import { functionalSet } from "../lib/features/sets.ts";

const args = taskArgs("pilot_domain", Deno.args, { strings: ["data", "sets", "l2", "only"] });
const wanted = String(args.sets ?? "compact").split(",");
const SETS = (["compact", "large"] as const).filter((s) => wanted.some((w) => w.startsWith(s)));
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
const mats: Record<string, Matrix> = { compact: sets.compact };
if (sets.large) {
  mats.large = sets.large;
  mats["large-clipnorm"] = clipNorm(sets.large, () => false, true);
  mats["large-clipcenter"] = clipNorm(sets.large, () => false, false);
  mats["large-clipnorm-spectral"] = clipNorm(sets.large, (s) => PROSODIC.test(s), true);
}

type Std = "pooled" | "per-corpus";
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
  const put = (idx: number[], fitSide: boolean) => {
    const x = new Float32Array(idx.length * d);
    idx.forEach((i, r) => {
      const s = fitSide && c.std === "per-corpus" ? own.get(corpusOf[i])! : ref;
      for (let j = 0; j < d; j++) {
        const sd = s.sd[j];
        x[r * d + j] = sd > 1e-9 ? (m.x[i * d + j] - s.mean[j]) / sd : 0;
      }
    });
    return x;
  };
  let xf = put(fit, true), xs = put(score, false);
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
  for (const std of ["pooled", "per-corpus"] as Std[]) {
    for (const l2 of l2s) {
      for (const balance of [false, true]) {
        for (const drop of [0, 0.25]) cands.push({ set, std, l2, balance, drop });
      }
    }
  }
}
const only = args.only ? new RegExp(String(args.only)) : null;
const name = (c: Cand) =>
  `${c.set} ${c.std} l2=${c.l2}${c.balance ? " balanced" : ""}${c.drop ? ` drop${c.drop}` : ""}`;
const chosen: Record<string, { c: string; nested: number; held: number }> = {};
for (const t of corpora.map((_, k) => k)) {
  const train = rows.filter((i) => corpusOf[i] !== t), test = rows.filter((i) => corpusOf[i] === t);
  const inner = corpora.map((_, k) => k).filter((k) => k !== t);
  let best = { c: "", nested: -1, held: 0 };
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
    if (nm > best.nested) best = { c: name(c), nested: nm, held };
  }
  chosen[corpora[t]] = best;
}
console.log("chosen by nested LOCO:");
for (const [k, v] of Object.entries(chosen)) {
  console.log(
    `  ${k}: ${v.c} (nested ${v.nested.toFixed(3)}) -> held-out UAR ${v.held.toFixed(3)}`,
  );
}
const mean = Object.values(chosen).reduce((a, v) => a + v.held, 0) / corpora.length;
console.log(`  mean held-out UAR ${mean.toFixed(3)}`);
