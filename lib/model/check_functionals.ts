import { type AnySetName, DERIVED_SETS, isAnySet, setNames } from "../features/derived.ts";
import { SET_NAMES } from "../features/sets.ts";
import { cardFields } from "./_card_fields.ts";
import { classifierFamily, FAMILIES } from "./families.ts";
import { FUNCTIONALS_FORMAT, type FunctionalsCard } from "./functionals_deploy.ts";

/**
 * Checks a parsed functional-set `serlab.json` before a model is built from it, field by field
 * as {@linkcode checkModelCard} checks FusionNet's: the format and family, the recipe, labels
 * (two or more distinct names) and label map, the feature set (a known one) and its version, the cut, the normalisation, the global scaler (one finite mean and one
 * finite positive scale per feature of the set), the classifier (a registered family's, over the
 * set's features and the labels, checked by its family's entry in `families.ts`; the `inductive`
 * one too when present), the calibrations' temperatures, and the validation,
 * training, seed and versions records. Throws an `Error` whose message is `file: field: problem`;
 * returns the card typed.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkFunctionalsCard } from "./check_functionals.ts";
 * assertThrows(
 *   () => checkFunctionalsCard({ format: "serlab-functionals/1" }, "m/serlab.json"),
 *   Error,
 *   'm/serlab.json: family: "undefined", expected "functionals"',
 * );
 * ```
 */
export function checkFunctionalsCard(value: unknown, file: string): FunctionalsCard {
  const { fail, obj, int, ...check } = cardFields(file);
  const card = obj(value, "the card");
  const labels = check.identity(card, FUNCTIONALS_FORMAT, "functionals");
  if (!isAnySet(card.set)) {
    const known = [...SET_NAMES, ...Object.keys(DERIVED_SETS)];
    fail("set", `${JSON.stringify(card.set)} is not one of ${known.join(", ")}`);
  }
  int(card.setsVersion, "setsVersion", 1);
  const dims = setNames(card.set as AnySetName).length;
  check.load(card.load, "load");
  check.is(card, "normalization", "speaker");
  check.scaler(card.globalScaler, "globalScaler", dims);
  const classifier = (value: unknown, field: string) => {
    const json = obj(value, field);
    const family = classifierFamily(json.family);
    if (!family) {
      return fail(
        `${field}.family`,
        `${JSON.stringify(json.family)} is not one of ${FAMILIES.map((f) => f.name).join(", ")}`,
      );
    }
    if (json.dims !== dims) {
      fail(`${field}.dims`, `${json.dims}, but the "${card.set}" set has ${dims} features`);
    }
    if (json.classes !== labels.length) {
      fail(`${field}.classes`, `${json.classes}, but there are ${labels.length} labels`);
    }
    family.check(json, {
      dims,
      classes: labels.length,
      fail: (f, problem) => fail(`${field}.${f}`, problem),
    });
  };
  const temperature = (value: unknown, field: string) => {
    const t = obj(value, field).temperature;
    if (typeof t !== "number" || !(t > 0) || !isFinite(t)) {
      fail(`${field}.temperature`, `must be a positive finite number, got ${JSON.stringify(t)}`);
    }
  };
  classifier(card.classifier, "classifier");
  if (card.calibration !== undefined) temperature(card.calibration, "calibration");
  if (card.inductive !== undefined) {
    const inductive = obj(card.inductive, "inductive");
    classifier(inductive.classifier, "inductive.classifier");
    const family = obj(inductive.classifier, "inductive.classifier").family;
    const own = obj(card.classifier, "classifier").family;
    if (family !== own) {
      fail(
        "inductive.classifier.family",
        `${JSON.stringify(family)}, but classifier is ${JSON.stringify(own)}`,
      );
    }
    temperature(inductive.calibration, "inductive.calibration");
  }
  const validation = obj(card.validation, "validation");
  for (const k of ["accuracy", "uar"]) {
    if (typeof validation[k] !== "number") fail(`validation.${k}`, "must be a number");
  }
  check.provenance(card);
  return card as unknown as FunctionalsCard;
}
