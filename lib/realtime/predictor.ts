import { AudioError } from "../audio/error.ts";
import { loadClip } from "../audio/load.ts";
import { disposeFusionNet, type TrainedFusionNet } from "../model/fusionnet.ts";
import { loadFusionNet } from "../model/load.ts";
import type { ModelCard } from "../model/save.ts";
import { type Prediction, predictSignal } from "./predict.ts";

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
    const y = loadClip(bytes, file, this.card.load);
    try {
      return await this.predictSignal(y, gender);
    } catch (e) {
      throw e instanceof RangeError ? new AudioError(file, "non-finite", e.message) : e;
    }
  }

  /** Predicts from a mono signal already at `card.load.sampleRate`. */
  async predictSignal(y: Float32Array, gender?: "male" | "female"): Promise<Prediction> {
    return await predictSignal(this.#model, this.card, y, gender);
  }

  /** Frees the networks. */
  dispose(): void {
    disposeFusionNet(this.#model);
  }
}
