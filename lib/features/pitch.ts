/**
 * Fundamental frequency as librosa 0.10.1 estimates it: `librosa.yin` and `librosa.pyin`
 * (probabilistic YIN: Mauch & Dixon, ICASSP 2014; YIN: de Cheveigné & Kawahara, JASA 2002), with
 * their defaults (frame length 2048, window 1024, hop 512, centred frames padded with zeros),
 * plus the refined period and periodicity behind voice quality.
 *
 * @module
 */
import { FFT } from "./fft.ts";

/** The pitch search range and framing. */
export interface PitchSettings {
  /** Lowest F0, Hz. */
  fmin: number;
  /** Highest F0, Hz. */
  fmax: number;
  /** Frame length, samples; the autocorrelation window is half of it. */
  frameLength: number;
  /** Hop between frames, samples. */
  hop: number;
}

/** serlab's pitch settings: 65 Hz (C2) to 1047 Hz (C6), frames of 2048, hop 512. */
export const PITCH_SETTINGS: PitchSettings = Object.freeze({
  fmin: 65,
  fmax: 1047,
  frameLength: 2048,
  hop: 512,
});

/** The cumulative mean normalised difference function (CMNDF) of every frame. */
export interface YinFrames {
  sampleRate: number;
  settings: PitchSettings;
  frames: number;
  /** Smallest and largest lag searched, samples. */
  minPeriod: number;
  maxPeriod: number;
  /** Lags per frame: `maxPeriod - minPeriod + 1`. */
  lags: number;
  /** CMNDF, `frames * lags`, lag `minPeriod + i` of frame `t` at `t * lags + i`. */
  cmndf: Float64Array;
  /** Parabolic-interpolation shift of each lag (librosa's `_parabolic_interpolation`). */
  shifts: Float64Array;
  /**
   * Normalised periodicity `r(τ) = 1 - d(τ) / (e₀ + e_τ)` = `2·acf(τ) / (e₀ + e_τ)`, same layout:
   * the energy-normalised autocorrelation at each lag (1 for a perfectly periodic frame).
   */
  periodicity: Float64Array;
}

const TINY = 2.2250738585072014e-308;

/**
 * The CMNDF of each frame of `y` exactly as librosa's `_cumulative_mean_normalized_difference`
 * computes it (float32 energies, autocorrelation by FFT, |values| below 1e-6 set to 0).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PITCH_SETTINGS, yinFrames } from "./pitch.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(2 * Math.PI * 220 * i / 22050));
 * const f = yinFrames(y, 22050, PITCH_SETTINGS);
 * assertEquals([f.frames, f.lags], [44, 320]);
 * ```
 */
