import type { DeployableModel } from "./deployable.ts";
import { fusionNetDeployable } from "./fusionnet_deploy.ts";
import { loadFusionNet } from "./load.ts";

/**
 * Loads a model folder (`serlab.json` says which family) as a {@linkcode DeployableModel}.
 * Other families plug in here, by their card's `format`.
 *
 * @example
 * ```ts ignore
 * const model = await loadDeployable("results/demo-1a2b3c4d/model");
 * ```
 */
export async function loadDeployable(dir: string): Promise<DeployableModel> {
  const { card, model } = await loadFusionNet(dir);
  return fusionNetDeployable(card, model);
}
