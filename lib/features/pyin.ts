/**
 * pYIN as librosa 0.10.1 computes it (probabilistic YIN: Mauch & Dixon, ICASSP 2014), on the
 * frames of `yin.ts`, with librosa's defaults, plus the refined F0 behind voice quality.
 *
 * @module
 */
import { BINS_PER_SEMITONE, viterbi } from "./_pyin_hmm.ts";
import { isTrough, roundHalfEven, TINY } from "./_pitch_util.ts";
import type { YinFrames } from "./yin.ts";

/** pYIN's output (librosa's three arrays) and the refined F0 behind voice quality. */
export interface Pyin {
  /** F0 in Hz on pYIN's 10-cent grid, NaN where unvoiced. */
  f0: Float64Array;
  /** 1 where the Viterbi path is voiced. */
  voicedFlag: Uint8Array;
  /** Probability that the frame is voiced (the sum of its trough probabilities). */
  voicedProb: Float64Array;
  /**
   * F0 off the grid, Hz, NaN where unvoiced: on voiced frames the interpolated period of the
   * trough that put mass on the chosen pitch bin (the grid value where none did).
   */
  f0Fine: Float64Array;
  /** The lag (index into the frame's CMNDF lags) of that trough, -1 where none. */
  lag: Int32Array;
}

/** pYIN's constants at librosa's defaults. */
const N_THRESHOLDS = 100, BOLTZMANN = 2, NO_TROUGH_PROB = 0.01;

/**
 * pYIN as `librosa.pyin(y, fmin, fmax, sr, frame_length)` computes it: trough probabilities
 * under a Beta(2, 18) prior over thresholds and a Boltzmann prior over troughs, then Viterbi
 * decoding over `2 × n_pitch_bins` states (voiced and unvoiced, 10 bins per semitone) with
 * librosa's triangular local transition (±`round(35.92·12·hop/sr)` semitones) and a 1% voicing
 * switch. librosa's dense log-transition matrix holds `log(tiny)` outside the band; that term is
 * taken once per frame from the frame's best state.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PITCH_SETTINGS, pyin, yinFrames } from "./pitch.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(2 * Math.PI * 220 * i / 22050));
 * const p = pyin(yinFrames(y, 22050, PITCH_SETTINGS));
 * assertEquals([p.voicedFlag[20], Math.round(p.f0[20])], [1, 220]);
 * ```
 */
export function pyin(f: YinFrames): Pyin {
  const { frames, lags, cmndf, shifts, minPeriod, sampleRate: sr, settings } = f;
  const { fmin, fmax, hop } = settings;
  const nBins = Math.floor(12 * BINS_PER_SEMITONE * Math.log2(fmax / fmin)) + 1;
  const beta = _betaProbs();
  const nStates = 2 * nBins;
  // observation log-probabilities, frame-major; the voiced ones are mostly log(tiny)
  const logObs = new Float64Array(frames * nStates);
  const voicedProb = new Float64Array(frames);
  const obsLag = new Int32Array(frames * nBins).fill(-1);
  const obs = new Float64Array(nBins + 1);
  const troughs: number[] = [], firstBelow: number[] = [], probs: number[] = [];
  const logTiny = Math.log(TINY);
  for (let t = 0; t < frames; t++) {
    const base = t * lags;
    troughs.length = 0;
    for (let i = 0; i < lags; i++) if (isTrough(cmndf, base, i, lags)) troughs.push(i);
    obs.fill(0);
    const touched: number[] = [];
    if (troughs.length) {
      // firstBelow[k]: the first threshold index i with height < thresholds[i + 1]
      firstBelow.length = probs.length = 0;
      let gm = 0;
      for (let k = 0; k < troughs.length; k++) {
        const h = cmndf[base + troughs[k]];
        let i = 0;
        while (i < N_THRESHOLDS && !(h < (i + 1) / N_THRESHOLDS)) i++;
        firstBelow.push(i);
        probs.push(0);
        if (h < cmndf[base + troughs[gm]]) gm = k;
      }
      for (let i = 0; i < N_THRESHOLDS; i++) {
        let count = 0;
        for (let k = 0; k < troughs.length; k++) if (firstBelow[k] <= i) count++;
        if (!count) continue;
        const fact = (1 - Math.exp(-BOLTZMANN)) / (1 - Math.exp(-BOLTZMANN * count));
        let pos = 0;
        for (let k = 0; k < troughs.length; k++) {
          if (firstBelow[k] > i) continue;
          probs[k] += fact * Math.exp(-BOLTZMANN * pos) * beta[i];
          pos++;
        }
      }
      let below = 0;
      for (let i = 0; i < firstBelow[gm]; i++) below += beta[i];
      probs[gm] += NO_TROUGH_PROB * below;
      for (let k = 0; k < troughs.length; k++) {
        if (probs[k] === 0) continue;
        const lag = troughs[k];
        const f0 = sr / (minPeriod + lag + shifts[base + lag]);
        const bin = Math.min(
          Math.max(roundHalfEven(12 * BINS_PER_SEMITONE * Math.log2(f0 / fmin)), 0),
          nBins,
        );
        if (obs[bin] === 0) touched.push(bin);
        obs[bin] = probs[k];
        if (bin < nBins) obsLag[t * nBins + bin] = lag;
      }
    }
    touched.sort((a, b) => a - b);
    let vp = 0;
    for (const b of touched) if (b < nBins) vp += obs[b];
    vp = Math.min(Math.max(vp, 0), 1);
    voicedProb[t] = vp;
    const row = t * nStates;
    logObs.fill(logTiny, row, row + nBins);
    for (const b of touched) if (b < nBins) logObs[row + b] = Math.log(obs[b] + TINY);
    logObs.fill(Math.log((1 - vp) / nBins + TINY), row + nBins, row + nStates);
  }
  const states = viterbi(logObs, frames, nBins, hop, sr);
  const f0 = new Float64Array(frames), f0Fine = new Float64Array(frames);
  const voicedFlag = new Uint8Array(frames);
  const lag = new Int32Array(frames).fill(-1);
  for (let t = 0; t < frames; t++) {
    const s = states[t];
    if (s >= nBins) {
      f0[t] = f0Fine[t] = NaN;
      continue;
    }
    voicedFlag[t] = 1;
    f0[t] = fmin * 2 ** (s / (12 * BINS_PER_SEMITONE));
    const l = obsLag[t * nBins + s];
    lag[t] = l;
    f0Fine[t] = l >= 0 ? sr / (minPeriod + l + shifts[t * lags + l]) : f0[t];
  }
  return { f0, voicedFlag, voicedProb, f0Fine, lag };
}

/** Differences of the Beta(2, 18) CDF over thresholds 0, 0.01, …, 1 (closed form). */
function _betaProbs(): Float64Array {
  const cdf = (x: number) => 1 - (1 - x) ** 19 - 19 * x * (1 - x) ** 18;
  return Float64Array.from(
    { length: N_THRESHOLDS },
    (_, i) => cdf((i + 1) / N_THRESHOLDS) - cdf(i / N_THRESHOLDS),
  );
}
