import { type FeatureTable, selectRows } from "../../dataset/table.ts";
import type { ExtractorConfig } from "./architecture.ts";
import { fusionConfig } from "./architecture.ts";
import { type BackendChoice, type BackendInfo, createExtractor, selectBackend } from "./backend.ts";
import { DenseNetwork } from "./mlp.ts";
import type { FeatureNetwork, Network } from "./network.ts";
import { applyScaler, fitScaler, type Scaler } from "../scaler.ts";
import { type EpochLog, fit, type History, type TrainOptions } from "./train.ts";

/** Which inputs the classifier sees: SER-FusionNet fuses all three; the ablations drop some. */
export interface FusionInputs {
  /** The extractor's deep features (alone: the extractor's own softmax is the classifier). */
  deep: boolean;
  /** The 8 statistical features, standardised. */
  statistical: boolean;
  /** The speaker's gender bit. */
  gender: boolean;
}

/** Everything that defines a SER-FusionNet model before training. */
export interface FusionNetSettings {
  /** Class names, index = label. */
  labels: string[];
  inputs: FusionInputs;
  extractor: ExtractorConfig;
  /** Hidden widths of the fusion classifier. */
  fusionHidden: number[];
  training: TrainOptions;
  /**
   * At most this many epochs for the extractor, which is most of the training time (quick runs);
   * the gender and fusion classifiers, cheap but slower to converge, keep `training.epochs`.
   * Absent: `training.epochs` for every stage.
   */
  extractorEpochs?: number;
  backend: BackendChoice;
  seed: number;
}

/** A trained model: networks, the scalers fitted on its training rows, and how it trained. */
export interface TrainedFusionNet {
  settings: FusionNetSettings;
  backend: BackendInfo;
  scalers: { acoustic: Scaler; statistical: Scaler };
  extractor: FeatureNetwork | null;
  fusion: Network | null;
  /**
   * Estimates the gender bit (0 male, 1 female) from standardised acoustic and statistical
   * features, for recordings whose speaker's gender is not given (real-time use).
   */
  gender: Network | null;
  history: { extractor?: History; fusion?: History; gender?: History };
}

/** Rows of features and their labels. */
export interface LabelledTable {
  table: FeatureTable;
  labels: Int32Array;
}

/**
 * Trains SER-FusionNet: scalers fitted on `train` only; the extractor trained on the
 * standardised acoustic features (early stopping on `val`); its deep features, the standardised
 * statistical features and gender fused and classified by the fusion MLP (same schedule).
 *
 * @example
 * ```ts ignore
 * const model = await trainFusionNet(train, val, settings, (stage, log) => console.log(stage, log.epoch));
 * const probabilities = await predictFusionNet(model, test.table);
 * ```
 */
export async function trainFusionNet(
  train: LabelledTable,
  val: LabelledTable | null,
  settings: FusionNetSettings,
  onEpoch?: (stage: "extractor" | "fusion", log: EpochLog) => void,
): Promise<TrainedFusionNet> {
  const scalers = {
    acoustic: fitScaler(
      train.table.acoustic,
      train.table.acoustic.length / Math.max(1, train.table.rows),
    ),
    statistical: fitScaler(
      train.table.statistical,
      train.table.statistical.length / Math.max(1, train.table.rows),
    ),
  };
  const backend = settings.inputs.deep
    ? await selectBackend(settings.backend, settings.extractor)
    : { name: "wasm-simd" as const, detail: "not used (no deep features)", candidates: {} };
  const model: TrainedFusionNet = {
    settings,
    backend,
    scalers,
    extractor: null,
    fusion: null,
    gender: null,
    history: {},
  };
  const { inputs } = settings;
  if (inputs.deep) {
    model.extractor = await createExtractor(settings.extractor, settings.seed, backend);
    const rows = (t: LabelledTable) => ({
      x: applyScaler(t.table.acoustic, scalers.acoustic),
      y: t.labels,
    });
    model.history.extractor = await fit(
      model.extractor,
      rows(train),
      val ? rows(val) : null,
      settings.extractorEpochs === undefined ? settings.training : {
        ...settings.training,
        epochs: Math.min(settings.training.epochs, settings.extractorEpochs),
      },
      (log) => onEpoch?.("extractor", log),
    );
  }
  // the gender classifier learns from the speakers whose gender is known (0 or 1; unknown is
  // 0.5 in the fusion input); with none known there is nothing to learn
  const known = (t: LabelledTable) => {
    const k: number[] = [];
    t.table.gender.forEach((g, i) => g !== 0.5 && k.push(i));
    const table = k.length === t.table.rows ? t.table : selectRows(t.table, k);
    return { x: genderRows(model, table), y: Int32Array.from(table.gender) };
  };
  const genderTrain = inputs.gender ? known(train) : null;
  if (genderTrain?.y.length) {
    model.gender = new DenseNetwork(fusionConfig(170, 2, []), settings.seed + 2);
    const genderVal = val ? known(val) : null;
    model.history.gender = await fit(
      model.gender,
      genderTrain,
      genderVal?.y.length ? genderVal : null,
      { ...settings.training, seed: settings.training.seed + 2 },
    );
  }
  if (inputs.statistical || inputs.gender) {
    const width = fusionWidth(settings);
    model.fusion = new DenseNetwork(
      fusionConfig(width, settings.labels.length, settings.fusionHidden),
      settings.seed + 1,
    );
    const rows = async (t: LabelledTable) => ({ x: await fusionRows(model, t.table), y: t.labels });
    model.history.fusion = await fit(
      model.fusion,
      await rows(train),
      val ? await rows(val) : null,
      { ...settings.training, seed: settings.training.seed + 1 },
      (log) => onEpoch?.("fusion", log),
    );
  }
  return model;
}

