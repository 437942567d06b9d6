/**
 * librosa 0.10.1's features, in TypeScript: the STFT, mel, chroma (with tuning estimation),
 * MFCC, ZCR, RMS and spectral shape, and SER-FusionNet's 162 acoustic + 8 statistical features;
 * the low-level descriptors that carry emotion (pitch by yin and pYIN, spectral contrast,
 * flatness, roll-off, onset strength, MFCC deltas, 64-band log-mel, voice quality).
 *
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { FUSIONNET_LOAD, loadClip } from "../audio/mod.ts";
 * import { extractFeatures } from "./mod.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const { acoustic, statistical } = extractFeatures(loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD), 22050);
 * assertEquals([acoustic.length, statistical.length], [162, 8]);
 * ```
 *
 * @module
 */
export { FFT } from "./fft.ts";
export { type Spectrogram, stft } from "./stft.ts";
export { hzToMel, type MelFilterbank, melFilterbank, melSpectrogram, melToHz } from "./mel.ts";
export { estimateTuning } from "./tuning.ts";
export { chroma, type ChromaFilterbank, chromaFilterbank } from "./chroma.ts";
export { mfcc, powerToDb } from "./mfcc.ts";
export { zeroCrossingRate } from "./zcr.ts";
export { rms } from "./rms.ts";
export { spectralShape } from "./spectral.ts";
export { type Moments, moments } from "./moments.ts";
export {
  PITCH_SETTINGS,
  type PitchSettings,
  type Pyin,
  pyin,
  yin,
  type YinFrames,
  yinFrames,
} from "./pitch.ts";
export { spectralContrast } from "./contrast.ts";
export { spectralFlatness, spectralRolloff } from "./spectral.ts";
export { onsetStrength } from "./onset.ts";
export { delta } from "./delta.ts";
export { harmonicsToNoise, jitter, loudness, type Segments, segments, shimmer } from "./voice.ts";
export { FUNCTIONAL_NAMES, type FunctionalName, functionals } from "./functionals.ts";
export {
  COMPACT_FEATURES,
  type Cut,
  CUTS,
  extractSet,
  type FunctionalSet,
  functionalSet,
  SET_NAMES,
  setFromDescriptors,
  type SetName,
} from "./sets.ts";
export { clipNormalised } from "./clip_norm.ts";
export {
  type AnySetName,
  baseSet,
  DERIVED_SETS,
  type DerivedSetName,
  deriveRows,
  extractAnySet,
  isAnySet,
  setNames,
} from "./derived.ts";
export { PROSODIC, prosodicColumns } from "./prosody.ts";
export {
  FRAME_COUNT,
  FRAME_DESCRIPTORS,
  FRAME_FEATURES,
  FRAME_NAMES,
  frameDescriptors,
} from "./frames.ts";
export { LLD_NAMES, type LldName, type LowLevelDescriptors, lowLevelDescriptors } from "./lld.ts";
export {
  ACOUSTIC_NAMES,
  extractFeatures,
  type FeatureFrames,
  featureFrames,
  type FeatureSet,
  type FeatureSettings,
  FUSIONNET_FEATURES,
  STATISTICAL_NAMES,
  summarizeFrames,
} from "./extract.ts";
export { checkFiniteFeatures } from "./finite.ts";
