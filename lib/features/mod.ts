/**
 * librosa 0.10.1's features, in TypeScript: the STFT, mel, chroma (with tuning estimation),
 * MFCC, ZCR, RMS and spectral shape, and SER-FusionNet's 162 acoustic + 8 statistical features.
 *
 * ```ts
 * import { FUSIONNET_LOAD, loadClip } from "../audio/mod.ts";
 * import { extractFeatures } from "./mod.ts";
 * const path = "../shared/reference/audio/male_angry.f32.22050.wav";
 * const { acoustic, statistical } = extractFeatures(loadClip(await Deno.readFile(path), path, FUSIONNET_LOAD), 22050);
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
