import { loadClip } from "../audio/load.ts";
import { extractFeatures } from "../features/extract.ts";
import type { FeatureTable } from "../dataset/table.ts";
import {
  disposeFusionNet,
  estimateGender,
  predictFusionNet,
  type TrainedFusionNet,
} from "../model/fusionnet.ts";
import { loadFusionNet } from "../model/load.ts";
import type { ModelCard } from "../model/save.ts";

/** What the model says about one clip or window. */
export interface Prediction {
  /** The most probable emotion. */
  emotion: string;
  /** Probability of every emotion, in the model's label order. */
  probabilities: Record<string, number>;
  /** The gender bit used: given, or estimated by the model's gender classifier. */
  gender: "male" | "female";
  genderSource: "given" | "estimated";
}

/**
 * A trained model ready to predict: the same feature code and networks as training.
 *
 * @example
 * ```ts ignore
 * const predictor = await EmotionPredictor.load("results/demo-1a2b3c4d/model");
 * const p = await predictor.predictFile(await Deno.readFile("clip.wav"), "clip.wav");
 * console.log(p.emotion, p.probabilities);
 * ```
 */
export class EmotionPredictor {
  readonly card: ModelCard;
  readonly #model: TrainedFusionNet;

  private constructor(card: ModelCard, model: TrainedFusionNet) {
    this.card = card;
    this.#model = model;
  }

  /** Loads a model folder written by `deno task train` or `deno task reproduce`. */
  static async load(dir: string): Promise<EmotionPredictor> {
    const { card, model } = await loadFusionNet(dir);
    if (card.normalization !== "global") {
      disposeFusionNet(model);
      throw new Error(
        `${dir}: this model standardises features per speaker, which needs many recordings of each speaker; ` +
          "predicting single recordings needs a model trained by `deno task train` (global standardisation)",
      );
    }
    return new EmotionPredictor(card, model);
  }

  /** The model's labels. */
  get labels(): string[] {
    return this.card.labels;
  }

  /**
   * Predicts a recording's emotion from its file bytes (WAV or AIFF), cut and resampled as in
   * training (`card.load`: 2.5 s from 0.6 s at 22,050 Hz). Throws naming the file for bad audio.
   */
  async predictFile(
    bytes: Uint8Array,
    file: string,
    gender?: "male" | "female",
  ): Promise<Prediction> {
    return await this.predictSignal(loadClip(bytes, file, this.card.load), gender);
  }

  /** Predicts from a mono signal already at `card.load.sampleRate`. */
  async predictSignal(y: Float32Array, gender?: "male" | "female"): Promise<Prediction> {
    const f = extractFeatures(y, this.card.load.sampleRate, this.card.features);
    const table: FeatureTable = {
      rows: 1,
      acoustic: f.acoustic,
      statistical: f.statistical,
      gender: new Float32Array(1),
    };
    let genderSource: Prediction["genderSource"] = "given";
    if (gender) table.gender[0] = gender === "female" ? 1 : 0;
    else if (this.#model.gender) {
      table.gender[0] = (await estimateGender(this.#model, table))[0] >= 0.5 ? 1 : 0;
      genderSource = "estimated";
    }
    const p = await predictFusionNet(this.#model, table);
    const labels = this.card.labels;
    let best = 0;
    for (let c = 1; c < labels.length; c++) if (p[c] > p[best]) best = c;
    return {
      emotion: labels[best],
      probabilities: Object.fromEntries(labels.map((l, c) => [l, p[c]])),
      gender: table.gender[0] >= 0.5 ? "female" : "male",
      genderSource,
    };
  }

  /** Frees the networks. */
  dispose(): void {
    disposeFusionNet(this.#model);
  }
}
