/**
 * Every task's command line, parsed and checked in one place ({@linkcode taskArgs}), and the
 * options `reproduce` and `train` share.
 *
 * @module
 */
import { type Augmentation, AUGMENTATIONS } from "../lib/augment/augment.ts";
import { type BackendChoice, BACKENDS } from "../lib/model/fusionnet/backend.ts";
import type { TrainOptions } from "../lib/model/fusionnet/train.ts";
import { DEFAULT_AUGMENTATION, FUSIONNET_RECIPE, QUICK_TRAINING } from "../lib/eval/recipes.ts";
import { parseArgs } from "../lib/util/args.ts";

/** `--seed N` (default 42; {@linkcode SEED} checks it in the parser). */
export function seedOption(value: unknown): number {
  return value === undefined ? 42 : Number(value);
}

/** `--backend NAME` (default auto; {@linkcode BACKEND_CHOICES} checks it in the parser). */
export function backendOption(value: unknown): BackendChoice {
  return (value ?? "auto") as BackendChoice;
}

/**
 * `--augment LIST|none` (default `DEFAULT_AUGMENTATION` of `lib/eval/recipes.ts`;
 * {@linkcode AUGMENT_CHOICES} checks it).
 */
export function augmentOption(value: unknown): Augmentation[] {
  const names = (value as string[] | undefined) ?? [...DEFAULT_AUGMENTATION];
  return names.includes("none") ? [] : names as Augmentation[];
}

/**
 * The training schedule: the paper's, or with `--quick` fewer epochs and a shorter patience
 * (`QUICK_TRAINING` of `lib/eval/recipes.ts`).
 */
export function trainingOption(quick: unknown): TrainOptions {
  return { ...(quick ? QUICK_TRAINING : FUSIONNET_RECIPE.training) };
}

/** Bounds of a numeric option: `integer`, `min`/`max` inclusive, `above` exclusive. */
export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  above?: number;
}

/** A task's command line: flags as {@linkcode parseArgs} takes them, their checks, positionals. */
export interface TaskSpec {
  /** The task's usage, printed by `-h` and `--help`. */
  usage: string;
  strings?: readonly string[];
  booleans?: readonly string[];
  lists?: readonly string[];
  /** Numeric flags and their bounds; their values come back as numbers. */
  numbers?: Record<string, NumberRule>;
  /** The values a string flag, or each item of a list flag, may take. */
  choices?: Record<string, readonly string[]>;
  /** Checks of a flag's value beyond a fixed set (e.g. `--labels`); they throw naming it. */
  checks?: Record<string, (value: never) => unknown>;
  /** Flags a run cannot go without. */
  required?: readonly string[];
  /** How many positional arguments the task takes (default none), and what they are. */
  positionals?: { min?: number; max: number; what?: string };
}

/** Parsed arguments: numeric flags as numbers, the rest as {@linkcode parseArgs} gives them. */
export type TaskArgs =
  & Record<string, string | boolean | string[] | number | undefined>
  & { _: string[] };

/**
 * Parses and checks a task's command line in one place: unknown flags, flags without values,
 * booleans given a value other than true or false, values outside a flag's choices, numbers that
 * are not numbers or out of bounds, missing required flags and positional arguments too many or
 * too few. Throws an error whose message is one line naming the option (and its valid values);
 * {@linkcode taskArgs} prints it and exits with status 2.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { checkArgs } from "./_options.ts";
 * const a = checkArgs(["--rate", "16000"], { usage: "", numbers: { rate: { integer: true, min: 1 } } });
 * assertEquals(a.rate, 16000);
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
  for (const [name, valid] of Object.entries(spec.choices ?? {})) {
    const given = args[name];
    for (const value of given === undefined ? [] : Array.isArray(given) ? given : [given]) {
      if (!valid.includes(value as string)) {
        throw new Error(`--${name} must be one of ${valid.join(", ")}; got "${value}"`);
      }
    }
  }
  for (const [name, check] of Object.entries(spec.checks ?? {})) {
    if (args[name] === undefined) continue;
    try {
      check(args[name] as never);
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      throw new Error(m.startsWith(`--${name}`) ? m : `--${name}: ${m}`);
    }
  }
  for (const name of spec.required ?? []) {
    if (args[name] === undefined) throw new Error(`--${name} is required`);
  }
  const { min = 0, max, what } = spec.positionals ?? { max: 0 };
  if (args._.length > max) {
    const stray = args._.slice(max).map((a) => `"${a}"`).join(" ");
    const hint = max === 0 && spec.strings?.includes("data")
      ? " (a corpus folder is --data DIR, a manifest --data FILE.csv)"
      : "";
    throw new Error(
      `unexpected argument${args._.length - max > 1 ? "s" : ""} ${stray}${hint}; ` +
        (max ? `it takes ${what ?? `at most ${max}`}` : "it takes options only"),
    );
  }
  if (args._.length < min) throw new Error(`missing ${what ?? "arguments"}`);
  return args;
}

/**
 * {@linkcode checkArgs} for a task's entry point: `-h` or `--help` anywhere prints the usage and
 * exits with status 0; a bad command line prints one line, `TASK: problem (--help shows the
 * usage)`, and exits with status 2.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { taskArgs } from "./_options.ts";
 * const args = taskArgs("serve", ["--port", "8000"], { usage: "usage: serve", numbers: { port: { integer: true, min: 1 } } });
 * assertEquals(args.port, 8000);
 * ```
 */
export function taskArgs(task: string, argv: string[], spec: TaskSpec): TaskArgs {
  if (argv.some((a) => a === "-h" || a === "--help")) {
    console.log(spec.usage);
    Deno.exit(0);
  }
  try {
    return checkArgs(argv, spec);
  } catch (e) {
    usageError(task, e instanceof Error ? e.message : String(e));
  }
}

/**
 * A command line that cannot run, found after parsing (options that go together, a positional
 * argument's form): prints `TASK: problem (--help shows the usage)` and exits with status 2.
 *
 * @example
 * ```ts ignore
 * if (args.dryRun && !args.slurm) usageError("reproduce", "--dry-run goes with --slurm");
 * ```
 */
export function usageError(task: string, message: string): never {
  console.error(`${task}: ${message} (--help shows the usage)`);
  Deno.exit(2);
}

/**
 * A numeric option's value, checked against `rule`; the error names the option and the bounds.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { numberOption } from "./_options.ts";
 * assertEquals(numberOption("hop", "0.5", { above: 0 }), 0.5);
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
/** `--backend`: {@linkcode BACKENDS}. */
export const BACKEND_CHOICES: readonly string[] = BACKENDS;
/** `--augment`: {@linkcode AUGMENTATIONS}, or `none`. */
export const AUGMENT_CHOICES: readonly string[] = [...AUGMENTATIONS, "none"];
/** `--conv-layers`: 1 to 8 (eight "same" poolings of stride 2 already bring 162 values to 1). */
export const CONV_LAYERS: NumberRule = { integer: true, min: 1, max: 8 };
/** `--port`: 0 (any free port) to 65535. */
export const PORT: NumberRule = { integer: true, min: 0, max: 65535 };
