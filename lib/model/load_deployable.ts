import type { DeployableModel } from "./deployable.ts";
import { checkFunctionalsCard } from "./check_functionals.ts";
import { FUNCTIONALS_FORMAT, functionalsDeployable } from "./functionals_deploy.ts";
import { fusionNetDeployable } from "./fusionnet/deployable.ts";
import { loadFusionNet } from "./fusionnet/load.ts";

/**
 * Loads a model folder (`serlab.json` says which family: SER-FusionNet, or a functional-set
 * classifier) as a {@linkcode DeployableModel}. Other families plug in here, by their card's
 * `format`.
 *
 * @example
 * ```ts ignore
 * const model = await loadDeployable("results/demo-1a2b3c4d/model");
 * ```
 */
export async function loadDeployable(dir: string): Promise<DeployableModel> {
  const file = `${dir}/serlab.json`;
  let card: { format?: string } | null = null;
  try {
    card = JSON.parse(await Deno.readTextFile(file));
  } catch { /* loadFusionNet names the file and the problem */ }
  if (card?.format === FUNCTIONALS_FORMAT) {
    return functionalsDeployable(checkFunctionalsCard(card, file));
  }
  const { card: fusion, model } = await loadFusionNet(dir);
  return fusionNetDeployable(fusion, model);
}
