import type { RunRecord } from "./record.ts";

/**
 * The experiments already recorded in a run folder's `metrics.json`, so a re-run with another
 * subset of experiments adds to them instead of replacing them. Returns `[]` when the folder has
 * no `metrics.json` yet; throws, naming the file, when it does not parse or records a run of
 * other settings or data (its experiments cannot be merged with this run's).
 *
 * @example
 * ```ts ignore
 * const names = await recordedExperiments("results/demo-1a2b3c4d", record);
 * ```
 */
export async function recordedExperiments(
  runDir: string,
  run: Pick<RunRecord, "settings"> & { data: Pick<RunRecord["data"], "manifest_sha256"> },
): Promise<string[]> {
  const file = `${runDir}/metrics.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
  }
  let old: Partial<RunRecord>;
  try {
    old = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  const same = JSON.stringify(old?.settings) === JSON.stringify(run.settings) &&
    old?.data?.manifest_sha256 === run.data.manifest_sha256;
  if (!same) {
    throw new Error(
      `${file} records a run of other settings or data; its experiments cannot be merged with ` +
        "this run's (choose another --out, or move that folder away)",
    );
  }
  return (old.experiments ?? []).map((e) => e.name).filter((n) => typeof n === "string");
}
