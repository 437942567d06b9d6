import { AudioError } from "../audio/error.ts";
import { loadClip } from "../audio/load.ts";
import { checkFiniteVector } from "../features/finite.ts";
import type { DeployableModel } from "../model/deployable.ts";
import { MIN_ENROLMENT_SECONDS, SpeakerStatistics } from "../model/enrolment.ts";
import { loadDeployable } from "../model/load_deployable.ts";
import type { Scaler } from "../model/scaler.ts";
import { predictFeatures, type Prediction } from "./predict.ts";
import type { SileroVad } from "../audio/vad.ts";
import { speechClips } from "./recording.ts";

/**
 * A trained model ready to predict: the same feature code and networks as training, and,
 * optionally, a speaker's enrolment (statistics from unlabelled speech) that replaces the global
 * scaler once it holds `minEnrolmentSeconds` of speech.
 *
 * @example
 * ```ts ignore
 * const predictor = await EmotionPredictor.load("results/demo-1a2b3c4d/model");
 * const vad = await SileroVad.load();
 * await predictor.enrolFile(await Deno.readFile("hello.wav"), "hello.wav", vad);
 * const p = await predictor.predictFile(await Deno.readFile("clip.wav"), "clip.wav");
 * console.log(p.emotion, p.standardization);
 * ```
 */
export class EmotionPredictor {
  readonly model: DeployableModel;
  /** Speech needed before the speaker's statistics are used. */
  minEnrolmentSeconds = MIN_ENROLMENT_SECONDS;
  #speaker: SpeakerStatistics | null = null;
  #domain: SpeakerStatistics | null = null;

  private constructor(model: DeployableModel) {
    this.model = model;
  }

  /** Wraps a loaded deployable model. */
  static of(model: DeployableModel): EmotionPredictor {
    return new EmotionPredictor(model);
  }

  /** Loads a model folder written by `deno task train` or `deno task reproduce`. */
  static async load(dir: string): Promise<EmotionPredictor> {
    return new EmotionPredictor(await loadDeployable(dir));
  }

  /** The model's labels. */
  get labels(): string[] {
    return [...this.model.labels];
  }

  /** The enrolment so far (null: none). */
  get enrolment(): SpeakerStatistics | null {
    return this.#speaker;
  }

  /** The target domain's statistics so far (`adaptFile`; null: none). */
  get domain(): SpeakerStatistics | null {
    return this.#domain;
  }

  /** The speaker's scaler once enough speech is enrolled, else none. */
  speakerScaler(): Scaler | undefined {
    return this.#usable(this.#speaker);
  }

  /** The domain's scaler once enough of its speech is in (`adaptFile`), else none. */
  domainScaler(): Scaler | undefined {
    return this.#usable(this.#domain);
  }

  /** Replaces the enrolment (e.g. one saved earlier); throws if the model cannot use one. */
  useEnrolment(stats: SpeakerStatistics): void {
    this.#requireSpeakerModel();
    this.#speaker = stats;
  }

  /** Adds a signal at the model's rate with `seconds` of speech to the enrolment. */
  enrolSignal(y: Float32Array, seconds: number): void {
    this.#enrolFeatures(this.model.features(y), seconds);
  }

  /**
   * Enrols a recording (WAV or AIFF bytes) as `predict` reads it ({@linkcode speechClips}: its
   * speech found by Silero VAD; up to 5 s through the model's cut, one vector like the clips it
   * scores; longer ones as their speech segments). Returns the seconds of speech added; throws
   * naming the file for bad audio or when the detector hears no speech.
   */
  async enrolFile(bytes: Uint8Array, file: string, vad: SileroVad): Promise<number> {
    this.#requireSpeakerModel();
    this.#speaker ??= this.#statistics();
    return await this.#accumulate(bytes, file, vad, this.#speaker, "enrol");
  }

