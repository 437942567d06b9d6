/** The run settings the evaluation tests share: no augmentation, the paper's design. */
import type { RunSettings } from "../../lib/eval/mod.ts";
import { FUSIONNET_DESIGN, FUSIONNET_TRAINING } from "../../lib/model/mod.ts";

/** Settings with `seed`, FusionNet's schedule cut to `epochs` when given. */
export function testSettings(seed: number, epochs?: number): RunSettings {
  return {
    seed,
    augment: [],
    normalization: "speaker",
    power: "log",
    backend: "wasm-simd",
    training: epochs === undefined ? FUSIONNET_TRAINING : { ...FUSIONNET_TRAINING, epochs },
    ...FUSIONNET_DESIGN,
  };
}
