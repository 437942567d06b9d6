// Channel augmentation, measured (issue 22; docs/domain.md): nested leave-one-corpus-out over the
// compact part of the robust grid, with and without one random-channel copy of every training
// clip; the held-out corpus is scored on its originals. `deno run -A tools/measure_channel.ts DIR`
import { loadData } from "../lib/corpora/mod.ts";
import { labelSetOf } from "../lib/corpora/labels.ts";
import { SUPERSET_EMOTIONS } from "../lib/corpora/clip.ts";
import { featurizeBatches } from "../lib/dataset/featurize.ts";
import { seedOf } from "../lib/util/random.ts";
import { type Candidate, nestedFold } from "../lib/eval/best.ts";
import { standardise } from "../lib/eval/standardise.ts";
import { deriveRows } from "../lib/features/derived.ts";
import { argmaxRows, computeMetrics } from "../lib/eval/metrics.ts";

const root = Deno.args[0] ?? "data/corpora", cacheDir = "data/cache/features";
const found = await loadData(root);
const set = labelSetOf(SUPERSET_EMOTIONS);
const clips = found.clips.filter((c) =>
  set.map[c.emotion] !== undefined && set.map[c.emotion] !== null
);
console.error(`${clips.length} clips`);
const jobs = (aug: boolean) =>
  clips.map((c) => ({
    file: `${found.root}/${c.path}`,
    sha256: c.sha256,
    augmentation: aug ? { kind: "channel" as const, seed: seedOf(42, c.sha256) } : null,
  }));
const task = { kind: "set" as const, set: "compact" as const, cut: "whole" as const };
const [orig, aug] = await featurizeBatches(
  [{ task, jobs: jobs(false) }, { task, jobs: jobs(true) }],
  { cacheDir, label: "compact (original, channel copy)" },
);
const n = clips.length, d = 69;
const x = new Float32Array(2 * n * d);
const ok = new Array(2 * n).fill(true);
orig.results.forEach((v, i) => v ? x.set(v.acoustic, i * d) : ok[i] = false);
aug.results.forEach((v, i) => v ? x.set(v.acoustic, (n + i) * d) : ok[n + i] = false);
const m = { compact: { x, rows: 2 * n, dims: d } } as Record<
  string,
  { x: Float32Array; rows: number; dims: number }
>;
const p = deriveRows("compact-prosody", x, 2 * n);
m["compact-prosody"] = { x: p, rows: 2 * n, dims: p.length / (2 * n) };
const labels = Int32Array.from(
  [...clips, ...clips],
  (c) => set.labels.indexOf(set.map[c.emotion]!),
);
const corpus = [...clips, ...clips].map((c) => c.corpus);
const k = set.labels.length;
const read = (s: string, idx: readonly number[], statsOf: readonly number[]) =>
  standardise(m[s], idx, statsOf, null);
const grid: Candidate[] = [
  ...[0.1, 1, 10].map((c) => ({ set: "compact", family: "logistic" as const, c })),
  ...[1, 10].map((c) => ({ set: "compact-prosody", family: "logistic" as const, c })),
];
const corpora = [...new Set(corpus)].sort();
for (const held of corpora) {
  for (const withAug of [false, true]) {
    const rows = (o: boolean) =>
      Array.from({ length: 2 * n }, (_, i) => i).filter((i) => ok[i] && (i < n || (o && withAug)));
    const train = rows(true).filter((i) => corpus[i] !== held);
    const inner = corpora.filter((c) => c !== held).map((c) => ({
      train: train.filter((i) => corpus[i] !== c),
      val: train.filter((i) => corpus[i] === c && i < n),
    }));
    const test = rows(false).filter((i) => corpus[i] === held && i < n);
    const r = await nestedFold(read, labels, k, { train, val: [], test, inner }, grid);
    const y = Int32Array.from(test, (i) => labels[i]);
    const uar = computeMetrics(y, argmaxRows(r.probabilities, k), k).uar;
    console.log(
      `${held}\t${withAug ? "channel copies" : "originals"}\tchose ${
        r.chosen.map((c) => `${c.set} ${(c as { c: number }).c}`).join("+")
      }\tnested ${r.validationUar.toFixed(3)}\theld-out UAR ${
        uar.toFixed(3)
      }\ttrain rows ${train.length}`,
    );
  }
}
