import { loadClip, type LoadSettings } from "../audio/load.ts";
import { speechSeconds } from "../audio/segments.ts";
import type { FeatureTable } from "../dataset/table.ts";
import { predictFusionNet, type TrainedFusionNet } from "../model/fusionnet/model.ts";
import { SpeakerStatistics } from "../model/enrolment.ts";
import { applyScaler, fitScaler, type Scaler } from "../model/scaler.ts";
import { Random } from "../util/random.ts";
import { argmaxRows, computeMetrics } from "./metrics.ts";

/** One point of the enrolment curve: seconds of enrolled speech (null: all of it). */
export interface EnrolmentPoint {
  seconds: number | null;
  accuracy: number;
  uar: number;
}

/** What {@linkcode enrolmentCurve} needs about one fold. */
export interface EnrolmentFold {
  /** Seconds of speech to enrol, null for all of the speaker's other clips. */
  budgets: readonly (number | null)[];
  /** The training rows before any standardisation (for the global scaler at 0 s). */
  train: FeatureTable;
  /** The test rows before any standardisation, with labels, speakers and audio files. */
  test: FeatureTable;
  labels: Int32Array;
  speakers: ArrayLike<number>;
  files: string[];
  load: LoadSettings;
  classes: number;
  seed: number;
}

/**
 * Accuracy and UAR of a model trained on per-speaker standardised rows when each test clip is
 * standardised by its speaker's statistics from `budget` seconds of that speaker's *other* clips
 * (never the scored clip; 0 s: the training rows' global scaler; null: all other clips), as a
 * deployed model sees a new speaker after enrolment. Speech is counted as `predict --enroll`
 * counts it: 20 ms frames of the clip's cut above -50 dBFS. Each clip draws its enrolment clips
 * in its own seeded random order, so every budget scores the same clips.
 *
 * @example
 * ```ts ignore
 * const curve = await enrolmentCurve(model, { budgets: ENROLMENT_BUDGETS, train, test, ... });
 * ```
 */
export async function enrolmentCurve(
  model: TrainedFusionNet,
  f: EnrolmentFold,
): Promise<EnrolmentPoint[]> {
  const n = f.test.rows;
  const x = _vectors(f.test);
  const speech = f.files.map((file) =>
    speechSeconds(loadClip(Deno.readFileSync(file), file, f.load), f.load.sampleRate)
  );
  const global = fitScaler(_vectors(f.train), 170);
  const bySpeaker = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    bySpeaker.set(f.speakers[i], [...(bySpeaker.get(f.speakers[i]) ?? []), i]);
  }
  const out: EnrolmentPoint[] = [];
  for (const budget of f.budgets) {
    const std = new Float32Array(n * 170);
    for (let i = 0; i < n; i++) {
      const row = x.subarray(i * 170, (i + 1) * 170);
      let scaler: Scaler = global;
      if (budget !== 0) {
        const others = bySpeaker.get(f.speakers[i])!.filter((j) => j !== i);
        const rng = new Random(f.seed + i);
        for (let k = others.length - 1; k > 0; k--) {
          const r = rng.int(k + 1);
          [others[k], others[r]] = [others[r], others[k]];
        }
        const stats = new SpeakerStatistics(170, "eval");
        for (const j of others) {
          if (budget !== null && stats.seconds >= budget) break;
          if (speech[j] > 0) stats.add(x.subarray(j * 170, (j + 1) * 170), speech[j]);
        }
        if (stats.rows > 1) scaler = stats.scaler();
      }
      std.set(applyScaler(row, scaler), i * 170);
    }
    const table: FeatureTable = {
      rows: n,
      acoustic: new Float32Array(n * 162),
      statistical: new Float32Array(n * 8),
      gender: f.test.gender,
    };
    for (let i = 0; i < n; i++) {
      table.acoustic.set(std.subarray(i * 170, i * 170 + 162), i * 162);
      table.statistical.set(std.subarray(i * 170 + 162, (i + 1) * 170), i * 8);
    }
    const predicted = argmaxRows(await predictFusionNet(model, table), f.classes);
    const m = computeMetrics(f.labels, predicted, f.classes);
    out.push({ seconds: budget, accuracy: m.accuracy, uar: m.uar });
  }
  return out;
}

/**
 * The mean curve over folds (each point's accuracy and UAR averaged).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "@std/assert";
 * import { meanCurve } from "./enrolment.ts";
 * const [p] = meanCurve([[{ seconds: 0, accuracy: 0.4, uar: 0.4 }], [{ seconds: 0, accuracy: 0.6, uar: 0.5 }]]);
 * assertEquals(p.seconds, 0);
 * assertAlmostEquals(p.accuracy, 0.5, 1e-12);
 * assertAlmostEquals(p.uar, 0.45, 1e-12);
 * ```
 */
export function meanCurve(folds: EnrolmentPoint[][]): EnrolmentPoint[] {
  return (folds[0] ?? []).map((p, k) => ({
    seconds: p.seconds,
    accuracy: folds.reduce((a, c) => a + c[k].accuracy, 0) / folds.length,
    uar: folds.reduce((a, c) => a + c[k].uar, 0) / folds.length,
  }));
}

/** [acoustic, statistical] vectors of a table's rows. */
function _vectors(t: FeatureTable): Float32Array {
  const x = new Float32Array(t.rows * 170);
  for (let r = 0; r < t.rows; r++) {
    x.set(t.acoustic.subarray(r * 162, (r + 1) * 162), r * 170);
    x.set(t.statistical.subarray(r * 8, (r + 1) * 8), r * 170 + 162);
  }
  return x;
}
