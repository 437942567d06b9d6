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
  #rows = 0;
  #seconds = 0;
  readonly #sum: Float64Array;
  readonly #sq: Float64Array;

  constructor(width: number, featureKey: string) {
    this.width = width;
    this.featureKey = featureKey;
    this.#sum = new Float64Array(width);
    this.#sq = new Float64Array(width);
  }

  /** Seconds of speech so far. */
  get seconds(): number {
    return this.#seconds;
  }

  /** Feature vectors so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Adds one feature vector, from `seconds` of speech. Non-finite vectors are refused. */
  add(x: Float32Array, seconds: number): void {
    if (x.length !== this.width) {
      throw new RangeError(`a feature vector of ${x.length} values, expected ${this.width}`);
    }
    if (!x.every(Number.isFinite)) throw new RangeError("a feature vector with non-finite values");
    for (let j = 0; j < this.width; j++) {
      this.#sum[j] += x[j];
      this.#sq[j] += x[j] * x[j];
    }
    this.#rows++;
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
   * Statistics saved by {@linkcode SpeakerStatistics.toJson}; throws naming `file` when they are
   * not an enrolment or were taken over another feature vector than `featureKey`'s.
   */
  static fromJson(json: unknown, featureKey: string, file: string): SpeakerStatistics {
    const j = json as Partial<EnrolmentJson>;
    if (!j || j.format !== ENROLMENT_FORMAT) {
      throw new Error(`${file}: not a serlab enrolment (format ${j?.format})`);
    }
    if (j.featureKey !== featureKey) {
      throw new Error(
        `${file}: enrolled over features "${j.featureKey}", this model's are "${featureKey}"`,
      );
    }
    const ok = (a: unknown): a is number[] =>
      Array.isArray(a) && a.every(Number.isFinite) && a.length === j.sum?.length;
    if (
      !ok(j.sum) || !ok(j.sumSquares) || !Number.isFinite(j.seconds) || !Number.isInteger(j.rows)
    ) {
      throw new Error(`${file}: malformed enrolment (sums, seconds or rows)`);
    }
    const s = new SpeakerStatistics(j.sum.length, featureKey);
    s.#sum.set(j.sum);
    s.#sq.set(j.sumSquares);
    s.#rows = j.rows!;
    s.#seconds = j.seconds!;
    return s;
  }
}
