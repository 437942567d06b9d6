import { cardFields } from "../_card_fields.ts";
import { MODEL_FORMAT, MODEL_FORMATS_READ, type ModelCard } from "./save.ts";

/** Acoustic and statistical feature counts a card's scalers must cover. */
const STATISTICAL = 8;

/**
 * Checks a parsed `serlab.json` before anything is built from it: the format (one of
 * `MODEL_FORMATS_READ`), labels (two or more distinct names), the label map (if any), inputs,
 * normalisation, power scale, scalers and the global scaler of format 3 (finite means, finite
 * positive scales, as long as the features they scale), the extractor's and fusion classifier's
 * shapes against the labels and inputs, the cut and the feature settings. Throws an `Error`
 * whose message starts with `file` and names the field; returns the card typed.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkModelCard } from "./check.ts";
 * assertThrows(
 *   () => checkModelCard({ format: "serlab-fusionnet/2" }, "m/serlab.json"),
 *   Error,
 *   "m/serlab.json: labels: must be two or more distinct names",
 * );
 * ```
 */
export function checkModelCard(value: unknown, file: string): ModelCard {
  const { fail, obj, int, ...check } = cardFields(file);
  const card = obj(value, "the card");
  if (!MODEL_FORMATS_READ.includes(card.format as string)) {
    fail("format", `${JSON.stringify(card.format)}, expected ${MODEL_FORMAT}`);
  }
  const labels = check.labels(card.labels, "labels");
  if (card.labelMap !== undefined) check.labelMap(card.labelMap, "labelMap", labels);
  const inputs = obj(card.inputs, "inputs");
  for (const k of ["deep", "statistical", "gender"]) {
    if (typeof inputs[k] !== "boolean") fail(`inputs.${k}`, "must be true or false");
  }
  if (card.normalization !== "global" && card.normalization !== "speaker") {
    fail("normalization", "must be global or speaker");
  }
  if (card.power !== "log" && card.power !== "linear") fail("power", "must be log or linear");
  const extractor = card.extractor === null ? null : obj(card.extractor, "extractor");
  if (extractor) {
    for (const k of ["inputLength", "filters", "kernel", "pool", "stride", "convLayers", "deep"]) {
      int(extractor[k], `extractor.${k}`, 1);
    }
    if (extractor.classes !== labels.length) {
      fail(
        "extractor.classes",
        `${extractor.classes}, but there are ${labels.length} labels`,
      );
    }
  } else if (inputs.deep) fail("extractor", "missing, but inputs.deep is true");
  const acousticLength = extractor ? extractor.inputLength as number : 162;
  const scalers = obj(card.scalers, "scalers");
  const checked: [string, number, unknown][] = [
    ["scalers.acoustic", acousticLength, scalers.acoustic],
    ["scalers.statistical", STATISTICAL, scalers.statistical],
  ];
  if (card.globalScaler !== undefined) {
    checked.push(["globalScaler", acousticLength + STATISTICAL, card.globalScaler]);
  }
  for (const [name, length, scaler] of checked) check.scaler(scaler, name, length);
  if (card.calibration !== undefined) {
    const t = obj(card.calibration, "calibration").temperature;
    if (typeof t !== "number" || !(t > 0) || !isFinite(t)) {
      fail("calibration.temperature", `must be a positive finite number, got ${JSON.stringify(t)}`);
    }
  }
  const fusion = card.fusion === null ? null : obj(card.fusion, "fusion");
  if (fusion) {
    const width = (inputs.deep ? extractor!.deep as number : 0) +
      (inputs.statistical ? STATISTICAL : 0) + (inputs.gender ? 1 : 0);
    if (fusion.inputs !== width) {
      fail("fusion.inputs", `${fusion.inputs}, but the inputs make ${width}`);
    }
    if (!Array.isArray(fusion.hidden)) fail("fusion.hidden", "must be a list of widths");
    (fusion.hidden as unknown[]).forEach((h, i) => int(h, `fusion.hidden[${i}]`, 1));
  } else if (!extractor) fail("fusion", "missing, and there is no extractor either");
  check.load(card.load, "load");
  const features = obj(card.features, "features");
  for (const k of ["nFft", "hop", "nMels", "nMfcc", "nMfccStat"]) {
    int(features[k], `features.${k}`, 1);
  }
  const backend = obj(card.backend, "backend");
  if (typeof backend.name !== "string") fail("backend.name", "must be a name");
  return card as unknown as ModelCard;
}
