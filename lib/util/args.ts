/**
 * Command-line flags: `--name value`, `--name=value`, boolean `--flag` (also `--flag=true` and
 * `--flag=false`), list flags (`--name a,b` or `--name a b`), and positional arguments. Unknown
 * flags, a flag without its value and a boolean given any other value are errors naming the
 * flag, so a typo never runs silently.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { parseArgs } from "./args.ts";
 * const a = parseArgs(["--data", "d", "--quick", "x.wav"], { strings: ["data"], booleans: ["quick"] });
 * assertEquals([a.data, a.quick, a._], ["d", true, ["x.wav"]]);
 * ```
 */
export function parseArgs(
  argv: string[],
  spec: { strings?: readonly string[]; booleans?: readonly string[]; lists?: readonly string[] },
): Record<string, string | boolean | string[] | undefined> & { _: string[] } {
  const out: Record<string, string | boolean | string[] | undefined> & { _: string[] } = { _: [] };
  const strings = new Set(spec.strings ?? []), booleans = new Set(spec.booleans ?? []);
  const lists = new Set(spec.lists ?? []);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--") || a === "-") {
      out._.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq > 0 ? eq : undefined);
    if (booleans.has(name)) out[name] = _flag(name, eq > 0 ? a.slice(eq + 1) : undefined);
    else if (strings.has(name) || lists.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      if (lists.has(name)) {
        const values = value.split(",").filter(Boolean);
        // a list flag also takes the words after it up to the next flag
        while (eq < 0 && i + 1 < argv.length && !/^(--|-h$)/.test(argv[i + 1])) {
          values.push(...argv[++i].split(",").filter(Boolean));
        }
        out[name] = [...((out[name] as string[] | undefined) ?? []), ...values];
      } else out[name] = value;
    } else throw new Error(`unknown option --${name}`);
  }
  return out;
}

/** A boolean flag's value: none (true), `true` or `false`; anything else is an error. */
function _flag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === "true") return true;
  if (value === "false") return false;
  throw new Error(
    `--${name} is a flag: --${name}, --${name}=true or --${name}=false, not "${value}"`,
  );
}