  /**
   * Adds an unlabelled recording of the target domain (the same microphone or corpus, any
   * speakers) to the domain's statistics, read as {@linkcode enrolFile} reads it: once they hold
   * `minEnrolmentSeconds` of speech they standardise the features instead of the training set's
   * (domain adaptation; a speaker's own enrolment still comes first). Returns the seconds of
   * speech added; throws naming the file for bad audio or when the detector hears no speech.
   */
  async adaptFile(bytes: Uint8Array, file: string, vad: SileroVad): Promise<number> {
    this.#domain ??= this.#statistics();
    return await this.#accumulate(bytes, file, vad, this.#domain, "adapt to");
  }

  async #accumulate(
    bytes: Uint8Array,
    file: string,
    vad: SileroVad,
    stats: SpeakerStatistics,
    verb: string,
  ): Promise<number> {
    // every piece first, then added together: a file that fails adds nothing
    const pieces: { x: Float32Array; speech: number }[] = [];
    for await (const c of speechClips(this.model, vad, bytes, file)) {
      const x = this.model.features(c.y);
      if (!x.every(Number.isFinite)) throw new Error(`${file}: the features are not finite`);
      if (c.speech > 0) pieces.push({ x, speech: c.speech });
    }
    const added = pieces.reduce((a, p) => a + p.speech, 0);
    if (added === 0) throw new Error(`${file}: no speech to ${verb} (the detector heard none)`);
    for (const p of pieces) stats.add(p.x, p.speech);
    return added;
  }

  /**
   * Predicts a recording's emotion from its file bytes (WAV or AIFF), cut and resampled as in
   * training (`load`: 2.5 s from 0.6 s at 22,050 Hz). Throws naming the file for bad audio.
   */
  async predictFile(
    bytes: Uint8Array,
    file: string,
    gender?: "male" | "female",
    withInputs = false,
  ): Promise<Prediction> {
    const y = loadClip(bytes, file, this.model.load);
    try {
      return await this.predictSignal(y, gender, withInputs);
    } catch (e) {
      if (e instanceof RangeError) throw new AudioError(file, "non-finite", e.message);
      throw new Error(`${file}: ${e instanceof Error ? e.message : e}`);
    }
  }

  /**
   * Predicts from a mono signal already at `load.sampleRate`; with `enrolSeconds` > 0 the signal
   * (that much speech) first joins the enrolment (one feature extraction for both). Throws a
   * `RangeError` when the features or the probabilities are not finite.
   */
  async predictSignal(
    y: Float32Array,
    gender?: "male" | "female",
    withInputs = false,
    enrolSeconds = 0,
  ): Promise<Prediction> {
    const raw = this.model.features(y);
    checkFiniteVector(raw, y);
    if (enrolSeconds > 0) this.#enrolFeatures(raw, enrolSeconds);
    return await predictFeatures(this.model, raw, {
      speaker: this.speakerScaler(),
      domain: this.domainScaler(),
      gender,
      withInputs,
    });
  }

  /** Frees the networks. */
  dispose(): void {
    this.model.dispose();
  }

  #enrolFeatures(x: Float32Array, seconds: number): void {
    this.#requireSpeakerModel();
    this.#speaker ??= this.#statistics();
    if (!x.every(Number.isFinite)) throw new Error("the features are not finite");
    this.#speaker.add(x, seconds);
  }

  #statistics(): SpeakerStatistics {
    return SpeakerStatistics.of(this.model);
  }

  #usable(s: SpeakerStatistics | null): Scaler | undefined {
    return s && s.seconds >= this.minEnrolmentSeconds && s.rows > 1 ? s.scaler() : undefined;
  }

  #requireSpeakerModel(): void {
    if (!this.model.speakerNormalized) {
      throw new Error(
        "this model was trained with one global scaler (model format 2); enrolment needs a model " +
          "trained on per-speaker standardised features: retrain it with `deno task train`",
      );
    }
  }
}
