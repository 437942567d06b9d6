/**
 * `deno task train --data DIR|FILE.csv --out MODEL_DIR [--seed N] [--augment LIST|none] [--backend NAME]
 * [--family NAME] [--quick] [--labels LIST]`: trains the model `predict` and `serve` read on every
 * clip under DIR or listed in the CSV (six Superset emotions, for other corpora the emotions all
 * share, or `--labels`' classes). By default (`--family auto`): on two or more corpora the
 * functional-set classifier chosen by leave-one-corpus-out; on one, SER-FusionNet and a
 * functional-set classifier on the same held-out actors, the better kept. `--family fusionnet`,
 * `functionals` or `sequence` trains and saves that family.
 *
 * @module
 */
import { AUGMENTATIONS } from "../lib/augment/augment.ts";
import {
  defaultLabelSet,
  loadData,
  noClipsMessage,
  parseLabelSet,
  skippedLines,
  stringifyManifest,
} from "../lib/corpora/mod.ts";
import {
  DEFAULT_AUGMENTATION,
  describeChoice,
  FAMILY_CHOICES,
  FUSIONNET_RECIPE,
  QUICK_TRAINING,
  trainBestAndSave,
} from "../lib/eval/mod.ts";
import { BACKENDS } from "../lib/model/fusionnet/backend.ts";
import { sha256Hex } from "../lib/util/hash.ts";
import { versions } from "../lib/version.ts";
import {
  AUGMENT_CHOICES,
  augmentOption,
  BACKEND_CHOICES,
  backendOption,
  SEED,
  seedOption,
  taskArgs,
  trainingOption,
} from "./_options.ts";
import { MODEL_FOLDER } from "../lib/model/folder.ts";
import { checkReplaceable, RefusedError } from "../lib/util/owned.ts";

const USAGE = `usage: deno task train --data DIR|FILE.csv --out MODEL_DIR [options]
  --data DIR|FILE.csv    corpora folder, or a manifest CSV (every clip trains the model)
  --out MODEL_DIR        the model folder predict and serve read
  --seed N               seed of everything random (default 42)
  --augment LIST|none    training-side augmentations (default ${DEFAULT_AUGMENTATION.join(",")}): ${
  AUGMENTATIONS.join(", ")
}
  --backend NAME         ${BACKENDS.join(" | ")} (default auto)
  --family NAME          ${FAMILY_CHOICES.join(" | ")} (default auto: see docs/models.md)
  --quick                fewer epochs (${QUICK_TRAINING.epochs}, early-stop patience ${QUICK_TRAINING.earlyStopPatience}): a fast look
  --labels LIST          the classes, e.g. angry,happy,neutral,sad or neutral,calm=neutral,happy,sad,angry`;

if (import.meta.main) {
  try {
    const args = taskArgs("train", Deno.args, {
      usage: USAGE,
      strings: ["data", "out", "backend", "family"],
      numbers: { seed: SEED },
      lists: ["augment", "labels"],
      booleans: ["quick"],
      choices: { backend: BACKEND_CHOICES, augment: AUGMENT_CHOICES, family: FAMILY_CHOICES },
      checks: { labels: parseLabelSet },
      required: ["data", "out"],
    });
    const seed = seedOption(args.seed);
    const augment = augmentOption(args.augment);
    const backend = backendOption(args.backend);
    // refused at once, before the corpus is read (trainBestAndSave checks again when it writes)
    await checkReplaceable(String(args.out), MODEL_FOLDER);
    const found = await loadData(String(args.data));
    if (!found.clips.length) throw new Error(noClipsMessage(String(args.data), found));
    if (found.skipped.length) {
      console.error(`skipped ${found.skipped.length} files or rows:`);
      for (const line of skippedLines(found.skipped)) console.error(line);
    }
    const choice = await trainBestAndSave(found.clips, {
      root: found.root,
      out: String(args.out),
      cacheDir: "data/cache/features",
      seed,
      augment,
      backend,
      training: trainingOption(args.quick),
      family: (args.family ?? "auto") as (typeof FAMILY_CHOICES)[number],
      quick: Boolean(args.quick),
      ...FUSIONNET_RECIPE.design,
      power: "log",
      versions: versions(),
      manifestSha256: await sha256Hex(stringifyManifest(found.clips)),
      labelSet: args.labels ? parseLabelSet(args.labels as string[]) : defaultLabelSet(found.clips),
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
