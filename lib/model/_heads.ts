/**
 * The two outputs of a model that holds one classifier per standardisation (the functional-set
 * and sequence cards): their ONNX output names and how `spec.json` describes them.
 *
 * @module
 */

/** Each output, and the standardisation of the features it is for. */
export const HEADS = Object.freeze(
  [
    { output: "probabilities", standardization: "global" },
    { output: "probabilities_own_statistics", standardization: "speaker or domain" },
  ] as const,
);

/**
 * The `outputs` of `spec.json` for {@linkcode HEADS}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { headsSpec } from "./_heads.ts";
 * assertEquals(Object.keys(headsSpec(["a", "b"])), ["probabilities", "probabilities_own_statistics"]);
 * ```
 */
export function headsSpec(
  labels: readonly string[],
): Record<
  string,
  { shape: (string | number)[]; labels: readonly string[]; standardization: string }
> {
  return Object.fromEntries(
    HEADS.map((h) => [
      h.output,
      { shape: ["n", labels.length], labels, standardization: h.standardization },
    ]),
  );
}
