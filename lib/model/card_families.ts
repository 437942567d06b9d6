/**
 * The model families kept whole in their card (`serlab.json`), by the card's `format`: what
 * `predict`, `serve` and the browser page load without any file beside the card.
 *
 * @module
 */
import type { DeployableModel } from "./deployable.ts";
import { checkFunctionalsCard } from "./check_functionals.ts";
import { FUNCTIONALS_FORMAT, functionalsDeployable } from "./functionals_deploy.ts";
import { checkSequenceCard, SEQUENCE_FORMAT } from "./sequence/card.ts";
import { sequenceDeployable } from "./sequence/deployable.ts";

/**
 * The families whose whole model is in `serlab.json`, by their card's `format`: each checks the
 * card and builds the deployable model from it (SER-FusionNet, whose networks are files beside
 * its card, is loaded by {@linkcode loadDeployable} and the browser page's own loader).
 */
const CARD_FAMILIES: Readonly<Record<string, (card: unknown, file: string) => DeployableModel>> =
  Object.freeze({
    [FUNCTIONALS_FORMAT]: (card, file) => functionalsDeployable(checkFunctionalsCard(card, file)),
    [SEQUENCE_FORMAT]: (card, file) => sequenceDeployable(checkSequenceCard(card, file)),
  });

/**
 * The deployable model of a parsed card whose family keeps everything in the card (a
 * functional-set classifier, the sequence model), checked field by field (errors start with
 * `file`); null for any other card (SER-FusionNet's).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { cardDeployable } from "./card_families.ts";
 * assertEquals(cardDeployable({ format: "serlab-model/3" }, "m/serlab.json"), null);
 * ```
 */
export function cardDeployable(card: unknown, file: string): DeployableModel | null {
  const format = (card as { format?: unknown } | null)?.format;
  const build = typeof format === "string" && Object.hasOwn(CARD_FAMILIES, format)
    ? CARD_FAMILIES[format]
    : null;
  return build ? build(card, file) : null;
}
