import { assertAlmostEquals, assertEquals } from "../_assert.ts";
import { loadClip, speechSeconds } from "../../lib/audio/mod.ts";
import { discoverClips } from "../../lib/corpora/mod.ts";
import type { FeatureTable } from "../../lib/dataset/mod.ts";
import { enrolmentCurve, meanCurve } from "../../lib/eval/enrolment.ts";
import { ENROLMENT_BUDGETS } from "../../lib/eval/recipes.ts";
import { argmaxRows, computeMetrics } from "../../lib/eval/metrics.ts";
import {
  applyScaler,
  fusionNetDeployable,
  loadFusionNet,
  predictFusionNet,
  SpeakerStatistics,
} from "../../lib/model/mod.ts";
import { testModel } from "../_model.ts";
import { SAMPLE } from "../_shared.ts";

function table(x: Float32Array[], gender: number[]): FeatureTable {
  const t = {
    rows: x.length,
    acoustic: new Float32Array(x.length * 162),
    statistical: new Float32Array(x.length * 8),
    gender: Float32Array.from(gender),
  };
  x.forEach((v, i) => {
    t.acoustic.set(v.subarray(0, 162), i * 162);
    t.statistical.set(v.subarray(162), i * 8);
  });
  return t;
}

Deno.test("enrolment curve: 0 s is the global scaler, 'all' the speaker's other clips, never the clip scored", async () => {
  const { card, model } = await loadFusionNet(await testModel());
  const deployable = fusionNetDeployable(card, model);
  try {
    const { clips } = await discoverClips(SAMPLE);
    const test = clips.filter((c) => c.corpus === "ravdess" && card.labels.includes(c.emotion));
    const files = test.map((c) => `${SAMPLE}/${c.path}`);
    const ys = files.map((f) => loadClip(Deno.readFileSync(f), f, card.load));
    const x = ys.map((y) => deployable.features(y));
    const t = table(x, test.map((c) => c.gender === "female" ? 1 : 0));
    const labels = Int32Array.from(test, (c) => card.labels.indexOf(c.emotion));
    const curve = await enrolmentCurve(model, {
      budgets: ENROLMENT_BUDGETS,
      train: t, // the global scaler from these rows
      test: t,
      labels,
      speakers: test.map((c) => c.actor),
      files,
      load: card.load,
      classes: card.labels.length,
      seed: 1,
    });
    assertEquals(curve.map((p) => p.seconds), [0, 5, 10, 20, 40, null]);
    const score = async (rows: Float32Array[]) => {
      const p = await predictFusionNet(model, table(rows, Array.from(t.gender)));
      return computeMetrics(labels, argmaxRows(p, card.labels.length), card.labels.length);
    };
    const everyone = new SpeakerStatistics(170, "t");
    for (const v of x) everyone.add(v, 1);
    const global = everyone.scaler();
    // 0 s: every clip by the global scaler (population statistics of the training rows)
    const atZero = await score(x.map((v) => applyScaler(v, global)));
    assertAlmostEquals(curve[0].accuracy, atZero.accuracy, 1e-9);
    // all: each clip by the statistics of its speaker's other clips with speech
    const speech = ys.map((y) => speechSeconds(y, card.load.sampleRate));
    const loo = x.map((v, i) => {
      const s = new SpeakerStatistics(170, "t");
      x.forEach((w, j) => {
        if (j !== i && test[j].actor === test[i].actor && speech[j] > 0) s.add(w, speech[j]);
      });
      return applyScaler(v, s.scaler());
    });
    const all = await score(loo);
    assertAlmostEquals(curve[5].accuracy, all.accuracy, 1e-9);
    assertAlmostEquals(curve[5].uar, all.uar, 1e-9);
    assertEquals(meanCurve([curve, curve]), curve);
  } finally {
    deployable.dispose();
  }
});