export function yinFrames(y: Float32Array, sr: number, settings: PitchSettings): YinFrames {
  const { fmin, fmax, frameLength: n, hop } = settings;
  const w = Math.floor(n / 2);
  if (fmax > sr / 2) throw new RangeError(`fmax=${fmax} exceeds the Nyquist frequency ${sr / 2}`);
  if (!(fmin > 0 && fmin < fmax)) throw new RangeError(`need 0 < fmin < fmax: ${fmin}, ${fmax}`);
  const minPeriod = Math.floor(sr / fmax);
  const maxPeriod = Math.min(Math.ceil(sr / fmin), n - w - 1);
  if (n - w - 1 <= Math.floor(sr / fmax)) throw new RangeError(`fmax=${fmax} too small for frames`);
  const lags = maxPeriod - minPeriod + 1;
  const frames = 1 + Math.floor(y.length / hop);
  const cmndf = new Float64Array(frames * lags);
  const shifts = new Float64Array(frames * lags);
  const periodicity = new Float64Array(frames * lags);
  const fft = _fft(n);
  const z = new Float64Array(2 * n), spec = new Float64Array(2 * n), acf = new Float64Array(2 * n);
  const x = new Float64Array(n);
  const energy = new Float64Array(maxPeriod + 1), diff = new Float64Array(maxPeriod + 1);
  const half = Math.floor(n / 2);
  const csLen = w + maxPeriod + 1;
  const cs = new Float64Array(csLen);
  for (let t = 0; t < frames; t++) {
    const start = t * hop - half;
    for (let i = 0; i < n; i++) {
      const j = start + i;
      x[i] = j >= 0 && j < y.length ? y[j] : 0;
    }
    // one complex FFT carries u = x and v = x[1..w]: c[τ] = Σ_{i=1..w} x[i]·x[i+τ]
    for (let i = 0; i < n; i++) {
      z[2 * i] = x[i];
      z[2 * i + 1] = i >= 1 && i <= w ? x[i] : 0;
    }
    fft.transform(spec, z);
    for (let k = 0; k < n; k++) {
      const m = k === 0 ? 0 : n - k;
      const a = spec[2 * k], b = spec[2 * k + 1], c = spec[2 * m], d = spec[2 * m + 1];
      const ur = (a + c) / 2, ui = (b - d) / 2; // U_k
      const vr = (b + d) / 2, vi = (c - a) / 2; // V_k
      z[2 * k] = vr * ur + vi * ui; // conj(V)·U
      z[2 * k + 1] = vr * ui - vi * ur;
    }
    fft.inverseTransform(acf, z);
    // float32 running energies, as numpy's cumsum of float32 squares
    let acc = 0;
    for (let i = 0; i < csLen; i++) {
      acc = Math.fround(acc + Math.fround(x[i] * x[i]));
      cs[i] = acc;
    }
    for (let tau = 0; tau <= maxPeriod; tau++) {
      let e = Math.fround(cs[w + tau] - cs[tau]);
      if (Math.abs(e) < 1e-6) e = 0;
      energy[tau] = e;
    }
    for (let tau = 0; tau <= maxPeriod; tau++) {
      let r = acf[2 * tau];
      if (Math.abs(r) < 1e-6) r = 0;
      diff[tau] = Math.fround(energy[0] + energy[tau]) - 2 * r;
    }
    const base = t * lags;
    let cum = 0;
    for (let tau = 1; tau <= maxPeriod; tau++) {
      cum += diff[tau];
      if (tau >= minPeriod) {
        cmndf[base + tau - minPeriod] = diff[tau] / (cum / tau + TINY);
        const e = Math.fround(energy[0] + energy[tau]);
        periodicity[base + tau - minPeriod] = e > 0 ? 1 - diff[tau] / e : 0;
      }
    }
    for (let i = 1; i < lags - 1; i++) {
      const p = cmndf[base + i - 1], c = cmndf[base + i], q = cmndf[base + i + 1];
      const a = q + p - 2 * c, b = (q - p) / 2;
      shifts[base + i] = Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
    }
  }
  return {
    sampleRate: sr,
    settings,
    frames,
    minPeriod,
    maxPeriod,
    lags,
    cmndf,
    shifts,
    periodicity,
  };
}

/**
 * F0 per frame as `librosa.yin(y, fmin, fmax, sr, frame_length)`: the first CMNDF trough below
 * `threshold` (else the global minimum), refined by parabolic interpolation.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { PITCH_SETTINGS, yin, yinFrames } from "./pitch.ts";
 * const y = new Float32Array(22050).map((_, i) => Math.sin(2 * Math.PI * 220 * i / 22050));
 * assertEquals(Math.round(yin(yinFrames(y, 22050, PITCH_SETTINGS))[20]), 220);
 * ```
 */
export function yin(f: YinFrames, threshold = 0.1): Float64Array {
  const { frames, lags, cmndf, shifts, minPeriod, sampleRate } = f;
  const out = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const base = t * lags;
    let pick = -1, min = 0;
    for (let i = 0; i < lags; i++) {
      const v = cmndf[base + i];
      if (i === 0 || v < cmndf[base + min]) min = i;
      if (pick < 0 && v < threshold && _isTrough(cmndf, base, i, lags)) pick = i;
    }
    if (pick < 0) pick = min;
    out[t] = sampleRate / (minPeriod + pick + shifts[base + pick]);
  }
  return out;
}

