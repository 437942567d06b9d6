/**
 * Sets derived from a named functional set without touching the audio again: `compact-prosody`
 * (the compact set's prosodic columns, {@linkcode prosodicColumns}) and `large-clipnorm` (the
 * large set over per-utterance standardised descriptors, {@linkcode clipNormalised}). The
 * cross-corpus experiments choose among them, and a deployed model may read one: its features
 * are the base set's, derived here row by row.
 *
 * @module
 */
import { clipNormalised } from "./clip_norm.ts";
import { prosodicColumns } from "./prosody.ts";
import { extractSet, functionalSet, SET_NAMES, type SetName } from "./sets.ts";

/** The derived sets: each one's base set. */
export const DERIVED_SETS: Readonly<Record<"compact-prosody" | "large-clipnorm", SetName>> = Object
  .freeze({ "compact-prosody": "compact", "large-clipnorm": "large" });
/** A derived set's name. */
export type DerivedSetName = keyof typeof DERIVED_SETS;
/** Any set a classifier reads: a named functional set or one derived from it. */
export type AnySetName = SetName | DerivedSetName;

/**
 * Whether `name` is a set a classifier can read (named or derived).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isAnySet } from "./derived.ts";
 * assertEquals([isAnySet("compact-prosody"), isAnySet("tiny")], [true, false]);
 * ```
 */
export function isAnySet(name: unknown): name is AnySetName {
  return SET_NAMES.includes(name as SetName) || Object.hasOwn(DERIVED_SETS, name as string);
}

/**
 * The set a named or derived set is computed from (itself for a named one).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { baseSet } from "./derived.ts";
 * assertEquals([baseSet("large-clipnorm"), baseSet("compact")], ["large", "compact"]);
 * ```
 */
export function baseSet(name: AnySetName): SetName {
  return Object.hasOwn(DERIVED_SETS, name) ? DERIVED_SETS[name as DerivedSetName] : name as SetName;
}

/**
 * The feature names of a named or derived set.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { setNames } from "./derived.ts";
 * assertEquals(setNames("compact-prosody").length, 23);
 * assertEquals(setNames("large-clipnorm").length, setNames("large").length);
 * ```
 */
export function setNames(name: AnySetName): readonly string[] {
  const names = functionalSet(baseSet(name)).names;
  return name === "compact-prosody" ? prosodicColumns().map((j) => names[j]) : names;
}

/**
 * Rows of a derived set from the same rows of its base set (row-major, `rows` rows); a named
 * set's rows are returned as they are.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { deriveRows, setNames } from "./derived.ts";
 * const compact = new Float32Array(2 * 69).map((_, i) => i);
 * const prosody = deriveRows("compact-prosody", compact, 2);
 * assertEquals(prosody.length, 2 * setNames("compact-prosody").length);
 * ```
 */
export function deriveRows(name: AnySetName, base: Float32Array, rows: number): Float32Array {
  if (name === "compact-prosody") {
    const dims = functionalSet("compact").names.length, cols = prosodicColumns();
    const out = new Float32Array(rows * cols.length);
    for (let r = 0; r < rows; r++) {
      cols.forEach((j, k) => out[r * cols.length + k] = base[r * dims + j]);
    }
    return out;
  }
  if (name === "large-clipnorm") {
    const dims = functionalSet("large").names.length, out = new Float32Array(base.length);
    for (let r = 0; r < rows; r++) {
      out.set(clipNormalised(base.subarray(r * dims, (r + 1) * dims)), r * dims);
    }
    return out;
  }
  return base;
}

/**
 * A clip's features in a named or derived set ({@linkcode extractSet}, then
 * {@linkcode deriveRows}).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { extractAnySet } from "./derived.ts";
 * const y = new Float32Array(55125).map((_, i) => Math.sin(2 * Math.PI * 200 * i / 22050));
 * assertEquals(extractAnySet(y, 22050, "compact-prosody").length, 23);
 * ```
 */
export function extractAnySet(y: Float32Array, sr: number, name: AnySetName): Float32Array {
  return deriveRows(name, extractSet(y, sr, baseSet(name)), 1);
}
