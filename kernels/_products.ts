// AssemblyScript, imported by sequence.ts (not a kernel module of its own): the float32 products
// and elementwise steps of the sequence model's passes, over byte offsets. N, the contiguous
// output width, is a multiple of 4; of 16 where marked.

import { addStore, dot, hsum } from "./_simd";

/** out[0..N) += sum_j a[j] w[j][0..N), for j < L. */
export function rowTimesMatrix(a: usize, L: i32, w: usize, N: i32, out: usize): void {
  let n = 0;
  for (; n + 16 <= N; n += 16) {
    const o = <usize> n << 2;
    let s0 = v128.load(out + o), s1 = v128.load(out + o, 16);
    let s2 = v128.load(out + o, 32), s3 = v128.load(out + o, 48);
    let r = w + o;
    const stride = <usize> N << 2;
    for (let j = 0; j < L; j++) {
      const x = v128.load32_splat(a + (<usize> j << 2));
      s0 = f32x4.relaxed_madd(x, v128.load(r), s0);
      s1 = f32x4.relaxed_madd(x, v128.load(r, 16), s1);
      s2 = f32x4.relaxed_madd(x, v128.load(r, 32), s2);
      s3 = f32x4.relaxed_madd(x, v128.load(r, 48), s3);
      r += stride;
    }
    v128.store(out + o, s0);
    v128.store(out + o, s1, 16);
    v128.store(out + o, s2, 32);
    v128.store(out + o, s3, 48);
  }
  for (; n < N; n += 4) {
    const o = <usize> n << 2;
    let s = v128.load(out + o);
    for (let j = 0; j < L; j++) {
      s = f32x4.relaxed_madd(
        f32x4.splat(load<f32>(a + (<usize> j << 2))),
        v128.load(w + ((<usize> (j * N)) << 2) + o),
        s,
      );
    }
    v128.store(out + o, s);
  }
}

/** out[j] += w[j][0..N) . d, for j < L. */
export function matrixTimesVector(w: usize, L: i32, N: i32, d: usize, out: usize): void {
  let j = 0;
  for (; j + 2 <= L; j += 2) {
    const r0 = w + ((<usize> (j * N)) << 2), r1 = r0 + ((<usize> N) << 2);
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    for (let n = 0; n < N; n += 4) {
      const o = <usize> n << 2;
      const dv = v128.load(d + o);
      s0 = f32x4.relaxed_madd(v128.load(r0 + o), dv, s0);
      s1 = f32x4.relaxed_madd(v128.load(r1 + o), dv, s1);
    }
    const at = out + (<usize> j << 2);
    store<f32>(at, load<f32>(at) + hsum(s0));
    store<f32>(at, load<f32>(at, 4) + hsum(s1), 4);
  }
  for (; j < L; j++) {
    const at = out + (<usize> j << 2);
    store<f32>(at, load<f32>(at) + dot(w + ((<usize> (j * N)) << 2), d, N));
  }
}

/** g[j][0..N) += sum over rows r in [r0, r1) of a[r][j] d[r][0..N), for j < J; N of 16. */
export function gradWeights(
  a: usize,
  aStride: i32,
  d: usize,
  N: i32,
  r0: i32,
  r1: i32,
  J: i32,
  g: usize,
): void {
  const as = <usize> aStride << 2, ds = <usize> N << 2;
  for (let n = 0; n < N; n += 16) {
    const o = <usize> n << 2;
    let j = 0;
    for (; j + 2 <= J; j += 2) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      let q0 = f32x4.splat(0), q1 = f32x4.splat(0), q2 = f32x4.splat(0), q3 = f32x4.splat(0);
      let ar = a + ((<usize> (r0 * aStride + j)) << 2);
      let dr = d + ((<usize> (r0 * N)) << 2) + o;
      for (let r = r0; r < r1; r++) {
        const x = v128.load32_splat(ar), y = v128.load32_splat(ar + 4);
        const d0 = v128.load(dr), d1 = v128.load(dr, 16);
        const d2 = v128.load(dr, 32), d3 = v128.load(dr, 48);
        s0 = f32x4.relaxed_madd(x, d0, s0);
        s1 = f32x4.relaxed_madd(x, d1, s1);
        s2 = f32x4.relaxed_madd(x, d2, s2);
        s3 = f32x4.relaxed_madd(x, d3, s3);
        q0 = f32x4.relaxed_madd(y, d0, q0);
        q1 = f32x4.relaxed_madd(y, d1, q1);
        q2 = f32x4.relaxed_madd(y, d2, q2);
        q3 = f32x4.relaxed_madd(y, d3, q3);
        ar += as;
        dr += ds;
      }
      const g0 = g + ((<usize> (j * N)) << 2) + o, g1 = g0 + ds;
      addStore(g0, s0);
      addStore(g0 + 16, s1);
      addStore(g0 + 32, s2);
      addStore(g0 + 48, s3);
      addStore(g1, q0);
      addStore(g1 + 16, q1);
      addStore(g1 + 32, q2);
      addStore(g1 + 48, q3);
    }
    for (; j < J; j++) {
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
      for (let r = r0; r < r1; r++) {
        const x = f32x4.splat(load<f32>(a + ((<usize> (r * aStride + j)) << 2)));
        const dr = d + ((<usize> (r * N)) << 2) + o;
        s0 = f32x4.relaxed_madd(x, v128.load(dr), s0);
        s1 = f32x4.relaxed_madd(x, v128.load(dr, 16), s1);
        s2 = f32x4.relaxed_madd(x, v128.load(dr, 32), s2);
        s3 = f32x4.relaxed_madd(x, v128.load(dr, 48), s3);
      }
      const g0 = g + ((<usize> (j * N)) << 2) + o;
      addStore(g0, s0);
      addStore(g0 + 16, s1);
      addStore(g0 + 32, s2);
      addStore(g0 + 48, s3);
    }
  }
}

/** g[j][0..N) += a[j] d[0..N) for j < L (N a multiple of 4). */
export function addOuter(a: usize, L: i32, d: usize, N: i32, g: usize): void {
  for (let j = 0; j < L; j++) {
    axpy(load<f32>(a + (<usize> j << 2)), d, g + ((<usize> (j * N)) << 2), N);
  }
}

// ---------------------------------------------------------------------------------------------
// Elementwise (n a multiple of 4)

/** a[i] *= b[i]. */
export function multiply(a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    v128.store(a + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
}

/** at[i] = max(at[i], 0). */
export function relu(at: usize, n: i32): void {
  const z = f32x4.splat(0);
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    v128.store(at + o, f32x4.max(v128.load(at + o), z));
  }
}

/** d[i] = 0 where h[i] <= 0 (h after ReLU). */
export function reluGrad(h: usize, d: usize, n: i32): void {
  const z = f32x4.splat(0);
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    v128.store(d + o, v128.and(v128.load(d + o), f32x4.gt(v128.load(h + o), z)));
  }
}

/** y[i] += a x[i]. */
export function axpy(a: f32, x: usize, y: usize, n: i32): void {
  const av = f32x4.splat(a);
  for (let i = 0; i < n; i += 4) {
    const o = <usize> i << 2;
    v128.store(y + o, f32x4.relaxed_madd(av, v128.load(x + o), v128.load(y + o)));
  }
}

/** to[i] = from[i]. */
export function copy(from: usize, to: usize, n: i32): void {
  memory.copy(to, from, <usize> n << 2);
}

/** at[i] = 0. */
export function zero(at: usize, n: i32): void {
  memory.fill(at, 0, <usize> n << 2);
}
