/**
 * Every task's command line, parsed and checked in one place ({@linkcode taskArgs}), and the
 * options `reproduce` and `train` share.
 *
 * @module
 */
import { type Augmentation, AUGMENTATIONS } from "../lib/augment/augment.ts";
import { type BackendChoice, BACKENDS } from "../lib/model/backend.ts";
import { FUSIONNET_TRAINING, type TrainOptions } from "../lib/model/train.ts";
import { parseArgs } from "../lib/util/args.ts";

/** `--seed N` (default 42); anything but an integer is an error. */
export function seedOption(value: unknown): number {
  const seed = value === undefined ? 42 : Number(value);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${value}`);
  return seed;
}

/** `--backend NAME` (default auto). */
export function backendOption(value: unknown): BackendChoice {
  const backend = (value ?? "auto") as BackendChoice;
  if (!BACKENDS.includes(backend)) {
    throw new Error(`--backend must be one of ${BACKENDS.join(", ")}`);
  }
  return backend;
}

/** `--augment LIST|none` (default noise,pitch). */
export function augmentOption(value: unknown): Augmentation[] {
  const names = (value as string[] | undefined) ?? ["noise", "pitch"];
  if (names.includes("none")) return [];
  for (const a of names) {
    if (!AUGMENTATIONS.includes(a as Augmentation)) throw new Error(`unknown augmentation "${a}"`);
  }
  return names as Augmentation[];
}

/** The training schedule: the paper's, or with `--quick` fewer epochs and a shorter patience. */
export function trainingOption(quick: unknown): TrainOptions {
  return quick
    ? { ...FUSIONNET_TRAINING, epochs: 20, earlyStopPatience: 3 }
    : { ...FUSIONNET_TRAINING };
}

/** Bounds of a numeric option: `integer`, `min`/`max` inclusive, `above` exclusive. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  above?: number;
}

/** A task's command line: flags as {@linkcode parseArgs} takes them, numbers and positionals. */
export interface TaskSpec {
  strings?: string[];
  booleans?: string[];
  lists?: string[];
  /** Numeric flags and their bounds; their values come back as numbers. */
  numbers?: Record<string, NumberRule>;
  /** How many positional arguments the task takes at most (default none), and what they are. */
  positionals?: { max: number; what?: string };
}

/** Parsed arguments: numeric flags as numbers, the rest as {@linkcode parseArgs} gives them. */
export type TaskArgs =
  & Record<string, string | boolean | string[] | number | undefined>
  & { _: string[] };

/**
 * Parses and checks a task's command line in one place: unknown flags, flags without values,
 * stray positional arguments and numbers that are not numbers or out of bounds. Throws an error
 * whose message is one line naming the option; {@linkcode taskArgs} prints it and exits.
 *
 * @example
 * ```ts
 * import { checkArgs } from "./_options.ts";
 * const a = checkArgs(["--rate", "16000"], { numbers: { rate: { integer: true, min: 1 } } });
 * console.log(a.rate); // 16000
 * ```
 */
export function checkArgs(argv: string[], spec: TaskSpec): TaskArgs {
  const numbers = spec.numbers ?? {};
  const args: TaskArgs = parseArgs(argv, {
    strings: [...(spec.strings ?? []), ...Object.keys(numbers)],
    booleans: spec.booleans,
    lists: spec.lists,
  });
  for (const [name, rule] of Object.entries(numbers)) {
    if (args[name] !== undefined) args[name] = numberOption(name, args[name], rule);
  }
  const { max, what } = spec.positionals ?? { max: 0 };
  if (args._.length > max && !args.help) {
    const stray = args._.slice(max).map((a) => `"${a}"`).join(" ");
    const hint = max === 0 && spec.strings?.includes("data")
      ? " (a corpus folder is --data DIR)"
      : "";
    throw new Error(
      `unexpected argument${args._.length - max > 1 ? "s" : ""} ${stray}${hint}; ` +
        (max ? `it takes ${what ?? `at most ${max}`}` : "it takes options only"),
    );
  }
  return args;
}

/**
 * {@linkcode checkArgs} for a task's entry point: a bad command line prints one line,
 * `TASK: problem (--help shows the usage)`, and exits with status 2.
 *
 * @example
 * ```ts ignore
 * const args = taskArgs("serve", Deno.args, { strings: ["host"], numbers: { port: PORT } });
 * ```
 */
export function taskArgs(task: string, argv: string[], spec: TaskSpec): TaskArgs {
  try {
    return checkArgs(argv, { ...spec, booleans: [...(spec.booleans ?? []), "help"] });
  } catch (e) {
    console.error(`${task}: ${e instanceof Error ? e.message : e} (--help shows the usage)`);
    Deno.exit(2);
  }
}

/**
 * A numeric option's value, checked against `rule`; the error names the option and the bounds.
 *
 * @example
 * ```ts
 * import { numberOption } from "./_options.ts";
 * console.log(numberOption("hop", "0.5", { above: 0 })); // 0.5
 * ```
 */
export function numberOption(name: string, value: unknown, rule: NumberRule): number {
  const text = String(value).trim();
  const n = text === "" ? NaN : Number(text);
  const want = [
    rule.integer ? "an integer" : "a number",
    rule.above !== undefined ? `above ${rule.above}` : "",
    rule.min !== undefined && rule.max !== undefined
      ? `from ${rule.min} to ${rule.max}`
      : rule.min !== undefined
      ? `of at least ${rule.min}`
      : rule.max !== undefined
      ? `of at most ${rule.max}`
      : "",
  ].filter(Boolean).join(" ");
  if (
    !Number.isFinite(n) || (rule.integer && !Number.isInteger(n)) ||
    (rule.above !== undefined && !(n > rule.above)) ||
    (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)
  ) throw new Error(`--${name} must be ${want}, got "${value}"`);
  return n;
}

/** `--seed`: any integer JavaScript represents exactly. */
export const SEED: NumberRule = { integer: true, min: -(2 ** 53 - 1), max: 2 ** 53 - 1 };
/** `--conv-layers`: 1 to 8 (eight "same" poolings of stride 2 already bring 162 values to 1). */
export const CONV_LAYERS: NumberRule = { integer: true, min: 1, max: 8 };
/** `--port`: 0 (any free port) to 65535. */
export const PORT: NumberRule = { integer: true, min: 0, max: 65535 };
