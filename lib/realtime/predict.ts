import { scalePower } from "../dataset/build.ts";
import { extractFeatures } from "../features/extract.ts";
import { checkFiniteFeatures } from "../features/finite.ts";
import { estimateGender, predictFusionNet, type TrainedFusionNet } from "../model/fusionnet.ts";
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
 * Predicts the emotion of a mono signal at `card.load.sampleRate`: the training features, the
 * gender bit (given, or from the model's gender classifier), the model. Throws a `RangeError` when
 * the features or the probabilities are not finite: a non-finite number is never a prediction. Pure: the browser page
 * calls it with TensorFlow.js networks, the command line with the WebAssembly engine.
 *
 * @example
 * ```ts ignore
 * const p = await predictSignal(model, card, y);
 * ```
 */
export async function predictSignal(
  model: TrainedFusionNet,
  card: ModelCard,
  y: Float32Array,
  gender?: "male" | "female",
): Promise<Prediction> {
  const f = extractFeatures(y, card.load.sampleRate, card.features);
  checkFiniteFeatures(f, y);
  const table = scalePower({
    rows: 1,
    acoustic: f.acoustic,
    statistical: f.statistical,
    gender: new Float32Array(1),
  }, card.power);
  let genderSource: Prediction["genderSource"] = "given";
  if (gender) table.gender[0] = gender === "female" ? 1 : 0;
  else if (model.gender) {
    table.gender[0] = (await estimateGender(model, table))[0] >= 0.5 ? 1 : 0;
    genderSource = "estimated";
  }
  const p = await predictFusionNet(model, table);
  const labels = card.labels;
  if (!Array.from(p).every(Number.isFinite)) {
    throw new RangeError("the model's probabilities are not finite (a damaged model?)");
  }
  let best = 0;
  for (let c = 1; c < labels.length; c++) if (p[c] > p[best]) best = c;
  return {
    emotion: labels[best],
    probabilities: Object.fromEntries(labels.map((l, c) => [l, p[c]])),
    gender: table.gender[0] >= 0.5 ? "female" : "male",
    genderSource,
  };
}
