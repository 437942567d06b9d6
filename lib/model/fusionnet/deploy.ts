import { FUSIONNET_LOAD, type LoadSettings } from "../../audio/load.ts";
import type { Augmentation } from "../../augment/augment.ts";
import { type Clip, SUPERSET_EMOTIONS } from "../../corpora/clip.ts";
import { labelMapOf, type LabelSet, labelSetOf } from "../../corpora/labels.ts";
import { buildTable, type PowerScale } from "../../dataset/build.ts";
import { FEATURES_VERSION, featurize } from "../../dataset/featurize.ts";
import { standardiseBySpeaker } from "../../dataset/standardise.ts";
import { concatTables, type FeatureTable } from "../../dataset/table.ts";
import { type FeatureSettings, FUSIONNET_FEATURES } from "../../features/extract.ts";
import { seedOf } from "../../util/random.ts";
import { extractorConfig } from "./architecture.ts";
import type { BackendChoice } from "./backend.ts";
import { disposeFusionNet, type LabelledTable, predictFusionNet, trainFusionNet } from "./model.ts";
import { fitTemperature } from "../calibration.ts";
import { type ModelCard, saveFusionNet } from "./save.ts";
import { fitScaler } from "../scaler.ts";
import type { EpochLog, TrainOptions } from "./train.ts";

/**
 * SER-FusionNet's fixed design, shared by `reproduce`, `train` and the tests: the authors'
 * notebook's one Conv1D block, a Dense(12) fusion classifier, 15% of the actors held out for early
 * stopping, and librosa's cut and features.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FUSIONNET_DESIGN } from "./deploy.ts";
 * assertEquals(FUSIONNET_DESIGN.fusionHidden, [12]);
 * ```
 */
export const FUSIONNET_DESIGN: Readonly<
  Pick<DeployOptions, "convLayers" | "fusionHidden" | "valShare" | "load" | "features">
> = Object.freeze({
  convLayers: 1,
  fusionHidden: [12],
  valShare: 0.15,
  load: FUSIONNET_LOAD,
  features: FUSIONNET_FEATURES,
});

/** What {@linkcode trainAndSave} needs besides the clips. */
export interface DeployOptions {
  root: string;
  out: string;
  cacheDir: string;
  seed: number;
  augment: Augmentation[];
  backend: BackendChoice;
  training: TrainOptions;
  /** A cap on the extractor's epochs (quick runs; see `FusionNetSettings.extractorEpochs`). */
  extractorEpochs?: number;
  convLayers: number;
  fusionHidden: number[];
  load: LoadSettings;
  features: FeatureSettings;
  /** The scale of the power-like features (recorded in the model card, applied when predicting). */
  power: PowerScale;
  versions: Record<string, string>;
  manifestSha256: string;
  /** Share of actors held out for early stopping. */
  valShare: number;
  /** The classes (`--labels`); the Superset's six emotions when absent. */
  labelSet?: LabelSet;
  onEpoch?: (stage: string, log: EpochLog) => void;
}

/**
 * Trains a model for everyday use on all the given clips with the Superset's six emotions or
 * `labelSet`'s classes (augmented copies of the training actors' clips added), early stopping on
 * a share of held-out actors, and saves it with a gender classifier for `predict` and `serve`.
 * Each training speaker's features are standardised by the speaker's own statistics (as the
 * evaluation's per-speaker normalisation), so that a new speaker's enrolment statistics apply
 * at prediction time; the global scaler over all training rows is saved for use until then.
 *
 * @example
 * ```ts ignore
 * const card = await trainAndSave(clips, { root, out: "results/x/model", ... });
 * ```
 */
