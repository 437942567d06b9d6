// AssemblyScript source, compiled to WebAssembly (SIMD, relaxed SIMD, shared memory) by
// `deno task build-kernels`. The inner loops of SER-FusionNet's deep-feature extractor:
//
//   x [N, S] -> Conv1D(F, k=5, same) -> ReLU -> MaxPool1D(5, stride 2, same) -> Flatten (P*F)
//            -> Dense(D) -> ReLU -> Dropout -> Dense(C) -> softmax
//
// Layouts (float32 unless noted; pointers are byte offsets, the TypeScript side lays them out):
//   wc  [6][F]       conv taps k = 0..4, then the bias row
//   w1  [D][P*F]     dense kernel, output-major (Keras keeps [P*F][D]; lib/model transposes)
//   b1  [D], w2 [D][C], b2 [C]
//   h0  [N][P][F]    pooled activations (after ReLU); reused in place for their gradients
//   arg [N][P][F]    i32: which of the window's 5 positions held the maximum
//   z1  [N][D]       dense pre-activations; h1 [N][D] after ReLU and dropout; drop [N][D] mask
// S, F are multiples of 4; P = ceil(S / 2). TensorFlow's "same" pooling pads one position on the
// left and two on the right, so window j covers positions 2j-1 .. 2j+3.

import { addStore, dot, hsum } from "./_simd";

// Adam, and the sum of the threads' gradients (each zeroes the gradient it has used).
export { adam, addInto } from "./_simd";

const K: i32 = 5;

// ---------------------------------------------------------------------------------------------
// Forward

/** Conv + ReLU + max-pool for rows [n0, n1) of x; writes h0 and arg. `conv` is scratch [S][F]. */
export function convPool(
  x: usize,
  S: i32,
  F: i32,
  wc: usize,
  n0: i32,
  n1: i32,
  h0: usize,
  arg: usize,
  conv: usize,
): void {
  const P = (S + 1) >> 1;
  const fv = F >> 2;
  const bias = wc + ((<usize> (5 * F)) << 2);
  for (let n = n0; n < n1; n++) {
    const xr = x + ((<usize> (n * S)) << 2);
    // conv rows
    for (let t = 0; t < S; t++) {
      const row = conv + ((<usize> (t * F)) << 2);
      for (let v = 0; v < fv; v++) {
        const o = <usize> v << 4;
        let acc = v128.load(bias + o);
        for (let k = 0; k < K; k++) {
          const i = t + k - 2;
          if (i < 0 || i >= S) continue;
          const xs = f32x4.splat(load<f32>(xr + (<usize> i << 2)));
          acc = f32x4.relaxed_madd(xs, v128.load(wc + ((<usize> (k * F)) << 2) + o), acc);
        }
        v128.store(row + o, acc);
      }
    }
    // pool windows
    const hr = h0 + ((<usize> (n * P * F)) << 2);
    const ar = arg + ((<usize> (n * P * F)) << 2);
    for (let j = 0; j < P; j++) {
      const t0 = max(2 * j - 1, 0);
      const t1 = min(2 * j + 3, S - 1);
      const out = <usize> (j * F) << 2;
      for (let v = 0; v < fv; v++) {
        const o = <usize> v << 4;
        let best = v128.load(conv + ((<usize> (t0 * F)) << 2) + o);
        let where = i32x4.splat(t0 - (2 * j - 1));
        for (let t = t0 + 1; t <= t1; t++) {
          const c = v128.load(conv + ((<usize> (t * F)) << 2) + o);
          const gt = f32x4.gt(c, best);
          best = v128.bitselect(c, best, gt);
          where = v128.bitselect(i32x4.splat(t - (2 * j - 1)), where, gt);
        }
        v128.store(hr + out + o, f32x4.max(best, f32x4.splat(0)));
        v128.store(ar + out + o, where);
      }
    }
  }
}

