/**
 * An experiment's clips and classes, taken from the data by its dataset and label set.
 *
 * @module
 */
import {
  type Clip,
  EMOTIONS,
  isStudyEmotion,
  orderCorpora,
  SUPERSET_CORPORA,
  SUPERSET_EMOTIONS,
} from "../corpora/clip.ts";
import { type LabelSet, labelSetOf } from "../corpora/labels.ts";
import type { Dataset, ExperimentDef } from "./experiment_def.ts";

/**
 * An experiment's clips, classes and label indices. Its dataset picks the clips and default
 * classes: RAVDESS speech with its 8 emotions; the Superset's four corpora with their 6; all
 * clips with every emotion they have; or all clips with the emotions every corpus present has
 * (study emotions in their order, then others alphabetically). `labels` (the run's `--labels`)
 * or the experiment's own label set maps and narrows the classes. Throws naming the experiment
 * when no clip is left, fewer than two classes are, or a class of the run's `--labels` has no
 * clip.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { experimentClips } from "./experiment_clips.ts";
 * import { experimentByName } from "./experiments.ts";
 * assertThrows(
 *   () => experimentClips(experimentByName("paper-ravdess-cv"), []),
 *   Error,
 *   "paper-ravdess-cv: no RAVDESS clips",
 * );
 * ```
 */
export function experimentClips(
  def: ExperimentDef,
  all: readonly Clip[],
  labels?: LabelSet,
): { clips: Clip[]; classes: string[]; labels: Int32Array } {
  const set = labels ?? (def.labels ? labelSetOf(def.labels) : null);
  const superset = SUPERSET_CORPORA as readonly string[];
  const pool = def.dataset === "ravdess"
    ? all.filter((c) => c.corpus === "ravdess")
    : def.dataset === "superset"
    ? all.filter((c) => superset.includes(c.corpus))
    : all;
  const what = { ravdess: "RAVDESS", superset: "Superset", all: "", shared: "" }[def.dataset];
  if (pool.length === 0) throw new Error(`${def.name}: no ${what ? `${what} ` : ""}clips`);
  const classes = set ? [...set.labels] : _defaultClasses(def.dataset, pool);
  if (classes.length < 2) {
    throw new Error(
      `${def.name}: ${
        def.dataset === "shared" ? "the corpora share" : "the data has"
      } fewer than two emotions (${classes.join(", ") || "none"})`,
    );
  }
  const classOf = (c: Clip) => set ? set.map[c.emotion] : c.emotion;
  const clips = pool.filter((c) => classes.includes(classOf(c) ?? ""));
  if (clips.length === 0) throw new Error(`${def.name}: no ${what ? `${what} ` : ""}clips`);
  const y = Int32Array.from(clips, (c) => classes.indexOf(classOf(c)!));
  if (labels) {
    const empty = classes.filter((_, k) => !y.includes(k));
    if (empty.length) {
      throw new Error(`${def.name}: no clip of class ${empty.join(", ")} (--labels) in its data`);
    }
  }
  return { clips, classes, labels: y };
}

/** A dataset's classes when no label set is given. */
function _defaultClasses(dataset: Dataset, pool: readonly Clip[]): string[] {
  if (dataset === "ravdess") return [...EMOTIONS];
  if (dataset === "superset") return [...SUPERSET_EMOTIONS];
  const emotionsOf = (clips: readonly Clip[]) => new Set(clips.map((c) => c.emotion));
  let found = emotionsOf(pool);
  if (dataset === "shared") {
    for (const corpus of orderCorpora(pool.map((c) => c.corpus))) {
      const own = emotionsOf(pool.filter((c) => c.corpus === corpus));
      found = new Set([...found].filter((e) => own.has(e)));
    }
  }
  return [
    ...EMOTIONS.filter((e) => found.has(e)),
    ...[...found].filter((e) => !isStudyEmotion(e)).sort(),
  ];
}
