/**
 * Field checks shared by the model-card checks ({@linkcode checkModelCard} of SER-FusionNet,
 * {@linkcode checkFunctionalsCard} of the functional-set model, {@linkcode checkSequenceCard} of
 * the sequence model): each failure is an `Error` whose message is `FILE: FIELD: problem`.
 *
 * @module
 */

/** The checks of one card file. */
export interface CardFields {
  /** Throws `file: field: problem`. */
  fail(field: string, problem: string): never;
  /** `v` as an object (not null, not a list). */
  obj(v: unknown, field: string): Record<string, unknown>;
  /** `v` as an integer of at least `min`. */
  int(v: unknown, field: string, min: number): number;
  /** `v` as two or more distinct, non-empty names. */
  labels(v: unknown, field: string): string[];
  /** `v` as a label map: an object whose every value is null or one of `labels`. */
  labelMap(v: unknown, field: string, labels: readonly string[]): void;
  /** `v` as a scaler of `length` finite means and finite positive scales. */
  scaler(v: unknown, field: string, length: number): void;
  /** `v` as load settings: a sample rate, an offset of at least 0, a duration (or null). */
  load(v: unknown, field: string): void;
  /** `card[field]` must be `expected`. */
  is(card: Record<string, unknown>, field: string, expected: unknown): void;
  /**
   * A card kept whole in its file: `format` and `family` as given, `recipe` text, `labels` two
   * or more distinct names, `labelMap` each emotion to null or a label. Returns the labels.
   */
  identity(card: Record<string, unknown>, format: string, family: string): string[];
  /** A card's provenance: `trainedOn` (clips, manifest hash, corpora), `seed`, `versions`. */
  provenance(card: Record<string, unknown>): void;
}

/**
 * The field checks of the card in `file`.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { cardFields } from "./_card_fields.ts";
 * assertThrows(
 *   () => cardFields("m/serlab.json").int(0, "extractor.filters", 1),
 *   Error,
 *   "m/serlab.json: extractor.filters: must be an integer of at least 1, got 0",
 * );
 * ```
 */
export function cardFields(file: string): CardFields {
  const fail = (field: string, problem: string): never => {
    throw new Error(`${file}: ${field}: ${problem}`);
  };
  const obj = (v: unknown, field: string): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v)
      ? v as Record<string, unknown>
      : fail(field, "missing or not an object");
  const int = (v: unknown, field: string, min: number): number =>
    Number.isInteger(v) && (v as number) >= min
      ? v as number
      : fail(field, `must be an integer of at least ${min}, got ${JSON.stringify(v)}`);
  const is = (card: Record<string, unknown>, field: string, expected: unknown) => {
    if (card[field] !== expected) {
      fail(field, `${JSON.stringify(String(card[field]))}, expected ${JSON.stringify(expected)}`);
    }
  };
  const labels = (v: unknown, field: string): string[] => {
    if (!Array.isArray(v) || !v.every((l) => typeof l === "string" && l)) {
      fail(field, `must be two or more distinct names, got ${JSON.stringify(v)}`);
    }
    const names = v as string[];
    const twice = names.find((l, i) => names.indexOf(l) !== i);
    if (twice !== undefined) fail(field, `"${twice}" appears twice; names must be distinct`);
    if (names.length < 2) {
      fail(field, `must be two or more distinct names, holds ${names.length}`);
    }
    return names;
  };
  const labelMap = (v: unknown, field: string, names: readonly string[]) => {
    for (const [emotion, label] of Object.entries(obj(v, field))) {
      if (label !== null && !names.includes(label as string)) {
        fail(`${field}.${emotion}`, `${JSON.stringify(label)} is not one of the labels`);
      }
    }
  };
  return {
    fail,
    obj,
    int,
    labels,
    labelMap,
    is,
    identity(card, format, family) {
      is(card, "format", format);
      is(card, "family", family);
      if (typeof card.recipe !== "string") fail("recipe", "missing or not text");
      const names = labels(card.labels, "labels");
      labelMap(card.labelMap, "labelMap", names);
      return names;
    },
    provenance(card) {
      const trainedOn = obj(card.trainedOn, "trainedOn");
      int(trainedOn.clips, "trainedOn.clips", 1);
      if (typeof trainedOn.manifestSha256 !== "string") {
        fail("trainedOn.manifestSha256", "missing or not text");
      }
      if (!Array.isArray(trainedOn.corpora)) fail("trainedOn.corpora", "must be a list of names");
      if (!Number.isInteger(card.seed)) fail("seed", `must be an integer, got ${card.seed}`);
      obj(card.versions, "versions");
    },
    scaler(v, field, length) {
      const s = obj(v, field);
      for (const k of ["mean", "scale"] as const) {
        const values = s[k];
        if (!Array.isArray(values) || values.length !== length) {
          fail(
            `${field}.${k}`,
            `must hold ${length} numbers, holds ${Array.isArray(values) ? values.length : "none"}`,
          );
        }
        const bad = (values as unknown[]).findIndex((x) =>
          typeof x !== "number" || !Number.isFinite(x) || (k === "scale" && !(x > 0))
        );
        if (bad >= 0) {
          fail(
            `${field}.${k}[${bad}]`,
            `${JSON.stringify((values as unknown[])[bad])} is not ${
              k === "scale" ? "a positive" : "a finite"
            } number`,
          );
        }
      }
    },
    load(v, field) {
      const load = obj(v, field);
      int(load.sampleRate, `${field}.sampleRate`, 1);
      if (!(typeof load.offset === "number" && load.offset >= 0)) {
        fail(`${field}.offset`, "must be a number of at least 0");
      }
      if (load.duration !== null && !(typeof load.duration === "number" && load.duration > 0)) {
        fail(`${field}.duration`, "must be null or a positive number");
      }
    },
  };
}
