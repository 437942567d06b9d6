import type { DeployableModel } from "./deployable.ts";
import { cardDeployable } from "./card_families.ts";
import { fusionNetDeployable } from "./fusionnet/deployable.ts";
import { loadFusionNet } from "./fusionnet/load.ts";

/**
 * Loads a model folder (`serlab.json` says which family: SER-FusionNet, a functional-set
 * classifier or the sequence model) as a {@linkcode DeployableModel}. A family kept in its card
 * plugs in by its `format` ({@linkcode cardDeployable}).
 *
 * @example
 * ```ts ignore
 * const model = await loadDeployable("results/demo-1a2b3c4d/model");
 * ```
 */
export async function loadDeployable(dir: string): Promise<DeployableModel> {
  const file = `${dir}/serlab.json`;
  let card: unknown = null;
  try {
    card = JSON.parse(await Deno.readTextFile(file));
  } catch { /* loadFusionNet names the file and the problem */ }
  const model = cardDeployable(card, file);
  if (model) return model;
  const { card: fusion, model: net } = await loadFusionNet(dir);
  return fusionNetDeployable(fusion, net);
}
