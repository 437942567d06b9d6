/**
 * Fundamental frequency as librosa 0.10.1 estimates it: `librosa.yin` and `librosa.pyin`
 * (probabilistic YIN: Mauch & Dixon, ICASSP 2014; YIN: de Cheveigné & Kawahara, JASA 2002), with
 * their defaults (frame length 2048, window 1024, hop 512, centred frames padded with zeros),
 * plus the refined period and periodicity behind voice quality: the difference function and yin
 * in `yin.ts`, pYIN in `pyin.ts`.
 *
 * @module
 */
export { PITCH_SETTINGS, type PitchSettings, yin, type YinFrames, yinFrames } from "./yin.ts";
export { type Pyin, pyin } from "./pyin.ts";
