// AssemblyScript source, compiled to WebAssembly (SIMD) by `deno task build-kernels`.
// The two products of multinomial logistic regression's loss (lib/model/linear/logistic.ts), in
// float64 with float32 features. Weights are transposed, feature-major: wt[j][Cp], Cp (classes
// rounded up to 8) lanes per feature, so two classes share a float64x2 lane pair and each class's
// sum runs over the features in the same order, with the same roundings, as a scalar loop
// (multiplies and adds are never fused). Rows come in pairs (the caller pads an odd count with a
// zero row whose residual is zero). Pointers are byte offsets.

/**
 * Class scores: z[i][c] = bias[c] + sum over j = 0, 1, ... of wt[j][c]·x[i][j], for rows × d
 * float32 features at x (rows even). z is rows × cp float64.
 */
export function scores(
  x: usize,
  rows: i32,
  d: i32,
  wt: usize,
  bias: usize,
  cp: i32,
  z: usize,
): void {
  const rowBytes = <usize> d << 2, laneBytes = <usize> cp << 3;
  for (let i = 0; i < rows; i += 2) {
    const xa = x + <usize> i * rowBytes, xb = xa + rowBytes;
    for (let c = 0; c < cp; c += 8) {
      const cb = <usize> c << 3;
      let a0 = v128.load(bias + cb), a1 = v128.load(bias + cb, 16);
      let a2 = v128.load(bias + cb, 32), a3 = v128.load(bias + cb, 48);
      let b0 = a0, b1 = a1, b2 = a2, b3 = a3;
      let w = wt + cb;
      for (let j = 0; j < d; j++) {
        const o = <usize> j << 2;
        const va = f64x2.splat(<f64> load<f32>(xa + o));
        const vb = f64x2.splat(<f64> load<f32>(xb + o));
        const w0 = v128.load(w),
          w1 = v128.load(w, 16),
          w2 = v128.load(w, 32),
          w3 = v128.load(w, 48);
        a0 = f64x2.add(a0, f64x2.mul(w0, va));
        a1 = f64x2.add(a1, f64x2.mul(w1, va));
        a2 = f64x2.add(a2, f64x2.mul(w2, va));
        a3 = f64x2.add(a3, f64x2.mul(w3, va));
        b0 = f64x2.add(b0, f64x2.mul(w0, vb));
        b1 = f64x2.add(b1, f64x2.mul(w1, vb));
        b2 = f64x2.add(b2, f64x2.mul(w2, vb));
        b3 = f64x2.add(b3, f64x2.mul(w3, vb));
        w += laneBytes;
      }
      const za = z + <usize> i * laneBytes + cb, zb = za + laneBytes;
      v128.store(za, a0), v128.store(za, a1, 16), v128.store(za, a2, 32), v128.store(za, a3, 48);
      v128.store(zb, b0), v128.store(zb, b1, 16), v128.store(zb, b2, 32), v128.store(zb, b3, 48);
    }
  }
}

/**
 * Gradient of the weights: gt[j][c] += r[i][c]·x[i][j] for rows i = 0, 1, ... in order (rows
 * even), r being rows × cp float64 residuals (probability minus one-hot label). gt is d × cp
 * float64.
 */
export function gradient(x: usize, rows: i32, d: i32, r: usize, cp: i32, gt: usize): void {
  const rowBytes = <usize> d << 2, laneBytes = <usize> cp << 3;
  for (let i = 0; i < rows; i += 2) {
    const xa = x + <usize> i * rowBytes, xb = xa + rowBytes;
    const ra = r + <usize> i * laneBytes, rb = ra + laneBytes;
    for (let c = 0; c < cp; c += 8) {
      const cb = <usize> c << 3;
      const p0 = v128.load(ra + cb), p1 = v128.load(ra + cb, 16);
      const p2 = v128.load(ra + cb, 32), p3 = v128.load(ra + cb, 48);
      const q0 = v128.load(rb + cb), q1 = v128.load(rb + cb, 16);
      const q2 = v128.load(rb + cb, 32), q3 = v128.load(rb + cb, 48);
      let g = gt + cb;
      for (let j = 0; j < d; j++) {
        const o = <usize> j << 2;
        const va = f64x2.splat(<f64> load<f32>(xa + o));
        const vb = f64x2.splat(<f64> load<f32>(xb + o));
        v128.store(g, f64x2.add(f64x2.add(v128.load(g), f64x2.mul(p0, va)), f64x2.mul(q0, vb)));
        v128.store(
          g,
          f64x2.add(f64x2.add(v128.load(g, 16), f64x2.mul(p1, va)), f64x2.mul(q1, vb)),
          16,
        );
        v128.store(
          g,
          f64x2.add(f64x2.add(v128.load(g, 32), f64x2.mul(p2, va)), f64x2.mul(q2, vb)),
          32,
        );
        v128.store(
          g,
          f64x2.add(f64x2.add(v128.load(g, 48), f64x2.mul(p3, va)), f64x2.mul(q3, vb)),
          48,
        );
        g += laneBytes;
      }
    }
  }
}