/** z[n][d] = b[d] + sum_i a[n][i] w[d][i] for rows [n0, n1): L a multiple of 4. */
export function denseForward(
  a: usize,
  L: i32,
  w: usize,
  b: usize,
  D: i32,
  n0: i32,
  n1: i32,
  z: usize,
): void {
  let n = n0;
  for (; n + 4 <= n1; n += 4) {
    const a0 = a + ((<usize> (n * L)) << 2);
    const a1 = a0 + ((<usize> L) << 2);
    const a2 = a1 + ((<usize> L) << 2);
    const a3 = a2 + ((<usize> L) << 2);
    let d = 0;
    for (; d + 2 <= D; d += 2) {
      const w0 = w + ((<usize> (d * L)) << 2);
      const w1 = w0 + ((<usize> L) << 2);
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
      for (let i = 0; i < L; i += 4) {
        const o = <usize> i << 2;
        const u = v128.load(w0 + o), v = v128.load(w1 + o);
        const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
        const x2 = v128.load(a2 + o), x3 = v128.load(a3 + o);
        s00 = f32x4.relaxed_madd(x0, u, s00);
        s01 = f32x4.relaxed_madd(x0, v, s01);
        s10 = f32x4.relaxed_madd(x1, u, s10);
        s11 = f32x4.relaxed_madd(x1, v, s11);
        s20 = f32x4.relaxed_madd(x2, u, s20);
        s21 = f32x4.relaxed_madd(x2, v, s21);
        s30 = f32x4.relaxed_madd(x3, u, s30);
        s31 = f32x4.relaxed_madd(x3, v, s31);
      }
      const bd0 = load<f32>(b + (<usize> d << 2)), bd1 = load<f32>(b + (<usize> (d + 1) << 2));
      store<f32>(z + ((<usize> (n * D + d)) << 2), hsum(s00) + bd0);
      store<f32>(z + ((<usize> (n * D + d + 1)) << 2), hsum(s01) + bd1);
      store<f32>(z + ((<usize> ((n + 1) * D + d)) << 2), hsum(s10) + bd0);
      store<f32>(z + ((<usize> ((n + 1) * D + d + 1)) << 2), hsum(s11) + bd1);
      store<f32>(z + ((<usize> ((n + 2) * D + d)) << 2), hsum(s20) + bd0);
      store<f32>(z + ((<usize> ((n + 2) * D + d + 1)) << 2), hsum(s21) + bd1);
      store<f32>(z + ((<usize> ((n + 3) * D + d)) << 2), hsum(s30) + bd0);
      store<f32>(z + ((<usize> ((n + 3) * D + d + 1)) << 2), hsum(s31) + bd1);
    }
    for (; d < D; d++) {
      for (let r = 0; r < 4; r++) {
        store<f32>(
          z + ((<usize> ((n + r) * D + d)) << 2),
          dot(a + ((<usize> ((n + r) * L)) << 2), w + ((<usize> (d * L)) << 2), L) +
            load<f32>(b + (<usize> d << 2)),
        );
      }
    }
  }
  for (; n < n1; n++) {
    for (let d = 0; d < D; d++) {
      store<f32>(
        z + ((<usize> (n * D + d)) << 2),
        dot(a + ((<usize> (n * L)) << 2), w + ((<usize> (d * L)) << 2), L) +
          load<f32>(b + (<usize> d << 2)),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Backward

/** gw[d][i] += sum_n dz[n][d] a[n][i] over rows [n0, n1). */
export function denseGradW(
  a: usize,
  L: i32,
  dz: usize,
  D: i32,
  n0: i32,
  n1: i32,
  gw: usize,
): void {
  for (let d0 = 0; d0 < D; d0 += 4) {
    const dn = min(4, D - d0);
    for (let i = 0; i < L; i += 8) {
      const o = <usize> i << 2;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
      for (let n = n0; n < n1; n++) {
        const ar = a + ((<usize> (n * L)) << 2) + o;
        const x0 = v128.load(ar), x1 = v128.load(ar, 16);
        const g = dz + ((<usize> (n * D + d0)) << 2);
        const g0 = f32x4.splat(load<f32>(g));
        s00 = f32x4.relaxed_madd(x0, g0, s00);
        s01 = f32x4.relaxed_madd(x1, g0, s01);
        if (dn > 1) {
          const g1 = f32x4.splat(load<f32>(g, 4));
          s10 = f32x4.relaxed_madd(x0, g1, s10);
          s11 = f32x4.relaxed_madd(x1, g1, s11);
        }
        if (dn > 2) {
          const g2 = f32x4.splat(load<f32>(g, 8));
          s20 = f32x4.relaxed_madd(x0, g2, s20);
          s21 = f32x4.relaxed_madd(x1, g2, s21);
        }
        if (dn > 3) {
          const g3 = f32x4.splat(load<f32>(g, 12));
          s30 = f32x4.relaxed_madd(x0, g3, s30);
          s31 = f32x4.relaxed_madd(x1, g3, s31);
        }
      }
      const r0 = gw + ((<usize> (d0 * L)) << 2) + o;
      addStore(r0, s00);
      addStore(r0 + 16, s01);
      if (dn > 1) {
        const r1 = r0 + ((<usize> L) << 2);
        addStore(r1, s10);
        addStore(r1 + 16, s11);
      }
      if (dn > 2) {
        const r2 = r0 + ((<usize> (2 * L)) << 2);
        addStore(r2, s20);
        addStore(r2 + 16, s21);
      }
      if (dn > 3) {
        const r3 = r0 + ((<usize> (3 * L)) << 2);
        addStore(r3, s30);
        addStore(r3 + 16, s31);
      }
    }
  }
}

/**
 * For rows [n0, n1): the gradient reaching the pooled activations, da[n][i] = sum_d dz[n][d]
 * w[d][i], zeroed where the activation h[n][i] was not positive (ReLU), written over h in place.
 * L a multiple of 8.
 */
export function denseGradInputRelu(
  h: usize,
  L: i32,
  w: usize,
  dz: usize,
  D: i32,
  n0: i32,
  n1: i32,
): void {
  const zero = f32x4.splat(0);
  for (let n = n0; n < n1; n++) {
    const hr = h + ((<usize> (n * L)) << 2);
    const g = dz + ((<usize> (n * D)) << 2);
    for (let i = 0; i < L; i += 8) {
      const o = <usize> i << 2;
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
      for (let d = 0; d < D; d++) {
        const gd = f32x4.splat(load<f32>(g + (<usize> d << 2)));
        const wr = w + ((<usize> (d * L)) << 2) + o;
        s0 = f32x4.relaxed_madd(v128.load(wr), gd, s0);
        s1 = f32x4.relaxed_madd(v128.load(wr, 16), gd, s1);
      }
      const h0 = v128.load(hr + o), h1 = v128.load(hr + o, 16);
      v128.store(hr + o, v128.and(s0, f32x4.gt(h0, zero)));
      v128.store(hr + o, v128.and(s1, f32x4.gt(h1, zero)), 16);
    }
  }
}

/**
 * Conv weight gradients for rows [n0, n1): routes each pooled gradient (in h0) to the position
 * that won its window, then gwc[k][f] += sum_t x[t+k-2] g[t][f], bias row += sum_t g[t][f].
 * `g` is scratch [S][F].
 */
export function convGrad(
  x: usize,
  S: i32,
  F: i32,
  n0: i32,
  n1: i32,
  dh0: usize,
  arg: usize,
  g: usize,
  gwc: usize,
): void {
  const P = (S + 1) >> 1;
  const fv = F >> 2;
  for (let n = n0; n < n1; n++) {
    memory.fill(g, 0, <usize> (S * F) << 2);
    const dr = dh0 + ((<usize> (n * P * F)) << 2);
    const ar = arg + ((<usize> (n * P * F)) << 2);
    for (let j = 0; j < P; j++) {
      const first = 2 * j - 1;
      const out = <usize> (j * F) << 2;
      for (let v = 0; v < fv; v++) {
        const o = <usize> v << 4;
        const d = v128.load(dr + out + o);
        const w = v128.load(ar + out + o);
        for (let p = 0; p < K; p++) {
          const t = first + p;
          if (t < 0 || t >= S) continue;
          const m = i32x4.eq(w, i32x4.splat(p));
          const at = g + ((<usize> (t * F)) << 2) + o;
          v128.store(at, f32x4.add(v128.load(at), v128.and(d, m)));
        }
      }
    }
    const xr = x + ((<usize> (n * S)) << 2);
    const gb = gwc + ((<usize> (5 * F)) << 2);
    for (let t = 0; t < S; t++) {
      const row = g + ((<usize> (t * F)) << 2);
      for (let v = 0; v < fv; v++) {
        const o = <usize> v << 4;
        const gv = v128.load(row + o);
        addStore(gb + o, gv);
        for (let k = 0; k < K; k++) {
          const i = t + k - 2;
          if (i < 0 || i >= S) continue;
          const xs = f32x4.splat(load<f32>(xr + (<usize> i << 2)));
          const at = gwc + ((<usize> (k * F)) << 2) + o;
          v128.store(at, f32x4.relaxed_madd(xs, gv, v128.load(at)));
        }
      }
    }
  }
}