export async function trainAndSave(allClips: Clip[], o: DeployOptions): Promise<ModelCard> {
  const set = o.labelSet ?? labelSetOf(SUPERSET_EMOTIONS);
  const clips = allClips.filter((c) => set.map[c.emotion] !== undefined);
  if (!clips.length) throw new Error(`no clips of the classes ${set.labels.join(", ")}`);
  const labels = set.labels;
  const valActors = deployValidationActors(clips, o.valShare);
  const train = clips.filter((c) => !valActors.has(c.actor));
  const val = clips.filter((c) => valActors.has(c.actor));
  const jobs = (cs: Clip[], kind: Augmentation | null) =>
    cs.map((c) => ({
      file: `${o.root}/${c.path}`,
      sha256: c.sha256,
      augmentation: kind ? { kind, seed: seedOf(o.seed, c.sha256) } : null,
    }));
  const raw: FeatureTable[] = [];
  const side = async (cs: Clip[], kinds: (Augmentation | null)[]): Promise<LabelledTable> => {
    const tables = [], ys: number[] = [];
    for (const kind of kinds) {
      const r = await featurize(jobs(cs, kind), {
        load: o.load,
        features: o.features,
        cacheDir: o.cacheDir,
        label: `model features${kind ? ` (${kind})` : ""}`,
      });
      const ok = cs.map((_, i) => i).filter((i) => r.features[i]);
      const table = buildTable(ok.map((i) => cs[i]), ok.map((i) => r.features[i]!), o.power);
      if (cs === train) raw.push(table);
      tables.push(standardiseBySpeaker(table, ok.map((i) => cs[i].actor)));
      ys.push(...ok.map((i) => labels.indexOf(set.map[cs[i].emotion]!)));
    }
    return { table: concatTables(tables), labels: Int32Array.from(ys) };
  };
  const trainSide = await side(train, [null, ...o.augment]);
  const valSide = val.length ? await side(val, [null]) : null;
  const model = await trainFusionNet(trainSide, valSide, {
    labels,
    inputs: { deep: true, statistical: true, gender: true },
    extractor: extractorConfig(labels.length, { convLayers: o.convLayers }),
    fusionHidden: o.fusionHidden,
    training: { ...o.training, seed: seedOf(o.seed, "model") },
    ...(o.extractorEpochs === undefined ? {} : { extractorEpochs: o.extractorEpochs }),
    backend: o.backend,
    seed: seedOf(o.seed, "model"),
  }, o.onEpoch);
  try {
    // temperature scaling fitted on the validation actors' probabilities (none held out: T = 1)
    // (fitted on per-speaker standardised rows, as FusionNet was trained; used before enrolment too)
    const calibration = valSide?.labels.length
      ? {
        temperature: fitTemperature(
          await predictFusionNet(model, valSide.table),
          valSide.labels,
          labels.length,
        ),
        fittedOn: "validation actors",
      }
      : undefined;
    return await saveFusionNet(model, o.out, {
      ...(calibration ? { calibration } : {}),
      load: o.load,
      features: o.features,
      featuresVersion: FEATURES_VERSION,
      versions: o.versions,
      normalization: "speaker",
      globalScaler: _globalScaler(concatTables(raw)),
      labelMap: labelMapOf(set, allClips),
      power: o.power,
      trainedOn: {
        clips: clips.length,
        manifestSha256: o.manifestSha256,
        corpora: [...new Set(clips.map((c) => c.corpus))],
      },
    });
  } finally {
    disposeFusionNet(model);
  }
}

/**
 * The actors a model for deployment holds out for validation: a `share` of them, every k-th in
 * number order, so both genders and all corpora tend to be represented (none with fewer than 3).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { deployValidationActors } from "./deploy.ts";
 * const clips = [1, 2, 3, 4, 5, 6].map((actor) => ({ actor }));
 * assertEquals([...deployValidationActors(clips, 0.34)], [2, 5]);
 * ```
 */
export function deployValidationActors(
  clips: readonly Pick<Clip, "actor">[],
  share: number,
): Set<number> {
  const actors = [...new Set(clips.map((c) => c.actor))].sort((a, b) => a - b);
  const valCount = actors.length > 2 ? Math.max(1, Math.round(actors.length * share)) : 0;
  const step = valCount ? actors.length / valCount : 0;
  return new Set(
    Array.from({ length: valCount }, (_, i) => actors[Math.floor(i * step + step / 2)]),
  );
}

/** The scaler over the [acoustic, statistical] vectors of the training rows. */
function _globalScaler(t: FeatureTable) {
  const x = new Float32Array(t.rows * 170);
  for (let r = 0; r < t.rows; r++) {
    x.set(t.acoustic.subarray(r * 162, (r + 1) * 162), r * 170);
    x.set(t.statistical.subarray(r * 8, (r + 1) * 8), r * 170 + 162);
  }
  return fitScaler(x, 170);
}
