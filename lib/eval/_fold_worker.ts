/// <reference lib="deno.worker" />
/**
 * A fold-unit worker of a functional-set experiment: runs one unit (found by its key) with the
 * run's context, posting its log lines as it goes and its result (or the error) at the end.
 *
 * @module
 */
import type { FunctionalsExperimentDef } from "./experiment_def.ts";
import { experimentByName } from "./experiments.ts";
import { runFunctionalsFoldUnit } from "./run_functionals.ts";

self.onmessage = async (e: MessageEvent) => {
  const { experiment, ctx, key } = e.data;
  try {
    const def = experimentByName(experiment) as FunctionalsExperimentDef;
    const log = (line: string) => self.postMessage({ log: line });
    self.postMessage({ result: await runFunctionalsFoldUnit(def, { ...ctx, log }, key) });
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