/**
 * Class probabilities (`rows * labels`) of a trained model for a feature table.
 *
 * @example
 * ```ts ignore
 * const p = await predictFusionNet(model, table);
 * ```
 */
export async function predictFusionNet(
  model: TrainedFusionNet,
  table: FeatureTable,
): Promise<Float32Array> {
  if (model.fusion) return await model.fusion.predict(await fusionRows(model, table));
  if (!model.extractor) throw new Error("a model needs deep or statistical inputs");
  return await model.extractor.predict(applyScaler(table.acoustic, model.scalers.acoustic));
}

/**
 * Class probabilities of the extractor's own softmax head (the deep-only classifier) for a
 * feature table.
 *
 * @example
 * ```ts ignore
 * const deepOnly = await predictExtractor(model, table);
 * ```
 */
export async function predictExtractor(
  model: TrainedFusionNet,
  table: FeatureTable,
): Promise<Float32Array> {
  if (!model.extractor) throw new Error("this model has no extractor");
  return await model.extractor.predict(applyScaler(table.acoustic, model.scalers.acoustic));
}

/** Width of the fusion classifier's input for these settings. */
export function fusionWidth(settings: FusionNetSettings): number {
  const { inputs, extractor } = settings;
  return (inputs.deep ? extractor.deep : 0) + (inputs.statistical ? 8 : 0) +
    (inputs.gender ? 1 : 0);
}

/** The fusion classifier's input rows: [deep, standardised statistical, gender], as configured. */
export async function fusionRows(
  model: TrainedFusionNet,
  table: FeatureTable,
): Promise<Float32Array> {
  const { inputs } = model.settings;
  const n = table.rows;
  const width = fusionWidth(model.settings);
  const deepWidth = inputs.deep ? model.settings.extractor.deep : 0;
  const deep = inputs.deep && model.extractor
    ? await model.extractor.deepFeatures(applyScaler(table.acoustic, model.scalers.acoustic))
    : null;
  const stat = inputs.statistical
    ? applyScaler(table.statistical, model.scalers.statistical)
    : null;
  const out = new Float32Array(n * width);
  for (let r = 0; r < n; r++) {
    let at = r * width;
    if (deep) { for (let d = 0; d < deepWidth; d++) out[at++] = deep[r * deepWidth + d]; }
    if (stat) { for (let s = 0; s < 8; s++) out[at++] = stat[r * 8 + s]; }
    if (inputs.gender) out[at++] = table.gender[r];
  }
  return out;
}

/** The gender classifier's input rows: standardised acoustic then statistical features. */
export function genderRows(model: TrainedFusionNet, table: FeatureTable): Float32Array {
  const a = applyScaler(table.acoustic, model.scalers.acoustic);
  const s = applyScaler(table.statistical, model.scalers.statistical);
  const out = new Float32Array(table.rows * 170);
  for (let r = 0; r < table.rows; r++) {
    out.set(a.subarray(r * 162, (r + 1) * 162), r * 170);
    out.set(s.subarray(r * 8, (r + 1) * 8), r * 170 + 162);
  }
  return out;
}

/**
 * The probability that each row's speaker is female, from the model's gender classifier.
 *
 * @example
 * ```ts ignore
 * table.gender.set(await estimateGender(model, table));
 * ```
 */
export async function estimateGender(
  model: TrainedFusionNet,
  table: FeatureTable,
): Promise<Float32Array> {
  if (!model.gender) {
    throw new Error("this model has no gender classifier (it does not use gender)");
  }
  const p = await model.gender.predict(genderRows(model, table));
  return Float32Array.from({ length: table.rows }, (_, r) => p[2 * r + 1]);
}

/** Frees the model's networks (their workers and memory). */
export function disposeFusionNet(model: TrainedFusionNet): void {
  model.extractor?.dispose();
  model.fusion?.dispose();
  model.gender?.dispose();
}
