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
  const fail = (field: string, problem: string): never => {
    throw new Error(`${file}: ${field}: ${problem}`);
  };
  const obj = (v: unknown, field: string): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v)
      ? v as Record<string, unknown>
      : fail(field, "missing or not an object");
  const int = (v: unknown, field: string, min: number) =>
    Number.isInteger(v) && (v as number) >= min
      ? v as number
      : fail(field, `must be an integer of at least ${min}, got ${JSON.stringify(v)}`);
  const card = obj(value, "the card");
  if (!MODEL_FORMATS_READ.includes(card.format as string)) {
    fail("format", `${JSON.stringify(card.format)}, expected ${MODEL_FORMAT}`);
  }
  const labels = card.labels;
  if (
    !Array.isArray(labels) || labels.length < 2 ||
    !labels.every((l) => typeof l === "string" && l) || new Set(labels).size !== labels.length
  ) fail("labels", "must be two or more distinct names");
  if (card.labelMap !== undefined) {
    const map = obj(card.labelMap, "labelMap");
    for (const [emotion, label] of Object.entries(map)) {
      if (label !== null && !(labels as string[]).includes(label as string)) {
        fail(`labelMap.${emotion}`, `${JSON.stringify(label)} is not one of the labels`);
      }
    }
  }
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
    if (extractor.classes !== (labels as string[]).length) {
      fail(
        "extractor.classes",
        `${extractor.classes}, but there are ${(labels as string[]).length} labels`,
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
  for (const [name, length, scaler] of checked) {
    const s = obj(scaler, name);
    for (const k of ["mean", "scale"] as const) {
      const v = s[k];
      if (!Array.isArray(v) || v.length !== length) {
        fail(
          `${name}.${k}`,
          `must hold ${length} numbers, holds ${Array.isArray(v) ? v.length : "none"}`,
        );
      }
      const bad = (v as unknown[]).findIndex((x) =>
        typeof x !== "number" || !Number.isFinite(x) || (k === "scale" && !(x > 0))
      );
      if (bad >= 0) {
        fail(
          `${name}.${k}[${bad}]`,
          `${JSON.stringify((v as unknown[])[bad])} is not ${
            k === "scale" ? "a positive" : "a finite"
          } number`,
        );
      }
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
  const load = obj(card.load, "load");
  int(load.sampleRate, "load.sampleRate", 1);
  if (!(typeof load.offset === "number" && load.offset >= 0)) {
    fail("load.offset", "must be a number of at least 0");
  }
  if (load.duration !== null && !(typeof load.duration === "number" && load.duration > 0)) {
    fail("load.duration", "must be null or a positive number");
  }
  const features = obj(card.features, "features");
  for (const k of ["nFft", "hop", "nMels", "nMfcc", "nMfccStat"]) {
    int(features[k], `features.${k}`, 1);
  }
  const backend = obj(card.backend, "backend");
  if (typeof backend.name !== "string") fail("backend.name", "must be a name");
  return card as unknown as ModelCard;
}
