/**
 * `deno task train --data DIR --out MODEL_DIR [--seed N] [--augment LIST|none] [--backend NAME]
 * [--quick] [--labels LIST]`: trains SER-FusionNet on every clip under DIR (six Superset emotions
 * or `--labels`' classes, a share of actors held out for early stopping) and a functional-set
 * classifier on the same actors, and saves the one better on the held-out actors for `predict`
 * and `serve`.
 *
 * @module
 */
import { discoverClips, parseLabelSet, stringifyManifest } from "../lib/corpora/mod.ts";
import { describeChoice, trainBestAndSave } from "../lib/eval/mod.ts";
import { FUSIONNET_DESIGN } from "../lib/model/deploy.ts";
import { sha256Hex } from "../lib/util/hash.ts";
import { versions } from "../lib/version.ts";
import {
  augmentOption,
  backendOption,
  SEED,
  seedOption,
  taskArgs,
  trainingOption,
} from "./_options.ts";
import { MODEL_FOLDER } from "../lib/model/folder.ts";
import { checkReplaceable, RefusedError } from "../lib/util/owned.ts";

const USAGE =
  "usage: deno task train --data DIR --out MODEL_DIR [--seed N] [--augment LIST|none] [--backend NAME] [--quick]\n" +
  "                       [--labels angry,happy,neutral,sad|calm=neutral,...]";

if (import.meta.main) {
  try {
    const args = taskArgs("train", Deno.args, {
      strings: ["data", "out", "backend"],
      numbers: { seed: SEED },
      lists: ["augment", "labels"],
      booleans: ["quick"],
    });
    if (args.help || !args.data || !args.out) {
      console.log(USAGE);
      Deno.exit(args.help ? 0 : 2);
    }
    const seed = seedOption(args.seed);
    const augment = augmentOption(args.augment);
    const backend = backendOption(args.backend);
    // refused at once, before the corpus is read (trainBestAndSave checks again when it writes)
    await checkReplaceable(String(args.out), MODEL_FOLDER);
    const found = await discoverClips(String(args.data));
    if (!found.clips.length) throw new Error(`no corpus clips under ${args.data}`);
    const choice = await trainBestAndSave(found.clips, {
      root: String(args.data),
      out: String(args.out),
      cacheDir: "data/cache/features",
      seed,
      augment,
      backend,
      training: trainingOption(args.quick),
      ...FUSIONNET_DESIGN,
      power: "log",
      versions: versions(),
      manifestSha256: await sha256Hex(stringifyManifest(found.clips)),
      labelSet: args.labels ? parseLabelSet(args.labels as string[]) : undefined,
      onEpoch: (stage, log) =>
        console.error(
          `${stage} epoch ${log.epoch}: loss ${log.loss.toFixed(3)}, accuracy ${
            log.accuracy.toFixed(3)
          }` +
            (log.valAccuracy === null ? "" : `, validation ${log.valAccuracy.toFixed(3)}`),
        ),
    });
    console.log(`saved ${args.out}: ${describeChoice(choice)}`);
  } catch (e) {
    console.error(`train: ${e instanceof Error ? e.message : e}`);
    Deno.exit(e instanceof RefusedError ? 2 : 1);
  }
}
