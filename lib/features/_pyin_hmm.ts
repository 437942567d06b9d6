/**
 * pYIN's hidden Markov model as librosa 0.10.1 builds it: the pitch grid, the banded transition
 * (triangular over pitch, a 1% voicing switch) and Viterbi decoding over it (see `pyin.ts`).
 *
 * @module
 */
import { roundHalfEven, TINY } from "./_pitch_util.ts";

/** Pitch bins per semitone (librosa's `resolution = 0.1`). */
export const BINS_PER_SEMITONE = 10;

/** librosa's defaults: the largest pitch change (octaves per second), the voicing switch. */
const MAX_TRANSITION_RATE = 35.92, SWITCH_PROB = 0.01;

/**
 * Viterbi decoding with librosa's pYIN transition (see `pyin` in `pyin.ts`), each frame's in-band
 * maxima found by divide and conquer: within the band the log-transition from `k` to `j` is
 * `log p + log w(|j − k|) − log S_k` up to rounding, with `log w` concave, so the (leftmost) best
 * predecessor of pitch bin `j` never lies left of that of `j − 1` (a Monge array), and each
 * block pair costs O(n log n) instead of O(n · width). Checked equal, state for state, to the
 * exhaustive scan on the 605 sample clips and the fixtures. Out-of-band predecessors (librosa's
 * `log(0 + tiny)`) are taken once per frame from the best state; ties go to the lowest state,
 * as numpy's argmax.
 */
export function viterbi(
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
  const semitones = roundHalfEven(MAX_TRANSITION_RATE * 12 * hop / sr);
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
