import type { DeployableModel } from "./deployable.ts";
import type { Scaler } from "./scaler.ts";

/** Seconds of enrolled speech from which predictions use the speaker's statistics. */
export const MIN_ENROLMENT_SECONDS = 10;

/** The format tag of a saved enrolment (`--save-enrolment`). */
export const ENROLMENT_FORMAT = "serlab-enrolment/1";

/** A speaker's enrolment as saved to JSON: running sums over the model's feature vectors. */
export interface EnrolmentJson {
  format: typeof ENROLMENT_FORMAT;
  /** Identifies the feature vector the sums are over (`DeployableModel.featureKey`). */
  featureKey: string;
  /** Seconds of speech (silence excluded) the statistics come from. */
  seconds: number;
  rows: number;
  sum: number[];
  sumSquares: number[];
}

/**
 * A speaker's feature statistics, accumulated from unlabelled speech: the mean and deviation of
 * each column of the model's feature vector, used instead of the training set's global scaler
 * once enough speech is in (per-speaker standardisation at prediction time).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SpeakerStatistics } from "./enrolment.ts";
 * const s = new SpeakerStatistics(2, "demo");
 * s.add(Float32Array.of(1, 5), 2.5);
 * s.add(Float32Array.of(3, 5), 2.5);
 * assertEquals(s.seconds, 5);
 * assertEquals(s.scaler(), { mean: [2, 5], scale: [1, 1] });
 * ```
 */
export class SpeakerStatistics {
  readonly width: number;
  readonly featureKey: string;
  /** Whether a vector is frames of `width` values (a frame-level model's), each one row. */
  readonly frames: boolean;
  #rows = 0;
  #seconds = 0;
  readonly #sum: Float64Array;
  readonly #sq: Float64Array;

  constructor(width: number, featureKey: string, frames = false) {
    this.width = width;
    this.featureKey = featureKey;
    this.frames = frames;
    this.#sum = new Float64Array(width);
    this.#sq = new Float64Array(width);
  }

  /** Seconds of speech so far. */
  get seconds(): number {
    return this.#seconds;
  }

  /** Feature vectors (frames, for a frame-level model) so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Empty statistics over `model`'s feature vectors (its frames, for a frame-level model). */
  static of(
    model: Pick<DeployableModel, "featureNames" | "featureKey" | "frameLevel">,
  ): SpeakerStatistics {
    return new SpeakerStatistics(model.featureNames.length, model.featureKey, model.frameLevel);
  }

  /**
   * Adds one feature vector from `seconds` of speech: `width` values, or, over `frames`, any
   * number of frames of `width` values each, each frame a row of the statistics. Vectors of
   * another length and non-finite vectors are refused.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { SpeakerStatistics } from "./enrolment.ts";
   * const s = new SpeakerStatistics(2, "frames", true);
   * s.add(Float32Array.of(1, 5, 3, 5), 2.5); // two frames of two values
   * assertEquals([s.rows, s.scaler()], [2, { mean: [2, 5], scale: [1, 1] }]);
   * ```
   */
  add(x: Float32Array, seconds: number): void {
    if (this.frames ? x.length === 0 || x.length % this.width !== 0 : x.length !== this.width) {
      throw new RangeError(
        `a feature vector of ${x.length} values, expected ${
          this.frames ? `frames of ${this.width}` : this.width
        }`,
      );
    }
    if (!x.every(Number.isFinite)) throw new RangeError("a feature vector with non-finite values");
    for (let i = 0; i < x.length; i++) {
      const j = i % this.width;
      this.#sum[j] += x[i];
      this.#sq[j] += x[i] * x[i];
    }
    this.#rows += x.length / this.width;
    this.#seconds += seconds;
  }

