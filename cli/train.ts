/**
 * `deno task train --data DIR --out MODEL_DIR [--seed N] [--augment LIST|none] [--backend NAME]
 * [--quick]`: trains SER-FusionNet on every clip under DIR (six Superset emotions, a share of
 * actors held out for early stopping) and saves it for `predict` and `serve`.
 *
 * @module
 */
import { FUSIONNET_LOAD } from "../lib/audio/load.ts";
import { type Augmentation, AUGMENTATIONS } from "../lib/augment/augment.ts";
import { discoverClips, stringifyManifest } from "../lib/corpora/mod.ts";
import { FUSIONNET_FEATURES } from "../lib/features/extract.ts";
import { type BackendChoice, BACKENDS } from "../lib/model/backend.ts";
import { trainAndSave } from "../lib/model/deploy.ts";
import { FUSIONNET_TRAINING } from "../lib/model/train.ts";
import { parseArgs } from "../lib/util/args.ts";
import { sha256Hex } from "../lib/util/hash.ts";
import { versions } from "../lib/version.ts";

const USAGE =
  "usage: deno task train --data DIR --out MODEL_DIR [--seed N] [--augment LIST|none] [--backend NAME] [--quick]";

if (import.meta.main) {
  try {
    const args = parseArgs(Deno.args, {
      strings: ["data", "out", "seed", "backend"],
      lists: ["augment"],
      booleans: ["quick", "help"],
    });
    if (args.help || !args.data || !args.out) {
      console.log(USAGE);
      Deno.exit(args.help ? 0 : 2);
    }
    const augmentArg = (args.augment as string[] | undefined) ?? ["noise", "pitch"];
    const augment = (augmentArg.includes("none") ? [] : augmentArg) as Augmentation[];
    for (const a of augment) {
      if (!AUGMENTATIONS.includes(a)) throw new Error(`unknown augmentation "${a}"`);
    }
    const backend = (args.backend ?? "auto") as BackendChoice;
    if (!BACKENDS.includes(backend)) throw new Error(`--backend is one of ${BACKENDS.join(", ")}`);
    const found = await discoverClips(String(args.data));
    if (!found.clips.length) throw new Error(`no corpus clips under ${args.data}`);
    const card = await trainAndSave(found.clips, {
      root: String(args.data),
      out: String(args.out),
      cacheDir: "data/cache/features",
      seed: args.seed ? Number(args.seed) : 42,
      augment,
      backend,
      training: args.quick
        ? { ...FUSIONNET_TRAINING, epochs: 20, earlyStopPatience: 3 }
        : FUSIONNET_TRAINING,
      convLayers: 1,
      fusionHidden: [12],
      load: FUSIONNET_LOAD,
      features: FUSIONNET_FEATURES,
      power: "log",
      versions: versions(),
      manifestSha256: await sha256Hex(stringifyManifest(found.clips)),
      valShare: 0.15,
      onEpoch: (stage, log) =>
        console.error(
          `${stage} epoch ${log.epoch}: loss ${log.loss.toFixed(3)}, accuracy ${
            log.accuracy.toFixed(3)
          }` +
            (log.valAccuracy === null ? "" : `, validation ${log.valAccuracy.toFixed(3)}`),
        ),
    });
    console.log(
      `saved ${args.out}: ${card.labels.join(", ")}; validation accuracy ${
        card.validation.fusion?.toFixed(3) ?? "n/a"
      }`,
    );
  } catch (e) {
    console.error(`train: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
