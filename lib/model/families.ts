/**
 * The registry of functional-set classifier families: each is one folder with its
 * {@linkcode ClassifierFamily} entry (`family.ts`) and one line below. Experiments fit a
 * candidate through {@linkcode candidateFamily}; a model card is checked, loaded and exported by
 * its classifier's family through {@linkcode classifierFamily}.
 *
 * @module
 */
import type { ClassifierFamily } from "./family.ts";
import { LOGISTIC } from "./linear/family.ts";
import { SVM } from "./svm/family.ts";

/** Every registered family: one line each. */
const REGISTERED = [
  LOGISTIC,
  SVM,
] as const;

/** Every registered family. */
export const FAMILIES: readonly ClassifierFamily[] = Object.freeze(
  REGISTERED as unknown as ClassifierFamily[],
);

/** A candidate family of the experiments' grids: a key of a registered entry's `candidates`. */
export type CandidateName = _Keys<(typeof REGISTERED)[number]> & string;
type _Keys<T> = T extends { candidates: infer C } ? keyof C : never;

/**
 * The family whose classifiers' `toJSON()` write `family: name`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { classifierFamily } from "./families.ts";
 * assertEquals(classifierFamily("svm")?.name, "svm");
 * assertEquals(classifierFamily("tree"), undefined);
 * ```
 */
export function classifierFamily(name: unknown): ClassifierFamily | undefined {
  return FAMILIES.find((f) => f.name === name);
}

/**
 * The family that fits a grid's candidate family (e.g. "svm-rbf"), with the candidate's
 * hyperparameters for strength `c`. Throws for a candidate family no entry lists.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { candidateFamily } from "./families.ts";
 * const { family, hyper } = candidateFamily("svm-rbf", 10);
 * assertEquals([family.name, hyper], ["svm", { kernel: "rbf", cost: 10 }]);
 * ```
 */
export function candidateFamily(
  candidate: string,
  c: number,
): { family: ClassifierFamily; hyper: unknown } {
  const family = FAMILIES.find((f) => Object.hasOwn(f.candidates, candidate));
  if (!family) {
    const known = FAMILIES.flatMap((f) => Object.keys(f.candidates));
    throw new Error(`no classifier family fits "${candidate}" (known: ${known.join(", ")})`);
  }
  return { family, hyper: family.candidates[candidate](c) };
}