  /** The speaker's scaler (population deviation; 1 where a column is constant). */
  scaler(): Scaler {
    const n = Math.max(1, this.#rows);
    const mean = Array.from(this.#sum, (s) => s / n);
    const scale = Array.from(this.#sq, (q, j) => {
      const sd = Math.sqrt(Math.max(0, q / n - mean[j] * mean[j]));
      return sd > 1e-6 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
    });
    return { mean, scale };
  }

  /** The statistics as JSON (see {@linkcode SpeakerStatistics.fromJson}). */
  toJson(): EnrolmentJson {
    return {
      format: ENROLMENT_FORMAT,
      featureKey: this.featureKey,
      seconds: this.#seconds,
      rows: this.#rows,
      sum: Array.from(this.#sum),
      sumSquares: Array.from(this.#sq),
    };
  }

  /**
   * Statistics saved by {@linkcode SpeakerStatistics.toJson}, checked field by field: throws an
   * error starting with `file` and naming the field when the JSON is not an enrolment, lacks a
   * field, holds sums of different lengths or non-finite values, or was taken over another
   * feature vector than `featureKey`'s (another model family, feature set or sample rate).
   *
   * @example
   * ```ts
   * import { assertThrows } from "@std/assert";
   * import { SpeakerStatistics } from "./enrolment.ts";
   * assertThrows(
   *   () => SpeakerStatistics.fromJson({ format: "serlab-enrolment/1" }, "k", "e.json"),
   *   Error,
   *   `e.json: featureKey: missing; this model's features are "k"`,
   * );
   * ```
   */
  static fromJson(
    json: unknown,
    featureKey: string,
    file: string,
    frames = false,
  ): SpeakerStatistics {
    const fail = (field: string, problem: string): never => {
      throw new Error(`${file}: ${field}: ${problem}`);
    };
    if (!json || typeof json !== "object" || Array.isArray(json)) {
      fail("the enrolment", "not a JSON object (a file saved by predict --save-enrolment)");
    }
    const j = json as Record<string, unknown>;
    if (j.format !== ENROLMENT_FORMAT) {
      fail("format", `${JSON.stringify(j.format)}, expected ${ENROLMENT_FORMAT}`);
    }
    if (typeof j.featureKey !== "string") {
      fail("featureKey", `missing; this model's features are "${featureKey}"`);
    }
    if (j.featureKey !== featureKey) {
      fail(
        "featureKey",
        `enrolled over features "${j.featureKey}", but this model's are "${featureKey}" ` +
          "(enrol again with this model)",
      );
    }
    const sum = _numbers(j.sum, "sum", fail);
    const sq = _numbers(j.sumSquares, "sumSquares", fail);
    if (sq.length !== sum.length) {
      fail("sumSquares", `${sq.length} values, but sum holds ${sum.length}`);
    }
    const neg = sq.findIndex((v) => v < 0);
    if (neg >= 0) fail(`sumSquares[${neg}]`, `${sq[neg]} is negative`);
    if (!(Number.isInteger(j.rows) && (j.rows as number) >= 0)) {
      fail("rows", `must be a whole number, got ${JSON.stringify(j.rows)}`);
    }
    if (!(typeof j.seconds === "number" && Number.isFinite(j.seconds) && j.seconds >= 0)) {
      fail("seconds", `must be a number of at least 0, got ${JSON.stringify(j.seconds)}`);
    }
    const s = new SpeakerStatistics(sum.length, featureKey, frames);
    s.#sum.set(sum);
    s.#sq.set(sq);
    s.#rows = j.rows as number;
    s.#seconds = j.seconds as number;
    return s;
  }
}

/**
 * Reads a saved enrolment (`predict --save-enrolment`) for `model`: {@linkcode
 * SpeakerStatistics.fromJson}'s checks, plus that it holds one sum per feature of the model. Every
 * error starts with `file` and says what is wrong (unreadable, not JSON, which field).
 *
 * @example
 * ```ts ignore
 * predictor.useEnrolment(await readEnrolment("me.json", predictor.model));
 * ```
 */
export async function readEnrolment(
  file: string,
  model: Pick<DeployableModel, "featureKey" | "featureNames" | "frameLevel">,
): Promise<SpeakerStatistics> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  const s = SpeakerStatistics.fromJson(json, model.featureKey, file, model.frameLevel);
  const width = model.featureNames.length;
  if (s.width !== width) {
    throw new Error(`${file}: sum: ${s.width} values, but this model has ${width} features`);
  }
  return s;
}

/** A field that must be a list of finite numbers. */
function _numbers(
  value: unknown,
  field: string,
  fail: (field: string, problem: string) => never,
): number[] {
  if (!Array.isArray(value)) return fail(field, "missing or not a list of numbers");
  const bad = value.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad >= 0) fail(`${field}[${bad}]`, `${JSON.stringify(value[bad])} is not a finite number`);
  return value as number[];
}
