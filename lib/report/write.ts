import { writeFileAtomic } from "../util/atomic.ts";
import { plotsPage, reportPage } from "./html.ts";
import { foldsCsv, predictionsCsv, type RunRecord, stringifyMetrics } from "./record.ts";

/**
 * Writes a run's outputs under `dir`, each atomically: `metrics.json`, `folds.csv`,
 * `predictions.csv`, `plots/<experiment>.html` and `report.html`. Returns the report's path.
 *
 * @example
 * ```ts ignore
 * const report = await writeRunOutputs("results/demo-1a2b3c4d", record);
 * ```
 */
export async function writeRunOutputs(dir: string, run: RunRecord): Promise<string> {
  await writeFileAtomic(`${dir}/metrics.json`, stringifyMetrics(run));
  await writeFileAtomic(`${dir}/folds.csv`, foldsCsv(run));
  await writeFileAtomic(`${dir}/predictions.csv`, predictionsCsv(run));
  for (const e of run.experiments) {
    await writeFileAtomic(`${dir}/plots/${e.name}.html`, plotsPage(e));
  }
  await writeFileAtomic(`${dir}/report.html`, reportPage(run));
  return `${dir}/report.html`;
}
