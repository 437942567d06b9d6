/**
 * Command-line flags: `--name value`, `--name=value`, boolean `--flag`, and positional
 * arguments. Unknown flags are an error naming them, so a typo never runs silently.
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
  spec: { strings?: string[]; booleans?: string[]; lists?: string[] },
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
    if (booleans.has(name)) out[name] = true;
    else if (strings.has(name) || lists.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      if (lists.has(name)) {
        const values = value.split(",").filter(Boolean);
        // a list flag also takes the words after it up to the next flag
        while (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
          values.push(...argv[++i].split(","));
        }
        out[name] = [...((out[name] as string[] | undefined) ?? []), ...values];
      } else out[name] = value;
    } else throw new Error(`unknown option --${name}`);
  }
  return out;
}
