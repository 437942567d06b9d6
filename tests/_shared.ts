/** Paths into `../shared` beside the project root (override with SERLAB_SHARED). */
export const SHARED = Deno.env.get("SERLAB_SHARED") ??
  new URL("../../shared", import.meta.url).pathname;

/** The folder of the 605 sample clips in their shipped layouts. */
export const SAMPLE = `${SHARED}/datasets/sample`;

/** librosa 0.10.1's reference values and the WAV fixtures they were computed from. */
export const REFERENCE_AUDIO = `${SHARED}/reference/audio`;

/** The parsed `librosa-0.10.1.json`. */
export interface LibrosaReference {
  sr: number;
  offset: number;
  duration: number;
  files: Record<string, {
    samples?: number;
    first_samples?: number[];
    sum_abs?: number;
    acoustic162?: number[];
    statistical8?: number[];
    error?: string;
    frames?: Record<string, number[] | number[][] | number>;
  }>;
}

/** Reads `librosa-0.10.1.json`. */
export async function librosaReference(): Promise<LibrosaReference> {
  return JSON.parse(await Deno.readTextFile(`${SHARED}/reference/librosa-0.10.1.json`));
}

/** The parsed `librosa-0.10.1-lld.json`: per file, each descriptor's frames (null for NaN). */
export interface LibrosaLldReference {
  files: Record<
    string,
    Record<string, (number | null)[] | (number | null)[][]> | { error: string }
  >;
}

/** Reads `librosa-0.10.1-lld.json`. */
export async function librosaLldReference(): Promise<LibrosaLldReference> {
  return JSON.parse(await Deno.readTextFile(`${SHARED}/reference/librosa-0.10.1-lld.json`));
}

/** The repository's root folder (with a trailing slash). */
export const ROOT = new URL("../", import.meta.url).pathname;

/**
 * Runs `deno run -A <path>` (relative to the repository root) with `args` from the root, given
 * `stdin` if any (a command that stops reading early closes the pipe: that is its answer); its
 * status and output.
 */
export async function runScript(
  path: string,
  args: string[],
  stdin?: Uint8Array,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}${path}`, ...args],
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(stdin).then(() => w.close()).catch(() => {});
  }
  const r = await child.output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: r.code, stdout: text(r.stdout), stderr: text(r.stderr) };
}

/** {@linkcode runScript} of `cli/<script>`. */
export function runCli(
  script: string,
  args: string[],
  stdin?: Uint8Array,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runScript(`cli/${script}`, args, stdin);
}