/** librosa's trough rule: `localmin`, with the first lag a trough if below the second. */
function _isTrough(x: Float64Array, base: number, i: number, n: number): boolean {
  const v = x[base + i];
  if (i === 0) return v < x[base + 1];
  if (i === n - 1) return v < x[base + i - 1];
  return v < x[base + i - 1] && v <= x[base + i + 1];
}

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
const N_THRESHOLDS = 100, BOLTZMANN = 2, NO_TROUGH_PROB = 0.01, SWITCH_PROB = 0.01;
const BINS_PER_SEMITONE = 10, MAX_TRANSITION_RATE = 35.92;

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
    for (let i = 0; i < lags; i++) if (_isTrough(cmndf, base, i, lags)) troughs.push(i);
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
          Math.max(_roundHalfEven(12 * BINS_PER_SEMITONE * Math.log2(f0 / fmin)), 0),
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
  const states = _viterbi(logObs, frames, nBins, hop, sr);
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

/**
 * Viterbi decoding with librosa's pYIN transition (see {@linkcode pyin}), each frame's in-band
 * maxima found by divide and conquer: within the band the log-transition from `k` to `j` is
 * `log p + log w(|j − k|) − log S_k` up to rounding, with `log w` concave, so the (leftmost) best
 * predecessor of pitch bin `j` never lies left of that of `j − 1` (a Monge array), and each
 * block pair costs O(n log n) instead of O(n · width). Checked equal, state for state, to the
 * exhaustive scan on the 605 sample clips and the fixtures. Out-of-band predecessors (librosa's
 * `log(0 + tiny)`) are taken once per frame from the best state; ties go to the lowest state,
 * as numpy's argmax.
 */
function _viterbi(
  logObs: Float64Array,
  frames: number,
  nBins: number,
  hop: number,
  sr: number,
): Uint16Array {
  const nStates = 2 * nBins;
  const { half, logTrans, maxLog } = _transition(nBins, hop, sr);
  const width = 2 * half + 1;
  const logTiny = Math.log(TINY);
  let value = new Float64Array(nStates), next = new Float64Array(nStates);
  const ptr = new Uint16Array(frames * nStates);
  const best = new Float64Array(nBins), arg = new Int32Array(nBins);
  const logInitVoiced = logTiny, logInitUnvoiced = Math.log(1 / nBins + TINY);
  for (let s = 0; s < nStates; s++) {
    value[s] = logObs[s] + (s < nBins ? logInitVoiced : logInitUnvoiced);
  }
  const blockMax = [0, 0];
  // one block pair: best[pj], arg[pj] over predecessors pk of block bk, merged into best/arg
  const solve = (
    vb: number,
    lt: Float64Array,
    jlo: number,
    jhi: number,
    klo: number,
    khi: number,
  ): void => {
    while (jlo <= jhi) {
      const mid = (jlo + jhi) >> 1;
      const lo = Math.max(klo, mid - half), hi = Math.min(khi, mid + half);
      const at = mid * width - mid + half;
      let b = -Infinity, a = lo;
      for (let pk = lo; pk <= hi; pk++) {
        const v = value[vb + pk] + lt[at + pk];
        if (v > b) {
          b = v;
          a = pk;
        }
      }
      const k = vb + a;
      if (b > best[mid] || (b === best[mid] && k < arg[mid])) {
        best[mid] = b;
        arg[mid] = k;
      }
      // the left half recursively, the right half by iteration
      if (jlo <= mid - 1) solve(vb, lt, jlo, mid - 1, klo, a);
      jlo = mid + 1;
      klo = a;
    }
  };
  for (let t = 1; t < frames; t++) {
    let top = 0;
    for (let s = 1; s < nStates; s++) if (value[s] > value[top]) top = s;
    const far = value[top] + logTiny;
    for (let b = 0; b < 2; b++) {
      let m = -Infinity;
      for (let p = 0; p < nBins; p++) m = Math.max(m, value[b * nBins + p]);
      blockMax[b] = m;
    }
    const row = t * nStates;
    for (let bj = 0; bj < 2; bj++) {
      best.fill(-Infinity);
      arg.fill(nStates);
      const first = blockMax[0] >= blockMax[1] ? 0 : 1;
      for (let pass = 0; pass < 2; pass++) {
        const bk = pass === 0 ? first : 1 - first;
        const combo = bk * 2 + bj;
        if (pass === 1) {
          // skip a block that cannot reach any state's best so far
          let least = Infinity;
          for (let p = 0; p < nBins; p++) least = Math.min(least, best[p]);
          if (blockMax[bk] + maxLog[combo] < least) continue;
        }
        solve(bk * nBins, logTrans[combo], 0, nBins - 1, 0, nBins - 1);
      }
      for (let pj = 0; pj < nBins; pj++) {
        const lo = Math.max(0, pj - half), hi = Math.min(nBins - 1, pj + half);
        let b = best[pj], a = arg[pj];
        const topFar = (top % nBins) < lo || (top % nBins) > hi;
        if (topFar && (far > b || (far === b && top < a))) {
          b = far;
          a = top;
        }
        const j = bj * nBins + pj;
        ptr[row + j] = a;
        next[j] = logObs[row + j] + b;
      }
    }
    [value, next] = [next, value];
  }
  const states = new Uint16Array(frames);
  let last = 0;
  for (let s = 1; s < nStates; s++) if (value[s] > value[last]) last = s;
  states[frames - 1] = last;
  for (let t = frames - 2; t >= 0; t--) states[t] = ptr[(t + 1) * nStates + states[t + 1]];
  return states;
}

