/**
 * Studies on a Slurm cluster: a study planned into tasks (feature shards, fold units, a merge),
 * batch scripts and their submission with `sbatch`, the tasks themselves, and what a run folder's
 * state is (done, running, pending, failed).
 *
 * @module
 */
export {
  planStudy,
  readPlan,
  runFeatureShard,
  runPlannedUnit,
  shardsToDo,
  slurmDir,
  type StudyPlan,
  unitDone,
  writePlan,
} from "./plan.ts";
export {
  type BatchScripts,
  isActive,
  queueStates,
  readSubmissions,
  type SlurmOptions,
  type Submission,
  submit,
  writeBatchScripts,
} from "./slurm.ts";
export {
  DEFAULT_SHARDS,
  mergeArgs,
  SLURM_ARGS,
  slurmFlagsGiven,
  slurmOptions,
  submitStudy,
} from "./study.ts";
export {
  formatStatus,
  type StudyStatus,
  studyStatus,
  type TaskState,
  type TaskStatus,
} from "./status.ts";
