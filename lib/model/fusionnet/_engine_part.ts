/**
 * One thread's share of an engine batch: forward and backward for rows [n0, n1), gradients
 * into that thread's own gradient block. Runs on the main thread and in the engine's workers.
 *
 * @module
 */
import type { FusionnetKernels } from "../../kernels/fusionnet.ts";

/** Where the engine's arrays live in the shared memory (byte offsets) and their sizes. */
export interface EngineLayout {
  /** Input length, filters, pooled length, flattened length, deep units, classes, max batch. */
  S: number;
  F: number;
  P: number;
  L: number;
  D: number;
  C: number;
  B: number;
  /** Floats in a parameter block (and in each gradient, m and v block). */
  nParams: number;
  /** Offsets of wc, w1, b1, w2, b2 inside a parameter block, bytes. */
  wc: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  params: number;
  m: number;
  v: number;
  /** One gradient block per thread. */
  grads: number[];
  x: number;
  mask: number;
  z1: number;
  dz: number;
  h0: number;
  arg: number;
  /** Per-thread scratch of S*F floats, twice (conv rows, their gradients). */
  scratch: number[];
  /** Total bytes. */
  bytes: number;
}

/** Forward only: deep features (pre-dropout ReLU) of rows [n0, n1) into z1. */
export function forwardPart(
  k: FusionnetKernels,
  lay: EngineLayout,
  thread: number,
  n0: number,
  n1: number,
): void {
  k.convPool(
    lay.x,
    lay.S,
    lay.F,
    lay.params + lay.wc,
    n0,
    n1,
    lay.h0,
    lay.arg,
    lay.scratch[thread],
  );
  k.denseForward(lay.h0, lay.L, lay.params + lay.w1, lay.params + lay.b1, lay.D, n0, n1, lay.z1);
}

/**
 * Forward and backward for rows [n0, n1) of a batch of `batch` rows with `labels`; the loss is
 * averaged over the whole batch. Adds into gradient block `thread` (zeroed by the caller).
 */
export function gradientPart(
  k: FusionnetKernels,
  memory: WebAssembly.Memory,
  lay: EngineLayout,
  thread: number,
  n0: number,
  n1: number,
  batch: number,
  labels: Int32Array,
): { loss: number; correct: number } {
  forwardPart(k, lay, thread, n0, n1);
  const f = new Float32Array(memory.buffer);
  const { D, C } = lay;
  const z1 = lay.z1 >> 2, mask = lay.mask >> 2, dz = lay.dz >> 2;
  const w2 = (lay.params + lay.w2) >> 2, b2 = (lay.params + lay.b2) >> 2;
  const g = lay.grads[thread];
  const gw2 = (g + lay.w2) >> 2, gb2 = (g + lay.b2) >> 2, gb1 = (g + lay.b1) >> 2;
  const h1 = new Float64Array(D), logits = new Float64Array(C);
  let loss = 0, correct = 0;
  for (let n = n0; n < n1; n++) {
    for (let d = 0; d < D; d++) h1[d] = Math.max(0, f[z1 + n * D + d]) * f[mask + n * D + d];
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      let s = f[b2 + c];
      for (let d = 0; d < D; d++) s += h1[d] * f[w2 + d * C + c];
      logits[c] = s;
      if (s > max) max = s;
    }
    let sum = 0, best = 0;
    for (let c = 0; c < C; c++) {
      if (logits[c] > logits[best]) best = c;
      logits[c] = Math.exp(logits[c] - max);
      sum += logits[c];
    }
    const y = labels[n];
    if (best === y) correct++;
    loss -= Math.log(Math.max(logits[y] / sum, 1e-7));
    for (let c = 0; c < C; c++) {
      const dl = (logits[c] / sum - (c === y ? 1 : 0)) / batch; // softmax + cross-entropy
      logits[c] = dl;
      f[gb2 + c] += dl;
      for (let d = 0; d < D; d++) f[gw2 + d * C + c] += h1[d] * dl;
    }
    for (let d = 0; d < D; d++) {
      let dh = 0;
      for (let c = 0; c < C; c++) dh += logits[c] * f[w2 + d * C + c];
      const z = f[z1 + n * D + d];
      const dzv = z > 0 ? dh * f[mask + n * D + d] : 0;
      f[dz + n * D + d] = dzv;
      f[gb1 + d] += dzv;
    }
  }
  k.denseGradW(lay.h0, lay.L, lay.dz, D, n0, n1, g + lay.w1);
  k.denseGradInputRelu(lay.h0, lay.L, lay.params + lay.w1, lay.dz, D, n0, n1);
  const scratch = lay.scratch[thread] + 4 * lay.S * lay.F;
  k.convGrad(lay.x, lay.S, lay.F, n0, n1, lay.h0, lay.arg, scratch, g + lay.wc);
  return { loss, correct };
}