interface _Transition {
  half: number;
  logTrans: Float64Array[];
  /** Per block: the largest in-band log-transition. */
  maxLog: number[];
}

const _transitions = new Map<string, _Transition>();

/**
 * `log(kron(transition_loop(2, 0.99), transition_local(n, width, "triangle")) + tiny)` in four
 * banded blocks (from voicing `bk` to `bj` at index `bk * 2 + bj`): row `pj` of a block holds
 * the log-probabilities from pitch bins `pj - half ..= pj + half` into `pj`.
 */
function _transition(nBins: number, hop: number, sr: number): _Transition {
  const key = `${nBins}:${hop}:${sr}`;
  const known = _transitions.get(key);
  if (known) return known;
  const semitones = _roundHalfEven(MAX_TRANSITION_RATE * 12 * hop / sr);
  const width = semitones * BINS_PER_SEMITONE + 1;
  const half = Math.floor(width / 2);
  // scipy's symmetric triangle window of odd length `width`
  const win = Float64Array.from(
    { length: width },
    (_, m) => (2 * (half + 1 - Math.abs(m - half))) / (width + 1),
  );
  // row sums as numpy's pairwise summation takes them
  const sums = new Float64Array(nBins);
  const rowBuf = new Float64Array(nBins);
  for (let i = 0; i < nBins; i++) {
    rowBuf.fill(0);
    for (let j = Math.max(0, i - half); j <= Math.min(nBins - 1, i + half); j++) {
      rowBuf[j] = win[j - i + half];
    }
    sums[i] = _pairwiseSum(rowBuf, 0, nBins);
  }
  const stay = 1 - SWITCH_PROB, change = (1 - stay) / 1;
  const logTrans = [stay, change, change, stay].map((p) => {
    const block = new Float64Array(nBins * width).fill(Math.log(TINY));
    for (let pj = 0; pj < nBins; pj++) {
      for (let pk = Math.max(0, pj - half); pk <= Math.min(nBins - 1, pj + half); pk++) {
        block[pj * width + pk - pj + half] = Math.log(p * (win[pj - pk + half] / sums[pk]) + TINY);
      }
    }
    return block;
  });
  const maxLog = logTrans.map((block) => block.reduce((m, v) => Math.max(m, v), -Infinity));
  const out = { half, logTrans, maxLog };
  _transitions.set(key, out);
  return out;
}

/** numpy's pairwise summation of `a[from .. from + n)`. */
function _pairwiseSum(a: Float64Array, from: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[from + i];
    return s;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[from + j];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[from + i + j];
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[from + i];
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return _pairwiseSum(a, from, n2) + _pairwiseSum(a, from + n2, n - n2);
}

/** Differences of the Beta(2, 18) CDF over thresholds 0, 0.01, …, 1 (closed form). */
function _betaProbs(): Float64Array {
  const cdf = (x: number) => 1 - (1 - x) ** 19 - 19 * x * (1 - x) ** 18;
  return Float64Array.from(
    { length: N_THRESHOLDS },
    (_, i) => cdf((i + 1) / N_THRESHOLDS) - cdf(i / N_THRESHOLDS),
  );
}

/** numpy's `round`: halves go to the even neighbour. */
function _roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const _ffts = new Map<number, FFT>();
function _fft(n: number): FFT {
  let f = _ffts.get(n);
  if (!f) _ffts.set(n, f = new FFT(n));
  return f;
}
