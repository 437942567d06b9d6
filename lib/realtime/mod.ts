/**
 * Real-time use of a trained model: files judged on all their speech, live streams (raw PCM or WAV), long recordings cut
 * into speech segments, speaker enrolment, and the pieces the browser page reuses.
 *
 * @module
 */
export { EmotionPredictor } from "./predictor.ts";
export { predictFeatures, type Prediction, predictSignal, type SignalOptions } from "./predict.ts";
export { monoChunks, type StreamEncoding, type StreamFormat } from "./pcm_stream.ts";
export { levelDb, type Window, Windower } from "./windows.ts";
export {
  predictSegments,
  predictStream,
  type SegmentResult,
  type StreamOptions,
  type StreamResult,
} from "./stream.ts";
export {
  type Segment,
  SEGMENT_DEFAULTS,
  Segmenter,
  type SegmentOptions,
  speechSeconds,
} from "../audio/segments.ts";
export {
  type JudgeOptions,
  judgeRecording,
  LONG_RECORDING,
  type NoEmotion,
  speechPieces,
  type Verdict,
} from "./recording.ts";
export { loadDeployableFromUrl } from "./browser_model.ts";
export { serveApp, type ServeOptions } from "./serve.ts";
