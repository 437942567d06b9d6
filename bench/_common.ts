/**
 * What the benchmark groups share: where `../shared` is, the figures they return, the options
 * they read, and running a Python reference program.
 *
 * @module
 */

/** `../shared` beside the project root. */
export const SHARED = new URL("../../shared", import.meta.url).pathname;

/** A group's figures, by name. */
export type Figures = Record<string, number | string | null>;

/** The options of `deno task bench` the groups read. */
export interface BenchOptions {
  /** A corpora folder: the whole-corpus figures. */
  data?: string;
  /** Time only the first N sample clips. */
  clips?: number;
}

/** Runs a Python reference program; its last output line is JSON. Null when it cannot run. */
export async function python(
  script: string[],
  interpreter = "python3",
): Promise<Record<string, unknown> | null> {
  try {
    const r = await new Deno.Command(interpreter, {
      args: script,
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    if (!r.success) return null;
    const lines = new TextDecoder().decode(r.stdout).trim().split("\n");
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    return null;
  }
}

/** `x` rounded to `digits` decimals. */
export function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
