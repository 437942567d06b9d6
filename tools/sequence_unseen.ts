/**
 * One measurement (issue 24's note, docs/realtime.md): a deployed model scored on every clip of a
 * corpus it never heard, in the model's classes. `global`: each clip standardised by the model's
 * global scaler (inductive); `per-speaker`: each actor's clips by the statistics of all that
 * actor's clips (transductive: the test speakers' unlabelled audio, as the study's per-speaker
 * protocol). Usage: deno run -A tools/sequence_unseen.ts MODEL_DIR DATA_DIR
 */
import { loadClip } from "../lib/audio/mod.ts";
import { discoverClips } from "../lib/corpora/mod.ts";
import { computeMetrics } from "../lib/eval/metrics.ts";
import { loadDeployable, SpeakerStatistics } from "../lib/model/mod.ts";
import { predictFeatures } from "../lib/realtime/predict.ts";

const [modelDir, data] = Deno.args;
const model = await loadDeployable(modelDir);
const { clips, root } = { ...(await discoverClips(data)), root: data };
const scored = clips.filter((c) => model.labels.includes(c.emotion));
const byActor = new Map<string, { i: number; x: Float32Array }[]>();
const t0 = performance.now();
for (const [i, c] of scored.entries()) {
  const file = `${root}/${c.path}`;
  const x = model.features(loadClip(await Deno.readFile(file), file, model.load));
  const key = `${c.corpus}:${c.actor}`;
  if (!byActor.has(key)) byActor.set(key, []);
  byActor.get(key)!.push({ i, x });
  if (i % 200 === 0) {
    console.error(`${i}/${scored.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
}
const truth = Int32Array.from(scored, (c) => model.labels.indexOf(c.emotion));
const predicted = { global: new Int32Array(scored.length), speaker: new Int32Array(scored.length) };
for (const rows of byActor.values()) {
  const stats = SpeakerStatistics.of(model);
  for (const r of rows) stats.add(r.x, 2.5);
  const speaker = stats.scaler();
  for (const r of rows) {
    for (const [which, o] of [["global", {}], ["speaker", { speaker }]] as const) {
      const p = await predictFeatures(model, r.x, o);
      predicted[which][r.i] = model.labels.indexOf(p.emotion);
    }
  }
}
const k = model.labels.length;
const g = computeMetrics(truth, predicted.global, k),
  s = computeMetrics(truth, predicted.speaker, k);
console.log(JSON.stringify({
  model: modelDir,
  data,
  clips: scored.length,
  actors: byActor.size,
  labels: model.labels,
  global: { uar: g.uar, accuracy: g.accuracy },
  perSpeaker: { uar: s.uar, accuracy: s.accuracy },
}));
