/**
 * Field checks shared by the model-card checks ({@linkcode checkModelCard} of SER-FusionNet,
 * {@linkcode checkFunctionalsCard} of the functional-set model): each failure is an `Error`
 * whose message is `FILE: FIELD: problem`.
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
  /** `v` as a scaler of `length` finite means and finite positive scales. */
  scaler(v: unknown, field: string, length: number): void;
  /** `v` as load settings: a sample rate, an offset of at least 0, a duration (or null). */
  load(v: unknown, field: string): void;
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
  return {
    fail,
    obj,
    int,
    labels(v, field) {
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
